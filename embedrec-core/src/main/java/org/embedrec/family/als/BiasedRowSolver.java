package org.embedrec.family.als;

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
 * al. (2008). A row without ratings gets factors and bias 0. One instance per thread: it holds the
 * scratch; a row's arithmetic depends only on its inputs, so results do not depend on the thread.
 */
final class BiasedRowSolver {
    private final int dim;
    private final NormalEquations equations;

    BiasedRowSolver(int dim) {
        this.dim = dim;
        this.equations = new NormalEquations(dim + 1);
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
        equations.start(lambda * (to - from));
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
}
