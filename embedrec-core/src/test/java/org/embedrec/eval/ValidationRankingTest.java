package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The early-stopping monitor of ranking models against the naive reference of {@link RankingMetricsTest}
 * (full sort of the candidates, written from the spec), on its random cases with ties, unknown items,
 * duplicate rows and held-out items also seen in training: equal on every user, and on a sample equal
 * to the reference on the sampled users only.
 */
class ValidationRankingTest {
    private static final int NDCG = 2;
    private static final int AUC_EXCLUDING_TRAIN = 8;

    private static PositiveThreshold positives(long seed) {
        return seed % 3 == 0 ? PositiveThreshold.ALL : PositiveThreshold.atLeast(3 + seed % 2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void withRoomForEveryUserItIsTheNdcgOfTheNaiveReference(long seed) {
        RankingMetricsTest.Case c = RankingMetricsTest.randomCase(seed);
        for (int k : new int[] {1, 3, 10}) {
            ValidationRanking monitor = ValidationRanking.of(c.train(), c.test(), positives(seed), k, 1000, seed);
            double expected = RankingMetricsTest.naive(c, positives(seed), k)[NDCG];
            assertThat(monitor.ndcg(c.model())).as("NDCG@%d, seed %d", k, seed).isCloseTo(expected, within(1e-12));
            assertThat(monitor.ndcg(c.model())).as("a second call, same buffers").isCloseTo(expected, within(1e-12));
            double auc = RankingMetricsTest.naive(c, positives(seed), k)[AUC_EXCLUDING_TRAIN];
            assertSameFigure(monitor.evaluate(c.model()).auc(), auc);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aSampleIsSeededAndScoresOnlyItsUsers(long seed) {
        RankingMetricsTest.Case c = RankingMetricsTest.randomCase(seed);
        PositiveThreshold liked = positives(seed);
        int eligible = ValidationRanking.of(c.train(), c.test(), liked, 10, 1000, seed).users().length;
        int size = Math.max(1, eligible / 2);
        ValidationRanking monitor = ValidationRanking.of(c.train(), c.test(), liked, 10, size, seed);
        int[] users = monitor.users();

        assertThat(users).hasSize(size).isSorted().doesNotHaveDuplicates();
        assertThat(ValidationRanking.of(c.train(), c.test(), liked, 10, size, seed).users()).isEqualTo(users);
        RankingMetricsTest.Case sampled = new RankingMetricsTest.Case(c.model(), c.train(), rowsOf(c.test(), users));
        assertThat(monitor.ndcg(c.model())).isCloseTo(RankingMetricsTest.naive(sampled, liked, 10)[NDCG], within(1e-12));
        assertSameFigure(monitor.evaluate(c.model()).auc(), RankingMetricsTest.naive(sampled, liked, 10)[AUC_EXCLUDING_TRAIN]);
    }

    @Test
    void differentSeedsDrawDifferentUsersFromTheEligibleOnes() {
        RankingMetricsTest.Case c = RankingMetricsTest.randomCase(11);
        PositiveThreshold liked = PositiveThreshold.ALL;
        Set<Integer> eligible = new HashSet<>();
        for (int user : ValidationRanking.of(c.train(), c.test(), liked, 10, 1000, 0).users()) {
            eligible.add(user);
        }
        Set<String> samples = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            int[] users = ValidationRanking.of(c.train(), c.test(), liked, 10, 2, seed).users();
            assertThat(eligible).containsAll(IntStream.of(users).boxed().toList());
            samples.add(java.util.Arrays.toString(users));
        }
        assertThat(samples).as("distinct samples over 20 seeds of %d eligible users", eligible.size()).hasSizeGreaterThan(3);
    }

    @Test
    void badArgumentsAreRejectedByValue() {
        RankingMetricsTest.Case c = RankingMetricsTest.randomCase(1);
        assertThatThrownBy(() -> ValidationRanking.of(c.train(), c.test(), PositiveThreshold.ALL, 0, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k and maxUsers must be >= 1, got 0 and 10");
    }

    /** Equal to the reference within rounding, or both NaN (no pair to compare). */
    private static void assertSameFigure(double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected, within(1e-12));
        }
    }

    /** The rows of {@code ratings} whose user is one of {@code users}. */
    private static Ratings rowsOf(Ratings ratings, int[] users) {
        Set<Integer> wanted = new HashSet<>();
        for (int user : users) {
            wanted.add(user);
        }
        return ratings.subset(IntStream.range(0, ratings.size()).filter(row -> wanted.contains(ratings.user(row))).toArray());
    }
}
