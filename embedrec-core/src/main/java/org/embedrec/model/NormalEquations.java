package org.embedrec.model;

/**
 * The normal equations of one weighted ridge regression, built one observation at a time and solved
 * by {@link Cholesky}: the {@code x} of {@link #size} unknowns minimizing
 *
 * <pre>
 *   Σ_k w_k (y_k − v_k · x)²  +  xᵀ B x  +  λ |x|²
 * </pre>
 *
 * that is {@code (B + λ I + Σ_k w_k v_k v_kᵀ) x = Σ_k w_k y_k v_k}. This is the row solve of
 * alternating least squares: iALS ({@code B = α₀ QᵀQ}, targets 1) and ALS-WR ({@code B = 0}, targets the
 * ratings less the fixed biases, and an intercept for the row's own bias, {@link #addWithIntercept}).
 * The sums run in the order the observations are added, so a row's solution depends only on its
 * inputs. One instance per thread: it is scratch space, reused row after row ({@link #start}).
 */
public final class NormalEquations {
    private final int size;
    private final double[] matrix;
    private final double[] rhs;
    private final double[] feature;

    /** Scratch for systems of {@code size} unknowns. */
    public NormalEquations(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        this.size = size;
        this.matrix = new double[size * size];
        this.rhs = new double[size];
        this.feature = new double[size];
    }

    /** The number of unknowns. */
    public int size() {
        return size;
    }

    /** Starts a new system {@code λ I} with no observations. */
    public void start(double lambda) {
        java.util.Arrays.fill(matrix, 0);
        start(lambda, matrix);
    }

    /**
     * Starts a new system {@code B + λ I} with no observations.
     *
     * @param base {@code B}, {@code size × size} row-major; only its lower triangle is read
     */
    public void start(double lambda, double[] base) {
        if (base != matrix) {
            System.arraycopy(base, 0, matrix, 0, size * size);
        }
        java.util.Arrays.fill(rhs, 0);
        for (int a = 0; a < size; a++) {
            matrix[a * size + a] += lambda;
        }
    }

    /** Adds the observation {@code y ≈ v · x} with weight {@code w}, where {@code v = features[offset .. offset + size)}. */
    public void add(float[] features, int offset, double weight, double target) {
        for (int a = 0; a < size; a++) {
            double wva = weight * features[offset + a];
            rhs[a] += wva * target;
            int row = a * size;
            for (int b = 0; b <= a; b++) {
                matrix[row + b] += wva * features[offset + b];
            }
        }
    }

    /**
     * Adds the observation {@code y ≈ v · x} with weight {@code w}, where {@code v} is
     * {@code features[offset .. offset + size − 1)} followed by a constant 1: the last unknown is an
     * intercept (a bias).
     */
    public void addWithIntercept(float[] features, int offset, double weight, double target) {
        int last = size - 1;
        for (int b = 0; b < last; b++) {
            feature[b] = features[offset + b];
        }
        feature[last] = 1;
        // Over doubles only, so that the JIT vectorizes the inner loop (it does not across float → double).
        for (int a = 0; a < size; a++) {
            double wva = weight * feature[a];
            rhs[a] += wva * target;
            int row = a * size;
            for (int b = 0; b <= a; b++) {
                matrix[row + b] += wva * feature[b];
            }
        }
    }

    /**
     * Solves the system and returns {@code x}, an array of this instance's that the next {@link #start}
     * overwrites.
     *
     * @throws ArithmeticException if the system is not positive definite (no ridge and too few observations)
     */
    public double[] solve() {
        return Cholesky.solve(matrix, rhs, size);
    }
}
