package org.embedrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.io.DataSpec;
import org.embedrec.io.MovieLens;
import org.embedrec.data.SplitSpec;
import org.embedrec.download.MovieLensDownloader;
import org.embedrec.download.MovieLensRelease;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.io.AtomicFiles;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Recommender;
import org.embedrec.report.ModelReport;
import org.embedrec.synth.SyntheticMovieLens;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec demo}: the whole path in one command, on real data when it can get it and on
 * synthetic data otherwise (saying so).
 */
@Command(name = "demo", description = "Train, evaluate against baselines, recommend for a user, list similar movies and save the model."
        + " Uses --data, else the cached ml-latest-small, else downloads it, else generates synthetic data.")
final class DemoCommand implements Callable<Integer> {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** The data to use instead of the default (any source: a MovieLens folder, a file, a query, a spec). */
    @Mixin
    DataFlags data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "demo-model.safetensors", description = "model file to write (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = {"-u", "--user"}, paramLabel = "ID", description = "user to recommend for (default: the most active user)")
    String user;

    @Option(names = {"-i", "--item"}, paramLabel = "ID|TITLE", description = "item to find similar items for (default: the most rated item)")
    String item;

    @Option(names = "--no-progress", description = "no progress bars")
    boolean noProgress;

    @Option(names = "--report", paramLabel = "DIR",
            description = "folder for the HTML report (default: demo-report beside the model file)")
    Path report;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        AtomicFiles.checkWritable(out); // before minutes of training, not after
        DataSpec source = data.given() ? data.spec() : DataSpec.of(defaultData(console));
        Dataset dataset = DataFlags.loadReporting(source, console, MovieLens.CachePolicy.AUTO);
        SplitSpec spec = SplitSpec.parse(SplitSpec.DEFAULT);
        // Implicit data has no ratings for matrix factorization to fit: the demo then ranks with BPR.
        ModelConfig config = new ModelConfig(dataset.implicit() ? "bpr" : "mf", Map.of());
        Recommender model = TrainAndEvaluate.run(dataset, source, spec, 42, config, RankingMetrics.DEFAULT_K, console, !noProgress && System.console() != null);
        ModelFiles.save(model, out);
        console.println("saved model to " + out);

        TrainingData parts = TrainingData.of(dataset, source, spec, 42, 0);
        ModelContext context = new ModelContext(model, dataset, parts);
        console.println();
        RecommendCommand.print(context, user != null ? user : mostActiveUser(parts), ListingFlags.DEFAULT,
                ListingFlags.DEFAULT, console);
        console.println();
        int query = item != null ? ItemQuery.resolve(model.catalog(), item, console) : mostRatedItem(parts);
        SimilarCommand.print(SimilarCommand.similarity(model, out), query, ListingFlags.DEFAULT, ListingFlags.DEFAULT, console);
        console.println();
        Path reportDir = report != null ? report : out.toAbsolutePath().getParent().resolve("demo-report");
        ReportCommand.write(context, ModelReport.Options.defaults(), reportDir, console);
        console.println("next: serve it with a web page: bin/embedrec serve --model " + out + " --data " + (data.given() ? data.data : source.source())
                + " (then open http://127.0.0.1:8080/)");
        console.println("  or: bin/embedrec recommend --model " + out + " --user ID, bin/embedrec similar --model " + out
                + " --item TITLE");
        return 0;
    }

    /** The cached ml-latest-small, else a fresh download, else synthetic data. */
    private static Path defaultData(PrintStream console) throws IOException {
        MovieLensRelease release = MovieLensRelease.ML_LATEST_SMALL;
        MovieLensDownloader downloader = new MovieLensDownloader(EmbedrecHome.datasets(),
                MovieLensDownloader.GROUPLENS_BASE_URI, CONNECT_TIMEOUT);
        if (downloader.isCached(release)) {
            console.println("using the cached " + release + " in " + downloader.folder(release));
            return downloader.folder(release);
        }
        try (CountProgress progress = new CountProgress("download " + release, " MB", 1 << 20, -1)) {
            console.println("downloading " + release + " from GroupLens ...");
            return downloader.fetch(release, progress::update);
        } catch (IOException e) {
            Path synthetic = EmbedrecHome.datasets().resolve("synthetic-small");
            console.println("could not download " + release + " (" + e.getMessage() + ")");
            console.println("=> using SYNTHETIC MovieLens-like data instead (planted structure, fictional titles) in " + synthetic);
            if (!Files.isRegularFile(synthetic.resolve(SyntheticMovieLens.RATINGS_FILE))) {
                GenerateCommand.generate(SyntheticMovieLens.Options.defaults(), synthetic);
            }
            return synthetic;
        }
    }

    private static String mostActiveUser(TrainingData parts) {
        int[] counts = parts.all().userCounts();
        return parts.all().users().id(argmax(counts));
    }

    private static int mostRatedItem(TrainingData parts) {
        return argmax(parts.all().itemCounts());
    }

    private static int argmax(int[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
