package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.embedrec.analysis.Tsne;
import org.embedrec.report.ModelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedrec report}: one offline HTML page about a model and its data. */
@Command(name = "report", description = "Write a self-contained HTML report (data, training history, metrics vs. baselines, plots,"
        + " bias rankings, PCA, t-SNE map, example recommendations, similar items).")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    ModelFlags flags;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "folder for index.html and images/")
    Path out;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "least training ratings of items in rankings, PCA, map and similar lists (default ${DEFAULT-VALUE})")
    int minRatings;

    @Option(names = "--map-items", paramLabel = "N", defaultValue = "2500",
            description = "most items on the t-SNE map, 0 for none (default ${DEFAULT-VALUE})")
    int mapItems;

    @Option(names = "--linked-images", description = "link the PNGs beside the page instead of embedding them")
    boolean linkedImages;

    @Override
    public Integer call() throws Exception {
        ModelContext context = ModelContext.load(flags.model, flags.dataSpec(), System.out);
        if (!context.hasData()) {
            throw new IllegalArgumentException("report needs the training data: pass --data DIR");
        }
        ModelReport.Options options = ModelReport.Options.defaults().withMinRatings(minRatings)
                .withMap(mapItems, Tsne.Options.defaults()).withEmbeddedImages(!linkedImages);
        write(context, options, out, System.out);
        return 0;
    }

    /** Writes the report of a loaded model with its rebuilt split; {@code demo} uses it too. */
    static Path write(ModelContext context, ModelReport.Options options, Path out, PrintStream console) throws IOException {
        long start = System.nanoTime();
        String name = context.model().info().kind();
        Path page = ModelReport.write(new ModelReport.Inputs(context.model(), name, context.data(), context.parts().all(),
                context.parts().test(), Map.of(name, context.model().info().history())), options, out);
        console.printf(java.util.Locale.ROOT, "wrote report %s (%.1f s)%n", page, (System.nanoTime() - start) / 1e9);
        return page;
    }
}
