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
     *
     * <p>Each unit uses 16 random bits (four units per {@code nextLong}), so the drop probability is
     * {@code rate} rounded to a multiple of 2⁻¹⁶: drawing one double per unit took a fifth of the
     * training time of the default network.
     */
    public static void sampleMask(float[] mask, int offset, int n, float rate, SplittableRandom random) {
        float keep = 1f / (1f - rate);
        if (rate == 0f) {
            java.util.Arrays.fill(mask, offset, offset + n, keep);
            return;
        }
        int threshold = Math.round(rate * 65_536f); // drop when a uniform 16-bit value is below it
        int end = offset + n;
        for (int k = offset; k < end; k += 4) {
            long bits = random.nextLong();
            for (int j = 0; j < 4 && k + j < end; j++) {
                int value = (int) (bits >>> (16 * j)) & 0xFFFF;
                mask[k + j] = value < threshold ? 0f : keep;
            }
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
