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
 * every {@code fit}, so state never leaks between fits; per step, {@link RowUpdater#catchUp} on
 * every row it reads before reading it, {@link RowUpdater#update} on every row with a gradient and
 * {@link RowUpdater#finishStep} once ({@link GradientBuffer#flush} does the last two); and
 * {@link RowUpdater#catchUpAll} before the tables are read as a whole.
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
     * correction, as Keras 1, the generation of the triplet tutorial, computes it). The moves of
     * the rows without a gradient are deferred until the row is next read or updated
     * ({@link RowUpdater#catchUp}), where the missed steps are summed at once; they then cost about as
     * much as the steps with a gradient, instead of a sweep of the whole table per step (the sum and
     * its precision are described at {@code DenseAdamUpdater}). With several threads each worker's
     * steps count as steps of the whole table.
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
     * Keras's dense Adam for one table, computed lazily. A step with a zero gradient moves a row by a
     * known function of its moments: after {@code j} such steps from {@code m} and {@code v},
     * {@code m_j = β1^j m} and {@code v_j = β2^j v}, and step {@code s + j} moves the weight by
     * {@code lr_(s+j) m_j / (√v_j + ε)}. So instead of sweeping every row at every step (which cost
     * {@code bpr-tutorial} three quarters of its time), each row remembers the step it is up to date
     * with, and {@link #catchUp} applies the steps it missed at once, before the row is read or
     * updated. With {@code σ = √v}, {@code z = σ / (σ + ε)} and {@code y_j = β2^(j/2) − 1} (between
     * −0.095 and 0 for {@code j ≤ 200}) the missed steps move the weight by
     *
     * <pre>
     *   Σ_j lr_(s+j) β1^j m / (σ (1 + y_j) + ε) = m / (σ + ε) · Σ_(n ≥ 0) (−z)^n U_n,
     *   U_n = Σ_j lr_(s+j) β1^j y_j^n
     * </pre>
     *
     * a series that converges for every {@code σ} (ε dominant or not, as {@code 0 ≤ z ≤ 1}). Its first
     * four terms are exact to a relative 1.3e-8, below float precision (the weights β1^j put the mass
     * at small {@code j}, where {@code |y_j| ≈ 5e-4 j}); the sums {@code U_0 .. U_3} of a gap of at most
     * {@link #HORIZON} steps are kept as running sums, those of a longer one take a pass over the
     * steps' {@code lr_t}, and each element then costs a few multiplications.
     * Steps after the first {@link #HORIZON} of a gap are left out: their terms have decayed by
     * {@code (β1 / √β2)^200 < 1e-9}. Differences from the step-by-step float sweep are therefore
     * rounding: the sweep rounds {@code m}, {@code v} and the weight at every step, the catch-up
     * once (docs/BENCHMARKS.md has the measured difference after a whole training run).
     *
     * <p>The steps are counted by {@link #finishStep} calls. Every method that reads or writes the
     * step count, the sums or a row's state holds this updater's lock, so with several threads the
     * workers' steps interleave on one count but a catch-up never sees a step half recorded; the
     * gradients are still computed from rows other threads may be moving (Hogwild), and the table's
     * updates are serialized. One thread is deterministic.
     */
    static final class DenseAdamUpdater implements RowUpdater {
        /** Steps of a gap summed; later ones have decayed below float precision. */
        static final int HORIZON = 200;
        private static final int TERMS = 4;
        /** {@code β1^j y_j^n} ({@code [n][j]}), and {@code β1^j}, {@code β2^j}. */
        private static final double[][] SERIES_POWERS = new double[TERMS][HORIZON + 1];
        private static final double[] BETA1_POWERS = new double[HORIZON + 1];
        private static final double[] BETA2_POWERS = new double[HORIZON + 1];

        static {
            for (int j = 0; j <= HORIZON; j++) {
                BETA1_POWERS[j] = Math.pow(BETA1, j);
                BETA2_POWERS[j] = Math.pow(BETA2, j);
                for (int n = 0; n < TERMS; n++) {
                    SERIES_POWERS[n][j] = BETA1_POWERS[j] * Math.pow(Math.pow(BETA2, j / 2.0) - 1, n);
                }
            }
        }

        private final float[] table;
        private final int width;
        private final float[] m;
        private final float[] v;
        /** The last finished step each row is up to date with; a row updated in the running step holds its number. */
        private final long[] current;
        /**
         * {@code lr_t} of the steps {@code t} finished since {@link #catchUpAll} last brought every row up to
         * date, at {@code t - sizesOrigin} (index 0 unused): no row is behind an earlier step.
         */
        private double[] stepSizes = new double[1024];
        private long sizesOrigin;
        /**
         * {@code U_0 .. U_3} of each of the last {@code HORIZON + 1} steps {@code s} (at
         * {@code TERMS * (s mod (HORIZON + 1))}) over the steps finished after it: {@link #finishStep} adds
         * each step in the order {@link #sum} would, so a row behind by at most {@link #HORIZON} steps
         * reads its sums here instead of summing them.
         */
        private final double[] recentSums = new double[TERMS * (HORIZON + 1)];
        private long finished;
        private long correctedStep = -1;
        private float correctedRate = Float.NaN;
        private float stepSize;

        DenseAdamUpdater(float[] table, int width) {
            this.table = table;
            this.width = width;
            this.m = new float[table.length];
            this.v = new float[table.length];
            this.current = new long[table.length / width];
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
        public synchronized void update(int row, float[] grad, int offset, float rate, long step) {
            catchUp(row);
            correct(rate, step);
            current[row] = finished + 1;
            FactorKernels.adamRow(table, m, v, row * width, grad, offset, width, stepSize, KERAS1_EPSILON);
        }

        /** Records the step's {@code lr_t}: the rows without a gradient in it move when next caught up. */
        @Override
        public synchronized void finishStep(float rate, long step) {
            correct(rate, step);
            finished++;
            int index = Math.toIntExact(finished - sizesOrigin);
            if (index == stepSizes.length) {
                stepSizes = java.util.Arrays.copyOf(stepSizes, stepSizes.length * 2);
            }
            stepSizes[index] = stepSize;
            double size = stepSize;
            int slots = HORIZON + 1;
            int now = (int) (finished % slots);
            for (int j = 1, last = (int) Math.min(finished, HORIZON); j <= last; j++) {
                int base = TERMS * (now >= j ? now - j : now - j + slots);
                recentSums[base] += size * SERIES_POWERS[0][j];
                recentSums[base + 1] += size * SERIES_POWERS[1][j];
                recentSums[base + 2] += size * SERIES_POWERS[2][j];
                recentSums[base + 3] += size * SERIES_POWERS[3][j];
            }
            java.util.Arrays.fill(recentSums, TERMS * now, TERMS * (now + 1), 0);
        }

        @Override
        public synchronized void catchUp(int row) {
            long since = current[row];
            if (since < finished) {
                apply(row, since, sum(since, new double[TERMS]));
            }
        }

        /** Catches up every row (rows behind by the same steps share their sums) and forgets the step sizes. */
        @Override
        public synchronized void catchUpAll() {
            long summed = -1;
            double[] sums = new double[TERMS];
            for (int row = 0; row < current.length; row++) {
                long since = current[row];
                if (since < finished) {
                    if (since != summed) {
                        sum(since, sums);
                        summed = since;
                    }
                    apply(row, since, sums);
                }
            }
            sizesOrigin = finished;
        }

        /** Fills {@code sums} with {@code U_0 .. U_3} over the steps after {@code since} (at most {@link #HORIZON}) and returns it. */
        private double[] sum(long since, double[] sums) {
            if (finished - since <= HORIZON) {
                System.arraycopy(recentSums, TERMS * (int) (since % (HORIZON + 1)), sums, 0, TERMS);
                return sums;
            }
            // A longer gap: its first HORIZON steps, from the table of step sizes.
            double[] sizes = stepSizes;
            int first = Math.toIntExact(since - sizesOrigin);
            double u0 = 0;
            double u1 = 0;
            double u2 = 0;
            double u3 = 0;
            double[] p0 = SERIES_POWERS[0];
            double[] p1 = SERIES_POWERS[1];
            double[] p2 = SERIES_POWERS[2];
            double[] p3 = SERIES_POWERS[3];
            for (int j = 1; j <= HORIZON; j++) {
                double size = sizes[first + j];
                u0 += size * p0[j];
                u1 += size * p1[j];
                u2 += size * p2[j];
                u3 += size * p3[j];
            }
            sums[0] = u0;
            sums[1] = u1;
            sums[2] = u2;
            sums[3] = u3;
            return sums;
        }

        /**
         * Moves {@code row} over the steps after {@code since}, whose {@link #sum} is {@code sums}. In
         * float, without branches, so that the JIT can vectorize the loop (Java never fuses a multiply
         * and an add, so a vectorized loop rounds as the scalar one): the move's relative rounding error
         * is a few float ulps, as in each step of the sweep. An element whose moment {@code m} is zero
         * does not move ({@code z = 0} when also {@code v = 0}).
         */
        private void apply(int row, long since, double[] sums) {
            long gap = finished - since;
            float decay1 = (float) (gap <= HORIZON ? BETA1_POWERS[(int) gap] : Math.pow(BETA1, gap));
            float decay2 = (float) (gap <= HORIZON ? BETA2_POWERS[(int) gap] : Math.pow(BETA2, gap));
            float u0 = (float) sums[0];
            float u1 = (float) sums[1];
            float u2 = (float) sums[2];
            float u3 = (float) sums[3];
            for (int k = row * width, end = k + width; k < end; k++) {
                float mk = m[k];
                float vk = v[k];
                float sigma = (float) Math.sqrt(vk);
                float inverse = 1f / (sigma + KERAS1_EPSILON);
                float z = sigma * inverse;
                table[k] -= mk * inverse * (u0 - z * (u1 - z * (u2 - z * u3)));
                m[k] = mk * decay1;
                v[k] = vk * decay2;
            }
            current[row] = finished;
        }
    }
}
