package org.embedrec.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FenwickSamplerTest {
    private static final long[] WEIGHTS = {1, 2, 3, 4, 0, 10, 0, 5};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void drawsEachPositionInProportionToItsWeight(long seed) {
        FenwickSampler sampler = new FenwickSampler(WEIGHTS);
        SplittableRandom random = new SplittableRandom(seed);
        int draws = 250_000;
        int[] counts = new int[WEIGHTS.length];
        for (int k = 0; k < draws; k++) {
            counts[sampler.sample(random)]++;
        }
        long total = Arrays.stream(WEIGHTS).sum();
        for (int p = 0; p < WEIGHTS.length; p++) {
            assertThat(counts[p] / (double) draws).as("share of position %d", p)
                    .isCloseTo(WEIGHTS[p] / (double) total, within(0.005));
        }
        assertThat(counts[4]).isZero();
        assertThat(counts[6]).isZero();
    }

    @Test
    void secondDrawAfterRemovalFollowsTheRemainingWeights() {
        // Successive sampling: P(first = a, second = b) = w_a / W * w_b / (W - w_a).
        long[] weights = {1, 2, 3};
        SplittableRandom random = new SplittableRandom(11);
        int trials = 120_000;
        int[][] pairs = new int[3][3];
        FenwickSampler sampler = new FenwickSampler(weights);
        for (int t = 0; t < trials; t++) {
            int first = sampler.sample(random);
            sampler.remove(first);
            int second = sampler.sample(random);
            sampler.restore(first);
            pairs[first][second]++;
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double expected = a == b ? 0 : weights[a] / 6.0 * weights[b] / (6.0 - weights[a]);
                assertThat(pairs[a][b] / (double) trials).as("P(%d then %d)", a, b).isCloseTo(expected, within(0.006));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void drawingWithRemovalVisitsEveryWeightedPositionOnceAndRestoreUndoesItExactly(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] weights = new long[37];
        for (int p = 0; p < weights.length; p++) {
            weights[p] = p % 5 == 0 ? 0 : 1 + random.nextInt(1000);
        }
        FenwickSampler sampler = new FenwickSampler(weights);
        long positive = Arrays.stream(weights).filter(w -> w > 0).count();
        boolean[] seen = new boolean[weights.length];
        int[] order = new int[(int) positive];
        for (int k = 0; k < positive; k++) {
            int p = sampler.sample(random);
            assertThat(seen[p]).as("position %d drawn twice", p).isFalse();
            assertThat(weights[p]).isPositive();
            seen[p] = true;
            order[k] = p;
            sampler.remove(p);
        }
        assertThat(sampler.total()).isZero();
        assertThatThrownBy(() -> sampler.sample(random)).isInstanceOf(IllegalStateException.class);
        for (int p : order) {
            sampler.restore(p);
        }
        // Restored bit for bit: the same random stream gives the same draws as a fresh sampler.
        FenwickSampler fresh = new FenwickSampler(weights);
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int k = 0; k < 1000; k++) {
            assertThat(sampler.sample(a)).isEqualTo(fresh.sample(b));
        }
        assertThat(sampler.total()).isEqualTo(Arrays.stream(weights).sum());
    }

    @Test
    void rejectsNegativeWeights() {
        assertThatThrownBy(() -> new FenwickSampler(new long[] {3, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1").hasMessageContaining("position 1");
    }
}
