package org.embedrec.nn;

/** Element-wise activations and their backward passes. */
public final class Activations {
    private Activations() {
    }

    /** {@code x = max(0, x)} in place over {@code x[offset .. offset + n)}. */
    public static void relu(float[] x, int offset, int n) {
        for (int k = offset; k < offset + n; k++) {
            if (x[k] < 0f) {
                x[k] = 0f;
            }
        }
    }

    /**
     * ReLU backward: zeroes {@code dy[k]} where the ReLU's output {@code y[k]} is 0 (its derivative
     * is 1 above 0 and taken as 0 at and below 0).
     */
    public static void reluBackward(float[] y, int yOffset, float[] dy, int dyOffset, int n) {
        for (int k = 0; k < n; k++) {
            if (y[yOffset + k] <= 0f) {
                dy[dyOffset + k] = 0f;
            }
        }
    }

    /** The logistic function {@code 1 / (1 + e^-z)}. Its derivative is {@code σ(z)(1 - σ(z))}. */
    public static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }
}
