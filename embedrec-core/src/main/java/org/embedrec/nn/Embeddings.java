package org.embedrec.nn;

/**
 * Embedding lookups: copying table rows side by side into one input vector (the concatenation
 * layer), and the backward pass that adds an input gradient slice to a row's gradient.
 */
public final class Embeddings {
    private Embeddings() {
    }

    /** Copies row {@code row} of a {@code [rows, width]} table to {@code out[outOffset ..]}. */
    public static void gather(float[] table, int width, int row, float[] out, int outOffset) {
        System.arraycopy(table, row * width, out, outOffset, width);
    }

    /**
     * The backward pass of {@link #gather}: {@code grad[gradOffset + k] += scale * dInput[dOffset + k]}
     * for {@code k < width}, where {@code grad[gradOffset ..]} is the gradient slot of the row.
     */
    public static void scatter(float[] dInput, int dOffset, int width, float scale, float[] grad, int gradOffset) {
        for (int k = 0; k < width; k++) {
            grad[gradOffset + k] += scale * dInput[dOffset + k];
        }
    }
}
