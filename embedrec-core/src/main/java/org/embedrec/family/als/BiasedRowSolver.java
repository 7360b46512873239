package org.embedrec.family.als;

import org.embedrec.model.Cholesky;
import org.embedrec.model.NormalEquations;

/**
 * The row solve of ALS-WR, for training and for fold-in alike: with the other side's factors
 * {@code q_k} and biases {@code b_k} fixed, a row's factors {@code p} and bias {@code b} minimize
 *
 * <pre>
 *   Σ_k (r_k − μ − b_k − b − p · q_k)²  +  λ n (|p|² + b²)
 * </pre>
 *
 * over its {@code n} ratings {@code r_k}. The bias is fitted inside the solve by augmenting the
 * vectors: the unknown is {@code [p, b]} against the feature {@code [q_k, 1]} with target
 * {@code r_k − μ − b_k}, one (d+1)×(d+1) Cholesky solve ({@link NormalEquations#addWithIntercept}).
 * The regularization weighs every unknown by the row's rating count, the "weighted-λ" of Zhou et
 * al. (2008). A row without ratings gets factors and bias 0.
 *
 * <p>A row with fewer ratings than unknowns (most items of a MovieLens catalog) is solved in its dual
 * form instead, the same minimum: with {@code F} the n×(d+1) matrix of features and {@code y} the
 * targets, {@code x = (FᵀF + λn I)⁻¹ Fᵀy = Fᵀ (FFᵀ + λn I)⁻¹ y}, an n×n Cholesky solve of the
 * features' inner products, O(n²d + n³/6) instead of O(nd² + d³/6).
 *
 * <p>One instance per thread: it holds the scratch; a row's arithmetic depends only on its inputs,
 * so results do not depend on the thread.
 */
final class BiasedRowSolver {
    private final int dim;
    private final NormalEquations equations;
    private final double[] gram;
    private final double[] targets;

    BiasedRowSolver(int dim) {
        this.dim = dim;
        this.equations = new NormalEquations(dim + 1);
        this.gram = new double[dim * dim];
        this.targets = new double[dim];
    }

    /**
     * Solves one row and writes its factors to {@code outFactors[row · dim ..]} and its bias to
     * {@code outBias[row]}.
     *
     * @param fixedFactors the other side's factors, row-major {@code × dim}
     * @param fixedBias the other side's biases
     * @param mean μ, the global mean
     * @param others indices into the other side of the row's ratings, {@code [from, to)}
     * @param ratings the ratings, aligned with {@code others}
     * @param lambda λ; the row's diagonal gets {@code λ · (to − from)}
     */
    void solve(float[] fixedFactors, float[] fixedBias, float mean, int[] others, float[] ratings, int from, int to,
            double lambda, float[] outFactors, float[] outBias, int row) {
        int offset = row * dim;
        if (from == to) {
            java.util.Arrays.fill(outFactors, offset, offset + dim, 0f);
            outBias[row] = 0f;
            return;
        }
        int n = to - from;
        if (n <= dim) {
            solveDual(fixedFactors, fixedBias, mean, others, ratings, from, n, lambda * n, outFactors, outBias, row);
            return;
        }
        equations.start(lambda * n);
        for (int k = from; k < to; k++) {
            int other = others[k];
            equations.addWithIntercept(fixedFactors, other * dim, 1, (double) ratings[k] - mean - fixedBias[other]);
        }
        double[] solution = equations.solve();
        for (int a = 0; a < dim; a++) {
            outFactors[offset + a] = (float) solution[a];
        }
        outBias[row] = (float) solution[dim];
    }

    /** The dual form for {@code n ≤ dim} ratings: {@code α = (FFᵀ + ridge I)⁻¹ y}, then {@code x = Fᵀα}. */
    private void solveDual(float[] fixedFactors, float[] fixedBias, float mean, int[] others, float[] ratings,
            int from, int n, double ridge, float[] outFactors, float[] outBias, int row) {
        for (int k = 0; k < n; k++) {
            int a = others[from + k] * dim;
            for (int l = 0; l <= k; l++) {
                int b = others[from + l] * dim;
                double product = 1; // the intercepts' product
                for (int j = 0; j < dim; j++) {
                    product += (double) fixedFactors[a + j] * fixedFactors[b + j];
                }
                gram[k * n + l] = product;
            }
            gram[k * n + k] += ridge;
            targets[k] = (double) ratings[from + k] - mean - fixedBias[others[from + k]];
        }
        double[] alpha = Cholesky.solve(gram, targets, n);
        int offset = row * dim;
        for (int j = 0; j < dim; j++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += alpha[k] * fixedFactors[others[from + k] * dim + j];
            }
            outFactors[offset + j] = (float) sum;
        }
        double bias = 0;
        for (int k = 0; k < n; k++) {
            bias += alpha[k];
        }
        outBias[row] = (float) bias;
    }
}
