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
 * row and changes results only slightly.
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
    };

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
}
