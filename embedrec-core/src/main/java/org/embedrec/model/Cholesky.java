package org.embedrec.model;

/**
 * Solves small symmetric positive-definite systems in place, for fold-in solves where a general
 * linear-algebra library's object overhead would dominate. {@link #solve} is {@link #factor} followed
 * by {@link #solveLower} and {@link #solveUpper}; samplers use the pieces on their own (a normal with
 * precision {@code A = L Lᵀ} is {@code L⁻ᵀ z} for a standard normal {@code z}).
 */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * Solves {@code A x = b} for a symmetric positive-definite {@code m x m} matrix {@code A} of which
     * only the lower triangle (row-major, {@code a[i * m + j]} with {@code j <= i}) is read. Overwrites
     * that triangle with the Cholesky factor L ({@code A = L Lᵀ}) and returns {@code x} in {@code b}.
     *
     * @throws ArithmeticException if {@code A} is not positive definite
     */
    public static double[] solve(double[] a, double[] b, int m) {
        factor(a, m);
        solveLower(a, b, m);
        solveUpper(a, b, m);
        return b;
    }

    /**
     * Overwrites the lower triangle of the symmetric positive-definite {@code m x m} matrix {@code a}
     * (row-major; the upper triangle is neither read nor written) with its Cholesky factor L,
     * {@code A = L Lᵀ}.
     *
     * @throws ArithmeticException if {@code A} is not positive definite
     */
    public static void factor(double[] a, int m) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * m + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i * m + k] * a[j * m + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new ArithmeticException("matrix is not positive definite (pivot " + i + " = " + sum + ")");
                    }
                    a[i * m + i] = Math.sqrt(sum);
                } else {
                    a[i * m + j] = sum / a[j * m + j];
                }
            }
        }
    }

    /** Solves {@code L x = b} in place for the lower-triangular factor {@code l} of {@link #factor}. */
    public static void solveLower(double[] l, double[] b, int m) {
        for (int i = 0; i < m; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * m + k] * b[k];
            }
            b[i] = sum / l[i * m + i];
        }
    }

    /** Solves {@code Lᵀ x = b} in place for the lower-triangular factor {@code l} of {@link #factor}. */
    public static void solveUpper(double[] l, double[] b, int m) {
        for (int i = m - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < m; k++) {
                sum -= l[k * m + i] * b[k];
            }
            b[i] = sum / l[i * m + i];
        }
    }
}
