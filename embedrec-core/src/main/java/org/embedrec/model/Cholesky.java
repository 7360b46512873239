package org.embedrec.model;

/**
 * Solves small symmetric positive-definite systems in place, for fold-in solves where a general
 * linear-algebra library's object overhead would dominate.
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
        for (int i = 0; i < m; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i * m + k] * b[k];
            }
            b[i] = sum / a[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < m; k++) {
                sum -= a[k * m + i] * b[k];
            }
            b[i] = sum / a[i * m + i];
        }
        return b;
    }
}
