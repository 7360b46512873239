package org.embedrec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The heap-based top-N selection against a full sort, on score arrays full of ties and NaNs. */
class TopNTest {
    /** Few distinct values so that ties are the rule; no -0.0, which == treats as equal to 0.0. */
    private static final float[] VALUES = {Float.NEGATIVE_INFINITY, -2f, -0.5f, 0f, 1f, 1.5f, 3f, Float.POSITIVE_INFINITY,
            Float.NaN};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void selectsWhatAFullSortSelects(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int length = random.nextInt(40);
        float[] scores = new float[length];
        for (int k = 0; k < length; k++) {
            scores[k] = VALUES[random.nextInt(VALUES.length)];
        }
        boolean[] skipped = new boolean[length];
        for (int k = 0; k < length; k++) {
            skipped[k] = random.nextInt(4) == 0;
        }
        IntPredicate skip = item -> skipped[item];
        int k = length == 0 ? 3 : 1 + random.nextInt(length);
        for (int n : new int[] {0, 1, 2, k, length, length + 1, length + 10}) {
            List<ScoredItem> selected = TopN.select(scores, n, skip);
            assertThat(selected).as("seed %d, n %d, scores %s", seed, n, java.util.Arrays.toString(scores))
                    .isEqualTo(naiveTopN(scores, n, skip));
            // Skipping by NaN score selects the same items.
            float[] masked = scores.clone();
            for (int item = 0; item < length; item++) {
                masked[item] = skipped[item] ? Float.NaN : masked[item];
            }
            assertThat(TopN.select(masked, n)).as("seed %d, n %d, NaN-masked", seed, n).isEqualTo(selected);
        }
    }

    @Test
    void breaksTiesByLowerIndexAndNeverSelectsNaN() {
        float[] scores = {1f, Float.NaN, 2f, 1f, 2f, Float.NaN};
        assertThat(TopN.select(scores, 10, item -> false)).containsExactly(new ScoredItem(2, 2f), new ScoredItem(4, 2f),
                new ScoredItem(0, 1f), new ScoredItem(3, 1f));
        assertThat(TopN.select(scores, 3, item -> item == 2)).containsExactly(new ScoredItem(4, 2f),
                new ScoredItem(0, 1f), new ScoredItem(3, 1f));
    }

    @Test
    void rejectsNegativeN() {
        assertThatThrownBy(() -> TopN.select(new float[] {1f}, -1, item -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    /** Everything selectable, sorted by score descending then index ascending, cut at n. */
    private static List<ScoredItem> naiveTopN(float[] scores, int n, IntPredicate skip) {
        List<ScoredItem> all = new ArrayList<>();
        IntStream.range(0, scores.length).filter(item -> !Float.isNaN(scores[item]) && !skip.test(item))
                .forEach(item -> all.add(new ScoredItem(item, scores[item])));
        all.sort(Comparator.comparingDouble((ScoredItem s) -> -s.score()).thenComparingInt(ScoredItem::item));
        return all.subList(0, Math.min(n, all.size()));
    }
}
