package org.embedrec.family.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ALS-WR row solve and sweeps against dense computations written here. */
class AlsTrainerTest {
    private static final Ratings RATINGS = RatingFixtures.lowRank(3, 60, 45, 1300, 3, 0.4);
    private static final ItemCatalog CATALOG = ItemCatalog.untitled(RATINGS.items());
    private static final AlsTrainer.Options OPTIONS = AlsTrainer.Options.defaults().withDimensions(5)
            .withRegularization(0.07).withEpochs(6);

    /**
     * A row's solve equals the dense least squares, solved by EJML's QR, of the stacked system
     * {@code [Q 1; √(λn) I] [p; b] ≈ [r − μ − b_i; 0]}: the ratings' residuals after the fixed biases,
     * and the weighted-λ ridge written as extra rows. Up to 4 ratings (the dimensions) the row is solved
     * in its dual form, from 5 on by the normal equations: both are checked.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 4, 5, 11})
    void rowSolveMatchesDenseLeastSquares(int count) {
        int dim = 4;
        int others = 20;
        SplittableRandom random = new SplittableRandom(count);
        float[] fixedFactors = new float[others * dim];
        float[] fixedBias = new float[others];
        for (int k = 0; k < fixedFactors.length; k++) {
            fixedFactors[k] = (float) random.nextGaussian();
        }
        for (int k = 0; k < others; k++) {
            fixedBias[k] = (float) (0.5 * random.nextGaussian());
        }
        int[] observed = new int[count + 2];
        float[] ratings = new float[count + 2];
        for (int k = 0; k < observed.length; k++) {
            observed[k] = random.nextInt(others);
            ratings[k] = 0.5f * (1 + random.nextInt(10));
        }
        float mean = 3.2f;
        double lambda = 0.3;
        // Solve the row given by positions [1, count + 1) only, to check the range is honoured.
        float[] factors = new float[3 * dim];
        float[] bias = new float[3];
        new BiasedRowSolver(dim).solve(fixedFactors, fixedBias, mean, observed, ratings, 1, count + 1, lambda, factors,
                bias, 2);

        DMatrixRMaj a = new DMatrixRMaj(count + dim + 1, dim + 1);
        DMatrixRMaj y = new DMatrixRMaj(count + dim + 1, 1);
        for (int k = 0; k < count; k++) {
            int other = observed[k + 1];
            for (int j = 0; j < dim; j++) {
                a.set(k, j, fixedFactors[other * dim + j]);
            }
            a.set(k, dim, 1);
            y.set(k, 0, ratings[k + 1] - (double) mean - fixedBias[other]);
        }
        double ridge = Math.sqrt(lambda * count);
        for (int j = 0; j <= dim; j++) {
            a.set(count + j, j, ridge);
        }
        DMatrixRMaj expected = new DMatrixRMaj(dim + 1, 1);
        assertThat(CommonOps_DDRM.solve(a, y, expected)).isTrue();
        for (int j = 0; j < dim; j++) {
            assertThat((double) factors[2 * dim + j]).as("factor %d", j)
                    .isCloseTo(expected.get(j, 0), within(1e-5 * Math.max(1, Math.abs(expected.get(j, 0)))));
        }
        assertThat((double) bias[2]).as("bias").isCloseTo(expected.get(dim, 0), within(1e-5));
        for (int j = 0; j < 2 * dim; j++) {
            assertThat(factors[j]).as("rows other than 2 untouched").isZero();
        }
    }

    /** A row without ratings gets factors and bias 0, and so predicts μ plus the other side's bias. */
    @Test
    void rowWithoutRatingsIsZero() {
        float[] factors = {9, 9};
        float[] bias = {9};
        new BiasedRowSolver(2).solve(new float[] {1, 2}, new float[] {1}, 3f, new int[] {0}, new float[] {4}, 0, 0,
                0.1, factors, bias, 0);
        assertThat(factors).containsExactly(0f, 0f);
        assertThat(bias).containsExactly(0f);
    }

