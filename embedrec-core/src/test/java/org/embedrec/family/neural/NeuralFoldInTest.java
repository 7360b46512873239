package org.embedrec.family.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.nn.Mlp;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.nn.SoftmaxCrossEntropy;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/**
 * Folding new users into the neural models, on random networks: the objective's hand-derived
 * gradient with respect to the user embedding against central finite differences of the objective
 * computed here the slow way (full input {@code p ⊕ q_i ⊕ f_i}, {@link Mlp#infer}, the losses from
 * {@code nn}) for every head (the deep model with MSE, MAE and BCE, the hybrid model with item
 * features, the rating classifier); the optimizer's result; the scores; argument checks; user vectors.
 */
class NeuralFoldInTest {
    private static final int USERS = 5;
    private static final int ITEMS = 12;
    private static final int DIM = 4;
    private static final float[] LEVELS = {1, 2, 3, 4, 5};
    private static final SigmoidRange RANGE = new SigmoidRange(0.5f, 5f);
    /** Small enough that a ReLU kink rarely lies within a step of the random points of these tiny networks. */
    /** The item without training ratings. */
    private static final int UNKNOWN = 5;
    private static final double EPS = 1e-3;

    private static float[] uniform(SplittableRandom random, int n, double scale) {
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    private static ConcatenationNetwork network(SplittableRandom random, int features, int outputs) {
        Mlp mlp = new Mlp(2 * DIM + features, 7, 5, outputs);
        float[] parameters = new float[mlp.parameterCount()];
        mlp.initialize(parameters, random);
        // Nonzero biases, so that the first layer's bias is part of what is checked.
        for (int l = 0; l < mlp.layerCount(); l++) {
            for (int o = 0; o < mlp.width(l + 1); o++) {
                parameters[mlp.biasOffset(l) + o] = (float) (random.nextDouble() * 0.4 - 0.1);
            }
        }
        return new ConcatenationNetwork(USERS, ITEMS, DIM, DIM, features, uniform(random, USERS * DIM, 0.8),
                uniform(random, ITEMS * DIM, 0.8), uniform(random, ITEMS * features, 1), mlp, parameters);
    }

    private static TrainingFacts facts(ItemCatalog catalog, String kind) {
        int[] counts = new int[ITEMS];
        java.util.Arrays.fill(counts, 3);
        counts[UNKNOWN] = 0;
        return new TrainingFacts(RatingFixtures.ids("u", USERS), catalog, counts,
                new ModelInfo(kind, Map.of(), Provenance.of("test"), List.of(), Map.of()));
    }

    private static List<NeuralRatingModel> models(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ItemCatalog catalog = ItemCatalog.untitled(RatingFixtures.ids("i", ITEMS));
        List<String> featureNames = List.of("a", "b", "c");
        return List.of(
                new DeepRatingModel(facts(catalog, DeepRatingModel.KIND), network(random, 0, 1), RANGE, RatingLoss.MSE),
                new DeepRatingModel(facts(catalog, DeepRatingModel.KIND), network(random, 0, 1), null, RatingLoss.MSE),
                new DeepRatingModel(facts(catalog, DeepRatingModel.KIND), network(random, 0, 1), RANGE, RatingLoss.MAE),
                new DeepRatingModel(facts(catalog, DeepRatingModel.KIND), network(random, 0, 1), RANGE, RatingLoss.BCE),
                new HybridRatingModel(facts(catalog, HybridRatingModel.KIND), network(random, 3, 1), RANGE, RatingLoss.MSE,
                        featureNames),
                new RatingClassifierModel(facts(catalog, RatingClassifierModel.KIND), network(random, 0, LEVELS.length),
                        LEVELS));
    }

    /** The loss the test expects for the model: its training loss, or cross-entropy for the classifier. */
    private static double loss(NeuralRatingModel model, float[] outputs, int offset, float rating) {
        if (model instanceof RatingClassifierModel) {
            int target = Math.round(rating) - 1; // the test's ratings are whole stars, the levels 1..5
            return SoftmaxCrossEntropy.lossAndGradient(outputs, offset, LEVELS.length, target, new float[LEVELS.length], 0);
        }
        NeuralRegressionModel regression = (NeuralRegressionModel) model;
        return regression.loss().value(outputs[offset], rating, regression.range());
    }

    /** {@code (1/K) Σ loss(MLP(p ⊕ q ⊕ f), r) + λ |p - p̄|²}, with the full forward pass. */
    private static double slowObjective(NeuralRatingModel model, double[] p, int[] items, float[] ratings) {
        ConcatenationNetwork network = model.network();
        Mlp mlp = network.mlp();
        Mlp.Workspace ws = mlp.newWorkspace();
        float[] parameters = network.parameters();
        double sum = 0;
        for (int k = 0; k < items.length; k++) {
            float[] input = ws.input();
            for (int j = 0; j < DIM; j++) {
                input[j] = (float) p[j];
            }
            System.arraycopy(network.itemEmbedding(items[k]), 0, input, DIM, DIM);
            float[] features = network.itemFeatures(items[k]);
            System.arraycopy(features, 0, input, 2 * DIM, features.length);
            mlp.infer(parameters, ws);
            sum += loss(model, ws.activations(), ws.outputOffset(), ratings[k]);
        }
        NeuralFoldIn foldIn = model.foldIn();
        float[] mean = foldIn.meanUser();
        double prior = 0;
        for (int j = 0; j < DIM; j++) {
            prior += (p[j] - mean[j]) * (p[j] - mean[j]);
        }
        return sum / items.length + foldIn.lambda() * prior;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void gradientMatchesFiniteDifferencesForEveryHead(long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31);
        for (NeuralRatingModel model : models(seed)) {
            String name = name(model);
            int count = 1 + random.nextInt(8);
            int[] items = profileItems(random, count);
            float[] ratings = profileRatings(random, count);
            boolean checked = false;
            for (int attempt = 0; attempt < 5 && !checked; attempt++) {
                checked = checkGradientAt(model, name, uniform(random, DIM, 1), items, ratings);
            }
            assertThat(checked).as("%s: a point without a ReLU kink within a step", name).isTrue();
        }
    }

    /**
     * Checks the gradient at {@code p}; false (nothing asserted) when a ReLU kink lies within a
     * step of it, which shows as the differences over two step sizes disagreeing.
     */
    private static boolean checkGradientAt(NeuralRatingModel model, String name, float[] p, int[] items,
            float[] ratings) {
        float[] analytic = new float[DIM];
        double value = model.foldIn().objective(p, items, ratings, analytic);
        double[] point = new double[DIM];
        double[] numeric = new double[DIM];
        for (int j = 0; j < DIM; j++) {
            point[j] = p[j];
        }
        for (int j = 0; j < DIM; j++) {
            numeric[j] = numeric(model, point, j, EPS, items, ratings);
            if (mismatch(numeric[j], numeric(model, point, j, EPS / 2, items, ratings)) > 1) {
                return false;
            }
        }
        assertThat(value).as("%s objective", name)
                .isCloseTo(slowObjective(model, point, items, ratings), within(1e-4 * (1 + Math.abs(value))));
        double worstNegated = 0;
        for (int j = 0; j < DIM; j++) {
            assertThat(mismatch(analytic[j], numeric[j]))
                    .as("%s, %d ratings, ∂J/∂p[%d]: analytic %s vs numeric %s", name, items.length, j, analytic[j],
                            numeric[j])
                    .isLessThanOrEqualTo(1);
            worstNegated = Math.max(worstNegated, mismatch(-analytic[j], numeric[j]));
        }
        assertThat(worstNegated).as("%s: gradient too small for a sign error to show", name).isGreaterThan(1);
        return true;
    }

    private static double numeric(NeuralRatingModel model, double[] point, int j, double eps, int[] items,
            float[] ratings) {
        double saved = point[j];
        point[j] = saved + eps;
        double plus = slowObjective(model, point, items, ratings);
        point[j] = saved - eps;
        double minus = slowObjective(model, point, items, ratings);
        point[j] = saved;
        return (plus - minus) / (2 * eps);
    }

    private static int[] profileItems(SplittableRandom random, int count) {
        return random.ints(0, ITEMS).filter(item -> item != UNKNOWN).distinct().limit(count).toArray();
    }

    private static float[] profileRatings(SplittableRandom random, int count) {
        float[] ratings = new float[count];
        for (int k = 0; k < count; k++) {
            ratings[k] = 1 + random.nextInt(5);
        }
        return ratings;
    }

    /** The rating {@code predict} would give for the embedding {@code p}, by the full forward pass. */
    private static double slowScore(NeuralRatingModel model, float[] p, int item) {
        ConcatenationNetwork network = model.network();
        Mlp.Workspace ws = network.mlp().newWorkspace();
        float[] input = ws.input();
        System.arraycopy(p, 0, input, 0, DIM);
        System.arraycopy(network.itemEmbedding(item), 0, input, DIM, DIM);
        float[] features = network.itemFeatures(item);
        System.arraycopy(features, 0, input, 2 * DIM, features.length);
        network.mlp().infer(network.parameters(), ws);
        float[] outputs = ws.activations();
        int at = ws.outputOffset();
        if (model instanceof RatingClassifierModel) {
            double sum = 0;
            double weighted = 0;
            for (int k = 0; k < LEVELS.length; k++) {
                sum += Math.exp(outputs[at + k]);
                weighted += LEVELS[k] * Math.exp(outputs[at + k]);
            }
            return weighted / sum;
        }
        SigmoidRange range = model instanceof DeepRatingModel deep ? deep.range() : ((HybridRatingModel) model).range();
        return range == null ? outputs[at] : range.low() + (range.high() - range.low()) / (1 + Math.exp(-outputs[at]));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void foldedUserNearlyMinimizesTheObjectiveAndIsWhatIsScored(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (NeuralRatingModel model : models(seed)) {
            String name = name(model);
            int count = 1 + random.nextInt(8);
            int[] items = profileItems(random, count);
            float[] ratings = profileRatings(random, count);
            float[] mean = model.foldIn().meanUser();
            double start = model.foldIn().objective(mean, items, ratings, new float[DIM]);
            float[] p = model.foldInUser(items, ratings);
            float[] gradient = new float[DIM];
            double end = model.foldIn().objective(p, items, ratings, gradient);
            assertThat(end).as(name).isLessThan(start);
            // The gradient need not vanish: a kink of a ReLU or of MAE can be the minimum. Many more steps gain nothing.
            NeuralFoldIn longer = new NeuralFoldIn(model.network(), model.trainingLoss(), NeuralFoldIn.PRIOR_STRENGTH, 5000);
            double best = longer.objective(longer.fit(items, ratings), items, ratings, gradient);
            assertThat(end).as("%s: J after the default steps vs many more", name).isLessThan(best + 1e-3 * best);
            assertThat(model.foldInUser(items, ratings)).as("deterministic").containsExactly(p);
            float[] scores = new float[ITEMS];
            model.scoreNewUser(items, ratings, scores);
            for (int item = 0; item < ITEMS; item++) {
                assertThat((double) scores[item]).as("%s item %d", name, item)
                        .isCloseTo(slowScore(model, p, item), within(1e-4));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void anEmptyProfileScoresTheMeanTrainedUser(long seed) {
        for (NeuralRatingModel model : models(seed)) {
            float[] mean = new float[DIM];
            for (int u = 0; u < USERS; u++) {
                float[] vector = model.userVector(u);
                for (int j = 0; j < DIM; j++) {
                    mean[j] += vector[j] / USERS;
                }
            }
            float[] scores = new float[ITEMS];
            model.scoreNewUser(new int[0], new float[0], scores);
            for (int item = 0; item < ITEMS; item++) {
                assertThat((double) scores[item]).isCloseTo(slowScore(model, mean, item), within(1e-4));
            }
        }
    }

    @Test
    void userVectorsAreTheUserEmbeddingRows() {
        NeuralRatingModel model = models(31).get(4);
        float[] table = model.network().userEmbeddings();
        assertThat(model.userDimensions()).isEqualTo(DIM);
        for (int u = 0; u < USERS; u++) {
            assertThat(model.userVector(u)).containsExactly(java.util.Arrays.copyOfRange(table, u * DIM, u * DIM + DIM));
        }
    }

    @Test
    void likedRatingIsTheTopOfTheScale() {
        List<NeuralRatingModel> models = models(41);
        assertThat(models.get(0).likedRating()).isEqualTo(5f);
        assertThat(models.get(5).likedRating()).isEqualTo(5f);
        // A linear output has no fixed top: the average user's best score among known items.
        NeuralRatingModel linear = models.get(1);
        float[] scores = new float[ITEMS];
        linear.scoreNewUser(new int[0], new float[0], scores);
        scores[UNKNOWN] = Float.NEGATIVE_INFINITY;
        float best = Float.NEGATIVE_INFINITY;
        for (float score : scores) {
            best = Math.max(best, score);
        }
        assertThat(linear.likedRating()).isEqualTo(best);
    }

    @Test
    void badProfilesAreRejectedByName() {
        NeuralRatingModel model = models(51).get(0);
        float[] out = new float[ITEMS];
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {1, 2}, new float[] {3}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 items but 1 ratings");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {1, ITEMS}, new float[] {3, 4}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item index 12 out of range [0, 12)");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {-1}, new float[] {3}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item index -1 out of range [0, 12)");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {UNKNOWN}, new float[] {3}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item i5 was not in the training data");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {2}, new float[] {Float.NaN}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rating NaN of item i2 is not a finite number");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {2}, new float[] {3}, new float[ITEMS - 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11 entries, expected 12");
    }

    /** The error in units of the tolerance (1% relative plus 1e-3 absolute): at most 1 means agreement. */
    private static double mismatch(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / (1e-2 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 1e-3);
    }

    private static String name(NeuralRatingModel model) {
        return model.getClass().getSimpleName() + (model instanceof NeuralRegressionModel regression ? " " + regression.loss() : "");
    }
}
