package org.embedrec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Blocked batch scoring against a naive reference written here: every item's score summed dimension
 * by dimension, a full sort by (score descending, index ascending), seen and unknown items removed.
 * In half the cases vectors and biases take few distinct values, so that ties are everywhere, in the
 * other half Gaussian values, where any other summation order would change the last bits; some users
 * have seen every item of the first chunks, which are also the best-scoring ones.
 */
class BatchTopNTest {
    /** Values whose products and sums are exact in float: ties come out as exact ties. */
    private static final float[] VALUES = {-1f, -0.5f, 0f, 0f, 0.5f, 1f, 2f};

    /** A model that ranks by a dot product plus item bias and reports the score halved, to check that reported scores are the model's. */
    record TableModel(TrainingFacts trainingFacts, DotProductScorer rankingScorer) implements DotProductModel {
        @Override
        public float predict(int user, int item) {
            return rankingScorer.score(user, item) / 2;
        }

        @Override
        public float recommendedScore(int user, float rankingScore) {
            return rankingScore / 2;
        }

        @Override
        public Recommender withInfo(ModelInfo info) {
            return new TableModel(trainingFacts.withInfo(info), rankingScorer);
        }
    }

    /** A random case: the model, each user's ascending seen items. */
    record Case(TableModel model, float[] users, float[] items, float[] bias, boolean[] known, int[][] seen, int dim) {
    }

