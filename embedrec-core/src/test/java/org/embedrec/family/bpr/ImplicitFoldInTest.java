package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/**
 * The implicit fold-in of the BPR models: the fitted vector is a stationary point of the objective
 * written out here term by term in doubles, the scores are that vector's scores, an empty profile
 * scores as the average trained user, and bad profiles are rejected naming the culprit.
 */
class ImplicitFoldInTest {
    private static final int USERS = 7;
    private static final int ITEMS = 40;
    private static final int DIM = 5;
    private static final int UNTRAINED = 3;

    private static BprModel randomModel(long seed, String threshold) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            counts[i] = i == UNTRAINED ? 0 : 1 + random.nextInt(20);
        }
        Map<String, Object> options = threshold == null ? Map.of() : Map.of("positiveThreshold", threshold);
        ModelInfo info = new ModelInfo(BprModel.KIND, options, Provenance.of("test"), List.of(), Map.of());
        return new BprModel(new TrainingFacts(RatingFixtures.ids("u", USERS),
                ItemCatalog.untitled(RatingFixtures.ids("i", ITEMS)), counts, info), DIM, table(random, USERS * DIM),
                table(random, ITEMS * DIM), table(random, ITEMS),
                threshold == null ? PositiveThreshold.DEFAULT : PositiveThreshold.parse(threshold));
    }

    private static float[] table(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    private static ImplicitFoldIn foldIn(BprModel model) {
        DotProductScorer scorer = new DotProductScorer(model.trainingFacts(), DIM, model.userFactors(),
                model.itemFactors(), model.itemBiases());
        return new ImplicitFoldIn(model.catalog(), scorer, model.positiveThreshold());
    }

    /**
     * The gradient of {@code Σ_{trained} c_i (y_i − v_i·w)² + λ|w − w̄|²} at {@code w}, with α and λ
     * from their definitions (α = trained items / d, λ = 0.01 trace(VᵀV) / d), term by term.
     */
    private static double[] objectiveGradient(BprModel model, int[] items, float[] ratings, double threshold,
            float[] w) {
        double[] mean = new double[DIM];
        float[] users = model.userFactors();
        for (int u = 0; u < USERS; u++) {
            for (int j = 0; j < DIM; j++) {
                mean[j] += users[u * DIM + j] / (double) USERS;
            }
        }
        double trace = 0;
        int trained = 0;
        for (int i = 0; i < ITEMS; i++) {
            if (model.isKnownItem(i)) {
                trained++;
                for (double v : model.itemVector(i)) {
                    trace += v * v;
                }
            }
        }
        double alpha = (double) trained / DIM;
        double lambda = 0.01 * trace / DIM;
        double[] gradient = new double[DIM];
        for (int i = 0; i < ITEMS; i++) {
            if (!model.isKnownItem(i)) {
                continue;
            }
            double confidence = 1;
            double target = 0;
            for (int k = 0; k < items.length; k++) {
                if (items[k] == i) {
                    confidence = 1 + alpha;
                    target = ratings[k] >= threshold ? 1 : 0;
                }
            }
            float[] v = model.itemVector(i);
            double residual = target;
            for (int j = 0; j < DIM; j++) {
                residual -= v[j] * (double) w[j];
            }
            for (int j = 0; j < DIM; j++) {
                gradient[j] += -2 * confidence * residual * v[j];
            }
        }
        for (int j = 0; j < DIM; j++) {
            gradient[j] += 2 * lambda * (w[j] - mean[j]);
        }
        return gradient;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fittedVectorIsAStationaryPointOfTheObjective(long seed) {
        BprModel model = randomModel(seed, "4.0");
        SplittableRandom random = new SplittableRandom(seed + 100);
        int count = 1 + random.nextInt(8);
        int[] items = random.ints(0, ITEMS).filter(i -> i != UNTRAINED).distinct().limit(count).toArray();
        float[] ratings = new float[count];
        for (int k = 0; k < count; k++) {
            ratings[k] = k == 0 ? 5f : 1 + 0.5f * random.nextInt(9);
        }
        float[] w = foldIn(model).fit(items, ratings);
        double[] gradient = objectiveGradient(model, items, ratings, 4.0, w);
        // Relative to the size of one term of the gradient: float storage of w limits the precision.
        double scale = 2 * (1 + (double) (ITEMS - 1) / DIM) * ITEMS;
        for (int j = 0; j < DIM; j++) {
            assertThat(gradient[j] / scale).as("gradient[%d] at the fitted w", j).isCloseTo(0, within(1e-5));
        }
        // The check has teeth: moving w a little makes the gradient clearly non-zero.
        float[] moved = w.clone();
        moved[0] += 0.2f;
        assertThat(Math.abs(objectiveGradient(model, items, ratings, 4.0, moved)[0]) / scale).isGreaterThan(1e-3);

        float[] scores = new float[ITEMS];
        model.scoreNewUser(items, ratings, scores);
        float[] bias = model.itemBiases();
        for (int i = 0; i < ITEMS; i++) {
            float[] v = model.itemVector(i);
            double expected = bias[i];
            for (int j = 0; j < DIM; j++) {
                expected += (double) w[j] * v[j];
            }
            assertThat(scores[i]).as("score of item %d", i).isCloseTo((float) expected, within(1e-4f));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7, 8})
    void ratingsBelowTheThresholdAreSeenButNotLiked(long seed) {
        BprModel model = randomModel(seed, "3.5");
        int[] items = {0, 1, 2};
        float[] ratings = {5f, 3f, 3.5f};
        float[] w = foldIn(model).fit(items, ratings);
        double[] gradient = objectiveGradient(model, items, ratings, 3.5, w);
        double scale = 2 * (1 + (double) (ITEMS - 1) / DIM) * ITEMS;
        for (int j = 0; j < DIM; j++) {
            assertThat(gradient[j] / scale).isCloseTo(0, within(1e-5));
        }
        // Had 3 counted as a like (threshold "all"), w would differ.
        float[] all = foldIn(randomModel(seed, "all")).fit(items, ratings);
        assertThat(all).isNotEqualTo(w);
        double[] allGradient = objectiveGradient(model, items, ratings, Double.NEGATIVE_INFINITY, all);
        for (int j = 0; j < DIM; j++) {
            assertThat(allGradient[j] / scale).isCloseTo(0, within(1e-5));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void anEmptyProfileScoresAsTheAverageTrainedUser(long seed) {
        BprModel model = randomModel(seed, null);
        float[] scores = new float[ITEMS];
        model.scoreNewUser(new int[0], new float[0], scores);
        for (int item = 0; item < ITEMS; item++) {
            double average = 0;
            for (int user = 0; user < USERS; user++) {
                average += model.predict(user, item) / (double) USERS;
            }
            assertThat((double) scores[item]).as("item %d", item).isCloseTo(average, within(1e-5));
        }
    }

    @Test
    void likedRatingIsTheRecordedThresholdOrOneForAll() {
        assertThat(randomModel(1, "4.0").likedRating()).isEqualTo(4f);
        assertThat(randomModel(1, null).likedRating()).as("no threshold recorded: the default 4").isEqualTo(4f);
        assertThat(randomModel(1, "all").likedRating()).isEqualTo(1f);
        float odd = randomModel(1, "3.3").likedRating();
        assertThat((double) odd).as("rounded up, so it still counts as positive").isGreaterThanOrEqualTo(3.3)
                .isCloseTo(3.3, within(1e-6));
    }

    @Test
    void badProfilesAreRejectedNamingTheValue() {
        BprModel model = randomModel(1, "4.0");
        float[] out = new float[ITEMS];
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {0, 1}, new float[] {5}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 items but 1 ratings");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {ITEMS}, new float[] {5}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item index 40 out of range [0, 40)");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {-1}, new float[] {5}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item index -1 out of range");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {UNTRAINED}, new float[] {5}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item i3 was not in the training data: the model has no vector for it");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {0, 1}, new float[] {5, Float.NaN}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rating NaN of item i1 is not a finite number");
        assertThatThrownBy(() -> model.scoreNewUser(new int[] {2}, new float[] {Float.POSITIVE_INFINITY}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rating Infinity of item i2 is not a finite number");
    }

    @Test
    void theGenreModelFoldsInWithItsOwnItemVectors() {
        SplittableRandom random = new SplittableRandom(3);
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        String[] genres = {"A", "B", "C"};
        for (int i = 0; i < ITEMS; i++) {
            catalog.add("i" + i, "Item " + i, 2000, i % 4 == 0 ? List.of() : List.of(genres[i % 3]));
        }
        int[] counts = new int[ITEMS];
        java.util.Arrays.fill(counts, 1);
        int itemDim = 3;
        int tagDim = 2;
        ModelInfo info = new ModelInfo(GenreBprModel.KIND, Map.of("positiveThreshold", "all"), Provenance.of("t"),
                List.of(), Map.of());
        GenreBprModel model = new GenreBprModel(new TrainingFacts(RatingFixtures.ids("u", USERS), catalog.build(), counts,
                info), itemDim, tagDim, table(random, USERS * DIM), table(random, ITEMS * itemDim),
                table(random, genres.length * tagDim), null, PositiveThreshold.ALL);
        int[] items = {1, 2, 5};
        float[] ratings = {1, 2, 3};
        float[] scores = new float[ITEMS];
        model.scoreNewUser(items, ratings, scores);
        // The stationarity condition Σ_i c_i (y_i − v_i·w) v_i = λ (w − w̄), dotted with each v_k, in
        // terms of scores alone (no bias, so s_i = v_i·w and the average user's s̄_i = v_i·w̄):
        //   Σ_i c_i (y_i − s_i) (v_i·v_k) = λ (s_k − s̄_k).  Under "all" every rated item is a like.
        double trace = 0;
        for (int i = 0; i < ITEMS; i++) {
            for (float v : model.itemVector(i)) {
                trace += v * (double) v;
            }
        }
        double alpha = (double) ITEMS / DIM;
        double lambda = 0.01 * trace / DIM;
        double[] residualSum = new double[DIM];
        for (int i = 0; i < ITEMS; i++) {
            boolean rated = i == 1 || i == 2 || i == 5;
            double confidence = rated ? 1 + alpha : 1;
            double target = rated ? 1 : 0;
            float[] v = model.itemVector(i);
            for (int j = 0; j < DIM; j++) {
                residualSum[j] += confidence * (target - scores[i]) * v[j];
            }
        }
        float[] average = new float[ITEMS];
        model.scoreNewUser(new int[0], new float[0], average);
        for (int i = 0; i < ITEMS; i++) {
            float[] v = model.itemVector(i);
            double left = 0;
            for (int j = 0; j < DIM; j++) {
                left += residualSum[j] * v[j];
            }
            assertThat(left).as("item %d", i).isCloseTo(lambda * (scores[i] - average[i]), within(2e-3 * (1 + alpha)));
        }
    }
}
