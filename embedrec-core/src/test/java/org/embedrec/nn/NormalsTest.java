package org.embedrec.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The initial-value samplers against the moments and tail masses of the distributions they promise. */
class NormalsTest {
    private static final int N = 200_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void fillDrawsNormalsWithTheGivenStandardDeviation(long seed) {
        double stddev = 0.05;
        float[] values = new float[N + 3];
        values[0] = 7f;
        values[N + 2] = 7f;

        Normals.fill(values, 1, N + 1, stddev, new SplittableRandom(seed));

        assertThat(values[0]).as("before the range").isEqualTo(7f);
        assertThat(values[N + 2]).as("after the range").isEqualTo(7f);
        Moments m = Moments.of(values, 1, N + 1, stddev);
        // Standard errors at n = 200,000: mean 0.0022σ, σ about 0.16%, tail masses about 0.1 percentage points.
        assertThat(m.mean / stddev).isCloseTo(0, within(0.01));
        assertThat(m.stddev / stddev).isCloseTo(1, within(0.01));
        assertThat(m.beyondOne).as("mass beyond 1σ").isCloseTo(0.3173, within(0.005));
        assertThat(m.beyondTwo).as("mass beyond 2σ").isCloseTo(0.0455, within(0.003));
        assertThat(m.beyondThree).as("mass beyond 3σ").isCloseTo(0.0027, within(0.001));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void fillTruncatedStaysWithinTwoUnitsAndKeepsTheStandardDeviation(long seed) {
        double stddev = 0.2;
        float[] values = new float[N];

        Normals.fillTruncated(values, 0, N, stddev, new SplittableRandom(seed));

        double bound = 2 * stddev / 0.87962566103423978;
        Moments m = Moments.of(values, 0, N, stddev);
        for (float value : values) {
            assertThat(Math.abs(value)).isLessThanOrEqualTo((float) bound);
        }
        assertThat(m.mean / stddev).isCloseTo(0, within(0.01));
        assertThat(m.stddev / stddev).isCloseTo(1, within(0.01));
        // A unit normal conditioned on |x| <= 2 exceeds 1 with probability (0.3173 - 0.0455) / 0.9545.
        double unitBeyondOne = m.countBeyond(values, stddev / 0.87962566103423978) / N;
        assertThat(unitBeyondOne).isCloseTo((0.3173 - 0.0455) / 0.9545, within(0.005));
    }

    private record Moments(double mean, double stddev, double beyondOne, double beyondTwo, double beyondThree) {
        static Moments of(float[] values, int from, int to, double sigma) {
            double sum = 0;
            double squares = 0;
            int n = to - from;
            for (int k = from; k < to; k++) {
                sum += values[k];
                squares += values[k] * (double) values[k];
            }
            double mean = sum / n;
            return new Moments(mean, Math.sqrt(squares / n - mean * mean),
                    countBeyond(values, from, to, sigma) / n, countBeyond(values, from, to, 2 * sigma) / n,
                    countBeyond(values, from, to, 3 * sigma) / n);
        }

        double countBeyond(float[] values, double threshold) {
            return countBeyond(values, 0, values.length, threshold);
        }

        private static double countBeyond(float[] values, int from, int to, double threshold) {
            int count = 0;
            for (int k = from; k < to; k++) {
                if (Math.abs(values[k]) > threshold) {
                    count++;
                }
            }
            return count;
        }
    }
}
