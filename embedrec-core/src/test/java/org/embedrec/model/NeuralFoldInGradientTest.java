package org.embedrec.model;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fold-in objective's hand-derived gradient with respect to the user embedding, against
 * central finite differences of the objective computed here the slow way (full input
 * {@code p ⊕ q_i ⊕ f_i}, {@link Mlp#infer}, the losses from {@code nn}), for every head: the deep
 * model with MSE, MAE and BCE, the hybrid model with item features and the rating classifier.
 */
class NeuralFoldInGradientTest {
    private static final int USERS = 5;
    private static final int ITEMS = 12;
    private static final int DIM = 4;
    private static final float[] LEVELS = {1, 2, 3, 4, 5};
    private static final SigmoidRange RANGE = new SigmoidRange(0.5f, 5f);
    /** Small enough that a ReLU kink rarely lies within a step of the random points of these tiny networks. */
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

    private static ModelInfo info(String kind, RatingLoss loss) {
        return new ModelInfo(kind, Map.of("loss", loss.name()), "test", List.of(), Map.of());
    }

    private static int[] counts() {
        int[] counts = new int[ITEMS];
        java.util.Arrays.fill(counts, 3);
        return counts;
    }

    private static List<NeuralRatingModel> models(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ItemCatalog catalog = ItemCatalog.untitled(RatingFixtures.ids("i", ITEMS));
        List<String> featureNames = List.of("a", "b", "c");
        return List.of(
                new DeepRatingModel(RatingFixtures.ids("u", USERS), catalog, network(random, 0, 1), RANGE, counts(),
                        info(DeepRatingModel.KIND, RatingLoss.MSE)),
                new DeepRatingModel(RatingFixtures.ids("u", USERS), catalog, network(random, 0, 1), null, counts(),
                        info(DeepRatingModel.KIND, RatingLoss.MSE)),
                new DeepRatingModel(RatingFixtures.ids("u", USERS), catalog, network(random, 0, 1), RANGE, counts(),
                        info(DeepRatingModel.KIND, RatingLoss.MAE)),
                new DeepRatingModel(RatingFixtures.ids("u", USERS), catalog, network(random, 0, 1), RANGE, counts(),
                        info(DeepRatingModel.KIND, RatingLoss.BCE)),
                new HybridRatingModel(RatingFixtures.ids("u", USERS), catalog, network(random, 3, 1), RANGE,
                        featureNames, counts(), info(HybridRatingModel.KIND, RatingLoss.MSE)),
                new RatingClassifierModel(RatingFixtures.ids("u", USERS), catalog, network(random, 0, LEVELS.length),
                        LEVELS, counts(), info(RatingClassifierModel.KIND, RatingLoss.MSE)));
    }

    /** The loss the test expects for the model: its recorded option, or cross-entropy for the classifier. */
    private static double loss(NeuralRatingModel model, float[] outputs, int offset, float rating) {
        if (model instanceof RatingClassifierModel) {
            int target = Math.round(rating) - 1; // the test's ratings are whole stars, the levels 1..5
            return SoftmaxCrossEntropy.lossAndGradient(outputs, offset, LEVELS.length, target, new float[LEVELS.length], 0);
        }
        SigmoidRange range = model instanceof DeepRatingModel deep ? deep.range() : ((HybridRatingModel) model).range();
        RatingLoss loss = RatingLoss.valueOf((String) model.info().options().get("loss"));
        return loss.value(outputs[offset], rating, range);
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
            int count = 1 + random.nextInt(8);
            int[] items = random.ints(0, ITEMS).distinct().limit(count).toArray();
            float[] ratings = new float[count];
            for (int k = 0; k < count; k++) {
                ratings[k] = 1 + random.nextInt(5);
            }
            float[] p = uniform(random, DIM, 1);
            float[] analytic = new float[DIM];
            double value = model.foldIn().objective(p, items, ratings, analytic);
            double[] point = new double[DIM];
            for (int j = 0; j < DIM; j++) {
                point[j] = p[j];
            }
            assertThat(value).as("%s objective", model.getClass().getSimpleName())
                    .isCloseTo(slowObjective(model, point, items, ratings), within(1e-4 * (1 + Math.abs(value))));
            double worstNegated = 0;
            for (int j = 0; j < DIM; j++) {
                double saved = point[j];
                point[j] = saved + EPS;
                double plus = slowObjective(model, point, items, ratings);
                point[j] = saved - EPS;
                double minus = slowObjective(model, point, items, ratings);
                point[j] = saved;
                double numeric = (plus - minus) / (2 * EPS);
                assertThat(mismatch(analytic[j], numeric))
                        .as("%s %s, %d ratings, ∂J/∂p[%d]: analytic %s vs numeric %s", model.getClass().getSimpleName(),
                                model.info().options().get("loss"), count, j, analytic[j], numeric)
                        .isLessThanOrEqualTo(1);
                worstNegated = Math.max(worstNegated, mismatch(-analytic[j], numeric));
            }
            assertThat(worstNegated).as("gradient too small for a sign error to show").isGreaterThan(1);
        }
    }

    /** The error in units of the tolerance (1% relative plus 1e-3 absolute): at most 1 means agreement. */
    private static double mismatch(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / (1e-2 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 1e-3);
    }
}
