package org.embedrec.nn;

import java.util.SplittableRandom;

/**
 * Inverted dropout, used in training only: each unit is kept with probability {@code 1 - rate}
 * and then scaled by {@code 1 / (1 - rate)}, so that nothing needs rescaling at inference time
 * (where dropout is the identity). The forward and backward passes both multiply by the same mask.
 */
public final class Dropout {
    private Dropout() {
    }

    /**
     * Draws a mask for {@code n} units into {@code mask[offset ..]}: {@code 1 / (1 - rate)} with
     * probability {@code 1 - rate}, else 0. With rate 0 the mask is all ones.
     */
    public static void sampleMask(float[] mask, int offset, int n, float rate, SplittableRandom random) {
        float keep = 1f / (1f - rate);
        for (int k = offset; k < offset + n; k++) {
            mask[k] = rate == 0f || random.nextDouble() >= rate ? keep : 0f;
        }
    }

    /** {@code x[k] *= mask[k]}: the forward pass, and equally the backward pass on a gradient. */
    public static void apply(float[] x, int xOffset, float[] mask, int maskOffset, int n) {
        for (int k = 0; k < n; k++) {
            x[xOffset + k] *= mask[maskOffset + k];
        }
    }

    /** Checks a dropout rate: in [0, 1). */
    public static float checkRate(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + rate);
        }
        return (float) rate;
    }
}