    static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int dim = 1 + random.nextInt(70);
        int itemCount = 1 + random.nextInt(300);
        int userCount = 1 + random.nextInt(150);
        // Odd seeds: few exact values, ties everywhere. Even seeds: Gaussian values, where only the same
        // summation order gives the same bits.
        boolean ties = seed % 2 == 1;
        float[] users = randomTable(random, userCount * dim, ties);
        float[] items = randomTable(random, itemCount * dim, ties);
        // The first items score highest for everyone with positive vectors: the users who saw them must get others.
        for (int item = 0; item < Math.min(itemCount, 80); item++) {
            for (int k = 0; k < dim; k++) {
                items[item * dim + k] = Math.abs(items[item * dim + k]) + (random.nextBoolean() ? 1f : 0f);
            }
        }
        float[] bias = random.nextBoolean() ? randomTable(random, itemCount, ties) : null;
        boolean[] known = new boolean[itemCount];
        int[] counts = new int[itemCount];
        for (int item = 0; item < itemCount; item++) {
            known[item] = random.nextInt(8) != 0;
            counts[item] = known[item] ? 1 + random.nextInt(5) : 0;
        }
        int[][] seen = new int[userCount][];
        for (int user = 0; user < userCount; user++) {
            int kind = random.nextInt(4);
            IntStream candidates = IntStream.range(0, itemCount);
            seen[user] = switch (kind) {
                case 0 -> new int[0];
                // every item of the first chunks of any kernel (the widest is 64 items), and a few more
                case 1 -> candidates.filter(item -> item < 130 || random.nextInt(10) == 0).toArray();
                // everything: an empty list
                case 2 -> random.nextInt(10) == 0 ? candidates.toArray() : candidates.filter(item -> random.nextInt(3) == 0).toArray();
                default -> candidates.filter(item -> random.nextInt(20) == 0).toArray();
            };
        }
        List<String> userIds = IntStream.range(0, userCount).mapToObj(u -> "u" + u).toList();
        List<String> itemIds = IntStream.range(0, itemCount).mapToObj(i -> "i" + i).toList();
        TrainingFacts facts = new TrainingFacts(IdIndex.of(userIds), ItemCatalog.untitled(IdIndex.of(itemIds)), counts,
                new ModelInfo("table", Map.of(), Provenance.of("none"), List.of(), Map.of()));
        TableModel model = new TableModel(facts, new DotProductScorer(facts, dim, users, items, bias));
        return new Case(model, users, items, bias, known, seen, dim);
    }

    private static float[] randomTable(SplittableRandom random, int length, boolean ties) {
        float[] table = new float[length];
        for (int k = 0; k < length; k++) {
            table[k] = ties ? VALUES[random.nextInt(VALUES.length)] : (float) random.nextGaussian();
        }
        return table;
    }

    /** Every candidate's score, summed in dimension order, sorted; the first n, each with half its score. */
    static List<ScoredItem> naiveTopN(Case c, int user, int n) {
        int itemCount = c.known().length;
        List<ScoredItem> candidates = new ArrayList<>();
        for (int item = 0; item < itemCount; item++) {
            if (!c.known()[item] || Arrays.binarySearch(c.seen()[user], item) >= 0) {
                continue;
            }
            float s = 0f;
            for (int k = 0; k < c.dim(); k++) {
                s += c.users()[user * c.dim() + k] * c.items()[item * c.dim() + k];
            }
            s += c.bias() == null ? 0f : c.bias()[item];
            candidates.add(new ScoredItem(item, s));
        }
        candidates.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.item(), b.item()));
        return candidates.subList(0, Math.min(n, candidates.size())).stream()
                .map(entry -> new ScoredItem(entry.item(), entry.score() / 2)).toList();
    }

    static Stream<Arguments> cases() {
        List<String> kernels = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? List.of("scalar", "vector") : List.of("scalar");
        return kernels.stream().flatMap(kernel -> IntStream.rangeClosed(1, 40).mapToObj(seed -> Arguments.of(kernel, (long) seed)));
    }

    @ParameterizedTest(name = "{0} kernel, seed {1}")
    @MethodSource("cases")
    void batchListsAreTheNaiveListsAndTheSingleUserLists(String kernelName, long seed) {
        ScoringKernel kernel = ScoringKernel.choose(kernelName);
        Case c = randomCase(seed);
        int userCount = c.seen().length;
        int itemCount = c.known().length;
        // all users in a shuffled order, so blocks mix users
        int[] users = IntStream.range(0, userCount).map(u -> (u * 7919) % userCount).distinct().toArray();
        for (int n : new int[] {1, 5, 10, itemCount + 3}) {
            RecommendationLists one = BatchTopN.recommend(c.model(), users, n, c.seen(), 1, kernel);
            RecommendationLists three = BatchTopN.recommend(c.model(), users, n, c.seen(), 3, kernel);
            assertThat(one.userCount()).isEqualTo(users.length);
            for (int p = 0; p < users.length; p++) {
                int user = users[p];
                int[] seenRow = c.seen()[user];
                List<ScoredItem> expected = naiveTopN(c, user, n);
                assertThat(one.user(p)).isEqualTo(user);
                assertThat(one.list(p)).as("seed %d, n %d, user %d, batch on 1 thread", seed, n, user).isEqualTo(expected);
                assertThat(three.list(p)).as("seed %d, n %d, user %d, batch on 3 threads", seed, n, user).isEqualTo(expected);
                IntPredicate exclude = item -> Arrays.binarySearch(seenRow, item) >= 0;
                assertThat(c.model().recommend(user, n, exclude)).as("seed %d, n %d, user %d, recommend", seed, n, user)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void emptyListsForZeroAndForUsersWhoSawEverything() {
        Case c = randomCase(3);
        int[] users = IntStream.range(0, c.seen().length).toArray();
        RecommendationLists none = BatchTopN.recommend(c.model(), users, 0, c.seen(), 2);
        assertThat(none.total()).isZero();
        int[][] everything = new int[users.length][];
        Arrays.fill(everything, IntStream.range(0, c.known().length).toArray());
        assertThat(BatchTopN.recommend(c.model(), users, 10, everything, 2).total()).isZero();
        assertThat(c.model().recommend(0, 0, item -> false)).isEmpty();
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        Case c = randomCase(5);
        int[] users = {0};
        int[][] unsorted = new int[c.seen().length][];
        Arrays.fill(unsorted, new int[0]);
        unsorted[0] = new int[] {3, 1};
        assertThatThrownBy(() -> BatchTopN.recommend(c.model(), users, 10, unsorted, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user 0").hasMessageContaining("3 before 1");
        assertThatThrownBy(() -> BatchTopN.recommend(c.model(), users, -1, c.seen(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> BatchTopN.recommend(c.model(), users, 10, c.seen(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> BatchTopN.recommend(c.model(), users, 10, new int[c.seen().length + 1][], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
        assertThatThrownBy(() -> BatchTopN.recommend(c.model(), new int[] {c.seen().length}, 10, c.seen(), 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
