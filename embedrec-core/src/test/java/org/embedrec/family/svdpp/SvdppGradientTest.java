package org.embedrec.family.svdpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.embedrec.data.Ratings;
import org.embedrec.family.svdpp.SvdppTrainer.Objective;
import org.embedrec.family.svdpp.SvdppTrainer.Options;
import org.embedrec.family.svdpp.SvdppTrainer.SvdppWorker;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.train.Initializer;
import org.embedrec.train.Loss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference check of the hand-derived SVD++ gradient (STYLE rule 11). A user's part of the
 * objective (see {@link SvdppTrainer}) is a sum over their ratings, {@code J_u = Σ_i J_ui}, with
 * {@code J_ui = loss(r̂_ui, r_ui) + λ (|p_u|² + |q_i|²) + λ_b (b_u² + b_i²) + (λ_y / |N(u)|) Σ_{j ∈ N(u)} |y_j|²}.
 * The worker, given one rating of a user, takes one SGD step on {@code J_ui} with every gradient at
 * the same point, so {@code (θ − θ') / η} is that gradient up to float rounding; it must equal the
 * central difference of {@code J_ui}, written here from the formula, for every parameter kind: μ
 * (trained, or unchanged when fixed), {@code b_u}, {@code b_i}, {@code p_u}, {@code q_i} and every
 * {@code y_j} of the user's implicit set. Given all of a user's ratings, the worker accumulates the
 * y-gradient over them and steps y once; with a tiny η that step is {@code ∂J_u/∂y} up to O(η).
 */
class SvdppGradientTest {
    private static final float EPS = 1e-3f;
    private static final float RATE = 1e-3f;
    /** The rate and tolerance for a whole user, whose later ratings see the earlier ones' steps. */
    private static final float USER_RATE = 1e-4f;
    private static final double USER_RELATIVE_TOLERANCE = 5e-2;
    private static final double RELATIVE_TOLERANCE = 1e-2;
    private static final double ABSOLUTE_TOLERANCE = 2e-3;
    private static final double L2 = 0.3;
    private static final double IMPLICIT_L2 = 0.4;
    private static final double BIAS_L2 = 0.2;

    /** One partial derivative: the analytic value, the numeric one and the regularization part of it. */
    private record Partial(String name, double analytic, double numeric, double decay) {
    }

    static Stream<Arguments> configurations() {
        List<Arguments> all = new ArrayList<>();
        for (boolean trainMean : new boolean[] {true, false}) {
            for (Loss loss : Loss.values()) {
                all.add(Arguments.of(trainMean, loss));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "trainMean={0} loss={1}")
    @MethodSource("configurations")
    void trainingStepsFollowTheCentralDifferencesOfTheUserObjective(boolean trainMean, Loss loss) {
        Ratings train = RatingFixtures.random(11, 5, 8, 30);
        Options options = Options.defaults().withDimensions(4).withL2(L2).withImplicitL2(IMPLICIT_L2)
                .withBiasL2(BIAS_L2).withTrainMean(trainMean).withLoss(loss).withInitializer(Initializer.UNIFORM, 0.8);
        List<Partial> all = new ArrayList<>();
        int checkedRatings = 0;
        Objective shape = objective(train, options);
        for (int user = 0; user < train.userCount(); user++) {
            for (int position = shape.userStarts[user]; position < shape.userStarts[user + 1]; position++) {
                Objective o = objective(train, options);
                if (shape.userStarts[user + 1] - shape.userStarts[user] < 2 || (loss == Loss.MAE
                        && nearKink(o, user, position, position + 1))) {
                    continue; // |p - y| has a kink at 0 where central differences mean nothing
                }
                List<Partial> partials = partials(o, user, position, position + 1, RATE);
                for (Partial partial : partials) {
                    assertThat(mismatch(partial.analytic(), partial.numeric(), RELATIVE_TOLERANCE))
                            .as("user %d, position %d, %s: analytic %s vs numeric %s", user, position, partial.name(),
                                    partial.analytic(), partial.numeric())
                            .isLessThanOrEqualTo(1);
                }
                // The check has teeth: a gradient with the wrong sign would fail it for this rating.
                assertThat(partials.stream().mapToDouble(p -> mismatch(-p.analytic(), p.numeric(), RELATIVE_TOLERANCE))
                        .max().orElseThrow())
                        .as("position %d: the gradient is too small for a sign error to show", position)
                        .isGreaterThan(1);
                all.addAll(partials);
                checkedRatings++;
            }
        }
        assertThat(checkedRatings).isGreaterThanOrEqualTo(15);
        // ... and so would one that forgot the regularization, of any parameter kind.
        for (String kind : new String[] {"user factor", "item factor", "implicit factor", "user bias", "item bias"}) {
            assertThat(all.stream().filter(p -> p.name().startsWith(kind))
                    .mapToDouble(p -> mismatch(p.analytic() - p.decay(), p.numeric(), RELATIVE_TOLERANCE)).max().orElseThrow())
                    .as("%s without its regularization", kind).isGreaterThan(1);
        }
        // ... or one that left out the implicit part, which moves y of items the rating is not about.
        assertThat(all.stream().filter(p -> p.name().startsWith("implicit factor"))
                .mapToDouble(p -> mismatch(p.decay(), p.numeric(), RELATIVE_TOLERANCE)).max().orElseThrow()).isGreaterThan(1);
    }

    @ParameterizedTest(name = "trainMean={0} loss={1}")
    @MethodSource("configurations")
    void aWholeUserStepsTheImplicitFactorsWithTheGradientOfTheUserObjective(boolean trainMean, Loss loss) {
        Ratings train = RatingFixtures.random(11, 5, 8, 30);
        Options options = Options.defaults().withDimensions(4).withL2(L2).withImplicitL2(IMPLICIT_L2)
                .withBiasL2(BIAS_L2).withTrainMean(trainMean).withLoss(loss).withInitializer(Initializer.UNIFORM, 0.8);
        int checkedUsers = 0;
        for (int user = 0; user < train.userCount(); user++) {
            Objective o = objective(train, options);
            int first = o.userStarts[user];
            int last = o.userStarts[user + 1];
            if (last - first < 3 || (loss == Loss.MAE && nearKink(o, user, first, last))) {
                continue;
            }
            for (Partial partial : partials(o, user, first, last, USER_RATE)) {
                if (partial.name().startsWith("implicit factor")) {
                    assertThat(mismatch(partial.analytic(), partial.numeric(), USER_RELATIVE_TOLERANCE))
                            .as("user %d, %s: analytic %s vs numeric %s", user, partial.name(), partial.analytic(),
                                    partial.numeric())
                            .isLessThanOrEqualTo(1);
                }
            }
            checkedUsers++;
        }
        assertThat(checkedUsers).isGreaterThanOrEqualTo(3);
    }

    /** An objective at a random point where biases and μ are not at their start. */
    private static Objective objective(Ratings train, Options options) {
        Objective objective = new Objective(train, null, options, new SplittableRandom(3));
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

    private static boolean nearKink(Objective o, int user, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Math.abs(prediction(o, user, o.itemOf[k]) - o.ratingOf[k]) < 0.05) {
                return true;
            }
        }
        return false;
    }

    /**
     * The worker's step over the user's ratings at positions {@code [from, to)} on every parameter their
     * objective depends on, against its central differences.
     */
    private static List<Partial> partials(Objective o, int user, int from, int to, float rate) {
        int dim = o.dim;
        int first = o.userStarts[user];
        int last = o.userStarts[user + 1];
        int count = to - from;
        double share = (double) count / (last - first);
        List<Partial> partials = new ArrayList<>();
        // Numeric first, at the untouched point.
        List<double[]> numeric = new ArrayList<>();
        List<float[]> tables = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> decays = new ArrayList<>();
        for (int a = 0; a < dim; a++) {
            add(o, user, from, to, "user factor " + a, o.userFactors, user * dim + a, 2 * L2 * count, numeric, tables,
                    indices, names, decays);
        }
        add(o, user, from, to, "user bias", o.userBias, user, 2 * BIAS_L2 * count, numeric, tables, indices, names,
                decays);
        for (int k = first; k < last; k++) {
            int item = o.itemOf[k];
            boolean rated = k >= from && k < to;
            for (int a = 0; a < dim; a++) {
                if (rated) {
                    add(o, user, from, to, "item factor " + item + "," + a, o.itemFactors, item * dim + a, 2 * L2, numeric,
                            tables, indices, names, decays);
                }
                add(o, user, from, to, "implicit factor " + item + "," + a, o.implicitFactors, item * dim + a,
                        2 * IMPLICIT_L2 * share, numeric, tables, indices, names, decays);
            }
            if (rated) {
                add(o, user, from, to, "item bias " + item, o.itemBias, item, 2 * BIAS_L2, numeric, tables, indices, names,
                        decays);
            }
        }
        if (o.options.trainMean()) {
            add(o, user, from, to, "global bias", o.global, 0, 0, numeric, tables, indices, names, decays);
        }
        float[] before = new float[tables.size()];
        for (int k = 0; k < before.length; k++) {
            before[k] = tables.get(k)[indices.get(k)];
        }
        float globalBefore = o.global[0];
        int[] order = new int[count];
        for (int k = 0; k < order.length; k++) {
            order[k] = from + k;
        }
        new SvdppWorker(o, 5, 1).train(order, 0, order.length, rate);
        if (!o.options.trainMean()) {
            assertThat(o.global[0]).as("a fixed μ").isEqualTo(globalBefore);
        }
        for (int k = 0; k < before.length; k++) {
            float after = tables.get(k)[indices.get(k)];
            double analytic = ((double) before[k] - after) / rate;
            partials.add(new Partial(names.get(k), analytic, numeric.get(k)[0], decays.get(k) * before[k]));
        }
        return partials;
    }

    private static void add(Objective o, int user, int from, int to, String name, float[] table, int index, double decayPerUnit,
            List<double[]> numeric, List<float[]> tables, List<Integer> indices, List<String> names, List<Double> decays) {
        numeric.add(new double[] {numeric(o, user, from, to, table, index)});
        tables.add(table);
        indices.add(index);
        names.add(name);
        decays.add(decayPerUnit);
    }

    /** Central difference of {@code Σ_{i at [from, to)} J_ui} in {@code table[index]}, over the step taken in float. */
    private static double numeric(Objective o, int user, int from, int to, float[] table, int index) {
        float saved = table[index];
        float plus = saved + EPS;
        float minus = saved - EPS;
        table[index] = plus;
        double valuePlus = userObjective(o, user, from, to);
        table[index] = minus;
        double valueMinus = userObjective(o, user, from, to);
        table[index] = saved;
        return (valuePlus - valueMinus) / ((double) plus - minus);
    }

    /** {@code Σ J_ui} over the user's ratings at positions {@code [from, to)}, from its formula, in double. */
    private static double userObjective(Objective o, int user, int from, int to) {
        int dim = o.dim;
        int first = o.userStarts[user];
        int last = o.userStarts[user + 1];
        double value = 0;
        for (int k = from; k < to; k++) {
            int item = o.itemOf[k];
            double error = prediction(o, user, item) - o.ratingOf[k];
            value += o.options.loss() == Loss.MSE ? error * error : Math.abs(error);
            value += L2 * (squaredNorm(o.userFactors, user * dim, dim) + squaredNorm(o.itemFactors, item * dim, dim));
            value += BIAS_L2 * ((double) o.userBias[user] * o.userBias[user] + (double) o.itemBias[item] * o.itemBias[item]);
            for (int j = first; j < last; j++) {
                value += IMPLICIT_L2 / (last - first) * squaredNorm(o.implicitFactors, o.itemOf[j] * dim, dim);
            }
        }
        return value;
    }

    /** {@code μ + b_u + b_i + q_i · (p_u + |N(u)|^-½ Σ y_j)}, in double. */
    private static double prediction(Objective o, int user, int item) {
        int dim = o.dim;
        int first = o.userStarts[user];
        int last = o.userStarts[user + 1];
        double value = (double) o.global[0] + o.userBias[user] + o.itemBias[item];
        for (int a = 0; a < dim; a++) {
            double implicit = 0;
            for (int k = first; k < last; k++) {
                implicit += o.implicitFactors[o.itemOf[k] * dim + a];
            }
            value += o.itemFactors[item * dim + a] * (o.userFactors[user * dim + a] + implicit / Math.sqrt(last - first));
        }
        return value;
    }

    private static double squaredNorm(float[] table, int offset, int dim) {
        double sum = 0;
        for (int a = 0; a < dim; a++) {
            sum += (double) table[offset + a] * table[offset + a];
        }
        return sum;
    }

    /** The error in units of the tolerance: at most 1 means the two agree. */
    private static double mismatch(double analytic, double numeric, double relativeTolerance) {
        return Math.abs(analytic - numeric)
                / (relativeTolerance * Math.max(Math.abs(analytic), Math.abs(numeric)) + ABSOLUTE_TOLERANCE);
    }
}
