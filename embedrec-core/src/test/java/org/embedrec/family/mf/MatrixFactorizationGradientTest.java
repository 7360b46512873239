package org.embedrec.family.mf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.family.mf.MatrixFactorizationTrainer.MfWorker;
import org.embedrec.family.mf.MatrixFactorizationTrainer.Objective;
import org.embedrec.family.mf.MatrixFactorizationTrainer.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.embedrec.train.GradientBuffer;
import org.embedrec.train.Initializer;
import org.embedrec.train.Loss;

/**
 * Finite-difference check of the hand-derived matrix factorization gradient (STYLE rule 11): for
 * every example, {@link MfWorker#accumulate} must equal the central difference of
 * {@link Objective#exampleObjective} with respect to every parameter the example touches.
 */
class MatrixFactorizationGradientTest {
    private static final float EPS = 1e-3f;
    private static final double RELATIVE_TOLERANCE = 1e-2;
    private static final double ABSOLUTE_TOLERANCE = 2e-3;
    private static final double L2 = 0.3;
    private static final double BIAS_L2 = 0.2;

    /** One partial derivative: the analytic value, the numeric one and the regularization part of it. */
    private record Partial(String name, double analytic, double numeric, double decay) {
    }

    static Stream<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>();
        for (boolean biases : new boolean[] {true, false}) {
            for (boolean sigmoid : new boolean[] {true, false}) {
                for (Loss loss : Loss.values()) {
                    all.add(Arguments.of(biases, sigmoid, loss));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "biases={0} sigmoid={1} loss={2}")
    @MethodSource("configurations")
    void analyticGradientMatchesCentralDifferences(boolean biases, boolean sigmoid, Loss loss) {
        Ratings train = RatingFixtures.random(11, 5, 6, 20);
        Objective objective = objective(train, options(biases, sigmoid, loss, 64));
        int checkedRows = 0;
        List<Partial> all = new ArrayList<>();
        for (int row = 0; row < train.size(); row++) {
            float error = objective.predict(train.user(row), train.item(row)) - train.rating(row);
            if (loss == Loss.MAE && Math.abs(error) < 0.05) {
                continue; // |p - y| has a kink at 0 where central differences mean nothing
            }
            List<Partial> partials = partials(objective, row);
            for (Partial partial : partials) {
                assertThat(mismatch(partial.analytic(), partial.numeric()))
                        .as("row %d, %s: analytic %s vs numeric %s", row, partial.name(), partial.analytic(),
                                partial.numeric())
                        .isLessThanOrEqualTo(1);
            }
            // The check has teeth: a gradient with the wrong sign would fail it for this row.
            assertThat(partials.stream().mapToDouble(p -> mismatch(-p.analytic(), p.numeric())).max().orElseThrow())
                    .as("row %d: the gradient is too small for a sign error to show", row)
                    .isGreaterThan(1);
            all.addAll(partials);
            checkedRows++;
        }
        assertThat(checkedRows).isGreaterThanOrEqualTo(15);
        // ... and so would a gradient that forgot the regularization terms.
        assertThat(all.stream().mapToDouble(p -> mismatch(p.analytic() - p.decay(), p.numeric())).max().orElseThrow())
                .isGreaterThan(1);
        if (biases) {
            assertThat(all.stream().filter(p -> p.name().endsWith("bias"))
                    .mapToDouble(p -> mismatch(p.analytic() - p.decay(), p.numeric())).max().orElseThrow())
                    .isGreaterThan(1);
        }
    }

    @Test
    void accumulatingBeyondTheBufferCapacityKeepsEveryContribution() {
        Ratings train = RatingFixtures.random(11, 5, 6, 20);
        // Batch size 1 makes every buffer start with room for a single row, so a second row grows it.
        Objective objective = objective(train, options(true, true, Loss.MSE, 1));
        int first = 0;
        int second = 1;
        while (train.user(second) == train.user(first) || train.item(second) == train.item(first)) {
            second++;
        }
        MfWorker both = new MfWorker(objective, 1);
        both.accumulate(first, 1f);
        both.accumulate(second, 1f);
        for (int row : new int[] {first, second}) {
            MfWorker alone = new MfWorker(objective, 1);
            alone.accumulate(row, 1f);
            int u = train.user(row);
            int i = train.item(row);
            assertThat(slice(both.users, u, objective.dim)).containsExactly(slice(alone.users, u, objective.dim));
            assertThat(slice(both.items, i, objective.dim)).containsExactly(slice(alone.items, i, objective.dim));
            assertThat(slice(both.userBiases, u, 1)).containsExactly(slice(alone.userBiases, u, 1));
            assertThat(slice(both.itemBiases, i, 1)).containsExactly(slice(alone.itemBiases, i, 1));
        }
    }

    private static Options options(boolean biases, boolean sigmoid, Loss loss, int batchSize) {
        return Options.defaults().withDimensions(4).withBatchSize(batchSize).withL2(L2).withBiasL2(BIAS_L2).withBiases(biases)
                .withSigmoid(sigmoid).withLoss(loss).withInitializer(Initializer.UNIFORM, 0.8);
    }

    /** An objective at a random point where biases and intercept are not at their zero start. */
    private static Objective objective(Ratings train, Options options) {
        Objective objective = new Objective(train, null, null, options, new SplittableRandom(3));
        SplittableRandom random = new SplittableRandom(9);
        for (int k = 0; k < objective.userBias.length; k++) {
            objective.userBias[k] = (float) (random.nextDouble() - 0.5);
        }
        for (int k = 0; k < objective.itemBias.length; k++) {
            objective.itemBias[k] = (float) (random.nextDouble() - 0.5);
        }
        objective.global[0] += (float) (random.nextDouble() - 0.5);
        return objective;
    }

    private static List<Partial> partials(Objective o, int row) {
        MfWorker worker = new MfWorker(o, 1);
        worker.accumulate(row, 1f);
        int u = o.train.user(row);
        int i = o.train.item(row);
        int dim = o.dim;
        List<Partial> partials = new ArrayList<>();
        float[] userGradient = slice(worker.users, u, dim);
        float[] itemGradient = slice(worker.items, i, dim);
        for (int k = 0; k < dim; k++) {
            partials.add(new Partial("user factor " + k, userGradient[k], numeric(o, row, o.userFactors, u * dim + k),
                    2 * L2 * o.userFactors[u * dim + k]));
            partials.add(new Partial("item factor " + k, itemGradient[k], numeric(o, row, o.itemFactors, i * dim + k),
                    2 * L2 * o.itemFactors[i * dim + k]));
        }
        if (o.options.biases()) {
            partials.add(new Partial("user bias", slice(worker.userBiases, u, 1)[0], numeric(o, row, o.userBias, u),
                    2 * BIAS_L2 * o.userBias[u]));
            partials.add(new Partial("item bias", slice(worker.itemBiases, i, 1)[0], numeric(o, row, o.itemBias, i),
                    2 * BIAS_L2 * o.itemBias[i]));
        }
        partials.add(new Partial("global bias", slice(worker.global, 0, 1)[0], numeric(o, row, o.global, 0), 0));
        return partials;
    }

    /** The accumulated gradient of {@code row} in {@code buffer}. */
    private static float[] slice(GradientBuffer buffer, int row, int width) {
        int offset = buffer.offset(row);
        float[] out = new float[width];
        System.arraycopy(buffer.gradient(), offset, out, 0, width);
        return out;
    }

    /** Central difference of the example objective in {@code table[index]}, over the step actually taken in float. */
    private static double numeric(Objective o, int row, float[] table, int index) {
        float saved = table[index];
        float plus = saved + EPS;
        float minus = saved - EPS;
        table[index] = plus;
        double valuePlus = o.exampleObjective(row);
        table[index] = minus;
        double valueMinus = o.exampleObjective(row);
        table[index] = saved;
        return (valuePlus - valueMinus) / ((double) plus - minus);
    }

    /** The error in units of the tolerance: at most 1 means the two agree. */
    private static double mismatch(double analytic, double numeric) {
        return Math.abs(analytic - numeric)
                / (RELATIVE_TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numeric)) + ABSOLUTE_TOLERANCE);
    }
}
