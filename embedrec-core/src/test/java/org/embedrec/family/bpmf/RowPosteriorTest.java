package org.embedrec.family.bpmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The row sampler against the closed-form Gaussian posterior of a tiny problem: two factors and a
 * bias, four partners, a correlated prior. The posterior precision and mean are computed here from
 * their definition with EJML's general inverse, not with the sampler's Cholesky code; 200,000 draws
 * must match that mean and covariance within five standard errors, and the same check must reject a
 * sampler whose precision is off by a factor of 2 and one that uses a wrong α.
 */
class RowPosteriorTest {
    private static final int DIM = 2;
    private static final int DRAWS = 200_000;
    private static final double GLOBAL = 3.5;
    private static final double ALPHA = 2;
    /** Partner j's factors are FACTORS[j], its bias BIASES[j]. */
    private static final float[][] FACTORS = {{0.8f, -0.3f}, {-0.5f, 0.9f}, {0.2f, 0.4f}, {1.1f, 0.6f}};
    private static final float[] BIASES = {0.3f, -0.2f, 0.1f, -0.6f};
    private static final int[] PARTNERS = {0, 1, 2, 3};
    private static final float[] RATINGS = {4.5f, 2.5f, 4f, 3f};
    private static final double[] PRIOR_PRECISION = {2.0, 0.6, -0.3, 0.6, 1.5, 0.2, -0.3, 0.2, 3.0};
    private static final double[] PRIOR_MEAN = {0.2, -0.1, 0.3};

    @Test
    void drawsHaveTheClosedFormPosteriorMeanAndCovariance() {
        Posterior exact = closedForm(ALPHA, true);
        double[][] draws = draw(ALPHA, true, new SplittableRandom(11));
        assertThat(mismatches(draws, exact)).as("moments of correct draws").isEmpty();
    }

    @Test
    void theCheckRejectsASamplerWithThePrecisionOffByAFactorOfTwo() {
        Posterior exact = closedForm(ALPHA, true);
        double[][] draws = draw(ALPHA, true, new SplittableRandom(11));
        for (double[] x : draws) {
            for (int a = 0; a < x.length; a++) {
                x[a] = exact.mean[a] + (x[a] - exact.mean[a]) / Math.sqrt(2); // N(m, (2P)⁻¹)
            }
        }
        assertThat(mismatches(draws, exact)).as("moments of draws with precision 2P").isNotEmpty();
    }

    @Test
    void theCheckRejectsASamplerWithAWrongObservationPrecision() {
        Posterior exact = closedForm(ALPHA, true);
        assertThat(mismatches(draw(ALPHA * 1.3, true, new SplittableRandom(11)), exact))
                .as("moments of draws with alpha 30% too high").isNotEmpty();
    }

    @Test
    void withoutBiasesTheRowIsTheFactorsAlone() {
        Posterior exact = closedForm(ALPHA, false);
        assertThat(mismatches(draw(ALPHA, false, new SplittableRandom(12)), exact)).isEmpty();
    }

    @Test
    void withoutARandomStreamItGivesThePosteriorMean() {
        for (boolean biases : new boolean[] {true, false}) {
            Posterior exact = closedForm(ALPHA, biases);
            double[] mean = sample(new RowPosterior(DIM, biases), ALPHA, biases, null);
            for (int a = 0; a < mean.length; a++) {
                assertThat(mean[a]).as("mean %d (biases %s)", a, biases).isCloseTo(exact.mean[a], within(1e-6));
            }
        }
    }

    @Test
    void aRowWithoutRatingsIsItsPrior() {
        RowPosterior posterior = new RowPosterior(DIM, true);
        float[] factors = new float[DIM];
        float[] bias = new float[1];
        posterior.draw(flat(), DIM, 0, BIASES, 0, PARTNERS, RATINGS, 0, 0, GLOBAL, ALPHA, PRIOR_PRECISION,
                RowPosterior.shift(PRIOR_PRECISION, PRIOR_MEAN, 3), null, factors, 0, bias, 0);
        assertThat(factors[0]).isCloseTo((float) PRIOR_MEAN[0], within(1e-6f));
        assertThat(factors[1]).isCloseTo((float) PRIOR_MEAN[1], within(1e-6f));
        assertThat(bias[0]).isCloseTo((float) PRIOR_MEAN[2], within(1e-6f));
    }

    /** The exact posterior: precision P, mean m and covariance P⁻¹ from their definitions. */
    private record Posterior(double[] mean, double[][] covariance) {
    }

