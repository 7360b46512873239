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

    private static float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        return DotKernel.CHOSEN.dot(a, aOffset, b, bOffset, dim);
    }
}
