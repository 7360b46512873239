package org.embedrec.family.bpmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hyperparameter draws against their closed-form moments: the Wishart's mean {@code ν W} and
 * entry variances {@code ν (W_ab² + W_aa W_bb)}, the gamma's mean and variance, and the
 * Normal-Wishart posterior's {@code E[Λ] = ν* W*}, {@code E[μ] = μ*} and
 * {@code Cov(μ) = W*⁻¹ / (β* (ν* − k − 1))}, all within five standard errors; wrong degrees of
 * freedom must fail the same checks.
 */
class NormalWishartTest {
    private static final int DRAWS = 100_000;
    private static final double[] SCALE = {0.5, 0.1, -0.05, 0.1, 0.3, 0.08, -0.05, 0.08, 0.4};

    @Test
    void wishartDrawsHaveMeanNuWAndTheWishartVariances() {
        double nu = 5.5;
        assertThat(wishartMismatches(nu, nu)).isEmpty();
    }

    @Test
    void theWishartCheckRejectsDrawsWithOneDegreeOfFreedomTooMany() {
        assertThat(wishartMismatches(5.5, 6.5)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.4, 1, 3.7, 250})
    void gammaDrawsHaveMeanAndVarianceShape(double shape) {
        SplittableRandom random = new SplittableRandom(5);
        double sum = 0;
        double squares = 0;
        for (int n = 0; n < DRAWS; n++) {
            double x = NormalWishart.gamma(shape, random);
            assertThat(x).isPositive();
            sum += x;
            squares += x * x;
        }
        double mean = sum / DRAWS;
        double variance = squares / DRAWS - mean * mean;
        assertThat(Math.abs(mean - shape)).as("mean").isLessThan(5 * Math.sqrt(shape / DRAWS));
        // Var of the sample variance of a gamma: (μ4 − σ⁴) / n with μ4 = 3σ⁴ + 6 shape.
        assertThat(Math.abs(variance - shape)).as("variance").isLessThan(5 * Math.sqrt((2 * shape * shape + 6 * shape) / DRAWS));
    }

    @Test
    void posteriorDrawsHaveTheNormalWishartPosteriorMoments() {
        int k = 2;
        NormalWishart prior = new NormalWishart(k, 2, k + 1, 0.8);
        // Five rows: factor, then bias.
        float[] factors = {0.5f, -0.2f, 0.9f, 0.1f, 0.3f};
        float[] biases = {0.2f, 0.4f, -0.1f, 0.6f, 0.3f};
        int n = factors.length;
        double[] mean = new double[k];
        for (int r = 0; r < n; r++) {
            mean[0] += factors[r] / (double) n;
            mean[1] += biases[r] / (double) n;
        }
        DMatrixRMaj inverseScale = new DMatrixRMaj(k, k);
        for (int a = 0; a < k; a++) {
            inverseScale.add(a, a, 1 / 0.8);
        }
        for (int r = 0; r < n; r++) {
            double[] x = {factors[r] - mean[0], biases[r] - mean[1]};
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    inverseScale.add(a, b, x[a] * x[b]);
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                inverseScale.add(a, b, 2.0 * n / (2 + n) * mean[a] * mean[b]); // β₀ N / (β₀ + N) x̄ x̄ᵀ, μ₀ = 0
            }
        }
        DMatrixRMaj scale = new DMatrixRMaj(k, k);
        CommonOps_DDRM.invert(inverseScale, scale);
        double nu = k + 1 + n;
        double beta = 2 + n;
        double[] posteriorMean = {n * mean[0] / beta, n * mean[1] / beta};

        SplittableRandom random = new SplittableRandom(9);
        double[] precisionSum = new double[k * k];
        double[] meanSum = new double[k];
        double[] meanSquares = new double[k * k];
        for (int d = 0; d < DRAWS; d++) {
            NormalWishart.Draw draw = prior.posterior(factors, biases, 1, n, random);
            for (int a = 0; a < k; a++) {
                meanSum[a] += draw.mean()[a];
                for (int b = 0; b < k; b++) {
                    precisionSum[a * k + b] += draw.precision()[a * k + b];
                    meanSquares[a * k + b] += (draw.mean()[a] - posteriorMean[a]) * (draw.mean()[b] - posteriorMean[b]);
                }
            }
        }
        for (int a = 0; a < k; a++) {
            double muVariance = inverseScale.get(a, a) / (beta * (nu - k - 1));
            assertThat(Math.abs(meanSum[a] / DRAWS - posteriorMean[a])).as("E[mu_%d]", a)
                    .isLessThan(5 * Math.sqrt(muVariance / DRAWS));
            for (int b = 0; b < k; b++) {
                double expected = nu * scale.get(a, b);
                double sd = Math.sqrt(nu * (scale.get(a, b) * scale.get(a, b) + scale.get(a, a) * scale.get(b, b)));
                assertThat(Math.abs(precisionSum[a * k + b] / DRAWS - expected)).as("E[Lambda_%d%d]", a, b)
                        .isLessThan(5 * sd / Math.sqrt(DRAWS));
                // E[Λ⁻¹] = W*⁻¹ / (ν* − k − 1). μ is a scale mixture of normals, so its sample covariance
                // scatters more than a normal's (√(2/n) ≈ 0.45% of the scale here): 3% is a loose bound.
                double unit = 1 / (beta * (nu - k - 1));
                assertThat(meanSquares[a * k + b] / DRAWS).as("Cov(mu)_%d%d", a, b)
                        .isCloseTo(inverseScale.get(a, b) * unit,
                                within(0.03 * Math.sqrt(inverseScale.get(a, a) * inverseScale.get(b, b)) * unit));
            }
        }
    }

    @Test
    void refusesTooFewDegreesOfFreedom() {
        assertThatThrownBy(() -> new NormalWishart(3, 2, 2.5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nu0 must be finite and >= the row length 3, got 2.5");
    }

    /** Draws with {@code drawnNu} degrees of freedom and checks them against the moments of {@code expectedNu}. */
    private static List<String> wishartMismatches(double expectedNu, double drawnNu) {
        int m = 3;
        DMatrixRMaj scale = new DMatrixRMaj(m, m, true, SCALE);
        DMatrixRMaj inverse = new DMatrixRMaj(m, m);
        CommonOps_DDRM.invert(scale, inverse);
        SplittableRandom random = new SplittableRandom(3);
        double[] sum = new double[m * m];
        for (int n = 0; n < DRAWS; n++) {
            double[] draw = NormalWishart.wishart(inverse.getData().clone(), m, drawnNu, random);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += draw[k];
            }
        }
        List<String> problems = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double expected = expectedNu * SCALE[a * m + b];
                double sd = Math.sqrt(expectedNu * (SCALE[a * m + b] * SCALE[a * m + b] + SCALE[a * m + a] * SCALE[b * m + b]));
                double mean = sum[a * m + b] / DRAWS;
                if (Math.abs(mean - expected) > 5 * sd / Math.sqrt(DRAWS)) {
                    problems.add("E[" + a + "," + b + "] = " + mean + ", expected " + expected);
                }
            }
        }
        return problems;
    }
}
