package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel implementation against naive double-precision loops written here. */
class FactorKernelsTest {
    static Stream<Arguments> cases() {
        List<FactorKernels.Implementation> implementations = new ArrayList<>();
        implementations.add(new ScalarFactorKernels());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            implementations.add(new VectorFactorKernels());
        }
        List<Arguments> cases = new ArrayList<>();
        for (FactorKernels.Implementation implementation : implementations) {
            for (int dim : new int[] {1, 7, 8, 17, 32, 64, 100, 128}) {
                for (long seed = 1; seed <= 3; seed++) {
                    cases.add(Arguments.of(implementation, dim, seed));
                }
            }
        }
        return cases.stream();
    }

    private static float[] randomTable(SplittableRandom random, int length) {
        float[] table = new float[length];
        for (int k = 0; k < length; k++) {
            table[k] = (float) (random.nextDouble() * 2 - 1);
        }
        return table;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void dotMatchesTheNaiveSum(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = randomTable(random, 3 * dim);
        float[] b = randomTable(random, 2 * dim);
        double expected = 0;
        for (int k = 0; k < dim; k++) {
            expected += (double) a[2 * dim + k] * b[dim + k];
        }
        assertThat((double) kernels.dot(a, 2 * dim, b, dim, dim)).isCloseTo(expected, within(1e-5 * dim));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void axpyMatchesTheNaiveLoopAndLeavesTheRestAlone(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = randomTable(random, 2 * dim);
        float[] y = randomTable(random, 3 * dim);
        float[] before = y.clone();
        kernels.axpy(0.75f, x, dim, y, dim, dim);
        for (int k = 0; k < 3 * dim; k++) {
            boolean inRow = k >= dim && k < 2 * dim;
            double expected = inRow ? before[k] + 0.75 * x[k] : before[k];
            assertThat((double) y[k]).as("index %d", k).isCloseTo(expected, within(1e-6));
        }
    }

    /** The fused step must be exactly dot, then the rule, then sgdPair: the same floats, whichever path it takes. */
    @ParameterizedTest
    @MethodSource("cases")
    void sgdStepIsDotThenTheRuleThenSgdPairBitForBit(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = randomTable(random, 3 * dim);
        float[] q = randomTable(random, 2 * dim);
        float[] pExpected = p.clone();
        float[] qExpected = q.clone();
        float dot = kernels.dot(pExpected, dim, qExpected, dim, dim);
        float g = 0.01f * (dot - 0.5f);
        kernels.sgdPair(pExpected, dim, qExpected, dim, dim, g, 0.98f);
        float[] seen = new float[1];
        kernels.sgdStep(p, dim, q, dim, dim, 0.98f, d -> {
            seen[0] = d;
            return 0.01f * (d - 0.5f);
        });
        assertThat(seen[0]).isEqualTo(dot);
        assertThat(p).containsExactly(pExpected);
        assertThat(q).containsExactly(qExpected);
    }

    /**
     * The biased squared-loss loop must be {@link FactorKernels#sgdStep} with its rule, example by example,
     * to the last bit, and that rule the SGD step of (global + p·q + b_u + b_i − y)², up to rounding.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void biasedSquaredSgdIsTheFusedStepWithItsRuleBitForBit(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 3;
        int items = 4;
        float[] p = randomTable(random, users * dim);
        float[] q = randomTable(random, items * dim);
        float[] userBias = randomTable(random, users);
        float[] itemBias = randomTable(random, items);
        int n = 9;
        int[] examples = new int[3 * n];
        for (int k = 0; k < n; k++) {
            examples[3 * k] = random.nextInt(users);
            examples[3 * k + 1] = random.nextInt(items);
            examples[3 * k + 2] = Float.floatToRawIntBits(1 + random.nextInt(5));
        }
        int[] order = {8, 1, 2, 5, 0, 3, 7, 6, 4};
        float global = 0.5f;
        float rate = 0.01f;
        float shrink = 1 - rate * 0.04f;
        float biasDecay = 0.02f;
        float[][] stepped = {p.clone(), q.clone(), userBias.clone(), itemBias.clone()};
        double[][] naive = {toDoubles(p), toDoubles(q), toDoubles(userBias), toDoubles(itemBias)};

        double loss = kernels.biasedSquaredSgd(examples, order, 1, 8, p, q, userBias, itemBias, dim, global, rate, shrink,
                biasDecay);

        double steppedLoss = 0;
        for (int k = 1; k < 8; k++) {
            int u = examples[3 * order[k]];
            int i = examples[3 * order[k] + 1];
            float y = Float.intBitsToFloat(examples[3 * order[k] + 2]);
            float[] d = new float[1];
            float[] z = new float[1];
            kernels.sgdStep(stepped[0], u * dim, stepped[1], i * dim, dim, shrink, dot -> {
                z[0] = global + dot;
                z[0] += stepped[2][u] + stepped[3][i];
                d[0] = 2 * (z[0] - y);
                return rate * d[0];
            });
            stepped[2][u] -= rate * (d[0] + biasDecay * stepped[2][u]);
            stepped[3][i] -= rate * (d[0] + biasDecay * stepped[3][i]);
            double error = z[0] - y;
            steppedLoss += error * error;
            naiveStep(naive, u, i, y, dim, global, rate, 0.02, biasDecay);
        }
        assertThat(loss).isEqualTo(steppedLoss);
        assertThat(p).containsExactly(stepped[0]);
        assertThat(q).containsExactly(stepped[1]);
        assertThat(userBias).containsExactly(stepped[2]);
        assertThat(itemBias).containsExactly(stepped[3]);
        for (int k = 0; k < users * dim; k++) {
            assertThat((double) p[k]).isCloseTo(naive[0][k], within(1e-4));
        }
        for (int k = 0; k < items * dim; k++) {
            assertThat((double) q[k]).isCloseTo(naive[1][k], within(1e-4));
        }
        assertThat(toDoubles(userBias)).containsExactly(naive[2], within(1e-4));
        assertThat(toDoubles(itemBias)).containsExactly(naive[3], within(1e-4));
    }

    /** Without an order the loop takes examples {@code from..to} in their own order: the identity order, bit for bit. */
    @ParameterizedTest
    @MethodSource("cases")
    void biasedSquaredSgdWithoutAnOrderTakesTheExamplesAsTheyCome(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] tables = {randomTable(random, 3 * dim), randomTable(random, 4 * dim), randomTable(random, 3),
            randomTable(random, 4)};
        float[][] copies = {tables[0].clone(), tables[1].clone(), tables[2].clone(), tables[3].clone()};
        int n = 9;
        int[] examples = new int[3 * n];
        int[] identity = new int[n];
        for (int k = 0; k < n; k++) {
            examples[3 * k] = random.nextInt(3);
            examples[3 * k + 1] = random.nextInt(4);
            examples[3 * k + 2] = Float.floatToRawIntBits(1 + random.nextInt(5));
            identity[k] = k;
        }

        double withoutOrder = kernels.biasedSquaredSgd(examples, null, 2, 7, tables[0], tables[1], tables[2], tables[3],
                dim, 0.5f, 0.01f, 0.9996f, 0.02f);
        double inOrder = kernels.biasedSquaredSgd(examples, identity, 2, 7, copies[0], copies[1], copies[2], copies[3],
                dim, 0.5f, 0.01f, 0.9996f, 0.02f);

        assertThat(withoutOrder).isEqualTo(inOrder).isPositive();
        for (int t = 0; t < tables.length; t++) {
            assertThat(tables[t]).containsExactly(copies[t]);
        }
    }

    /** One SGD step on (global + p·q + b_u + b_i − y)² + λ(|p|² + |q|²) + λ_b(b_u² + b_i²), in doubles. */
    private static void naiveStep(double[][] tables, int u, int i, float y, int dim, double global, double rate, double l2,
            double biasL2Twice) {
        double[] p = tables[0];
        double[] q = tables[1];
        double z = global + tables[2][u] + tables[3][i];
        for (int k = 0; k < dim; k++) {
            z += p[u * dim + k] * q[i * dim + k];
        }
        double d = 2 * (z - y);
        for (int k = 0; k < dim; k++) {
            double pk = p[u * dim + k];
            double qk = q[i * dim + k];
            p[u * dim + k] = pk - rate * (d * qk + 2 * l2 * pk);
            q[i * dim + k] = qk - rate * (d * pk + 2 * l2 * qk);
        }
        tables[2][u] -= rate * (d + biasL2Twice * tables[2][u]);
        tables[3][i] -= rate * (d + biasL2Twice * tables[3][i]);
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            doubles[k] = values[k];
        }
        return doubles;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sgdPairUsesTheOldRowsForBothUpdates(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // Two rows of one table, as the kernel allows.
        float[] table = randomTable(random, 4 * dim);
        float[] old = table.clone();
        float g = 0.03f;
        float shrink = 0.99f;
        kernels.sgdPair(table, 0, table, 2 * dim, dim, g, shrink);
        for (int k = 0; k < dim; k++) {
            assertThat((double) table[k]).isCloseTo(shrink * (double) old[k] - g * (double) old[2 * dim + k], within(1e-6));
            assertThat((double) table[2 * dim + k]).isCloseTo(shrink * (double) old[2 * dim + k] - g * (double) old[k], within(1e-6));
            assertThat(table[dim + k]).isEqualTo(old[dim + k]);
            assertThat(table[3 * dim + k]).isEqualTo(old[3 * dim + k]);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void kernelsAreDeterministic(FactorKernels.Implementation kernels, int dim, long seed) {
        float[] a = randomTable(new SplittableRandom(seed), dim);
        float[] b = randomTable(new SplittableRandom(seed + 100), dim);
        assertThat(Float.floatToIntBits(kernels.dot(a, 0, b, 0, dim))).isEqualTo(Float.floatToIntBits(kernels.dot(a, 0, b, 0, dim)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void marginDotMatchesTheNaiveSum(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = randomTable(random, 2 * dim);
        float[] q = randomTable(random, 3 * dim);
        double expected = 0;
        for (int k = 0; k < dim; k++) {
            expected += (double) p[dim + k] * ((double) q[2 * dim + k] - q[k]);
        }
        assertThat((double) kernels.marginDot(p, dim, q, 2 * dim, 0, dim)).isCloseTo(expected, within(1e-5 * dim));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void pairGradientAddsTheTripletGradientAndRoundsLikeTheScalarLoop(FactorKernels.Implementation kernels, int dim,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = randomTable(random, 2 * dim);
        float[] q = randomTable(random, 3 * dim);
        float[] userGradient = randomTable(random, 2 * dim);
        float[] itemGradient = randomTable(random, 3 * dim);
        float[] userBefore = userGradient.clone();
        float[] itemBefore = itemGradient.clone();
        float d = -0.4f;
        float decay = 0.02f;
        kernels.pairGradient(p, dim, q, 0, 2 * dim, userGradient, dim, itemGradient, 2 * dim, 0, dim, d, decay);
        for (int k = 0; k < dim; k++) {
            double pk = p[dim + k];
            double qi = q[k];
            double qj = q[2 * dim + k];
            assertThat((double) userGradient[dim + k]).isCloseTo(userBefore[dim + k] + d * (qi - qj) + decay * pk, within(1e-6));
            assertThat((double) itemGradient[2 * dim + k]).isCloseTo(itemBefore[2 * dim + k] + d * pk + decay * qi, within(1e-6));
            assertThat((double) itemGradient[k]).isCloseTo(itemBefore[k] - d * pk + decay * qj, within(1e-6));
            assertThat(userGradient[k]).isEqualTo(userBefore[k]);
            assertThat(itemGradient[dim + k]).isEqualTo(itemBefore[dim + k]);
        }
        // Bit-identical to the scalar loop, so the kernel choice never changes the gradient.
        float[] scalarUser = userBefore.clone();
        float[] scalarItem = itemBefore.clone();
        new ScalarFactorKernels().pairGradient(p, dim, q, 0, 2 * dim, scalarUser, dim, scalarItem, 2 * dim, 0, dim, d, decay);
        assertThat(userGradient).containsExactly(scalarUser);
        assertThat(itemGradient).containsExactly(scalarItem);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void adamRowFollowsTheAdamRuleAndRoundsLikeTheScalarLoop(FactorKernels.Implementation kernels, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] table = randomTable(random, 3 * dim);
        float[] m = randomTable(random, 3 * dim);
        float[] v = randomTable(random, 3 * dim);
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.abs(v[k]);
        }
        float[] grad = randomTable(random, 2 * dim);
        float[] tableBefore = table.clone();
        float[] mBefore = m.clone();
        float[] vBefore = v.clone();
        float stepSize = 0.01f;
        float epsilon = 1e-7f;
        kernels.adamRow(table, m, v, dim, grad, dim, dim, stepSize, epsilon);
        for (int k = 0; k < 3 * dim; k++) {
            if (k < dim || k >= 2 * dim) {
                assertThat(table[k]).isEqualTo(tableBefore[k]);
                continue;
            }
            double g = grad[k];
            double mk = 0.9 * mBefore[k] + 0.1 * g;
            double vk = 0.999 * vBefore[k] + 0.001 * g * g;
            assertThat((double) m[k]).isCloseTo(mk, within(1e-6));
            assertThat((double) v[k]).isCloseTo(vk, within(1e-6));
            assertThat((double) table[k]).isCloseTo(tableBefore[k] - stepSize * mk / (Math.sqrt(vk) + epsilon), within(1e-4));
        }
        float[] scalarTable = tableBefore.clone();
        float[] scalarM = mBefore.clone();
        float[] scalarV = vBefore.clone();
        new ScalarFactorKernels().adamRow(scalarTable, scalarM, scalarV, dim, grad, dim, dim, stepSize, epsilon);
        assertThat(table).containsExactly(scalarTable);
        assertThat(m).containsExactly(scalarM);
        assertThat(v).containsExactly(scalarV);
    }
}
