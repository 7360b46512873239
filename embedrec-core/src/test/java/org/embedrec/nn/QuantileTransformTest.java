package org.embedrec.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quantile transform against a naive empirical-CDF reference and its edge cases. */
class QuantileTransformTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void matchesTheEmpiricalCdfOfDistinctValues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(500); // fewer values than knots: every value is a knot
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = (float) (random.nextDouble() * 100) + k * 1e-3f;
        }
        QuantileTransform transform = QuantileTransform.fit(values);
        for (float x : values) {
            // Naive reference: the rank of x among the values, over n - 1.
            int below = 0;
            for (float v : values) {
                if (v < x) {
                    below++;
                }
            }
            float expected = n == 1 ? 0.5f : (float) below / (n - 1);
            assertThat(transform.apply(x)).as("quantile of %s", x).isCloseTo(expected, within(1e-5f));
        }
    }

    @Test
    void interpolatesBetweenKnotsMonotonicallyAndClampsOutside() {
        QuantileTransform transform = QuantileTransform.fit(new float[] {10, 20, 30, 40, 50});
        assertThat(transform.apply(25)).isCloseTo(0.375f, within(1e-6f));
        assertThat(transform.apply(5)).isZero();
        assertThat(transform.apply(60)).isEqualTo(1f);
        float previous = -1;
        for (float x = 0; x <= 60; x += 0.5f) {
            float q = transform.apply(x);
            assertThat(q).isBetween(0f, 1f).isGreaterThanOrEqualTo(previous);
            previous = q;
        }
    }

    @Test
    void tiesGetTheMiddleOfTheirRun() {
        // Heavy ties, like item popularity: six 1s, two 2s, one 9.
        QuantileTransform transform = QuantileTransform.fit(new float[] {1, 1, 1, 1, 1, 1, 2, 2, 9});
        assertThat(transform.apply(1)).isCloseTo((0 + 5) / 2f / 8, within(1e-6f));
        assertThat(transform.apply(2)).isCloseTo((6 + 7) / 2f / 8, within(1e-6f));
        assertThat(transform.apply(9)).isEqualTo(1f);
    }

    @Test
    void keepsAtMostAThousandKnotsFromLargeData() {
        float[] values = new float[100_000];
        for (int k = 0; k < values.length; k++) {
            values[k] = k;
        }
        QuantileTransform transform = QuantileTransform.fit(values);
        assertThat(transform.knots()).hasSize(QuantileTransform.MAX_KNOTS);
        assertThat(transform.apply(50_000)).isCloseTo(0.5f, within(2e-3f));
        assertThat(QuantileTransform.ofKnots(transform.knots()).apply(12_345)).isEqualTo(transform.apply(12_345));
    }

    @Test
    void rejectsEmptyOrNonFiniteData() {
        assertThatThrownBy(() -> QuantileTransform.fit(new float[0])).hasMessageContaining("no values");
        assertThatThrownBy(() -> QuantileTransform.fit(new float[] {1, Float.NaN}))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> QuantileTransform.ofKnots(new float[] {2, 1})).hasMessageContaining("ascend");
    }
}
