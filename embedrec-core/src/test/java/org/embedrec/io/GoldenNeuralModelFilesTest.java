package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.neural.ConcatenationNetwork;
import org.embedrec.model.EpochRecord;
import org.embedrec.family.neural.HybridRatingModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.family.neural.RatingClassifierModel;
import org.embedrec.model.TrainingFacts;
import org.embedrec.nn.Mlp;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.junit.jupiter.api.Test;

/**
 * The committed format-version-1 files of the neural kinds with their own parts, {@code
 * golden/hybrid-v1.safetensors} (item features, feature names, sigmoid range, loss) and {@code
 * golden/rating-classifier-v1.safetensors} (several outputs, rating levels), must load with the
 * predictions worked out here by hand for as long as version 1 is supported. Unlike the older golden
 * files they were written with provenance and the fold-in loss in their own fields, so they pin those
 * too. Tiny and hand-made like the other golden files (two users, three items, dyadic values), so
 * that every prediction is known exactly. If this test fails, fix the reader, never regenerate the files.
 */
class GoldenNeuralModelFilesTest {
    static final String HYBRID = "/golden/hybrid-v1.safetensors";
    static final String CLASSIFIER = "/golden/rating-classifier-v1.safetensors";
    private static final SigmoidRange RANGE = new SigmoidRange(0.5f, 5.5f);
    private static final float[] LEVELS = {1f, 3f, 4.5f};

    /**
     * GENERATOR, run once when these files were added; never rerun it for existing files. Run from
     * the repository root with the test classpath.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "embedrec-core/src/test/resources/golden");
        ModelFiles.save(hybridModel(), dir.resolve("hybrid-v1.safetensors"));
        ModelFiles.save(classifierModel(), dir.resolve("rating-classifier-v1.safetensors"));
    }

    private static ItemCatalog catalog() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Heat (1995)", 1995, List.of("Action", "Crime"));
        catalog.add("20", "Clueless (1995)", 1995, List.of("Comedy"));
        catalog.add("30", "Unrated", ItemCatalog.UNKNOWN_YEAR, List.of());
        return catalog.build();
    }

    /** A fixed provenance (not {@link Provenance#of}, whose version changes with every release). */
    static Provenance provenance(String configuration) {
        return new Provenance("golden-fixture", "/data/golden", "random:0.5", 7, false, configuration, "0.1.0-SNAPSHOT", null);
    }

    private static TrainingFacts facts(String kind, Map<String, Object> hyperparameters, String configuration) {
        ModelInfo info = new ModelInfo(kind, hyperparameters, provenance(configuration),
                List.of(new EpochRecord(1, 0.75, 0.5, Map.of("rmse", 0.875), 0.25, 0.005)), Map.of("test.rmse", 0.9375));
        return new TrainingFacts(IdIndex.of(List.of("1", "2")), catalog(), new int[] {2, 1, 0}, info);
    }

    /**
     * User and item embeddings of width 1, one feature (popularity), an MLP 3 → 2 (ReLU) → 1 over
     * {@code [p, q, f]}, the sigmoid range [0.5, 5.5], trained with MAE: {@code h = relu(W0 [p, q, f] + b0)},
     * {@code z = W1 h + b1}.
     */
    static HybridRatingModel hybridModel() {
        Mlp mlp = new Mlp(3, 2, 1);
        float[] parameters = {
            1f, -0.5f, 2f, 0.5f, 1f, -1f, // W0 rows: unit 0 = [user, item, feature], unit 1
            0.25f, -0.5f,                 // b0
            2f, -1f,                      // W1
            0.5f,                         // b1
        };
        ConcatenationNetwork network = new ConcatenationNetwork(2, 3, 1, 1, 1, new float[] {1f, -0.5f},
                new float[] {0.5f, -1f, 2f}, new float[] {1f, 0f, 0.5f}, mlp, parameters);
        return new HybridRatingModel(facts(HybridRatingModel.KIND, Map.of("dimensions", 1, "loss", "MAE"), "hybrid"),
                network, RANGE, RatingLoss.MAE, List.of("popularity"));
    }

