package org.embedrec.family.bpmf;

import java.util.SplittableRandom;
import org.embedrec.model.Cholesky;

/**
 * The Normal-Wishart hyperprior of one side's rows and the draws BPMF's Gibbs sampler makes from it
 * (Salakhutdinov and Mnih 2008, eq. 14): rows {@code x_n ~ N(μ, Λ⁻¹)} with
 *
 * <pre>
 *   Λ ~ W(W₀, ν₀)        μ | Λ ~ N(μ₀, (β₀ Λ)⁻¹)        μ₀ = 0,  W₀ = s I
 * </pre>
 *
 * so that given the current rows {@code x_1 .. x_N}, with mean {@code x̄} and scatter
 * {@code S = Σ (x_n − x̄)(x_n − x̄)ᵀ}, the hyperparameters are drawn from
 *
 * <pre>
 *   Λ ~ W(W*, ν₀ + N)     W*⁻¹ = W₀⁻¹ + S + β₀ N / (β₀ + N) (μ₀ − x̄)(μ₀ − x̄)ᵀ
 *   μ | Λ ~ N(μ*, ((β₀ + N) Λ)⁻¹)     μ* = (β₀ μ₀ + N x̄) / (β₀ + N)
 * </pre>
 *
 * The Wishart {@code W(W, ν)} has mean {@code ν W}; it is drawn by the Bartlett decomposition. Also
 * the gamma draws the Bartlett decomposition and the observation precision need (Marsaglia and Tsang
 * 2000).
 *
 * @param length the length of a row, {@code d} or {@code d + 1} with a bias
 * @param beta0 β₀, how many rows' worth the prior mean counts for
 * @param nu0 ν₀ ≥ length, the Wishart's degrees of freedom
 * @param scale {@code s} in {@code W₀ = s I}
 */
