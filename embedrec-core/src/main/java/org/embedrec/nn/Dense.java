package org.embedrec.nn;

import java.util.SplittableRandom;

/**
 * A fully connected layer {@code y = W x + b} with {@code W} of shape {@code [out, in]} stored
 * row-major at {@code weights[wOffset ..]} and {@code b} at {@code bias[bOffset ..]}.
 *
 * <p>Backward pass, for an upstream gradient {@code dy}: {@code ∂/∂W[o][i] = dy[o] x[i]},
 * {@code ∂/∂b[o] = dy[o]}, {@code ∂/∂x[i] = Σ_o W[o][i] dy[o]}.
 */
public final class Dense {
    private Dense() {
    }

    /** {@code y[yOff + o] = b[o] + Σ_i W[o][i] x[xOff + i]} for {@code o < out}. */
    public static void forward(float[] weights, int wOffset, float[] bias, int bOffset, int in, int out,
            float[] x, int xOffset, float[] y, int yOffset) {
        for (int o = 0; o < out; o++) {
            y[yOffset + o] = bias[bOffset + o] + dot(weights, wOffset + o * in, x, xOffset, in);
        }
    }

    /**
     * Adds the parameter gradients {@code dy ⊗ x} to {@code weightGrad} and {@code dy} to
     * {@code biasGrad} (same layout as the parameters), and, when {@code dx} is not null, writes
     * (overwrites) the input gradient {@code Wᵀ dy} to {@code dx[dxOffset ..]}.
     */
    public static void backward(float[] weights, int wOffset, int in, int out, float[] x, int xOffset,
            float[] dy, int dyOffset, float[] weightGrad, int gwOffset, float[] biasGrad, int gbOffset,
            float[] dx, int dxOffset) {
        if (dx != null) {
            java.util.Arrays.fill(dx, dxOffset, dxOffset + in, 0f);
        }
        for (int o = 0; o < out; o++) {
            float d = dy[dyOffset + o];
            if (d == 0f) {
                continue; // a ReLU or dropout zeroed this unit: nothing flows through it
            }
            biasGrad[gbOffset + o] += d;
            int row = o * in;
            if (dx == null) {
                for (int i = 0; i < in; i++) {
                    weightGrad[gwOffset + row + i] += d * x[xOffset + i];
                }
            } else {
                for (int i = 0; i < in; i++) {
                    weightGrad[gwOffset + row + i] += d * x[xOffset + i];
                    dx[dxOffset + i] += weights[wOffset + row + i] * d;
                }
            }
        }
    }

    /**
     * He (Kaiming) normal initialization for a layer followed by a ReLU: weights from a normal
     * truncated at two standard deviations with standard deviation {@code sqrt(2 / in)} (Keras's
     * {@code he_normal}); the bias is left at zero.
     */
    public static void heNormal(float[] weights, int wOffset, int in, int out, SplittableRandom random) {
        Normals.fillTruncated(weights, wOffset, in * out, Math.sqrt(2.0 / in), random);
    }

    /**
     * Glorot (Xavier) uniform initialization for a layer without a ReLU: uniform in
     * {@code ±sqrt(6 / (in + out))} (Keras's default {@code glorot_uniform}).
     */
    public static void glorotUniform(float[] weights, int wOffset, int in, int out, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (in + out));
        for (int k = 0; k < in * out; k++) {
            weights[wOffset + k] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
    }

    /** Dot product with four accumulators, so that the JIT can pipeline it. */
    static float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[aOffset + k] * b[bOffset + k];
            s1 += a[aOffset + k + 1] * b[bOffset + k + 1];
            s2 += a[aOffset + k + 2] * b[bOffset + k + 2];
            s3 += a[aOffset + k + 3] * b[bOffset + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[aOffset + k] * b[bOffset + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