    /**
     * Embeddings of width 1 and one Dense layer 2 → 3 with no hidden layer: logits
     * {@code [p, q + 0.5, q - p + 0.25]} over the rating levels 1, 3 and 4.5.
     */
    static RatingClassifierModel classifierModel() {
        Mlp mlp = new Mlp(2, 3);
        float[] parameters = {
            1f, 0f, 0f, 1f, -1f, 1f, // W rows: level 0 = [user, item], level 1, level 2
            0f, 0.5f, 0.25f,         // b
        };
        ConcatenationNetwork network = new ConcatenationNetwork(2, 3, 1, 1, 0, new float[] {1f, -1f},
                new float[] {0.5f, -1f, 2f}, new float[0], mlp, parameters);
        return new RatingClassifierModel(facts(RatingClassifierModel.KIND, Map.of("dimensions", 1), "classifier"),
                network, LEVELS);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenNeuralModelFilesTest.class.getResource(name).toURI());
    }

    @Test
    void hybridFileLoadsWithKnownPredictions() throws Exception {
        HybridRatingModel model = ModelFiles.load(resource(HYBRID), HybridRatingModel.class);

        // Worked by hand: user 1 (p = -0.5) with item 2 (q = 2, f = 0.5): W0 x + b0 = [-0.25, 0.75],
        // h = [0, 0.75], z = -0.75 + 0.5.
        float[][] z = {{6.5f, 4f, 1.5f}, {3.5f, 1f, -0.25f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item)
                        .isEqualTo(RatingLoss.output(z[user][item], RANGE));
            }
        }
        assertThat(model.range()).isEqualTo(RANGE);
        assertThat(model.loss()).isEqualTo(RatingLoss.MAE);
        assertThat(model.featureNames()).containsExactly("popularity");
        assertThat(model.itemFeatures(2)).containsExactly(0.5f);
        assertThat(model.network().mlp().widths()).containsExactly(3, 2, 1);
        // The item's part of the first layer, W0^item [q, f]: (-0.5 * 0.5 + 2 * 1, 0.5 - 1).
        assertThat(model.itemVector(0)).containsExactly(1.75f, -0.5f);
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.catalog().genres(0)).containsExactly("Action", "Crime");
        assertThat(model.info().hyperparameters()).isEqualTo(Map.of("dimensions", 1, "loss", "MAE"));
        assertThat(model.info().provenance()).isEqualTo(provenance("hybrid"));
        assertThat(model.info().metrics()).isEqualTo(Map.of("test.rmse", 0.9375));
    }

    @Test
    void ratingClassifierFileLoadsWithKnownPredictions() throws Exception {
        RatingClassifierModel model = ModelFiles.load(resource(CLASSIFIER), RatingClassifierModel.class);

        float[] p = {1f, -1f};
        float[] q = {0.5f, -1f, 2f};
        // Most likely level by hand, e.g. user 0, item 0: logits [1, 1, -0.25], a tie that goes to the lower level.
        float[][] mostLikely = {{1f, 1f, 3f}, {4.5f, 4.5f, 4.5f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                double[] logits = {p[user], q[item] + 0.5, q[item] - p[user] + 0.25};
                double sum = 0;
                double weighted = 0;
                for (int k = 0; k < 3; k++) {
                    sum += Math.exp(logits[k]);
                    weighted += Math.exp(logits[k]) * LEVELS[k];
                }
                assertThat((double) model.predict(user, item)).as("user %d, item %d", user, item)
                        .isCloseTo(weighted / sum, within(1e-6));
                assertThat(model.mostLikelyRating(user, item)).as("user %d, item %d", user, item)
                        .isEqualTo(mostLikely[user][item]);
                assertThat((double) model.probabilities(user, item)[2]).isCloseTo(Math.exp(logits[2]) / sum, within(1e-6));
            }
        }
        assertThat(model.levels()).containsExactly(LEVELS);
        assertThat(model.likedRating()).isEqualTo(4.5f);
        assertThat(model.network().mlp().widths()).containsExactly(2, 3);
        assertThat(model.itemVector(2)).containsExactly(2f);
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.info().hyperparameters()).isEqualTo(Map.of("dimensions", 1));
        assertThat(model.info().provenance()).isEqualTo(provenance("classifier"));
    }

    @Test
    void generatorsStillDescribeTheGoldenFiles() throws Exception {
        // Not a format check (the literals above are): keeps the generators honest as documentation.
        HybridRatingModel hybrid = ModelFiles.load(resource(HYBRID), HybridRatingModel.class);
        HybridRatingModel expectedHybrid = hybridModel();
        assertThat(hybrid.info()).isEqualTo(expectedHybrid.info());
        assertThat(hybrid.network().parameters()).containsExactly(expectedHybrid.network().parameters());
        assertThat(hybrid.trainingFacts().itemTrainCounts()).containsExactly(expectedHybrid.trainingFacts().itemTrainCounts());
        RatingClassifierModel classifier = ModelFiles.load(resource(CLASSIFIER), RatingClassifierModel.class);
        RatingClassifierModel expectedClassifier = classifierModel();
        assertThat(classifier.info()).isEqualTo(expectedClassifier.info());
        assertThat(classifier.network().parameters()).containsExactly(expectedClassifier.network().parameters());
    }
}
