package org.embedrec.family.ials;

import org.embedrec.model.NormalEquations;
import org.embedrec.train.FactorKernels;

/**
 * Solves one row of an alternating least-squares sweep: with the other side's vectors {@code v_k}
 * fixed, the row's vector {@code x} minimizes
 *
 * <pre>
 *   Σ_{observed k} c_k (1 − v_k · x)²  +  α₀ Σ_{all k} (v_k · x)²  +  λ_row |x|²
 * </pre>
 *
 * whose normal equations are {@code (α₀ G + Σ_obs c_k v_k v_kᵀ + λ_row I) x = Σ_obs c_k v_k}, with
 * {@code G = VᵀV} the Gramian of every row of the other side: the Gramian trick of Hu, Koren and
 * Volinsky (2008) that makes the unobserved pairs cost O(d²) per row instead of O(d · items).
 * {@link #exact} factors that d×d matrix ({@link NormalEquations}, shared with ALS-WR);
 * {@link #conjugateGradient} runs a few steps of conjugate gradients from the row's current vector
 * (Takács, Pilászy and Tikk 2011), never forming
 * the matrix: each step costs O(d² + observed · d). A row without observations has the exact
 * solution 0 under both. One instance per thread: it holds the scratch vectors; the arithmetic of a
 * row depends only on its inputs, so results do not depend on which thread solves it.
 */
final class RowSolver {
    private final int dim;
    private final NormalEquations equations;
    private final double[] residual;
    private final double[] direction;
    private final double[] product;
    private final double[] x;
    private final double[] observedSum;
    private final float[] vectorFloats;
    private final float[] sumFloats;

    RowSolver(int dim) {
        this.dim = dim;
        this.equations = new NormalEquations(dim);
        this.residual = new double[dim];
        this.direction = new double[dim];
        this.product = new double[dim];
        this.x = new double[dim];
        this.observedSum = new double[dim];
        this.vectorFloats = new float[dim];
        this.sumFloats = new float[dim];
    }

    /**
     * Writes the exact solution into {@code out[outOffset .. outOffset + dim)}.
     *
     * @param fixed the other side's vectors, row-major
     * @param weightedGram {@code α₀ G}, a full symmetric d×d matrix, row-major
     * @param observed indices into {@code fixed} of the row's observations, {@code [from, to)}
     * @param confidences {@code c_k} aligned with {@code observed}, or {@code null} for all 1
     */
    void exact(float[] fixed, double[] weightedGram, int[] observed, float[] confidences, int from, int to,
            double lambda, float[] out, int outOffset) {
        if (from == to) {
            java.util.Arrays.fill(out, outOffset, outOffset + dim, 0f);
            return;
        }
        equations.start(lambda, weightedGram);
        for (int k = from; k < to; k++) {
            equations.add(fixed, observed[k] * dim, confidences == null ? 1 : confidences[k], 1);
        }
        double[] solution = equations.solve();
        for (int a = 0; a < dim; a++) {
            out[outOffset + a] = (float) solution[a];
        }
    }

    /**
     * Runs {@code steps} conjugate-gradient steps on the same system as {@link #exact}, starting from
     * the current {@code out[outOffset .. outOffset + dim)}, and writes the result there. The scalars
     * and d-vectors of the iteration are doubles; the passes over the observations, where the time
     * goes, are float dot products and axpys on the shared {@link FactorKernels} (SIMD when the JDK's
     * Vector API is enabled), with the starting residual {@code b − A x} computed in the same single
     * pass as a product.
     */
    void conjugateGradient(float[] fixed, double[] weightedGram, int[] observed, float[] confidences, int from,
            int to, double lambda, int steps, float[] out, int outOffset) {
        if (from == to) {
            java.util.Arrays.fill(out, outOffset, outOffset + dim, 0f);
            return;
        }
        for (int a = 0; a < dim; a++) {
            x[a] = out[outOffset + a];
        }
        // r = b − A x = Σ_obs c_k (1 − v_k · x) v_k − (α₀ G + λ I) x
        observedPass(fixed, observed, confidences, from, to, x, true);
        gramProduct(weightedGram, lambda, x, product);
        for (int a = 0; a < dim; a++) {
            residual[a] = observedSum[a] - product[a];
        }
        System.arraycopy(residual, 0, direction, 0, dim);
        double rr = dot(residual, residual);
        for (int step = 0; step < steps && rr > 1e-20; step++) {
            multiply(fixed, weightedGram, observed, confidences, from, to, lambda, direction, product);
            double alpha = rr / dot(direction, product);
            for (int a = 0; a < dim; a++) {
                x[a] += alpha * direction[a];
                residual[a] -= alpha * product[a];
            }
            double next = dot(residual, residual);
            double beta = next / rr;
            for (int a = 0; a < dim; a++) {
                direction[a] = residual[a] + beta * direction[a];
            }
            rr = next;
        }
        for (int a = 0; a < dim; a++) {
            out[outOffset + a] = (float) x[a];
        }
    }

