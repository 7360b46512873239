package org.embedrec.train;

/**
 * The optimizers of the training engine. Each creates, per parameter table, a {@link RowUpdater}
 * that owns the optimizer state of that table (none for SGD, squared-gradient sums for Adagrad,
 * first and second moments for Adam).
 *
 * <p>Updates are <em>sparse</em> ("lazy"): only rows that received a gradient in a step are touched,
 * and their state is updated as if those rows were the whole model. For Adam this is TensorFlow
 * Addons' LazyAdam rather than Keras's dense Adam: on embedding tables the difference is that rows
 * not seen in a batch keep their moments instead of decaying them, which costs nothing per untouched
 * row. {@link #ADAM_DENSE} is Keras's dense Adam, for reproducing the Keras tutorials: every row of
 * every table moves at every step.
 *
 * <p>Lifecycle: a trainer calls {@link #newUpdater(float[], int)} once per table at the start of
 * every {@code fit}, so state never leaks between fits.
 */
public enum Optimizer {
    /** Plain stochastic gradient descent: {@code w -= lr * g}. */
    SGD {
        @Override
        public RowUpdater newUpdater(float[] table, int width) {
            return (row, grad, offset, rate, step) -> {
                int base = row * width;
                for (int k = 0; k < width; k++) {
                    table[base + k] -= rate * grad[offset + k];
                }
            };
        }
    },
    /** Adagrad: {@code a += g²; w -= lr * g / (sqrt(a) + 1e-7)}, accumulator starting at 0.1 like Keras. */
    ADAGRAD {
        @Override
        public RowUpdater newUpdater(float[] table, int width) {
            float[] accumulator = new float[table.length];
            java.util.Arrays.fill(accumulator, 0.1f);
            return new RowUpdater() {
                @Override
                public void update(int row, float[] grad, int offset, float rate, long step) {
                    int base = row * width;
                    for (int k = 0; k < width; k++) {
                        float g = grad[offset + k];
                        float a = accumulator[base + k] + g * g;
                        accumulator[base + k] = a;
                        table[base + k] -= rate * g / ((float) Math.sqrt(a) + EPSILON);
                    }
                }

                @Override
                public float touchState(int row) {
                    return FactorKernels.touch(accumulator, row * width, width);
                }
            };
        }
    },
    /**
     * Adam (Kingma and Ba, 2015) with β1 = 0.9, β2 = 0.999, ε = 1e-7 (Keras's defaults) and bias
     * correction by the global step count.
     */
    ADAM {
        @Override
        public RowUpdater newUpdater(float[] table, int width) {
            return new AdamUpdater(table, width);
        }
    },
    /**
     * Adam as Keras 1 and 2 apply it to an embedding table, densely: at every step every row's
     * moments decay and every row moves, with a zero gradient for the rows the batch did not touch
     * ({@code m = β1 m + (1 - β1) g; v = β2 v + (1 - β2) g²; w -= lr_t m / (sqrt(v) + ε)} with
     * {@code lr_t = lr sqrt(1 - β2^t) / (1 - β1^t)}, β1 = 0.9, β2 = 0.999 and ε = 1e-8 outside the bias
     * correction, as Keras 1, the generation of the triplet tutorial, computes it). A step costs a
     * sweep of the whole table, so it is meant for reproducing tutorials, not for large data. The
     * sweep over untouched rows happens in {@link RowUpdater#finishStep}, which
     * {@link GradientBuffer#flush} calls; with several threads each worker's steps sweep the table.
     */
    ADAM_DENSE {
        @Override
        public RowUpdater newUpdater(float[] table, int width) {
            return new DenseAdamUpdater(table, width);
        }
    };

    /** Keras 1's ε, the one {@link #ADAM_DENSE} uses. */
    static final float KERAS1_EPSILON = 1e-8f;

    static final float EPSILON = 1e-7f;
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;

    /** Creates the update rule and fresh state for a table of {@code table.length / width} rows. */
    public abstract RowUpdater newUpdater(float[] table, int width);

    /** Adam's state for one table; the bias correction is computed once per step, not per row. */
    private static final class AdamUpdater implements RowUpdater {
        private final float[] table;
        private final int width;
        private final float[] m;
        private final float[] v;
        // Per thread: workers count their own steps, so one shared cache would flip between their step
        // counts on every call, recomputing two powers and bouncing its cache line between cores.
        private final ThreadLocal<Correction> correction = ThreadLocal.withInitial(() -> new Correction(0, 0f, 0f, 0f));

        private record Correction(long step, float rate, float stepSize, float epsilon) {
        }

        AdamUpdater(float[] table, int width) {
            this.table = table;
            this.width = width;
            this.m = new float[table.length];
            this.v = new float[table.length];
        }

        @Override
        public float touchState(int row) {
            return FactorKernels.touch(m, row * width, width) + FactorKernels.touch(v, row * width, width);
        }

        @Override
        public void update(int row, float[] grad, int offset, float rate, long step) {
            Correction c = correction.get();
            if (c.step() != step || c.rate() != rate) {
                // Fold both bias corrections into the step size, as in the Adam paper (end of section 2).
                double root = Math.sqrt(1 - Math.pow(BETA2, step));
                c = new Correction(step, rate, (float) (rate * root / (1 - Math.pow(BETA1, step))), (float) (EPSILON * root));
                correction.set(c);
            }
            FactorKernels.adamRow(table, m, v, row * width, grad, offset, width, c.stepSize(), c.epsilon());
        }
    }

    /**
     * Keras's dense Adam for one table: {@link #update} steps the rows with a gradient and marks them,
     * {@link #finishStep} steps every unmarked row with a zero gradient.
     */
    static final class DenseAdamUpdater implements RowUpdater {
        private final float[] table;
        private final int width;
        private final float[] m;
        private final float[] v;
        /** The step at which each row last received a gradient (0 = never). */
        private final long[] updatedAt;
        private long correctedStep = -1;
        private float correctedRate = Float.NaN;
        private float stepSize;

        DenseAdamUpdater(float[] table, int width) {
            this.table = table;
            this.width = width;
            this.m = new float[table.length];
            this.v = new float[table.length];
            this.updatedAt = new long[table.length / width];
        }

        private void correct(float rate, long step) {
            if (step != correctedStep || rate != correctedRate) {
                stepSize = (float) (rate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step)));
                correctedStep = step;
                correctedRate = rate;
            }
        }

        @Override
        public float touchState(int row) {
            return FactorKernels.touch(m, row * width, width) + FactorKernels.touch(v, row * width, width);
        }

        @Override
        public void update(int row, float[] grad, int offset, float rate, long step) {
            correct(rate, step);
            updatedAt[row] = step;
            FactorKernels.adamRow(table, m, v, row * width, grad, offset, width, stepSize, KERAS1_EPSILON);
        }

        @Override
        public void finishStep(float rate, long step) {
            correct(rate, step);
            float size = stepSize;
            for (int row = 0; row < updatedAt.length; row++) {
                if (updatedAt[row] == step) {
                    continue;
                }
                int base = row * width;
                for (int k = base; k < base + width; k++) {
                    float mk = BETA1 * m[k];
                    float vk = BETA2 * v[k];
                    m[k] = mk;
                    v[k] = vk;
                    table[k] -= size * mk / ((float) Math.sqrt(vk) + KERAS1_EPSILON);
                }
            }
        }
    }
}