record NormalWishart(int length, double beta0, double nu0, double scale) {
    NormalWishart {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        if (!(beta0 > 0 && Double.isFinite(beta0))) {
            throw new IllegalArgumentException("beta0 must be finite and > 0, got " + beta0);
        }
        if (!(nu0 >= length && Double.isFinite(nu0))) {
            throw new IllegalArgumentException("nu0 must be finite and >= the row length " + length + ", got " + nu0);
        }
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("the Wishart scale must be finite and > 0, got " + scale);
        }
    }

    /**
     * One draw of the hyperparameters.
     *
     * @param mean μ, {@code length}
     * @param precision Λ, {@code length × length} row-major, symmetric
     */
    record Draw(double[] mean, double[] precision) {
        /** Λμ, which the row posterior takes. */
        double[] shift() {
            return RowPosterior.shift(precision, mean, mean.length);
        }
    }

    /**
     * Draws (μ, Λ) given the rows: row {@code n}'s factors are {@code factors[n * dim .. n * dim + dim)}
     * and its bias, when {@code biases} is not null, {@code biases[n]}. Sums run over the rows in
     * order, so the draw depends only on the rows and {@code random}.
     */
    Draw posterior(float[] factors, float[] biases, int dim, int rows, SplittableRandom random) {
        int m = length;
        double[] row = new double[m];
        double[] mean = new double[m];
        for (int n = 0; n < rows; n++) {
            read(factors, biases, dim, n, row);
            for (int a = 0; a < m; a++) {
                mean[a] += row[a];
            }
        }
        for (int a = 0; a < m; a++) {
            mean[a] /= Math.max(1, rows);
        }
        double[] inverseScale = new double[m * m];
        for (int n = 0; n < rows; n++) {
            read(factors, biases, dim, n, row);
            for (int a = 0; a < m; a++) {
                row[a] -= mean[a];
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b <= a; b++) {
                    inverseScale[a * m + b] += row[a] * row[b];
                }
            }
        }
        double shrink = beta0 * rows / (beta0 + rows);
        for (int a = 0; a < m; a++) {
            inverseScale[a * m + a] += 1 / scale;
            for (int b = 0; b <= a; b++) {
                inverseScale[a * m + b] += shrink * mean[a] * mean[b];
            }
        }
        double[] precision = wishart(inverseScale, m, nu0 + rows, random);
        double beta = beta0 + rows;
        double[] posteriorMean = new double[m];
        for (int a = 0; a < m; a++) {
            posteriorMean[a] = rows * mean[a] / beta;
        }
        return new Draw(normal(posteriorMean, precision, beta, random), precision);
    }

    private static void read(float[] factors, float[] biases, int dim, int n, double[] row) {
        for (int a = 0; a < dim; a++) {
            row[a] = factors[n * dim + a];
        }
        if (biases != null) {
            row[dim] = biases[n];
        }
    }

    /**
     * A draw from {@code N(mean, (factor · precision)⁻¹)}: {@code mean + L⁻ᵀ ε} with
     * {@code factor · precision = L Lᵀ}.
     */
    static double[] normal(double[] mean, double[] precision, double factor, SplittableRandom random) {
        int m = mean.length;
        double[] lower = new double[m * m];
        for (int k = 0; k < lower.length; k++) {
            lower[k] = factor * precision[k];
        }
        Cholesky.factor(lower, m);
        double[] noise = new double[m];
        for (int a = 0; a < m; a++) {
            noise[a] = random.nextGaussian();
        }
        Cholesky.solveUpper(lower, noise, m);
        double[] draw = new double[m];
        for (int a = 0; a < m; a++) {
            draw[a] = mean[a] + noise[a];
        }
        return draw;
    }

    /**
     * A draw from the Wishart {@code W(W, ν)} given {@code W⁻¹} (its lower triangle is read), by the
     * Bartlett decomposition: with {@code W⁻¹ = L Lᵀ}, so that {@code W = CCᵀ} for {@code C = L⁻ᵀ},
     * and {@code A} lower triangular with {@code A_ii = √χ²(ν − i)} (0-based i) and standard normals
     * below the diagonal, the draw is {@code (CA)(CA)ᵀ}. Returns the full symmetric matrix.
     *
     * @param nu ν, at least {@code m} (an integer ν ≥ m, or any real ν > m − 1)
     */
    static double[] wishart(double[] inverseScale, int m, double nu, SplittableRandom random) {
        if (!(nu > m - 1)) {
            throw new IllegalArgumentException("Wishart degrees of freedom must exceed " + (m - 1) + ", got " + nu);
        }
        double[] lower = inverseScale.clone();
        Cholesky.factor(lower, m);
        double[] product = new double[m * m];
        double[] column = new double[m];
        for (int j = 0; j < m; j++) {
            java.util.Arrays.fill(column, 0);
            column[j] = Math.sqrt(2 * gamma((nu - j) / 2, random));
            for (int i = j + 1; i < m; i++) {
                column[i] = random.nextGaussian();
            }
            Cholesky.solveUpper(lower, column, m);
            for (int i = 0; i < m; i++) {
                product[i * m + j] = column[i];
            }
        }
        double[] draw = new double[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    sum += product[a * m + k] * product[b * m + k];
                }
                draw[a * m + b] = sum;
                draw[b * m + a] = sum;
            }
        }
        return draw;
    }

    /**
     * A draw from the gamma distribution with the given shape and rate 1 (mean {@code shape}):
     * Marsaglia and Tsang's squeeze method, with {@code Γ(a) = Γ(a + 1) U^{1/a}} below shape 1.
     */
    static double gamma(double shape, SplittableRandom random) {
        if (!(shape > 0 && Double.isFinite(shape))) {
            throw new IllegalArgumentException("gamma shape must be finite and > 0, got " + shape);
        }
        if (shape < 1) {
            double u = 1.0 - random.nextDouble();
            return gamma(shape + 1, random) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1.0 - random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