    /** {@code result = (α₀ G + Σ_obs c_k v_k v_kᵀ + λ I) vector}. */
    private void multiply(float[] fixed, double[] weightedGram, int[] observed, float[] confidences, int from, int to,
            double lambda, double[] vector, double[] result) {
        observedPass(fixed, observed, confidences, from, to, vector, false);
        gramProduct(weightedGram, lambda, vector, result);
        for (int a = 0; a < dim; a++) {
            result[a] += observedSum[a];
        }
    }

    /** {@code result = (α₀ G + λ I) vector}. */
    private void gramProduct(double[] weightedGram, double lambda, double[] vector, double[] result) {
        for (int a = 0; a < dim; a++) {
            result[a] = lambda * vector[a];
        }
        // Row by row (G is symmetric): an axpy per row, which the JIT vectorizes, where a dot product would not be.
        for (int b = 0; b < dim; b++) {
            double xb = vector[b];
            int row = b * dim;
            for (int a = 0; a < dim; a++) {
                result[a] += xb * weightedGram[row + a];
            }
        }
    }

    /**
     * One pass over the observations into {@link #observedSum}: {@code Σ_obs c_k (v_k · vector) v_k}, or
     * with {@code residual} {@code Σ_obs c_k (1 − v_k · vector) v_k}.
     */
    private void observedPass(float[] fixed, int[] observed, float[] confidences, int from, int to, double[] vector,
            boolean residual) {
        for (int a = 0; a < dim; a++) {
            vectorFloats[a] = (float) vector[a];
            sumFloats[a] = 0f;
        }
        for (int k = from; k < to; k++) {
            int offset = observed[k] * dim;
            float score = FactorKernels.dot(fixed, offset, vectorFloats, 0, dim);
            float weight = residual ? 1f - score : score;
            FactorKernels.axpy(confidences == null ? weight : confidences[k] * weight, fixed, offset, sumFloats, 0, dim);
        }
        for (int a = 0; a < dim; a++) {
            observedSum[a] = sumFloats[a];
        }
    }

    private double dot(double[] a, double[] b) {
        return dot(a, 0, b);
    }

    /** {@code matrix[offset .. offset + dim) · vector} with four running sums, in a fixed order. */
    private double dot(double[] matrix, int offset, double[] vector) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int a = 0;
        for (; a + 3 < dim; a += 4) {
            s0 += matrix[offset + a] * vector[a];
            s1 += matrix[offset + a + 1] * vector[a + 1];
            s2 += matrix[offset + a + 2] * vector[a + 2];
            s3 += matrix[offset + a + 3] * vector[a + 3];
        }
        for (; a < dim; a++) {
            s0 += matrix[offset + a] * vector[a];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code VᵀV} of rows {@code [from, to)} of {@code vectors}, added into the lower triangle of
     * {@code gram} (d×d, row-major).
     */
    static void addGram(float[] vectors, int dim, int from, int to, double[] gram) {
        for (int row = from; row < to; row++) {
            int offset = row * dim;
            for (int a = 0; a < dim; a++) {
                double va = vectors[offset + a];
                if (va == 0) {
                    continue;
                }
                int target = a * dim;
                for (int b = 0; b <= a; b++) {
                    gram[target + b] += va * vectors[offset + b];
                }
            }
        }
    }

    /** Copies the lower triangle of a d×d matrix to its upper triangle. */
    static void symmetrize(double[] matrix, int dim) {
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < a; b++) {
                matrix[b * dim + a] = matrix[a * dim + b];
            }
        }
    }
}
