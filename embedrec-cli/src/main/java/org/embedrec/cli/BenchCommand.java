package org.embedrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.embedrec.data.Dataset;
import org.embedrec.data.InteractionLists;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.data.UserRatings;
import org.embedrec.eval.Baseline;
import org.embedrec.eval.Evaluation;
import org.embedrec.eval.EvaluationReport;
import org.embedrec.eval.RatingErrors;
import org.embedrec.io.DataLoader;
import org.embedrec.io.MovieLens;
import org.embedrec.model.BatchTopN;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.Recommender;
import org.embedrec.train.FactorKernels;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.TrainingOptions;
import org.embedrec.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec bench}: the end-to-end benchmark. Loads a MovieLens folder (timing the load, which
 * writes or reads the binary ratings cache), holds out a random test part, trains a model (by default
 * {@code mf-sgd}: biased matrix factorization, plain SGD, one rating per step, as LIBMF), evaluates
 * it beside the damped-biases baseline, and recommends top-N for every user (dot-product models by
 * blocked batch scoring, {@link BatchTopN}; the others one user at a time); then prints a table and
 * writes the same figures as JSON. The machine's load average is recorded beside the timings, since
 * a shared machine slows wall-clock figures; CPU seconds are reported too.
 */
@Command(name = "bench", description = "Benchmark end to end: load, train N epochs, evaluate, recommend for all users; "
        + "prints a table and writes JSON.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Mixin
    TrainingFlags training;

    @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "42", description = "seed of the test split (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.1", description = "random test fraction (default ${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "recommendations per user (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--recommend-users", paramLabel = "N", defaultValue = "-1",
            description = "recommend for the first N users only; -1 = all, 0 = skip (default ${DEFAULT-VALUE})")
    int recommendUsers;

    @Option(names = "--cache", paramLabel = "POLICY", defaultValue = "AUTO",
            description = "binary ratings cache: AUTO, ALWAYS or NEVER (default ${DEFAULT-VALUE})")
    MovieLens.CachePolicy cache;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE ('-' = stdout)")
    Path json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ModelConfig config = training.toConfig("mf-sgd");
        RecommenderTrainer<?> trainer = config.trainer();
        int threads = trainer.training().map(TrainingOptions::threads).orElse(1);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", machine());
        report.put("loadAverageBefore", loadAverage());
        resetPeakHeap();

        long start = System.nanoTime();
        long cpu = processCpuNanos();
        Dataset dataset = DataLoader.load(data.spec(), cache).dataset();
        trainer = ImplicitData.adapt(config, dataset).trainer();
        Map<String, Object> load = timing(start, cpu);
        load.put("ratings", dataset.ratings().size());
        load.put("users", dataset.ratings().userCount());
        load.put("items", dataset.ratings().itemCount());
        report.put("load", load);

        Split split = Splits.randomHoldout(dataset.ratings(), testFraction, splitSeed);
        List<Double> epochSeconds = new ArrayList<>();
        start = System.nanoTime();
        cpu = processCpuNanos();
        Recommender model = trainer.fit(split.train(), null,
                dataset.catalog(), new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record) {
                        epochSeconds.add(record.seconds());
                    }
                });
        Map<String, Object> train = timing(start, cpu);
        long examples = (long) split.train().size() * epochSeconds.size();
        double trainSeconds = (double) train.get("seconds");
        train.put("model", config.model());
        train.put("options", trainer.optionsMap());
        train.put("kernels", FactorKernels.implementation());
        train.put("epochSeconds", epochSeconds);
        train.put("ratingsPerSecond", examples / trainSeconds);
        train.put("ratingsPerCpuSecond", examples / (double) train.get("cpuSeconds"));
        train.put("bestEpochRatingsPerSecond", split.train().size() / epochSeconds.stream().mapToDouble(x -> x).min().orElse(Double.NaN));
        int batchSize = trainer.training().map(TrainingOptions::batchSize).orElse(1);
        train.put("updatesPerSecond", Math.ceil((double) split.train().size() / batchSize) * epochSeconds.size() / trainSeconds);
        report.put("train", train);

        // a ranking-only model (iALS, EASE, item-kNN, BPR) predicts no ratings: no RMSE to report
        if (model.predictsRatings()) {
            start = System.nanoTime();
            EvaluationReport evaluation = Evaluation.of(split.train(), split.test(), dataset.catalog()).withRatingErrors()
                    .evaluate(model);
            RatingErrors mf = evaluation.model().errors().orElseThrow();
            RatingErrors biases = evaluation.baseline(Baseline.DAMPED_BIASES).errors().orElseThrow();
            Map<String, Object> quality = new LinkedHashMap<>();
            quality.put("testRatings", split.test().size());
            quality.put("rmse", mf.rmse());
            quality.put("mae", mf.mae());
            quality.put("baselineBiasesRmse", biases.rmse());
            quality.put("seconds", (System.nanoTime() - start) / 1e9);
            report.put("quality", quality);
        }

        int users = recommendUsers < 0 ? split.train().userCount() : Math.min(recommendUsers, split.train().userCount());
        if (users > 0) {
            start = System.nanoTime();
            cpu = processCpuNanos();
            long recommended = model instanceof DotProductModel dotProduct
                    ? recommendBlocked(dotProduct, split.train(), users, threads)
                    : recommendAll(model, split.train().byUser(), users, threads);
            Map<String, Object> recommend = timing(start, cpu);
            recommend.put("method", model instanceof DotProductModel
                    ? "blocked batch, " + BatchTopN.kernel() + " kernel" : "one user at a time");
            recommend.put("users", users);
            recommend.put("top", top);
            recommend.put("recommendations", recommended);
            recommend.put("millisecondsPerUser", 1e3 * (double) recommend.get("seconds") / users);
            report.put("recommend", recommend);
        }
        report.put("peakHeapMegabytes", peakHeapBytes() / (1024.0 * 1024.0));
        report.put("loadAverageAfter", loadAverage());

        System.out.print(table(report));
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            String text = mapper.writeValueAsString(report) + System.lineSeparator();
            if (json.toString().equals("-")) {
                System.out.print(text);
            } else {
                Files.writeString(json, text);
                System.out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** Top-N for users {@code 0 .. users-1} by blocked batch scoring, excluding their training items; the seen lists count in the time. */
    private long recommendBlocked(DotProductModel model, Ratings train, int users, int threads) {
        int[][] seen = InteractionLists.byUser(train);
        return BatchTopN.recommend(model, java.util.stream.IntStream.range(0, users).toArray(), top, seen, threads).total();
    }

    /** Top-N for users {@code 0 .. users-1} on the training's number of threads, excluding their training items. */
    private long recommendAll(Recommender model, UserRatings seen, int users, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Long>> parts = new ArrayList<>();
            int workers = Math.max(1, threads);
            for (int t = 0; t < workers; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    long count = 0;
                    boolean[] excluded = new boolean[model.items().size()];
                    for (int user = first; user < users; user += workers) {
                        int[] items = seen.items(user);
                        for (int item : items) {
                            excluded[item] = true;
                        }
                        count += model.recommend(user, top, item -> excluded[item]).size();
                        for (int item : items) {
                            excluded[item] = false;
                        }
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> part : parts) {
                total += part.get();
            }
            return total;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("recommending failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> timing(long startNanos, long startCpuNanos) {
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("seconds", (System.nanoTime() - startNanos) / 1e9);
        timing.put("cpuSeconds", (processCpuNanos() - startCpuNanos) / 1e9);
        return timing;
    }

    @SuppressWarnings("unchecked")
    private static String table(Map<String, Object> report) {
        Map<String, Object> load = (Map<String, Object>) report.get("load");
        Map<String, Object> train = (Map<String, Object>) report.get("train");
        Map<String, Object> quality = (Map<String, Object>) report.get("quality");
        Map<String, Object> recommend = (Map<String, Object>) report.get("recommend");
        TextTable table = new TextTable("stage", "seconds", "CPU s", "figure");
        table.row("load", f2(load.get("seconds")), f2(load.get("cpuSeconds")),
                String.format(Locale.ROOT, "%,d ratings, %,d users, %,d items", load.get("ratings"), load.get("users"), load.get("items")));
        table.row("train", f2(train.get("seconds")), f2(train.get("cpuSeconds")),
                String.format(Locale.ROOT, "%.2f M ratings/s (best epoch %.2f M/s), %.2f M updates/s, %s",
                        (double) train.get("ratingsPerSecond") / 1e6, (double) train.get("bestEpochRatingsPerSecond") / 1e6,
                        (double) train.get("updatesPerSecond") / 1e6, train.get("kernels")));
        if (quality != null) {
            table.row("evaluate", f2(quality.get("seconds")), "",
                    String.format(Locale.ROOT, "test RMSE %.4f (damped biases %.4f) on %,d ratings",
                            quality.get("rmse"), quality.get("baselineBiasesRmse"), quality.get("testRatings")));
        }
        if (recommend != null) {
            table.row("recommend", f2(recommend.get("seconds")), f2(recommend.get("cpuSeconds")),
                    String.format(Locale.ROOT, "top-%d for %,d users, %.3f ms/user, %s", recommend.get("top"),
                            recommend.get("users"), recommend.get("millisecondsPerUser"), recommend.get("method")));
        }
        return table + String.format(Locale.ROOT, "peak heap %.0f MB; load average %s before, %s after; %s%n",
                report.get("peakHeapMegabytes"), report.get("loadAverageBefore"), report.get("loadAverageAfter"),
                ((Map<?, ?>) report.get("machine")).get("summary"));
    }

    private static String f2(Object seconds) {
        return String.format(Locale.ROOT, "%.2f", (double) seconds);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        long maxHeap = Runtime.getRuntime().maxMemory();
        machine.put("cores", cores);
        machine.put("maxHeapMegabytes", maxHeap >> 20);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("summary", String.format(Locale.ROOT, "%d cores, Java %s, max heap %d MB", cores,
                System.getProperty("java.version"), maxHeap >> 20));
        return machine;
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" off Linux. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peak usages: an upper bound of the peak heap, exact when pools peak together. */
    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
