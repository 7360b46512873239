package org.embedrec.train;

import java.util.SplittableRandom;

/** How embedding tables start. */
public enum Initializer {
    /** Uniform in {@code [-scale, scale]}; Keras's Embedding default is scale 0.05. */
    UNIFORM {
        @Override
        void fill(float[] table, int rows, int width, double scale, SplittableRandom random) {
            for (int k = 0; k < table.length; k++) {
                table[k] = (float) ((random.nextDouble() * 2 - 1) * scale);
            }
        }
    },
    /** Normal with standard deviation {@code scale}. */
    NORMAL {
        @Override
        void fill(float[] table, int rows, int width, double scale, SplittableRandom random) {
            for (int k = 0; k < table.length; k++) {
                table[k] = (float) (gaussian(random) * scale);
            }
        }
    },
    /**
     * Keras's {@code he_normal}: a normal truncated at two standard deviations, with standard
     * deviation {@code sqrt(2 / fan_in)}, where Keras takes the row count of an embedding table as
     * its fan-in; {@code scale} is ignored.
     */
    HE_NORMAL {
        @Override
        void fill(float[] table, int rows, int width, double scale, SplittableRandom random) {
            // 0.8796 is the standard deviation of a unit normal truncated at ±2, which Keras divides out.
            double stddev = Math.sqrt(2.0 / rows) / 0.87962566103423978;
            for (int k = 0; k < table.length; k++) {
                double x;
                do {
                    x = gaussian(random);
                } while (Math.abs(x) > 2);
                table[k] = (float) (x * stddev);
            }
        }
    };

    /** Fills a {@code rows x width} table. */
    abstract void fill(float[] table, int rows, int width, double scale, SplittableRandom random);

    /** A standard normal by the Box-Muller transform (SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
