package org.embedrec.family.mf;

import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.model.Cholesky;

/**
 * Folds a new user into a fitted matrix factorization: the user factors {@code p} and bias
 * {@code b} minimizing the training objective restricted to that user, with every item parameter
 * fixed,
 *
 * <pre>
 *   Σ_k (r_k - f(g + b_i + b + q_i · p))²  +  n (λ |p|² + λ_b b²)
 * </pre>
 *
 * where {@code f} is the model's output function, {@code n} the number of ratings and λ, λ_b the
 * model's per-occurrence regularization (so that the fold-in weighs the prior exactly as training did).
 * With a linear output this is one (d+1)×(d+1) ridge-regression solve. With the sigmoid range it
 * starts from the ridge solution for the targets pulled back through {@code f⁻¹} (ratings at the
 * ends of the range clamped inside it) and refines it with Gauss-Newton steps on the true objective.
 * Each solve is a dense Cholesky factorization: microseconds for the usual widths.
 *
 * <p>The objective is symmetric in users and items, so the same solve built over the user factors
 * and biases (passed as {@code itemFactors} and {@code itemBias}) folds in a new item from its raters.
 */
final class MatrixFactorizationFoldIn {
    /** Ratings at the ends of a sigmoid range map to this fraction inside it before the logit. */
    private static final double EDGE = 0.02;
    private static final int MAX_GAUSS_NEWTON_STEPS = 30;
    private static final double CONVERGED = 1e-5;

    private final int dim;
    private final float[] itemFactors;
    private final float[] itemBias;
    private final float globalBias;
    private final OutputRange range;
    private final double factorL2;
    private final double biasL2;

    MatrixFactorizationFoldIn(int dim, float[] itemFactors, float[] itemBias, float globalBias, OutputRange range,
            double factorL2, double biasL2) {
        this.dim = dim;
        this.itemFactors = itemFactors;
        this.itemBias = itemBias;
        this.globalBias = globalBias;
        this.range = range;
        this.factorL2 = factorL2;
        this.biasL2 = biasL2;
    }

    /** Unknowns: the factors, then the user bias when the model has biases. */
    private int unknowns() {
        return itemBias == null ? dim : dim + 1;
    }

    /** The fitted user as {@code [p_1 .. p_d, b]} ({@code b} absent without biases). */
    double[] fit(int[] items, float[] ratings) {
        int m = unknowns();
        double[] x = new double[m];
        if (items.length == 0) {
            return x;
        }
        double[] targets = new double[items.length];
        double[] slopes = new double[items.length];
        for (int k = 0; k < items.length; k++) {
            double rawTarget = range == null ? ratings[k] : inverseOutput(ratings[k]);
            targets[k] = rawTarget - baseline(items[k]);
            slopes[k] = 1;
        }
        // Ridge solution in the raw-score space: exact for a linear output, the starting point otherwise.
        x = solve(items, targets, slopes);
        if (range == null) {
            return x;
        }
        double width = range.high() - range.low();
        for (int step = 0; step < MAX_GAUSS_NEWTON_STEPS; step++) {
            // Linearize f around the current raw scores: r - f(z + Δ) ≈ (r - f(z)) - f'(z) Δ.
            for (int k = 0; k < items.length; k++) {
                double z = rawScore(items[k], x);
                double s = 1 / (1 + Math.exp(-z));
                double slope = width * s * (1 - s);
                double residual = ratings[k] - (range.low() + width * s);
                slopes[k] = slope;
                targets[k] = slope * (z - baseline(items[k])) + residual;
            }
            double[] next = solve(items, targets, slopes);
            double change = 0;
            for (int j = 0; j < m; j++) {
                change = Math.max(change, Math.abs(next[j] - x[j]));
            }
            x = next;
            if (change < CONVERGED) {
                break;
            }
        }
        return x;
    }

    /** The part of the raw score that does not depend on the user: {@code g + b_i}. */
    private double baseline(int item) {
        return itemBias == null ? globalBias : (double) globalBias + itemBias[item];
    }

    /** The raw score of the user {@code x} for {@code item}. */
    double rawScore(int item, double[] x) {
        double z = baseline(item);
        int offset = item * dim;
        for (int j = 0; j < dim; j++) {
            z += x[j] * itemFactors[offset + j];
        }
        return itemBias == null ? z : z + x[dim];
    }

    /** {@code f⁻¹(rating)} for the sigmoid range, with the rating clamped just inside the range. */
    private double inverseOutput(float rating) {
        double s = (rating - range.low()) / (double) (range.high() - range.low());
        s = Math.min(1 - EDGE, Math.max(EDGE, s));
        return Math.log(s / (1 - s));
    }

    /**
     * Solves {@code (JᵀJ + nΛ) x = Jᵀ y}, where row k of J is {@code slope_k [q_{i_k}, 1]} and
     * {@code y = targets}: the regularized least-squares step shared by the ridge start (slopes 1,
     * targets the raw-score residuals after {@code g + b_i}) and each Gauss-Newton step.
     */
    private double[] solve(int[] items, double[] targets, double[] slopes) {
        int m = unknowns();
        double[] lhs = new double[m * m];
        double[] rhs = new double[m];
        double[] row = new double[m];
        for (int k = 0; k < items.length; k++) {
            int offset = items[k] * dim;
            for (int j = 0; j < dim; j++) {
                row[j] = slopes[k] * itemFactors[offset + j];
            }
            if (itemBias != null) {
                row[dim] = slopes[k];
            }
            double y = targets[k];
            for (int a = 0; a < m; a++) {
                rhs[a] += row[a] * y;
                for (int b = 0; b <= a; b++) {
                    lhs[a * m + b] += row[a] * row[b];
                }
            }
        }
        // A floor keeps the system positive definite for a model trained without regularization.
        int n = items.length;
        for (int j = 0; j < dim; j++) {
            lhs[j * m + j] += Math.max(n * factorL2, 1e-9);
        }
        if (itemBias != null) {
            lhs[dim * m + dim] += Math.max(n * biasL2, 1e-9);
        }
        return Cholesky.solve(lhs, rhs, m);
    }
}
