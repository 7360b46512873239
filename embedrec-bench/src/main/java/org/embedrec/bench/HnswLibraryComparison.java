package org.embedrec.bench;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.embedrec.ann.HnswOptions;
import org.embedrec.ann.ItemIndex;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.model.ScoredItem;

/**
 * embedrec's own HNSW ({@link ItemIndex}) beside {@code com.github.jelmerk:hnswlib-core} 1.2.0 with
 * its inner-product distance, on the generated model of {@link HnswMeasurement}: build time, memory,
 * recall@10 against exact top-10 and time per query, both with m = 16 and efConstruction = 100.
 * How the library was chosen (docs/BENCHMARKS.md). hnswlib-core is a provided dependency:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp embedrec-bench/target/benchmarks.jar:HNSWLIB_JAR:ECLIPSE_COLLECTIONS_JARS \
 *     org.embedrec.bench.HnswLibraryComparison 30000
 * </pre>
 */
public final class HnswLibraryComparison {
    private static final int DIM = 64;
    private static final int USERS = 2000;
    private static final int QUERIES = 200;

    private HnswLibraryComparison() {
    }

    /** An item as hnswlib stores it: its index and {@code [vector, bias]}. */
    private record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    public static void main(String[] args) {
        int items = Integer.parseInt(args.length > 0 ? args[0] : "30000");
        BprModel model = HnswMeasurement.generatedModel(items, USERS, DIM, 7);
        int[] sample = new int[QUERIES];
        List<Set<Integer>> exact = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            sample[q] = q * (USERS / QUERIES);
            Set<Integer> best = new HashSet<>();
            model.recommend(sample[q], 10, item -> false).forEach(scored -> best.add(scored.item()));
            exact.add(best);
        }
        long start = System.nanoTime();
        ItemIndex own = ItemIndex.build(model, new HnswOptions(16, 100, 100, 42), false);
        System.out.printf(Locale.ROOT, "embedrec HnswGraph: build %.1f s, %.0f MB of arrays%n", (System.nanoTime() - start) / 1e9,
                own.memoryBytes() / 1e6);
        float[] itemVectors = model.itemFactors();
        float[] bias = model.itemBiases();
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        start = System.nanoTime();
        HnswIndex<Integer, float[], Row, Float> library = HnswIndex.newBuilder(DIM + 1, DistanceFunctions.FLOAT_INNER_PRODUCT, items)
                .withM(16).withEfConstruction(100).withEf(100).build();
        for (int item = 0; item < items; item++) {
            float[] row = Arrays.copyOf(Arrays.copyOfRange(itemVectors, item * DIM, item * DIM + DIM), DIM + 1);
            row[DIM] = bias[item];
            library.add(new Row(item, row));
        }
        double libraryBuild = (System.nanoTime() - start) / 1e9;
        System.gc();
        System.out.printf(Locale.ROOT, "hnswlib-core 1.2.0: build %.1f s, heap grew by %.0f MB%n", libraryBuild,
                (runtime.totalMemory() - runtime.freeMemory() - heapBefore) / 1e6);
        float[] userVectors = model.userFactors();
        for (int ef : new int[] {50, 100}) {
            ItemIndex ownAt = own.withEfSearch(ef);
            library.setEf(ef);
            // The first round warms up the JIT; the second is reported.
            for (int round = 0; round < 2; round++) {
                double ownHits = 0;
                double libraryHits = 0;
                long ownNanos = 0;
                long libraryNanos = 0;
                for (int q = 0; q < QUERIES; q++) {
                    int user = sample[q];
                    long before = System.nanoTime();
                    List<ScoredItem> ownList = ownAt.recommend(user, 10, item -> false);
                    ownNanos += System.nanoTime() - before;
                    float[] query = Arrays.copyOf(Arrays.copyOfRange(userVectors, user * DIM, user * DIM + DIM), DIM + 1);
                    query[DIM] = 1f;
                    before = System.nanoTime();
                    List<SearchResult<Row, Float>> libraryList = library.findNearest(query, 10);
                    libraryNanos += System.nanoTime() - before;
                    for (ScoredItem scored : ownList) {
                        ownHits += exact.get(q).contains(scored.item()) ? 1 : 0;
                    }
                    for (SearchResult<Row, Float> result : libraryList) {
                        libraryHits += exact.get(q).contains(result.item().id()) ? 1 : 0;
                    }
                }
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "efSearch %d: embedrec recall@10 %.4f, %.3f ms per query;"
                            + " hnswlib-core recall@10 %.4f, %.3f ms per query%n", ef, ownHits / (10.0 * QUERIES),
                            ownNanos / 1e6 / QUERIES, libraryHits / (10.0 * QUERIES), libraryNanos / 1e6 / QUERIES);
                }
            }
        }
    }
}
