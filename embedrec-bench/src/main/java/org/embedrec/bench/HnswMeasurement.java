package org.embedrec.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.embedrec.ann.HnswOptions;
import org.embedrec.ann.ItemIndex;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.RatingScale;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;

/**
 * HNSW against exact top-10 on a generated BPR model (issue 20): index build time and memory, then
 * recall@10 and single-thread per-query latency of the exact scan ({@code BatchTopN}) and of the
 * index at several {@code efSearch}, over the same users. A plain program rather than JMH: one build
 * of a million-item graph takes minutes, and recall is measured beside the latency.
 *
 * <p>Item vectors have a low-rank structure with norms spread over a factor of about 10, and items
 * have biases, as trained factors do; user ids are 1 .. users, so that
 * {@code embedrec-server/bench/run.sh} (USERS=users) can load-test a saved model.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp embedrec-bench/target/benchmarks.jar \
 *     org.embedrec.bench.HnswMeasurement items=1000000 dim=64 queries=500 ef=100,200,400,800 save=/tmp/hnsw
 * </pre>
 * Options ({@code name=value}): items (default 100000), dim (64), users (10000), queries (500),
 * m (32), efConstruction (100), ef (comma list, 100,200,400), seed (7), save (a folder: writes
 * model.safetensors and its index there), load (a folder a run with the same items, dim, users and seed
 * saved: its index is loaded instead of built).
 */
