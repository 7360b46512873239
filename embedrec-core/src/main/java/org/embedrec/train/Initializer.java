package org.embedrec.train;

import java.util.SplittableRandom;
import org.embedrec.nn.Normals;

/** How embedding tables start. */
public enum Initializer {
    /** Uniform in {@code [-scale, scale]}; Keras's Embedding default is scale 0.05. */
    UNIFORM {
        @Override
        public void fill(float[] table, int rows, int width, double scale, SplittableRandom random) {
            for (int k = 0; k < table.length; k++) {
                table[k] = (float) ((random.nextDouble() * 2 - 1) * scale);
            }
        }
    },
    /** Normal with standard deviation {@code scale}. */
    NORMAL {
        @Override
        public void fill(float[] table, int rows, int width, double scale, SplittableRandom random) {
            Normals.fill(table, 0, table.length, scale, random);
        }
    },
    /**
     * Keras's {@code he_normal}: a normal truncated at two standard deviations, with standard
     * deviation {@code sqrt(2 / fan_in)}, where Keras takes the row count of an embedding table as
     * its fan-in; {@code scale} is ignored.
     */
    HE_NORMAL {
        @Override
        public void fill(float[] table, int rows, int width, double scale, SplittableRandom random) {
            Normals.fillTruncated(table, 0, table.length, Math.sqrt(2.0 / rows), random);
        }
    };

    /** Fills a {@code rows x width} table. */
    public abstract void fill(float[] table, int rows, int width, double scale, SplittableRandom random);
}
