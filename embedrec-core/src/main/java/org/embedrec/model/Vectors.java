package org.embedrec.model;

/**
 * Kernels on rows of flat float tables: {@code table[row * dim .. row * dim + dim)}. Written with
 * several independent accumulators so that the JIT can pipeline (and often vectorize) them.
 */
public final class Vectors {
    private Vectors() {
    }

    /** Dot product of {@code dim} floats of {@code a} from {@code aOffset} and {@code b} from {@code bOffset}. */
    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < dim; k += 4) {
            s0 += a[aOffset + k] * b[bOffset + k];
            s1 += a[aOffset + k + 1] * b[bOffset + k + 1];
            s2 += a[aOffset + k + 2] * b[bOffset + k + 2];
            s3 += a[aOffset + k + 3] * b[bOffset + k + 3];
        }
        for (; k < dim; k++) {
            s0 += a[aOffset + k] * b[bOffset + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Euclidean norm of {@code dim} floats of {@code a} from {@code offset}. */
    public static float norm(float[] a, int offset, int dim) {
        return (float) Math.sqrt(dot(a, offset, a, offset, dim));
    }

    /**
     * A copy of a {@code rows x dim} table with every row scaled to unit length (all-zero rows stay
     * zero), so that a dot product of two rows is their cosine similarity.
     */
    public static float[] normalizedRows(float[] table, int rows, int dim) {
        float[] out = new float[rows * dim];
        for (int row = 0; row < rows; row++) {
            int offset = row * dim;
            float norm = norm(table, offset, dim);
            float scale = norm > 0 ? 1f / norm : 0f;
            for (int k = 0; k < dim; k++) {
                out[offset + k] = table[offset + k] * scale;
            }
        }
        return out;
    }
}
