package org.embedrec.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.model.BatchTopN;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.RecommendationLists;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
import org.embedrec.model.TrainingFacts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * All-users top-N at ML-25M size (issue 20): 162,000 users × 59,000 items at d = 64, with an item
 * bias, each user's seen items excluded. The factors are random (Gaussian), not trained, and the seen
 * lists synthetic: a log-normal count per user (about 150 on average, 24M in all, as ML-25M's 25M
 * ratings) of items drawn with a popularity skew towards low indices. What is measured is the
 * arithmetic and the selection, which do not depend on what the numbers mean.
 *
 * <p>{@link #blocked} is {@link BatchTopN} for every user on {@link #threads} threads (one call: a
 * single shot); {@link #perUserBefore} is the path it replaces, for the first 1,000 users on one
 * thread: every item's score by {@link DotProductScorer#scoreAll}, then {@link TopN};
 * {@link #perUserRecommend} is {@code recommend} now, the same kernel for one user at a time (what a
 * server request costs), for the same 1,000 users. Forks run with
 * the Vector API module; add {@code -jvmArgsAppend -Dembedrec.kernels=scalar} for the portable kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class AllUsersTopNBenchmarks {
    private static final int PER_USER_SAMPLE = 1_000;

    @Param({"162000"})
    int users;

    @Param({"59000"})
    int items;

    @Param({"64"})
    int dim;

    @Param({"10"})
    int n;

    @Param({"2"})
    int threads;

    private BprModel model;
    private int[][] seen;
    private int[] allUsers;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(25);
        float[] userFactors = gaussian(random, users * dim, 0.1);
        float[] itemFactors = gaussian(random, items * dim, 0.1);
        float[] itemBias = gaussian(random, items, 0.5);
        seen = new int[users][];
        int[] counts = new int[items];
        for (int user = 0; user < users; user++) {
            int count = (int) Math.min(items / 2, Math.round(Math.exp(Math.log(90) + random.nextGaussian())));
            int[] row = new int[Math.max(1, count)];
            for (int k = 0; k < row.length; k++) {
                double u = random.nextDouble();
                row[k] = (int) (items * u * u);
            }
            Arrays.sort(row);
            seen[user] = IntStream.of(row).distinct().toArray();
            for (int item : seen[user]) {
                counts[item]++;
            }
        }
        for (int item = 0; item < items; item++) {
            counts[item] = Math.max(counts[item], 1);
        }
        TrainingFacts facts = new TrainingFacts(ids("u", users), ItemCatalog.untitled(ids("i", items)), counts,
                new ModelInfo(BprModel.KIND, Map.of(), Provenance.of("AllUsersTopNBenchmarks"), List.of(), Map.of()));
        model = new BprModel(facts, dim, userFactors, itemFactors, itemBias, PositiveThreshold.ALL);
        allUsers = IntStream.range(0, users).toArray();
    }

    private static float[] gaussian(SplittableRandom random, int length, double scale) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static IdIndex ids(String prefix, int count) {
        return IdIndex.of(IntStream.range(0, count).mapToObj(k -> prefix + k).toList());
    }

    @Benchmark
    public RecommendationLists blocked() {
        return BatchTopN.recommend(model, allUsers, n, seen, threads);
    }

    @Benchmark
    public long perUserRecommend() {
        long total = 0;
        for (int user = 0; user < PER_USER_SAMPLE; user++) {
            int[] row = seen[user];
            total += model.recommend(user, n, item -> Arrays.binarySearch(row, item) >= 0).size();
        }
        return total;
    }

    @Benchmark
    public long perUserBefore() {
        float[] scores = new float[items];
        long total = 0;
        for (int user = 0; user < PER_USER_SAMPLE; user++) {
            int[] row = seen[user];
            model.rankingScorer().scoreAll(user, scores);
            List<ScoredItem> top = TopN.select(scores, n, item -> !model.isKnownItem(item) || Arrays.binarySearch(row, item) >= 0);
            total += top.size();
        }
        return total;
    }
}
