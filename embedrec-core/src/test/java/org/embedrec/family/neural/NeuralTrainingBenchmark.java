package org.embedrec.family.neural;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.io.MovieLens;
import org.embedrec.family.Trainers;

/**
 * The timing harness behind docs/BENCHMARKS.md (not a test: timings do not belong in assertions).
 * Trains each neural model with its default options for 10 epochs on a random 80/20 split of
 * ml-latest-small (seed 42) on 1 and on 2 threads, after a one-epoch warm-up of each model, and
 * prints test RMSE, wall seconds, process CPU seconds and the load average before and after. With
 * the third argument {@code presets} it instead trains the deep model once per tutorial preset.
 *
 * <p>Run from the repository root after {@code mvn -q -B -pl embedrec-core -am test-compile}:
 * {@code java -cp embedrec-core/target/classes:embedrec-core/target/test-classes:$(cat cp.txt)
 * org.embedrec.family.neural.NeuralTrainingBenchmark ../shared/data/ml-latest-small [repeats [presets]]}, where cp.txt
 * comes from {@code mvn -q -pl embedrec-core dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class NeuralTrainingBenchmark {
    private NeuralTrainingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Dataset data = MovieLens.load(Path.of(args[0]));
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean presetsOnly = args.length > 2 && args[2].equals("presets");
        Split split = Splits.randomHoldout(data.ratings(), 0.2, 42);
        ItemCatalog catalog = data.catalog();
        System.out.printf("damped biases test RMSE %.4f%n",
                Metrics.ratingErrors(Baselines.biases(split.train(), catalog), split.test()).rmse());
        if (presetsOnly) {
            for (String preset : List.of("recommender-net", "fastai", "deep-regression")) {
                long wall0 = System.nanoTime();
                NeuralRatingModel model = fit(preset, Map.of(), split, catalog);
                System.out.printf("deep, preset %-15s threads 1: test RMSE %.4f, %d epochs in %.2f s wall; load %s%n",
                        preset, Metrics.ratingErrors(model, split.test()).rmse(), model.info().history().size(),
                        (System.nanoTime() - wall0) / 1e9, load());
            }
            return;
        }
        List<String> kinds = List.of("deep", "hybrid", "classifier");
        for (String kind : kinds) {
            fit(kind, Map.of("epochs", 1), split, catalog); // JIT warm-up
        }
        for (String kind : kinds) {
            for (int threads : new int[] {1, 2}) {
                for (int repeat = 0; repeat < repeats; repeat++) {
                    String loadBefore = load();
                    long cpu0 = processCpuNanos();
                    long wall0 = System.nanoTime();
                    NeuralRatingModel model = fit(kind, Map.of("threads", threads),
                            split, catalog);
                    double wall = (System.nanoTime() - wall0) / 1e9;
                    double cpu = (processCpuNanos() - cpu0) / 1e9;
                    String extra = "";
                    if (model instanceof RatingClassifierModel classifier) {
                        double squared = 0;
                        for (int row = 0; row < split.test().size(); row++) {
                            double e = classifier.mostLikelyRating(split.test().user(row), split.test().item(row))
                                    - split.test().rating(row);
                            squared += e * e;
                        }
                        extra = String.format(" arg-max RMSE %.4f", Math.sqrt(squared / split.test().size()));
                    }
                    System.out.printf("%-17s threads %d: test RMSE %.4f%s, 10 epochs in %.2f s wall, %.2f s CPU;"
                            + " load %s -> %s%n", kind, threads, Metrics.ratingErrors(model, split.test()).rmse(), extra,
                            wall, cpu, loadBefore, load());
                }
            }
        }
    }

    private static NeuralRatingModel fit(String name, Map<String, ?> options, Split split, ItemCatalog catalog) {
        return (NeuralRatingModel) Trainers.create(name, options).fit(split.train(), catalog);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0];
    }
}
