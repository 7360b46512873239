package org.embedrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Splits tested by their invariants on seeded generated data: the parts partition the input,
 * keep row order, have the promised sizes, and depend on the seed exactly as documented.
 */
class SplitsTest {
    private static final float[] LEVELS = {0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f, 4f, 4.5f, 5f};

    /**
     * Generated ratings: user 0 has one rating, user 1 two, user 2 none, the others 3..40; each user
     * rates distinct items, so (user, item) identifies a row. Timestamps come from a narrow range so
     * that ties are frequent; rows of different users are interleaved.
     */
    static Ratings generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int userCount = 12 + random.nextInt(10);
        int itemCount = 60;
        IdIndex.Builder users = IdIndex.builder();
        IdIndex.Builder items = IdIndex.builder();
        for (int u = 0; u < userCount; u++) {
            users.add("u" + u);
        }
        for (int i = 0; i < itemCount; i++) {
            items.add("i" + i);
        }
        List<long[]> rows = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            int count = switch (u) {
                case 0 -> 1;
                case 1 -> 2;
                case 2 -> 0;
                default -> 3 + random.nextInt(38);
            };
            int[] shuffledItems = shuffledIdentity(itemCount, random);
            for (int k = 0; k < count; k++) {
                rows.add(new long[] {u, shuffledItems[k], random.nextInt(LEVELS.length), 1000 + random.nextInt(15)});
            }
        }
        int[] order = shuffledIdentity(rows.size(), random);
        Ratings.Builder builder = Ratings.builder();
        for (int position : order) {
            long[] row = rows.get(position);
            builder.add((int) row[0], (int) row[1], LEVELS[(int) row[2]], row[3]);
        }
        return builder.build(users.build(), items.build());
    }

    private static int[] shuffledIdentity(int n, SplittableRandom random) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
        return values;
    }

    static Stream<Arguments> seedsAndFractions() {
        return Stream.of(
                Arguments.of(1L, 0.2), Arguments.of(2L, 0.5), Arguments.of(3L, 0.1),
                Arguments.of(4L, 0.33), Arguments.of(5L, 0.8), Arguments.of(42L, 0.25), Arguments.of(7L, 0.05));
    }

    /** One row of the input as a value. */
    record Row(int user, int item, float rating, long timestamp) {
        static Row of(Ratings ratings, int row) {
            return new Row(ratings.user(row), ratings.item(row), ratings.rating(row), ratings.timestamp(row));
        }
    }

    /**
     * The input row numbers of {@code part}, in the part's order. Rows are identified by
     * (user, item), which the generator keeps unique; the whole tuple must match.
     */
    private static int[] inputRows(Ratings input, Ratings part) {
        Map<Long, Integer> rowOf = new HashMap<>();
        for (int row = 0; row < input.size(); row++) {
            rowOf.put(key(input, row), row);
        }
        int[] rows = new int[part.size()];
        for (int k = 0; k < part.size(); k++) {
            Integer row = rowOf.get(key(part, k));
            assertThat(row).as("row %d of the part is not in the input", k).isNotNull();
            assertThat(Row.of(part, k)).isEqualTo(Row.of(input, row));
            rows[k] = row;
        }
        return rows;
    }

    private static long key(Ratings ratings, int row) {
        return (long) ratings.user(row) << 32 | ratings.item(row);
    }

    /**
     * Train and test partition the input: every input row is in exactly one part (so train ∪ test
     * equals the input as a multiset), both keep the input's order and share its id indices.
     * Returns the set of input rows in test.
     */
    private static Set<Integer> assertPartition(Ratings input, Split split) {
        assertThat(split.train().users()).isSameAs(input.users());
        assertThat(split.test().items()).isSameAs(input.items());
        int[] train = inputRows(input, split.train());
        int[] test = inputRows(input, split.test());
        assertThat(train).isSorted().doesNotHaveDuplicates();
        assertThat(test).isSorted().doesNotHaveDuplicates();
        Set<Integer> testSet = new HashSet<>();
        for (int row : test) {
            testSet.add(row);
        }
        for (int row : train) {
            assertThat(testSet).as("row %d in both train and test", row).doesNotContain(row);
        }
        assertThat(train.length + test.length).isEqualTo(input.size());

        Map<Row, Integer> multiset = new HashMap<>();
        for (int row = 0; row < input.size(); row++) {
            multiset.merge(Row.of(input, row), 1, Integer::sum);
        }
        Map<Row, Integer> union = new HashMap<>();
        for (Ratings part : List.of(split.train(), split.test())) {
            for (int row = 0; row < part.size(); row++) {
                union.merge(Row.of(part, row), 1, Integer::sum);
            }
        }
        assertThat(union).isEqualTo(multiset);
        return testSet;
    }

    private static void assertEveryRatedUserKeepsTraining(Ratings input, Split split) {
        int[] inputCounts = input.userCounts();
        int[] trainCounts = split.train().userCounts();
        for (int user = 0; user < inputCounts.length; user++) {
            if (inputCounts[user] > 0) {
                assertThat(trainCounts[user]).as("training ratings of user %d", user).isPositive();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seedsAndFractions")
    void randomHoldoutPartitionsWithExactTestSize(long seed, double fraction) {
        Ratings input = generate(seed);
        Split split = Splits.randomHoldout(input, fraction, seed);

        assertPartition(input, split);
        assertThat(split.test().size()).isEqualTo(Math.round(input.size() * fraction));
    }

    @Test
    void randomHoldoutPicksEveryRowWithTheSameProbability() {
        Ratings input = generate(7).subset(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        int trials = 4000;
        int[] timesInTest = new int[input.size()];
        for (int seed = 0; seed < trials; seed++) {
            Split split = Splits.randomHoldout(input, 0.3, seed);
            assertThat(split.test().size()).isEqualTo(3);
            for (int row : inputRows(input, split.test())) {
                timesInTest[row]++;
            }
        }
        // 3 of 10 rows per trial: each row is expected 1200 times, standard deviation about 29.
        for (int row = 0; row < timesInTest.length; row++) {
            assertThat(timesInTest[row]).as("row %d", row).isBetween(1080, 1320);
        }
    }

    @ParameterizedTest
    @MethodSource("seedsAndFractions")
    void perUserHoldoutTakesTheRoundedShareOfEachUserButNeverTheLastOne(long seed, double fraction) {
        Ratings input = generate(seed);
        Split split = Splits.perUserHoldout(input, fraction, seed);

        assertPartition(input, split);
        assertEveryRatedUserKeepsTraining(input, split);
        int[] inputCounts = input.userCounts();
        int[] testCounts = split.test().userCounts();
        for (int user = 0; user < inputCounts.length; user++) {
            long expected = inputCounts[user] == 0 ? 0
                    : Math.min(Math.round(inputCounts[user] * fraction), inputCounts[user] - 1);
            assertThat(testCounts[user]).as("test ratings of user %d", user).isEqualTo(expected);
        }
        assertThat(testCounts[0]).as("single-rating user stays in training").isZero();
    }

    /**
     * The validation part of early stopping: each user's count is the rounded share (none below the
     * floor, never the last rating), and the rows are exactly those a naive reference picks: per user
     * in index order, a partial Fisher-Yates shuffle of the user's rows (in row order, collected here
     * from a scan of the input, not from the CSR view) with one random stream of the seed.
     */
    @ParameterizedTest
    @MethodSource("seedsAndFractions")
    void stratifiedHoldoutTakesEachUsersShareAboveTheFloorAndMatchesANaiveReference(long seed, double fraction) {
        Ratings input = generate(seed);
        for (int minRatings : new int[] {1, 10, 25}) {
            Split split = Splits.stratifiedHoldout(input, fraction, minRatings, seed);

            Set<Integer> test = assertPartition(input, split);
            assertEveryRatedUserKeepsTraining(input, split);
            int[] inputCounts = input.userCounts();
            int[] testCounts = split.test().userCounts();
            for (int user = 0; user < inputCounts.length; user++) {
                int count = inputCounts[user];
                long expected = count < minRatings ? 0 : Math.min(Math.round(count * fraction), count - 1);
                assertThat(testCounts[user]).as("held-out ratings of user %d (%d rated, floor %d)", user, count,
                        minRatings).isEqualTo(expected);
            }
            assertThat(test).as("rows, floor %d", minRatings).isEqualTo(naiveStratified(input, fraction, minRatings, seed));
        }
    }

    /** Reference for {@link Splits#stratifiedHoldout}: a map of each user's rows, drawn from user 0 up. */
    private static Set<Integer> naiveStratified(Ratings input, double fraction, int minRatings, long seed) {
        Map<Integer, List<Integer>> rowsByUser = new HashMap<>();
        for (int row = 0; row < input.size(); row++) {
            rowsByUser.computeIfAbsent(input.user(row), user -> new ArrayList<>()).add(row);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> heldOut = new HashSet<>();
        for (int user = 0; user < input.userCount(); user++) {
            List<Integer> rows = rowsByUser.getOrDefault(user, List.of());
            if (rows.size() < minRatings) {
                continue;
            }
            long take = Math.min(Math.round(rows.size() * fraction), rows.size() - 1);
            for (int k = 0; k < take; k++) {
                java.util.Collections.swap(rows, k, k + random.nextInt(rows.size() - k));
                heldOut.add(rows.get(k));
            }
        }
        return heldOut;
    }

    /**
     * Over many seeds every rating of a user is held out about equally often (k / c of the seeds), and
     * the users below the floor never give any: the choice within a user is uniform.
     */
    @Test
    void stratifiedHoldoutChoosesUniformlyWithinEachUser() {
        Ratings input = generate(5);
        int seeds = 4000;
        int[] heldOut = new int[input.size()];
        for (long seed = 0; seed < seeds; seed++) {
            for (int row : inputRows(input, Splits.stratifiedHoldout(input, 0.05, 10, seed).test())) {
                heldOut[row]++;
            }
        }
        int[] counts = input.userCounts();
        for (int row = 0; row < input.size(); row++) {
            int count = counts[input.user(row)];
            long share = count < 10 ? 0 : Math.min(Math.round(count * 0.05), count - 1);
            double p = (double) share / count;
            double expected = p * seeds;
            double sigma = Math.sqrt(seeds * p * (1 - p));
            assertThat((double) heldOut[row]).as("times row %d (user with %d ratings) was held out", row, count)
                    .isBetween(expected - 5 * sigma - 1e-9, expected + 5 * sigma + 1e-9);
        }
    }

    @Test
    void stratifiedHoldoutRejectsABadFloorByValue() {
        assertThatThrownBy(() -> Splits.stratifiedHoldout(generate(1), 0.05, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minRatings must be >= 1, got 0");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 11})
    void perUserLastNHoldsOutExactlyTheLatestRatingsOfEachUser(long seed) {
        Ratings input = generate(seed);
        for (int n : new int[] {1, 2, 5}) {
            Split split = Splits.perUserLastN(input, n);

            Set<Integer> test = assertPartition(input, split);
            assertEveryRatedUserKeepsTraining(input, split);
            assertThat(test).as("test rows for n = %d", n).isEqualTo(naiveLastN(input, n));
        }
    }

    /** Reference: per user, sort rows by (timestamp, row) and take the last min(n, count - 1). */
    private static Set<Integer> naiveLastN(Ratings input, int n) {
        Map<Integer, List<Integer>> rowsByUser = new HashMap<>();
        for (int row = 0; row < input.size(); row++) {
            rowsByUser.computeIfAbsent(input.user(row), u -> new ArrayList<>()).add(row);
        }
        Set<Integer> expected = new HashSet<>();
        for (List<Integer> rows : rowsByUser.values()) {
            rows.sort(Comparator.<Integer>comparingLong(input::timestamp).thenComparing(Comparator.naturalOrder()));
            int take = Math.min(n, rows.size() - 1);
            expected.addAll(rows.subList(rows.size() - take, rows.size()));
        }
        return expected;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 11})
    void leaveLastOutHoldsOutOneLatestRatingPerUserWithTwoOrMore(long seed) {
        Ratings input = generate(seed);
        Split split = Splits.leaveLastOut(input);

        Set<Integer> test = assertPartition(input, split);
        assertThat(test).isEqualTo(naiveLastN(input, 1));
        int[] inputCounts = input.userCounts();
        int[] testCounts = split.test().userCounts();
        for (int user = 0; user < inputCounts.length; user++) {
            assertThat(testCounts[user]).isEqualTo(inputCounts[user] >= 2 ? 1 : 0);
        }
    }

    @Test
    void tiesInRecencyAreBrokenByRowOrder() {
        IdIndex users = IdIndex.of(List.of("a"));
        IdIndex items = IdIndex.of(List.of("x", "y", "z"));
        Ratings input = Ratings.builder().add(0, 0, 1, 5).add(0, 1, 2, 9).add(0, 2, 3, 9).build(users, items);

        Split split = Splits.leaveLastOut(input);

        assertThat(split.test().size()).isEqualTo(1);
        assertThat(split.test().item(0)).isEqualTo(2);
        assertThat(split.train().item(0)).isEqualTo(0);
        assertThat(split.train().item(1)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 11})
    void temporalCutSendsRatingsAtOrAfterTheCutToTest(long seed) {
        Ratings input = generate(seed);
        for (long cut : new long[] {999, 1000, 1007, 1014, 1015}) {
            Set<Integer> test = assertPartition(input, Splits.temporalCut(input, cut));

            Set<Integer> expected = new HashSet<>();
            for (int row = 0; row < input.size(); row++) {
                if (input.timestamp(row) >= cut) {
                    expected.add(row);
                }
            }
            assertThat(test).as("cut %d", cut).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("seedsAndFractions")
    void temporalFractionCutsAtTheTimestampQuantileAndOnlyTiesOverfill(long seed, double fraction) {
        Ratings input = generate(seed);
        Split split = Splits.temporalFraction(input, fraction);

        assertPartition(input, split);
        long target = Math.round(input.size() * fraction);
        long firstTest = Long.MAX_VALUE;
        for (int row = 0; row < split.test().size(); row++) {
            firstTest = Math.min(firstTest, split.test().timestamp(row));
        }
        int atCut = 0;
        for (int row = 0; row < split.test().size(); row++) {
            atCut += split.test().timestamp(row) == firstTest ? 1 : 0;
        }
        for (int row = 0; row < split.train().size(); row++) {
            assertThat(split.train().timestamp(row)).isLessThan(firstTest);
        }
        assertThat((long) split.test().size()).isGreaterThanOrEqualTo(target);
        assertThat((long) split.test().size() - atCut).isLessThan(target);
    }

    @Test
    void temporalFractionWithDistinctTimestampsIsExact() {
        IdIndex users = IdIndex.of(List.of("a", "b"));
        IdIndex items = IdIndex.of(List.of("x", "y", "z", "w", "v"));
        Ratings input = Ratings.builder().add(0, 0, 1, 50).add(1, 1, 2, 10).add(0, 2, 3, 40)
                .add(1, 3, 4, 20).add(0, 4, 5, 30).build(users, items);

        Split split = Splits.temporalFraction(input, 0.4);

        assertThat(split.test().size()).isEqualTo(2);
        assertThat(split.test().timestamp(0)).isEqualTo(50);
        assertThat(split.test().timestamp(1)).isEqualTo(40);
        assertThat(split.train().size()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 11})
    void kFoldTestFoldsCoverEveryRowExactlyOnceWithBalancedSizes(long seed) {
        Ratings input = generate(seed);
        for (int k : new int[] {2, 3, 5, 7}) {
            List<Split> folds = Splits.kFold(input, k, seed);

            assertThat(folds).hasSize(k);
            int[] timesInTest = new int[input.size()];
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (Split fold : folds) {
                for (int row : assertPartition(input, fold)) {
                    timesInTest[row]++;
                }
                smallest = Math.min(smallest, fold.test().size());
                largest = Math.max(largest, fold.test().size());
            }
            assertThat(timesInTest).as("k = %d", k).containsOnly(1);
            assertThat(largest - smallest).isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 11})
    void sameSeedGivesTheSameSplitAndAnotherSeedADifferentOne(long seed) {
        Ratings input = generate(seed);
        assertSeedDeterminism(s -> Splits.randomHoldout(input, 0.2, s).test(), input, seed);
        assertSeedDeterminism(s -> Splits.perUserHoldout(input, 0.2, s).test(), input, seed);
        assertSeedDeterminism(s -> Splits.stratifiedHoldout(input, 0.2, 10, s).test(), input, seed);
        assertSeedDeterminism(s -> Splits.kFold(input, 4, s).get(0).test(), input, seed);
    }

    private static void assertSeedDeterminism(LongFunction<Ratings> testPart, Ratings input, long seed) {
        int[] first = inputRows(input, testPart.apply(seed));
        int[] again = inputRows(input, testPart.apply(seed));
        int[] other = inputRows(input, testPart.apply(seed + 1));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void fractionsOutsideTheOpenUnitIntervalAreRejectedByValue() {
        Ratings input = generate(1);
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> Splits.randomHoldout(input, bad, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("testFraction must be in (0, 1), got " + bad);
            assertThatThrownBy(() -> Splits.perUserHoldout(input, bad, 1)).hasMessageContaining("got " + bad);
            assertThatThrownBy(() -> Splits.temporalFraction(input, bad)).hasMessageContaining("got " + bad);
        }
    }

    @Test
    void badCountsAreRejectedByValue() {
        Ratings input = generate(1);
        assertThatThrownBy(() -> Splits.perUserLastN(input, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n must be >= 1, got 0");
        assertThatThrownBy(() -> Splits.kFold(input, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be >= 2, got 1");
        Ratings three = input.subset(new int[] {0, 1, 2});
        assertThatThrownBy(() -> Splits.kFold(three, 4, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k = 4 exceeds the number of ratings (3)");
    }

    @Test
    void timeBasedSplitsRefuseDataWithoutTimestamps() {
        IdIndex users = IdIndex.of(List.of("a"));
        IdIndex items = IdIndex.of(List.of("x", "y"));
        Ratings untimed = Ratings.of(users, items, new int[] {0, 0}, new int[] {0, 1}, new float[] {1, 2}, null);

        assertThatThrownBy(() -> Splits.perUserLastN(untimed, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perUserLastN needs timestamps, but all 2 ratings have timestamp 0"
                        + " (the data carries none)");
        assertThatThrownBy(() -> Splits.leaveLastOut(untimed)).hasMessageStartingWith("perUserLastN needs timestamps");
        assertThatThrownBy(() -> Splits.temporalCut(untimed, 5)).hasMessageStartingWith("temporalCut needs timestamps");
        assertThatThrownBy(() -> Splits.temporalFraction(untimed, 0.5))
                .hasMessageStartingWith("temporalFraction needs timestamps");
    }
}