public final class HnswMeasurement {
    private HnswMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("arguments are name=value, got '" + arg + "'");
            }
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        int items = Integer.parseInt(options.getOrDefault("items", "100000"));
        int dim = Integer.parseInt(options.getOrDefault("dim", "64"));
        int users = Integer.parseInt(options.getOrDefault("users", "10000"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "500"));
        int m = Integer.parseInt(options.getOrDefault("m", "32"));
        int efConstruction = Integer.parseInt(options.getOrDefault("efConstruction", "100"));
        int[] efs = Arrays.stream(options.getOrDefault("ef", "100,200,400").split(",")).mapToInt(Integer::parseInt).toArray();
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        Path save = options.containsKey("save") ? Path.of(options.get("save")) : null;

        long start = System.nanoTime();
        BprModel model = generatedModel(items, users, dim, seed);
        System.out.printf(Locale.ROOT, "model: %,d items, %,d users, d = %d, generated in %.1f s%n", items, users, dim, seconds(start));
        Path modelFile = null;
        if (save != null) {
            Files.createDirectories(save);
            modelFile = save.resolve("model.safetensors");
            start = System.nanoTime();
            ModelFiles.save(model, modelFile);
            System.out.printf(Locale.ROOT, "saved %s in %.1f s%n", modelFile, seconds(start));
        }
        ItemIndex index;
        if (options.containsKey("load")) {
            // The index a run with the same model options saved: queries only, without the build.
            start = System.nanoTime();
            index = ItemIndex.load(ItemIndex.fileFor(Path.of(options.get("load")).resolve("model.safetensors")), model);
            System.out.printf(Locale.ROOT, "index loaded (fingerprint checked) in %.1f s%n", seconds(start));
        } else {
            HnswOptions hnsw = new HnswOptions(m, efConstruction, efs[0], HnswOptions.DEFAULTS.seed());
            start = System.nanoTime();
            long buildCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            index = ItemIndex.build(model, hnsw, false);
            System.out.printf(Locale.ROOT, "index build (m = %d, efConstruction = %d, 1 thread): %.1f s (%.1f s CPU), %.0f MB in"
                    + " memory (links and the %d-float item table)%n", m, efConstruction, seconds(start),
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - buildCpu) / 1e9, index.memoryBytes() / 1e6, dim + 1);
        }
        if (modelFile != null) {
            Path indexFile = ItemIndex.fileFor(modelFile);
            start = System.nanoTime();
            index.save(indexFile);
            System.out.printf(Locale.ROOT, "index saved: %s, %.0f MB, in %.1f s%n", indexFile, Files.size(indexFile) / 1e6, seconds(start));
            start = System.nanoTime();
            ItemIndex.load(indexFile, model);
            System.out.printf(Locale.ROOT, "index loaded (fingerprint checked) in %.1f s%n", seconds(start));
        }

        int[] sample = IntStream.range(0, queries).map(q -> (int) ((long) q * users / queries)).toArray();
        List<List<ScoredItem>> exact = new java.util.ArrayList<>();
        for (int q = 0; q < Math.min(20, queries); q++) {
            model.recommend(sample[q], 10, item -> false);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int user : sample) {
            exact.add(model.recommend(user, 10, item -> false));
        }
        double exactMillis = seconds(start) * 1e3 / queries;
        double exactCpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / queries;
        System.out.printf(Locale.ROOT, "exact (BatchTopN, 1 thread): %.2f ms per query (%.2f ms CPU)%n", exactMillis, exactCpuMillis);
        for (int ef : efs) {
            ItemIndex at = index.withEfSearch(ef);
            for (int q = 0; q < Math.min(50, queries); q++) {
                at.recommend(sample[q], 10, item -> false);
            }
            double hits = 0;
            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
            List<List<ScoredItem>> found = new java.util.ArrayList<>();
            for (int user : sample) {
                found.add(at.recommend(user, 10, item -> false));
            }
            double millis = seconds(start) * 1e3 / queries;
            double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / queries;
            for (int q = 0; q < queries; q++) {
                Set<Integer> approximate = new HashSet<>();
                found.get(q).forEach(scored -> approximate.add(scored.item()));
                hits += exact.get(q).stream().filter(scored -> approximate.contains(scored.item())).count();
            }
            System.out.printf(Locale.ROOT, "hnsw efSearch = %d: recall@10 %.4f, %.3f ms per query (%.3f ms CPU), %.0f× faster"
                    + " than exact (%.0f× in CPU time)%n", ef, hits / (10.0 * queries), millis, cpuMillis, exactMillis / millis,
                    exactCpuMillis / cpuMillis);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The generated model of the class comment; every item known (one training interaction). */
    static BprModel generatedModel(int items, int users, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rank = 16;
        float[] basis = gaussian(random, rank * dim);
        float[] itemVectors = new float[Math.multiplyExact(items, dim)];
        float[] weights = new float[rank];
        for (int item = 0; item < items; item++) {
            for (int r = 0; r < rank; r++) {
                weights[r] = (float) random.nextGaussian();
            }
            float scale = (float) Math.exp(random.nextGaussian() * 0.6) / (float) Math.sqrt(rank);
            for (int k = 0; k < dim; k++) {
                float value = 0.3f * (float) random.nextGaussian();
                for (int r = 0; r < rank; r++) {
                    value += weights[r] * basis[r * dim + k];
                }
                itemVectors[item * dim + k] = scale * value;
            }
        }
        float[] bias = gaussian(random, items);
        float[] userVectors = gaussian(random, Math.multiplyExact(users, dim));
        int[] counts = new int[items];
        Arrays.fill(counts, 1);
        List<String> userIds = IntStream.rangeClosed(1, users).mapToObj(Integer::toString).toList();
        List<String> itemIds = IntStream.rangeClosed(1, items).mapToObj(Integer::toString).toList();
        ModelInfo info = new ModelInfo(BprModel.KIND, Map.of("dimensions", dim, "positiveThreshold", "4.0",
                "negatives", "UNIFORM"), syntheticProvenance(), List.of(), Map.of());
        TrainingFacts facts = new TrainingFacts(IdIndex.of(userIds), ItemCatalog.untitled(IdIndex.of(itemIds)), counts, info);
        return new BprModel(facts, dim, userVectors, itemVectors, bias, PositiveThreshold.DEFAULT);
    }

    private static float[] gaussian(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int j = 0; j < count; j++) {
            values[j] = (float) random.nextGaussian();
        }
        return values;
    }

    /**
     * As if trained on 1-5 stars: a model without a recorded scale takes any finite fold-in rating, so the
     * load test's fold-in rating of -1000 would be answered, not refused as malformed.
     */
    private static Provenance syntheticProvenance() {
        return new Provenance("synthetic", null, null, 0, false, null, Provenance.CURRENT_VERSION, RatingScale.STARS);
    }
}
