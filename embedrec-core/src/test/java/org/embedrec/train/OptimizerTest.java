package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sparse optimizers against textbook update rules written here in double precision. Each run
 * updates a random subset of rows per step with random gradients and a changing learning rate; rows
 * left out of a step must keep their values and (for the lazy optimizers) their state.
 */
class OptimizerTest {
    private static final int ROWS = 6;
    private static final int WIDTH = 3;
    private static final int STEPS = 12;
    /**
     * Row 0 is never updated; row 1 in steps 1-3 and 9-12 only, so its state must survive the idle
     * steps unchanged (a dense Adam would decay its moments there).
     */
    private static final int NEVER = 0;
    private static final int INTERMITTENT = 1;

    /** A textbook optimizer on one scalar parameter with its own state. */
    private interface Reference {
        double step(double weight, double gradient, double rate, long step, double[] state);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void sgdSubtractsRateTimesGradient(long seed) {
        check(Optimizer.SGD, seed, (w, g, rate, t, state) -> w - rate * g);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void adagradDividesBySquaredGradientSumStartingAtOneTenth(long seed) {
        check(Optimizer.ADAGRAD, seed, (w, g, rate, t, state) -> {
            if (state[0] == 0) {
                state[0] = 0.1;
            }
            state[0] += g * g;
            return w - rate * g / (Math.sqrt(state[0]) + 1e-7);
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void adamMatchesTheTextbookWithBiasCorrection(long seed) {
        double beta1 = 0.9;
        double beta2 = 0.999;
        check(Optimizer.ADAM, seed, (w, g, rate, t, state) -> {
            state[0] = beta1 * state[0] + (1 - beta1) * g;
            state[1] = beta2 * state[1] + (1 - beta2) * g * g;
            double mHat = state[0] / (1 - Math.pow(beta1, t));
            double vHat = state[1] / (1 - Math.pow(beta2, t));
            return w - rate * mHat / (Math.sqrt(vHat) + 1e-7);
        });
    }

    /**
     * {@link Optimizer#ADAM_DENSE} against a naive Keras 1 dense Adam over the whole table in double
     * precision: at every step every entry's moments decay and every entry moves, with a zero gradient
     * where the step gave its row none, {@code lr_t = lr sqrt(1 - β2^t) / (1 - β1^t)} and ε = 1e-8
     * outside the bias correction. The intermittent row must move during its idle steps (its moments
     * keep pushing it), the never-updated row must not (its moments are zero).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void denseAdamMatchesNaiveKerasAdamOverTheWholeTable(long seed) {
        double beta1 = 0.9;
        double beta2 = 0.999;
        SplittableRandom random = new SplittableRandom(seed);
        float[] table = new float[ROWS * WIDTH];
        for (int k = 0; k < table.length; k++) {
            table[k] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] initial = table.clone();
        double[] w = new double[table.length];
        double[] m = new double[table.length];
        double[] v = new double[table.length];
        for (int k = 0; k < table.length; k++) {
            w[k] = table[k];
        }
        RowUpdater updater = Optimizer.ADAM_DENSE.newUpdater(table, WIDTH);
        float[] gradient = new float[2 * WIDTH + 3];
        float[] beforeIdle = null;
        for (long step = 1; step <= STEPS; step++) {
            float rate = (float) (0.05 / step);
            double[] g = new double[table.length];
            for (int row = 0; row < ROWS; row++) {
                boolean touched = row != NEVER && (row != INTERMITTENT || step <= 3 || step >= 9)
                        && (row == INTERMITTENT || random.nextInt(3) > 0);
                if (!touched) {
                    continue;
                }
                int offset = 1 + random.nextInt(WIDTH + 2);
                for (int k = 0; k < WIDTH; k++) {
                    gradient[offset + k] = (float) (random.nextDouble() * 4 - 2);
                    g[row * WIDTH + k] = gradient[offset + k];
                }
                updater.update(row, gradient, offset, rate, step);
            }
            updater.finishStep(rate, step);
            // The rows without a gradient move when caught up, as before a trainer reads the table.
            updater.catchUpAll();
            double rateT = rate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
            for (int k = 0; k < table.length; k++) {
                m[k] = beta1 * m[k] + (1 - beta1) * g[k];
                v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
                w[k] -= rateT * m[k] / (Math.sqrt(v[k]) + 1e-8);
            }
            for (int k = 0; k < table.length; k++) {
                assertThat((double) table[k]).as("dense Adam, step %d, entry %d", step, k)
                        .isCloseTo(w[k], within(2e-5 * (1 + Math.abs(w[k]))));
            }
            if (step == 3) {
                beforeIdle = rowOf(table, INTERMITTENT);
            }
            if (step == 8) {
                assertThat(rowOf(table, INTERMITTENT)).as("the idle row moves on its decaying moments")
                        .isNotEqualTo(beforeIdle);
            }
        }
        assertThat(rowOf(table, NEVER)).containsExactly(rowOf(initial, NEVER));
    }

    /**
     * {@link Optimizer#ADAM_DENSE} catches rows up lazily; here it runs beside Keras's dense Adam in
     * double precision, step by step over the whole table, and beside the float sweep it replaces
     * ({@link DenseAdamSweep}), on a table of 40 rows touched at very different rates (every step to
     * about never, so gaps range from 1 step to the whole run, past {@code DenseAdamUpdater.HORIZON}),
     * with gradients from 1e-9 to 1 (so ε dominates some moments and not others) and a learning rate
     * that changes. Every row a step reads is caught up and compared before the step, and the whole
     * table every 1000 steps (as a trainer's epoch ends), so rows also come back after gaps longer than
     * the running sums cover, and the step sizes are forgotten twice on the way. The lazy updater must stay within 5e-6 (80 float ulps at 1, from 3000 steps) of the
     * double-precision Adam, and no further from it than the float sweep is: the sweep rounds the
     * weight at every step, so moves below half an ulp are lost, where the catch-up rounds once.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lazyDenseAdamMatchesDenseAdamOverManySteps(long seed) {
        int rows = 40;
        int width = 7;
        int steps = 3000;
        SplittableRandom random = new SplittableRandom(seed);
        float[] lazyTable = new float[rows * width];
        for (int k = 0; k < lazyTable.length; k++) {
            lazyTable[k] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] initial = lazyTable.clone();
        float[] sweepTable = lazyTable.clone();
        double[] w = new double[lazyTable.length];
        double[] m = new double[lazyTable.length];
        double[] v = new double[lazyTable.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = lazyTable[k];
        }
        RowUpdater lazy = Optimizer.ADAM_DENSE.newUpdater(lazyTable, width);
        DenseAdamSweep sweep = new DenseAdamSweep(sweepTable, width);
        // Row r is touched with probability 2^-(r / 3): row 0 at every step, rows past 33 about never.
        double[] touchRate = new double[rows];
        for (int row = 0; row < rows; row++) {
            touchRate[row] = Math.pow(2, -row / 3.0);
        }
        float[] gradient = new float[width];
        int[] touches = new int[rows];
        double lazyError = 0;
        double sweepError = 0;
        float rate = 0.01f;
        for (long step = 1; step <= steps; step++) {
            if (step % 700 == 0) {
                rate /= 2;
            }
            boolean[] touched = new boolean[rows];
            for (int row = 0; row < rows; row++) {
                touched[row] = random.nextDouble() < touchRate[row];
                if (touched[row]) {
                    touches[row]++;
                    lazy.catchUp(row);
                    lazyError = Math.max(lazyError, maxDifference(lazyTable, w, row, width));
                }
            }
            double[] g = new double[w.length];
            for (int row = 0; row < rows; row++) {
                if (touched[row]) {
                    double magnitude = Math.pow(10, -9 * random.nextDouble());
                    for (int k = 0; k < width; k++) {
                        gradient[k] = (float) (magnitude * (random.nextDouble() * 2 - 1));
                        g[row * width + k] = gradient[k];
                    }
                    lazy.update(row, gradient, 0, rate, step);
                    sweep.update(row, gradient, 0, rate, step);
                }
            }
            lazy.finishStep(rate, step);
            sweep.finishStep(rate, step);
            double rateT = rate * Math.sqrt(1 - Math.pow(Optimizer.BETA2, step)) / (1 - Math.pow(Optimizer.BETA1, step));
            for (int k = 0; k < w.length; k++) {
                m[k] = Optimizer.BETA1 * m[k] + (1 - Optimizer.BETA1) * g[k];
                v[k] = Optimizer.BETA2 * v[k] + (1 - Optimizer.BETA2) * g[k] * g[k];
                w[k] -= rateT * m[k] / (Math.sqrt(v[k]) + Optimizer.KERAS1_EPSILON);
            }
            if (step % 1000 == 0) {
                lazy.catchUpAll();
                for (int row = 0; row < rows; row++) {
                    lazyError = Math.max(lazyError, maxDifference(lazyTable, w, row, width));
                    sweepError = Math.max(sweepError, maxDifference(sweepTable, w, row, width));
                }
            }
        }
        assertThat(lazyError).as("largest difference of the lazy updater from dense Adam in double").isLessThan(5e-6)
                .isLessThanOrEqualTo(sweepError);
        assertThat(java.util.Arrays.stream(touches).filter(count -> count >= 1 && count <= 5).count())
                .as("rows touched only a few times, with gaps past the horizon").isPositive();
        for (int row = 0; row < rows; row++) {
            if (touches[row] == 0) {
                assertThat(rowOf(lazyTable, row, width)).as("row %d, never touched", row).containsExactly(rowOf(initial, row, width));
            } else {
                assertThat(rowOf(lazyTable, row, width)).as("row %d, touched %d times", row, touches[row])
                        .isNotEqualTo(rowOf(initial, row, width));
            }
        }
    }

    private static double maxDifference(float[] table, double[] reference, int row, int width) {
        double max = 0;
        for (int k = row * width; k < (row + 1) * width; k++) {
            max = Math.max(max, Math.abs(table[k] - reference[k]));
        }
        return max;
    }

    /**
     * Keras's dense Adam step by step in float, as {@link Optimizer#ADAM_DENSE} computed it before
     * its lazy catch-up: {@link #finishStep} moves every row without a gradient in the step.
     */
    private static final class DenseAdamSweep {
        private final float[] table;
        private final int width;
        private final float[] m;
        private final float[] v;
        private final long[] updatedAt;

        DenseAdamSweep(float[] table, int width) {
            this.table = table;
            this.width = width;
            this.m = new float[table.length];
            this.v = new float[table.length];
            this.updatedAt = new long[table.length / width];
        }

        private static float stepSize(float rate, long step) {
            return (float) (rate * Math.sqrt(1 - Math.pow(Optimizer.BETA2, step)) / (1 - Math.pow(Optimizer.BETA1, step)));
        }

        void update(int row, float[] grad, int offset, float rate, long step) {
            updatedAt[row] = step;
            FactorKernels.adamRow(table, m, v, row * width, grad, offset, width, stepSize(rate, step),
                    Optimizer.KERAS1_EPSILON);
        }

        void finishStep(float rate, long step) {
            float size = stepSize(rate, step);
            for (int row = 0; row < updatedAt.length; row++) {
                if (updatedAt[row] == step) {
                    continue;
                }
                for (int k = row * width; k < (row + 1) * width; k++) {
                    float mk = Optimizer.BETA1 * m[k];
                    float vk = Optimizer.BETA2 * v[k];
                    m[k] = mk;
                    v[k] = vk;
                    table[k] -= size * mk / ((float) Math.sqrt(vk) + Optimizer.KERAS1_EPSILON);
                }
            }
        }
    }

    private static float[] rowOf(float[] table, int row, int width) {
        float[] out = new float[width];
        System.arraycopy(table, row * width, out, 0, width);
        return out;
    }

    private static void check(Optimizer optimizer, long seed, Reference reference) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] table = new float[ROWS * WIDTH];
        for (int k = 0; k < table.length; k++) {
            table[k] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] initial = table.clone();
        double[] expected = new double[table.length];
        for (int k = 0; k < table.length; k++) {
            expected[k] = table[k];
        }
        double[][] state = new double[table.length][2];
        RowUpdater updater = optimizer.newUpdater(table, WIDTH);
        float[] gradient = new float[2 * WIDTH + 3];
        for (long step = 1; step <= STEPS; step++) {
            float rate = (float) (0.05 / step);
            for (int row = 0; row < ROWS; row++) {
                boolean touched = row != NEVER && (row != INTERMITTENT || step <= 3 || step >= 9) && (row == INTERMITTENT || random.nextInt(3) > 0);
                if (!touched) {
                    continue;
                }
                // The row's gradient sits at an offset inside a larger buffer, as in a GradientBuffer.
                int offset = 1 + random.nextInt(WIDTH + 2);
                for (int k = 0; k < WIDTH; k++) {
                    gradient[offset + k] = (float) (random.nextDouble() * 4 - 2);
                }
                float[] before = table.clone();
                updater.update(row, gradient, offset, rate, step);
                for (int other = 0; other < ROWS; other++) {
                    if (other != row) {
                        assertThat(rowOf(table, other)).as("row %d after updating row %d", other, row)
                                .containsExactly(rowOf(before, other));
                    }
                }
                for (int k = 0; k < WIDTH; k++) {
                    int index = row * WIDTH + k;
                    expected[index] = reference.step(expected[index], gradient[offset + k], rate, step, state[index]);
                }
            }
            for (int k = 0; k < table.length; k++) {
                assertThat((double) table[k]).as("%s, step %d, entry %d", optimizer, step, k)
                        .isCloseTo(expected[k], within(2e-5 * (1 + Math.abs(expected[k]))));
            }
        }
        assertThat(rowOf(table, NEVER)).containsExactly(rowOf(initial, NEVER));
        assertThat(rowOf(table, INTERMITTENT)).isNotEqualTo(rowOf(initial, INTERMITTENT));
    }

    private static float[] rowOf(float[] table, int row) {
        float[] out = new float[WIDTH];
        System.arraycopy(table, row * WIDTH, out, 0, WIDTH);
        return out;
    }
}
