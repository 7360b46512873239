package org.embedrec.ann;

import java.util.Objects;

/**
 * A row-major {@code [rows, dim]} table of float vectors that an {@link HnswGraph} links and scores by
 * inner product: row {@code r} is {@code values[r * dim .. r * dim + dim)}. Shared, not copied.
 */
public record VectorTable(float[] values, int rows, int dim) {
    /** Checks that {@code values} holds exactly {@code rows × dim} floats. */
    public VectorTable {
        Objects.requireNonNull(values, "values");
        if (dim < 1) {
            throw new IllegalArgumentException("vector dimension must be >= 1, got " + dim);
        }
        if (rows < 0 || values.length != (long) rows * dim) {
            throw new IllegalArgumentException("a table of " + rows + " vectors of " + dim + " floats needs "
                    + (long) rows * dim + " values, got " + values.length);
        }
    }

    /** Inner product of row {@code row} and {@code query[0 .. dim)}. */
    float dot(int row, float[] query) {
        return dot(values, row * dim, query, 0, dim);
    }

    /** Inner product of rows {@code a} and {@code b}. */
    float dot(int a, int b) {
        return dot(values, a * dim, values, b * dim, dim);
    }

    /** Eight independent sums: the graph's hot loop (its order differs from the exact kernels' in the last bits). */
    private static float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int k = 0;
        for (; k + 7 < dim; k += 8) {
            s0 += a[aOffset + k] * b[bOffset + k];
            s1 += a[aOffset + k + 1] * b[bOffset + k + 1];
            s2 += a[aOffset + k + 2] * b[bOffset + k + 2];
            s3 += a[aOffset + k + 3] * b[bOffset + k + 3];
            s4 += a[aOffset + k + 4] * b[bOffset + k + 4];
            s5 += a[aOffset + k + 5] * b[bOffset + k + 5];
            s6 += a[aOffset + k + 6] * b[bOffset + k + 6];
            s7 += a[aOffset + k + 7] * b[bOffset + k + 7];
        }
        for (; k < dim; k++) {
            s0 += a[aOffset + k] * b[bOffset + k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