    /**
     * Each half-sweep minimizes the objective exactly in its block, so the objective reported per sweep
     * falls; the last one equals the objective computed naively from the fitted model's predictions.
     */
    @Test
    void objectiveFallsAtEverySweep() {
        List<EpochRecord> records = new ArrayList<>();
        AlsModel model = new AlsTrainer(OPTIONS.withEpochs(8)).fit(RATINGS, null, CATALOG, new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord record) {
                records.add(record);
            }
        });
        assertThat(records).hasSize(8);
        for (int k = 1; k < records.size(); k++) {
            assertThat(records.get(k).trainLoss()).as("objective after sweep %d", k + 1)
                    .isLessThan(records.get(k - 1).trainLoss());
        }
        assertThat(records.get(7).trainLoss() * RATINGS.size())
                .isCloseTo(naiveObjective(model), within(1e-6 * RATINGS.size()));
    }

    /** {@code Σ (r − predict)² + λ Σ_rows n (|factors|² + bias²)}, from the model's public view. */
    private static double naiveObjective(AlsModel model) {
        int dim = model.dimensions();
        int[] userCounts = RATINGS.userCounts();
        int[] itemCounts = RATINGS.itemCounts();
        double total = 0;
        for (int row = 0; row < RATINGS.size(); row++) {
            double error = RATINGS.rating(row) - (double) model.predict(RATINGS.user(row), RATINGS.item(row));
            total += error * error;
        }
        double penalty = 0;
        for (int u = 0; u < RATINGS.userCount(); u++) {
            penalty += userCounts[u] * (squaredNorm(model.userVector(u)) + Math.pow(model.userBias(u), 2));
        }
        for (int i = 0; i < RATINGS.itemCount(); i++) {
            penalty += itemCounts[i] * (squaredNorm(model.itemVector(i)) + Math.pow(model.itemBias(i), 2));
        }
        assertThat(dim).isEqualTo(5);
        return total + OPTIONS.regularization() * penalty;
    }

    private static double squaredNorm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return sum;
    }

    /** The fit beats the damped biases' training error by far on low-rank data: the factors are used. */
    @Test
    void fitsLowRankRatingsBetterThanTheMean() {
        AlsModel model = new AlsTrainer(OPTIONS.withRegularization(0.01)).fit(RATINGS, CATALOG);
        double squared = 0;
        double spread = 0;
        double mean = RATINGS.mean();
        for (int row = 0; row < RATINGS.size(); row++) {
            squared += Math.pow(RATINGS.rating(row) - model.predict(RATINGS.user(row), RATINGS.item(row)), 2);
            spread += Math.pow(RATINGS.rating(row) - mean, 2);
        }
        assertThat(squared).isLessThan(0.2 * spread);
    }

    /** Rows read only the fixed side, so two threads give the very model one thread gives. */
    @Test
    void threadsDoNotChangeTheModel() {
        AlsModel one = new AlsTrainer(OPTIONS).fit(RATINGS, CATALOG);
        AlsModel again = new AlsTrainer(OPTIONS).fit(RATINGS, CATALOG);
        AlsModel two = new AlsTrainer(OPTIONS.withThreads(2)).fit(RATINGS, CATALOG);
        for (AlsModel other : List.of(again, two)) {
            assertThat(other.userFactors()).containsExactly(one.userFactors());
            assertThat(other.itemFactors()).containsExactly(one.itemFactors());
            assertThat(other.userBiases()).containsExactly(one.userBiases());
            assertThat(other.itemBiases()).containsExactly(one.itemBiases());
        }
        assertThat(new AlsTrainer(OPTIONS.withSeed(43)).fit(RATINGS, CATALOG).itemFactors())
                .isNotEqualTo(one.itemFactors());
    }

    /** Folding in a training user's own ratings gives the user vector the last sweep solved, up to rounding. */
    @Test
    void foldInRepeatsTheUserSolve() {
        AlsModel model = new AlsTrainer(OPTIONS).fit(RATINGS, CATALOG);
        // After the last sweep the items moved, so solve the users once more against them to compare.
        int user = 7;
        List<Integer> items = new ArrayList<>();
        List<Float> ratings = new ArrayList<>();
        for (int row = 0; row < RATINGS.size(); row++) {
            if (RATINGS.user(row) == user) {
                items.add(RATINGS.item(row));
                ratings.add(RATINGS.rating(row));
            }
        }
        float[] ratingArray = new float[ratings.size()];
        for (int k = 0; k < ratingArray.length; k++) {
            ratingArray[k] = ratings.get(k);
        }
        int[] itemArray = items.stream().mapToInt(Integer::intValue).toArray();
        AlsModel.FoldedUser folded = model.foldInUser(itemArray, ratingArray);
        float[] factors = new float[model.dimensions()];
        float[] bias = new float[1];
        new BiasedRowSolver(model.dimensions()).solve(model.itemFactors(), model.itemBiases(), model.mean(), itemArray,
                ratingArray, 0, itemArray.length, OPTIONS.regularization(), factors, bias, 0);
        assertThat(folded.factors()).containsExactly(factors);
        assertThat(folded.bias()).isEqualTo(bias[0]);
        // And the training user's own vector is close: one more sweep changes it little.
        float[] trained = model.userVector(user);
        for (int a = 0; a < factors.length; a++) {
            assertThat(folded.factors()[a]).isCloseTo(trained[a], within(0.05f));
        }
    }

    @Test
    void optionsRejectBadValuesByName() {
        assertThatThrownBy(() -> OPTIONS.withRegularization(0)).hasMessageContaining("regularization");
        assertThatThrownBy(() -> OPTIONS.withDimensions(0)).hasMessageContaining("dimensions");
        assertThatThrownBy(() -> OPTIONS.withEpochs(0)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> OPTIONS.withThreads(0)).hasMessageContaining("threads");
    }
}
