package org.embedrec.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.embedrec.nn.GradientCheck.assertGradient;
import static org.embedrec.nn.GradientCheck.random;
import static org.embedrec.nn.GradientCheck.weightedSum;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks of every building block's backward pass, at random points (seeded),
 * with a random upstream gradient {@code c}: the checked scalar is {@code Σ c · output}.
 */
class BuildingBlockGradientTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void denseLayer(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int in = 5;
        int out = 3;
        // Offsets inside larger arrays, as the MLP's flat parameter array uses them.
        float[] weights = random(random, 2 + in * out, 1);
        float[] bias = random(random, 1 + out, 1);
        float[] x = random(random, 4 + in, 1);
        float[] c = random(random, out, 1);
        float[] y = new float[out];
        java.util.function.DoubleSupplier f = () -> {
            Dense.forward(weights, 2, bias, 1, in, out, x, 4, y, 0);
            return weightedSum(c, y, 0);
        };
        float[] weightGrad = new float[weights.length];
        float[] biasGrad = new float[bias.length];
        float[] dx = new float[in];
        Dense.backward(weights, 2, in, out, x, 4, c, 0, weightGrad, 2, biasGrad, 1, dx, 0);
        assertGradient("W", weightGrad, 2, weights, 2, in * out, f);
        assertGradient("b", biasGrad, 1, bias, 1, out, f);
        assertGradient("x", dx, 0, x, 4, in, f);
        // The gradients accumulate: a second backward doubles the parameter gradients.
        float w0 = weightGrad[2];
        Dense.backward(weights, 2, in, out, x, 4, c, 0, weightGrad, 2, biasGrad, 1, null, 0);
        assertThat(weightGrad[2]).isCloseTo(2 * w0, within(1e-6f));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void relu(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = random(random, 8, 1);
        for (int k = 0; k < x.length; k++) {
            if (Math.abs(x[k]) < 0.05f) {
                x[k] = 0.5f; // keep away from the kink, where differences mean nothing
            }
        }
        float[] c = random(random, 8, 1);
        float[] y = new float[8];
        java.util.function.DoubleSupplier f = () -> {
            System.arraycopy(x, 0, y, 0, 8);
            Activations.relu(y, 0, 8);
            return weightedSum(c, y, 0);
        };
        f.getAsDouble();
        float[] dy = c.clone();
        Activations.reluBackward(y, 0, dy, 0, 8);
        assertGradient("relu", dy, 0, x, 0, 8, f);
    }

    @ParameterizedTest
    @ValueSource(floats = {-3f, -0.4f, 0f, 0.7f, 2.5f})
    void sigmoidRange(float z) {
        SigmoidRange range = new SigmoidRange(0.5f, 5f);
        float[] x = {z};
        float[] slope = {range.slope(z)};
        assertGradient("sigmoid range", slope, 0, x, 0, 1, () -> range.apply(x[0]));
        assertThat(range.apply(range.inverse(3.0))).isCloseTo(3f, within(1e-5f));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void dropoutWithAFixedMask(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] mask = new float[200];
        Dropout.sampleMask(mask, 0, 200, 0.3f, random);
        int kept = 0;
        for (float m : mask) {
            assertThat(m).isIn(0f, 1f / 0.7f);
            kept += m > 0 ? 1 : 0;
        }
        assertThat(kept).as("units kept at rate 0.3").isBetween(110, 170);
        float[] x = random(random, 200, 1);
        float[] c = random(random, 200, 1);
        float[] y = new float[200];
        java.util.function.DoubleSupplier f = () -> {
            System.arraycopy(x, 0, y, 0, 200);
            Dropout.apply(y, 0, mask, 0, 200);
            return weightedSum(c, y, 0);
        };
        float[] dy = c.clone();
        Dropout.apply(dy, 0, mask, 0, 200);
        assertGradient("dropout", dy, 0, x, 0, 200, f);
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.05f, 0.3f, 0.75f})
    void dropoutDropsAtItsRateAndKeepsTheMean(float rate) {
        int n = 100_001; // not a multiple of 4: the last random word is used in part
        float[] mask = new float[n + 3];
        mask[n + 2] = -1f;
        Dropout.sampleMask(mask, 2, n, rate, new SplittableRandom(17));
        double sum = 0;
        int dropped = 0;
        for (int k = 2; k < n + 2; k++) {
            sum += mask[k];
            dropped += mask[k] == 0f ? 1 : 0;
        }
        // Binomial standard deviation is at most 0.0016 of n here; allow four of them.
        assertThat((double) dropped / n).isCloseTo(rate, within(0.0065));
        assertThat(sum / n).as("inverted dropout keeps the expected activation").isCloseTo(1.0, within(0.03));
        assertThat(mask[0]).isZero();
        assertThat(mask[n + 2]).as("writes stay inside the range").isEqualTo(-1f);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void embeddingGatherAndScatter(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int width = 4;
        float[] table = random(random, 6 * width, 1);
        float[] c = random(random, 2 * width, 1);
        float[] out = new float[2 * width];
        java.util.function.DoubleSupplier f = () -> {
            Embeddings.gather(table, width, 2, out, 0);
            Embeddings.gather(table, width, 5, out, width);
            return weightedSum(c, out, 0);
        };
        float[] grad = new float[table.length];
        Embeddings.scatter(c, 0, width, 1f, grad, 2 * width);
        Embeddings.scatter(c, width, width, 1f, grad, 5 * width);
        assertGradient("row 2", grad, 2 * width, table, 2 * width, width, f);
        assertGradient("row 5", grad, 5 * width, table, 5 * width, width, f);
        assertThat(GradientCheck.numeric(table, 0, f)).as("an untouched row has no gradient").isZero();
    }

    @ParameterizedTest
    @ValueSource(floats = {-2.5f, -0.3f, 0.4f, 1.9f})
    void ratingLosses(float z) {
        SigmoidRange range = new SigmoidRange(0.5f, 5f);
        float[] x = {z};
        for (float y : new float[] {0.5f, 2f, 3.5f, 5f}) {
            for (RatingLoss loss : RatingLoss.values()) {
                for (SigmoidRange r : new SigmoidRange[] {range, null}) {
                    if (loss == RatingLoss.BCE && r == null) {
                        continue;
                    }
                    if (loss == RatingLoss.MAE && Math.abs(RatingLoss.output(z, r) - y) < 0.05) {
                        continue; // the kink of |p - y|
                    }
                    float[] grad = {loss.gradient(z, y, r)};
                    if (Math.abs(grad[0]) < 1e-2) {
                        continue; // a saturated sigmoid: nothing for a sign check to see
                    }
                    assertGradient(loss + " y=" + y + " range=" + r, grad, 0, x, 0, 1, () -> loss.value(x[0], y, r));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {0.5f, 1.75f, 2.75f, 5f})
    void binaryCrossEntropyIsPerRowAndMinimalAtTheScaledRating(float y) {
        SigmoidRange range = new SigmoidRange(0.5f, 5f);
        float t = range.scale(y);
        float best = range.inverse(y);
        if (t > 0.01f && t < 0.99f) {
            // The minimum over z is at σ(z) = t, where the loss equals the entropy of t.
            double entropy = -(t * Math.log(t) + (1 - t) * Math.log(1 - t));
            assertThat(RatingLoss.BCE.value(best, y, range)).isCloseTo(entropy, within(1e-4));
            assertThat(RatingLoss.BCE.value(best + 0.5f, y, range)).isGreaterThan(entropy);
            assertThat(RatingLoss.BCE.value(best - 0.5f, y, range)).isGreaterThan(entropy);
        }
        // Stable far from 0: no infinities from log(0).
        assertThat(RatingLoss.BCE.value(80f, y, range)).isFinite();
        assertThat(RatingLoss.BCE.value(-80f, y, range)).isFinite();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void softmaxCrossEntropy(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = 6;
        float[] logits = random(random, 1 + k, 3);
        for (int target = 0; target < k; target++) {
            int t = target;
            float[] grad = new float[k];
            double loss = SoftmaxCrossEntropy.lossAndGradient(logits, 1, k, t, grad, 0);
            assertGradient("softmax CE target " + t, grad, 0, logits, 1, k,
                    () -> SoftmaxCrossEntropy.lossAndGradient(logits, 1, k, t, new float[k], 0));
            // Naive reference: -log(e^z_t / Σ e^z).
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[1 + j]);
            }
            assertThat(loss).isCloseTo(-Math.log(Math.exp(logits[1 + t]) / sum), within(1e-5));
            float[] p = new float[k];
            SoftmaxCrossEntropy.softmax(logits, 1, k, p, 0);
            assertThat(p[t]).isCloseTo((float) (Math.exp(logits[1 + t]) / sum), within(1e-6f));
        }
        // Large logits do not overflow.
        float[] huge = {1000f, 999f, -1000f};
        assertThat(SoftmaxCrossEntropy.lossAndGradient(huge, 0, 3, 1, new float[3], 0)).isCloseTo(1.3133, within(1e-3));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void mlpWithDropoutMatchesFiniteDifferences(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Mlp mlp = new Mlp(6, 5, 4, 2);
        float[] parameters = new float[mlp.parameterCount()];
        mlp.initialize(parameters, random);
        for (int k = 0; k < parameters.length; k++) {
            parameters[k] += (float) ((random.nextDouble() - 0.5) * 0.2); // non-zero biases too
        }
        float[] x = random(random, 6, 1);
        float[] c = random(random, 2, 1);
        long maskSeed = random.nextLong();
        Mlp.Workspace ws = mlp.newWorkspace();
        // The same seed draws the same dropout masks on every evaluation.
        java.util.function.DoubleSupplier f = () -> {
            System.arraycopy(x, 0, ws.input(), 0, 6);
            mlp.forwardTraining(parameters, ws, 0.2f, 0.3f, new SplittableRandom(maskSeed));
            return weightedSum(c, ws.activations(), ws.outputOffset());
        };
        f.getAsDouble();
        System.arraycopy(c, 0, ws.outputGradient(), 0, 2);
        float[] gradient = new float[parameters.length];
        mlp.backward(parameters, ws, gradient);
        float[] inputGradient = ws.inputGradient().clone();
        for (int l = 0; l < mlp.layerCount(); l++) {
            int in = mlp.width(l);
            int out = mlp.width(l + 1);
            checkWhereNonZero("W" + l, gradient, parameters, mlp.weightOffset(l), in * out, f);
            checkWhereNonZero("b" + l, gradient, parameters, mlp.biasOffset(l), out, f);
        }
        checkWhereNonZero("x", inputGradient, 0, x, 0, 6, f);
    }

    /** Like assertGradient, but a block that dropout silenced entirely must have a zero numeric gradient too. */
    private static void checkWhereNonZero(String name, float[] analytic, float[] x, int offset, int count,
            java.util.function.DoubleSupplier f) {
        checkWhereNonZero(name, analytic, offset, x, offset, count, f);
    }

    private static void checkWhereNonZero(String name, float[] analytic, int analyticOffset, float[] x, int offset,
            int count, java.util.function.DoubleSupplier f) {
        boolean any = false;
        for (int k = 0; k < count; k++) {
            any |= analytic[analyticOffset + k] != 0f;
        }
        if (any) {
            assertGradient(name, analytic, analyticOffset, x, offset, count, f);
        } else {
            for (int k = 0; k < count; k++) {
                assertThat(GradientCheck.numeric(x, offset + k, f)).as("%s[%d]", name, k).isCloseTo(0, within(1e-3));
            }
        }
    }
}
