package org.embedrec.nn;

import java.util.SplittableRandom;

/**
 * Normally distributed initial values by the Box-Muller transform, one value per pair of uniforms
 * ({@link SplittableRandom} has no {@code nextGaussian} on Java 17). Marsaglia's polar method would
 * halve the cost, but it draws a different sequence, and every seeded figure in the documentation
 * would move with it.
 */
public final class Normals {
    /** The standard deviation of a unit normal truncated at ±2, which Keras divides out. */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private Normals() {
    }

    /** Fills {@code values[offset, offset + count)} with normals of mean 0 and standard deviation {@code stddev}. */
    public static void fill(float[] values, int offset, int count, double stddev, SplittableRandom random) {
        for (int k = 0; k < count; k++) {
            values[offset + k] = (float) (next(random) * stddev);
        }
    }

    /**
     * Fills {@code values[offset, offset + count)} like Keras's {@code TruncatedNormal}: unit normals
     * redrawn outside ±2, scaled so that the result has standard deviation {@code stddev}.
     */
    public static void fillTruncated(float[] values, int offset, int count, double stddev, SplittableRandom random) {
        double scale = stddev / TRUNCATED_STDDEV;
        for (int k = 0; k < count; k++) {
            double x;
            do {
                x = next(random);
            } while (Math.abs(x) > 2);
            values[offset + k] = (float) (x * scale);
        }
    }

    /** A standard normal. */
    private static double next(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
