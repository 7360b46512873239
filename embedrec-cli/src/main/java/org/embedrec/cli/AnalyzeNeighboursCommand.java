package org.embedrec.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.analysis.Histogram;
import org.embedrec.analysis.SimilarityProfile;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.ScoredItem;
import org.embedrec.report.Charts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec analyze neighbours}: nearest items by cosine and the similarity histogram of one item. */
@Command(name = "neighbours", aliases = "neighbors",
        description = "Nearest items of one item by cosine similarity, and the histogram of its similarity to all items.")
final class AnalyzeNeighboursCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    Path model;

    @Option(names = {"-i", "--item"}, paramLabel = "ID|TITLE", required = true, description = "an item id or a title fragment")
    String item;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "neighbours (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "only list items with at least N training ratings (default ${DEFAULT-VALUE})")
    int minRatings;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "20", description = "histogram bins over [-1, 1] (default ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--png", paramLabel = "FILE", description = "also draw the histogram into this PNG")
    Path png;

    @Override
    public Integer call() throws Exception {
        AnalysisTarget target = AnalysisTarget.load(model);
        EmbeddingModel embedding = target.embeddings("neighbours");
        int query = ItemQuery.resolve(embedding.catalog(), item, System.out);
        if (!embedding.isKnownItem(query)) {
            throw new IllegalArgumentException("item " + embedding.items().id(query) + " (" + embedding.catalog().title(query)
                    + ") has no training ratings: its embedding was never trained");
        }
        int[] counts = target.itemCounts();
        SimilarityProfile profile = SimilarityProfile.of(embedding, query);
        List<ScoredItem> nearest = profile.nearest(count, other -> counts[other] < minRatings);
        System.out.printf("items most similar to %s (id %s):%n", embedding.catalog().title(query), embedding.items().id(query));
        System.out.print(ItemTable.of(embedding.catalog(), nearest, ItemTable.Score.COSINE));
        Histogram histogram = profile.histogram(bins);
        System.out.printf(Locale.ROOT, "%ncosine similarity to all %,d other trained items:%n", histogram.total());
        TextTable table = new TextTable("from", "to", "items");
        long[] values = histogram.counts();
        for (int bin = 0; bin < histogram.bins(); bin++) {
            table.row(String.format(Locale.ROOT, "%+.2f", histogram.binLow(bin)),
                    String.format(Locale.ROOT, "%+.2f", histogram.binLow(bin + 1)), values[bin]);
        }
        System.out.print(table);
        if (png != null) {
            Charts.writePng(Charts.histogram("Cosine similarity to " + embedding.catalog().title(query), "cosine similarity",
                    histogram), png);
            System.out.println("wrote " + png);
        }
        return 0;
    }
}
