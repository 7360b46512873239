package org.embedrec.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.analysis.EmbeddingPca;
import org.embedrec.analysis.EmbeddingTable;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.EmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec analyze pca}: principal components of the item vectors, read by their end items. */
@Command(name = "pca", description = "Principal components of the item vectors: explained variance and the items at both ends of each.")
final class AnalyzePcaCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    Path model;

    @Option(names = {"-k", "--components"}, paramLabel = "K", defaultValue = "3", description = "components (default ${DEFAULT-VALUE})")
    int components;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "items at each end (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "only use items with at least N training ratings (default ${DEFAULT-VALUE})")
    int minRatings;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write item,pc1,pc2,... (external item ids)")
    Path csv;

    @Override
    public Integer call() throws Exception {
        AnalysisTarget target = AnalysisTarget.load(model);
        EmbeddingModel embedding = target.embeddings("pca");
        int[] counts = target.itemCounts();
        EmbeddingTable table = EmbeddingTable.ofItems(embedding, item -> counts[item] >= minRatings);
        EmbeddingPca pca = EmbeddingPca.fit(table, components);
        ItemCatalog catalog = embedding.catalog();
        System.out.printf(Locale.ROOT, "PCA of %,d item vectors (%d dimensions, items with >= %d ratings)%n",
                table.rows(), table.dimensions(), minRatings);
        TextTable variance = new TextTable("component", "variance", "share");
        for (int j = 0; j < components; j++) {
            variance.row("PC" + (j + 1), String.format(Locale.ROOT, "%.4f", pca.variance()[j]),
                    String.format(Locale.ROOT, "%.1f%%", 100 * pca.explainedVarianceRatio()[j]));
        }
        System.out.print(variance);
        for (int j = 0; j < components; j++) {
            List<EmbeddingPca.Loading> top = pca.top(j, count);
            List<EmbeddingPca.Loading> bottom = pca.bottom(j, count);
            TextTable ends = new TextTable("negative end", "score", "positive end", "score");
            for (int r = 0; r < top.size(); r++) {
                ends.row(catalog.title(bottom.get(r).index()), String.format(Locale.ROOT, "%.3f", bottom.get(r).score()),
                        catalog.title(top.get(r).index()), String.format(Locale.ROOT, "%.3f", top.get(r).score()));
            }
            System.out.println();
            System.out.println("PC" + (j + 1) + ":");
            System.out.print(ends);
        }
        if (csv != null) {
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                out.write("item");
                for (int j = 0; j < components; j++) {
                    out.write(",pc" + (j + 1));
                }
                out.write('\n');
                for (int row = 0; row < table.rows(); row++) {
                    out.write(Csv.field(embedding.items().id(table.indices()[row])));
                    for (int j = 0; j < components; j++) {
                        out.write(',' + Double.toString(pca.scores()[row][j]));
                    }
                    out.write('\n');
                }
            }
            System.out.println("wrote " + csv);
        }
        return 0;
    }
}