    private static Posterior closedForm(double alpha, boolean biases) {
        int k = DIM + (biases ? 1 : 0);
        DMatrixRMaj precision = new DMatrixRMaj(k, k);
        DMatrixRMaj prior = new DMatrixRMaj(k, k);
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                prior.set(a, b, PRIOR_PRECISION[a * 3 + b]);
            }
        }
        DMatrixRMaj priorMean = new DMatrixRMaj(k, 1);
        for (int a = 0; a < k; a++) {
            priorMean.set(a, 0, PRIOR_MEAN[a]);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(k, 1);
        CommonOps_DDRM.mult(prior, priorMean, rhs);
        precision.setTo(prior);
        for (int j = 0; j < PARTNERS.length; j++) {
            double[] z = new double[k];
            z[0] = FACTORS[j][0];
            z[1] = FACTORS[j][1];
            if (biases) {
                z[2] = 1;
            }
            double target = RATINGS[j] - GLOBAL - (biases ? BIASES[j] : 0);
            for (int a = 0; a < k; a++) {
                rhs.add(a, 0, alpha * target * z[a]);
                for (int b = 0; b < k; b++) {
                    precision.add(a, b, alpha * z[a] * z[b]);
                }
            }
        }
        DMatrixRMaj covariance = new DMatrixRMaj(k, k);
        CommonOps_DDRM.invert(precision, covariance);
        DMatrixRMaj mean = new DMatrixRMaj(k, 1);
        CommonOps_DDRM.mult(covariance, rhs, mean);
        double[][] cov = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                cov[a][b] = covariance.get(a, b);
            }
        }
        return new Posterior(mean.getData().clone(), cov);
    }

    private static double[][] draw(double alpha, boolean biases, SplittableRandom random) {
        RowPosterior posterior = new RowPosterior(DIM, biases);
        double[][] draws = new double[DRAWS][];
        for (int n = 0; n < DRAWS; n++) {
            draws[n] = sample(posterior, alpha, biases, random);
        }
        return draws;
    }

    private static double[] sample(RowPosterior posterior, double alpha, boolean biases, SplittableRandom random) {
        int k = posterior.length();
        double[] precision = new double[k * k];
        double[] mean = new double[k];
        for (int a = 0; a < k; a++) {
            mean[a] = PRIOR_MEAN[a];
            for (int b = 0; b < k; b++) {
                precision[a * k + b] = PRIOR_PRECISION[a * 3 + b];
            }
        }
        float[] factors = new float[DIM];
        float[] bias = new float[1];
        posterior.draw(flat(), DIM, 0, biases ? BIASES : null, 0, PARTNERS, RATINGS, 0, PARTNERS.length, GLOBAL, alpha,
                precision, RowPosterior.shift(precision, mean, k), random, factors, 0, bias, 0);
        return biases ? new double[] {factors[0], factors[1], bias[0]} : new double[] {factors[0], factors[1]};
    }

    private static float[] flat() {
        float[] flat = new float[FACTORS.length * DIM];
        for (int j = 0; j < FACTORS.length; j++) {
            System.arraycopy(FACTORS[j], 0, flat, j * DIM, DIM);
        }
        return flat;
    }

    /**
     * The moments of {@code draws} that miss the exact ones by more than five standard errors: each
     * mean (standard error √(C_aa / n)) and each covariance entry (√((C_aa C_bb + C_ab²) / n)).
     */
    static List<String> mismatches(double[][] draws, Posterior exact) {
        int k = exact.mean.length;
        int n = draws.length;
        double[] mean = new double[k];
        for (double[] x : draws) {
            for (int a = 0; a < k; a++) {
                mean[a] += x[a] / n;
            }
        }
        double[][] covariance = new double[k][k];
        for (double[] x : draws) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    covariance[a][b] += (x[a] - mean[a]) * (x[b] - mean[b]) / (n - 1);
                }
            }
        }
        double[][] c = exact.covariance;
        List<String> problems = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            double error = Math.sqrt(c[a][a] / n);
            if (Math.abs(mean[a] - exact.mean[a]) > 5 * error) {
                problems.add("mean " + a + ": " + mean[a] + " vs " + exact.mean[a] + " (s.e. " + error + ")");
            }
            for (int b = 0; b < k; b++) {
                double covError = Math.sqrt((c[a][a] * c[b][b] + c[a][b] * c[a][b]) / n);
                if (Math.abs(covariance[a][b] - c[a][b]) > 5 * covError) {
                    problems.add("covariance " + a + "," + b + ": " + covariance[a][b] + " vs " + c[a][b] + " (s.e. "
                            + covError + ")");
                }
            }
        }
        return problems;
    }
}
