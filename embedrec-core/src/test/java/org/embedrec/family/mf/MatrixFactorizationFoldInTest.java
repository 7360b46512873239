package org.embedrec.family.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.mf.MatrixFactorizationModel.FoldedUser;
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/**
 * Folding in a new user: the result is a stationary point of the per-user training objective,
 * checked with a gradient written here from the formula, and it is what {@code scoreNewUser} scores.
 */
class MatrixFactorizationFoldInTest {
    private static final double L2 = 0.07;
    private static final double BIAS_L2 = 0.02;

    private static MatrixFactorizationModel randomModel(long seed, boolean biases, OutputRange range) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 3;
        int items = 30;
        int dim = 4;
        int[] counts = new int[items];
        for (int i = 0; i < items; i++) {
            counts[i] = i == 5 ? 0 : 1 + random.nextInt(9);
        }
        ModelInfo info = new ModelInfo(MatrixFactorizationModel.KIND, Map.of("l2", L2, "biasL2", BIAS_L2),
                Provenance.of("test"), List.of(), Map.of());
        return new MatrixFactorizationModel(new TrainingFacts(RatingFixtures.ids("u", users),
                ItemCatalog.untitled(RatingFixtures.ids("i", items)), counts, info), dim, table(random, users * dim),
                table(random, items * dim), biases ? table(random, users) : null, biases ? table(random, items) : null,
                range == null ? 3.5f : 0.3f, range, new MatrixFactorizationModel.FoldInL2(L2, BIAS_L2));
    }

    private static float[] table(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextDouble() * 1.6 - 0.8);
        }
        return values;
    }

    /** Distinct known items with ratings in [1, 5] in steps of 0.5, including the ends of the scale. */
    private static int[] profileItems(SplittableRandom random, int count) {
        return random.ints(0, 30).filter(i -> i != 5).distinct().limit(count).toArray();
    }

    private static float[] profileRatings(SplittableRandom random, int count) {
        float[] ratings = new float[count];
        for (int k = 0; k < count; k++) {
            ratings[k] = k == 0 ? 5f : 1 + 0.5f * random.nextInt(9);
        }
        return ratings;
    }

    /**
     * The gradient of {@code Σ (r - f(z))² + n (λ|p|² + λ_b b²)} with respect to (p, b), from the
     * formula, in double precision.
     */
    private static double[] objectiveGradient(MatrixFactorizationModel model, int[] items, float[] ratings,
            FoldedUser user) {
        int dim = model.dimensions();
        double[] gradient = new double[dim + 1];
        OutputRange range = model.range();
        for (int k = 0; k < items.length; k++) {
            float[] q = model.itemVector(items[k]);
            double z = model.globalBias() + model.itemBias(items[k]) + user.bias();
            for (int j = 0; j < dim; j++) {
                z += user.factors()[j] * q[j];
            }
            double prediction = z;
            double slope = 1;
            if (range != null) {
                double s = 1 / (1 + Math.exp(-z));
                prediction = range.low() + (range.high() - range.low()) * s;
                slope = (range.high() - range.low()) * s * (1 - s);
            }
            double error = prediction - ratings[k];
            for (int j = 0; j < dim; j++) {
                gradient[j] += 2 * error * slope * q[j];
            }
            gradient[dim] += 2 * error * slope;
        }
        int n = items.length;
        for (int j = 0; j < dim; j++) {
            gradient[j] += 2 * n * L2 * user.factors()[j];
        }
        // Without biases there is no bias unknown, so its gradient does not apply.
        gradient[dim] = model.hasBiases() ? gradient[dim] + 2 * n * BIAS_L2 * user.bias() : 0;
        return gradient;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void foldedUserIsAStationaryPointOfTheObjective(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (MatrixFactorizationModel model : List.of(randomModel(seed, true, null), randomModel(seed, false, null),
                randomModel(seed, true, new OutputRange(0.5f, 5f)), randomModel(seed, false, new OutputRange(0.5f, 5f)))) {
            int count = 1 + random.nextInt(12);
            int[] items = profileItems(random, count);
            float[] ratings = profileRatings(random, count);
            FoldedUser user = model.foldInUser(items, ratings);
            double[] gradient = objectiveGradient(model, items, ratings, user);
            for (int j = 0; j < gradient.length; j++) {
                assertThat(gradient[j]).as("%s, %d ratings, gradient %d", model, count, j).isCloseTo(0, within(2e-4));
            }
            if (!model.hasBiases()) {
                assertThat(user.bias()).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void scoresAreThePredictionsOfTheFoldedUser(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MatrixFactorizationModel model = randomModel(seed, true, new OutputRange(0.5f, 5f));
        int[] items = profileItems(random, 6);
        float[] ratings = profileRatings(random, 6);
        FoldedUser user = model.foldInUser(items, ratings);
        float[] scores = new float[model.items().size()];
        model.scoreNewUser(items, ratings, scores);
        for (int item = 0; item < scores.length; item++) {
            double z = model.globalBias() + model.itemBias(item) + user.bias();
            float[] q = model.itemVector(item);
            for (int j = 0; j < q.length; j++) {
                z += user.factors()[j] * q[j];
            }
            double expected = 0.5 + 4.5 / (1 + Math.exp(-z));
            assertThat((double) scores[item]).as("item %d", item).isCloseTo(expected, within(1e-4));
        }
    }

    @Test
    void higherRatingsForAnItemRaiseItsNeighboursScores() {
        MatrixFactorizationModel model = randomModel(21, true, null);
        float[] low = new float[model.items().size()];
        float[] high = new float[model.items().size()];
        model.scoreNewUser(new int[] {3, 7}, new float[] {1, 3}, low);
        model.scoreNewUser(new int[] {3, 7}, new float[] {5, 3}, high);
        // Raising the rating of item 3 moves the user towards q_3, so item 3's own score rises.
        assertThat(high[3]).isGreaterThan(low[3]);
    }

    @Test
    void anEmptyProfileIsTheZeroUser() {
        MatrixFactorizationModel model = randomModel(31, true, null);
        float[] scores = new float[model.items().size()];
        model.scoreNewUser(new int[0], new float[0], scores);
        for (int item = 0; item < scores.length; item++) {
            assertThat(scores[item]).isCloseTo(model.globalBias() + model.itemBias(item), within(1e-6f));
        }
    }

    @Test
    void likedIsTheTopOfTheRange() {
        assertThat(randomModel(1, true, new OutputRange(0.5f, 5f)).likedRating()).isEqualTo(5f);
        assertThat(randomModel(1, true, null).likedRating()).isEqualTo(4.5f);
    }

    @Test
    void rejectsBadProfilesNamingTheProblem() {
        MatrixFactorizationModel model = randomModel(41, true, null);
        float[] out = new float[model.items().size()];
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {1, 2}, new float[] {3}, out))
                .hasMessageContaining("2 items but 1 ratings");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {5}, new float[] {3}, out))
                .hasMessageContaining("item i5 was not in the training data");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {30}, new float[] {3}, out))
                .hasMessageContaining("item index 30 out of range");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {1}, new float[] {Float.NaN}, out))
                .hasMessageContaining("rating NaN of item i1 is not a finite number");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {1}, new float[] {3}, new float[3]))
                .hasMessageContaining("out has length 3");
    }
}
