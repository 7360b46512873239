package org.embedrec.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.analysis.EmbeddingTable;
import org.embedrec.analysis.Tsne;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.report.Charts;
import org.embedrec.report.PointGroups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code embedrec analyze tsne}: a 2-D map of the item vectors as CSV {@code item,x,y} (external item
 * ids), the embedding map the HTTP server serves, and optionally as a picture.
 */
@Command(name = "tsne", description = "Map the item vectors to 2-D with t-SNE; writes CSV item,x,y and optionally a PNG.")
final class AnalyzeTsneCommand implements Callable<Integer> {
    /** How the picture colours the items. */
    enum Colour { genre, popularity }

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    Path model;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "CSV file to write: item,x,y")
    Path out;

    @Option(names = "--png", paramLabel = "FILE", description = "also draw the map into this PNG")
    Path png;

    @Option(names = "--colour", paramLabel = "BY", defaultValue = "genre", description = "colour the PNG by ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Colour colour;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "only map items with at least N training ratings (default ${DEFAULT-VALUE}, as in every listing)")
    int minRatings;

    @Option(names = "--perplexity", paramLabel = "P", defaultValue = "30", description = "effective neighbour count, 5..50 (default ${DEFAULT-VALUE})")
    double perplexity;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000", description = "gradient steps (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--theta", paramLabel = "T", defaultValue = "0.5", description = "Barnes-Hut accuracy, 0 = exact O(n²) (default ${DEFAULT-VALUE})")
    double theta;

    @Option(names = "--exact", description = "exact t-SNE (same as --theta 0)")
    boolean exact;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "seed of the initial map (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "threads of the Barnes-Hut gradient; the map does not depend on it"
            + " (default: the available processors)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        AnalysisTarget target = AnalysisTarget.load(model);
        EmbeddingModel embedding = target.embeddings("tsne");
        int[] counts = target.itemCounts();
        EmbeddingTable table = EmbeddingTable.ofItems(embedding, item -> counts[item] >= minRatings);
        Tsne.Options options = Tsne.Options.defaults().withPerplexity(perplexity).withIterations(iterations)
                .withTheta(exact ? 0 : theta).withSeed(seed)
                .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        long start = System.nanoTime();
        double[][] map = new Tsne(options).map(table);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "t-SNE (%s) of %,d item vectors (%d dimensions): %d iterations in %.1f s%n",
                options.exact() ? "exact" : "Barnes-Hut, theta " + options.theta() + ", " + options.threads() + " threads",
                table.rows(), table.dimensions(), iterations, seconds);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("item,x,y\n");
            for (int row = 0; row < map.length; row++) {
                writer.write(Csv.field(embedding.items().id(table.indices()[row])) + ',' + map[row][0] + ',' + map[row][1] + '\n');
            }
        }
        System.out.println("wrote " + out);
        if (png != null) {
            PointGroups groups = colour == Colour.genre ? PointGroups.byMainGenre(embedding.catalog(), table.indices())
                    : PointGroups.byPopularity(counts, table.indices());
            double[] x = new double[map.length];
            double[] y = new double[map.length];
            for (int row = 0; row < map.length; row++) {
                x[row] = map[row][0];
                y[row] = map[row][1];
            }
            Charts.writePng(Charts.groupedScatter("t-SNE map of " + table.rows() + " items by " + colour, "", "", x, y,
                    groups.group(), groups.names(), Collections.nCopies(map.length, null), new int[0]).chart(), png);
            System.out.println("wrote " + png);
        }
        return 0;
    }
}
