package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.neural.ConcatenationNetwork;
import org.embedrec.family.neural.DeepRatingModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;
import org.embedrec.nn.Mlp;
import org.embedrec.nn.RatingLoss;
import org.junit.jupiter.api.Test;

/**
 * The committed file {@code golden/deep-v1.safetensors} (kind {@code deep}, format version 1) must
 * load with the predictions worked out here by hand, for as long as version 1 is supported. It
 * pins the network layout that the {@code hybrid} and {@code rating-classifier} kinds share
 * ({@link org.embedrec.family.neural.NeuralNetworkFiles}). If this fails, fix the reader, never regenerate the file.
 */
class GoldenDeepModelFileTest {
    static final String RESOURCE = "/golden/deep-v1.safetensors";

    /** GENERATOR, run once when the kind was introduced; never rerun it for an existing file. */
    public static void main(String[] args) throws IOException {
        ModelFiles.save(goldenModel(), Path.of(args.length > 0 ? args[0]
                : "embedrec-core/src/test/resources/golden/deep-v1.safetensors"));
    }

    /**
     * Two users, three items, 1-dimensional embeddings, an MLP 2 → 2 (ReLU) → 1, linear output, dyadic
     * values so every score is exact: {@code h = relu(W0 [p, q] + b0)}, {@code z = W1 h + b1}.
     */
    static DeepRatingModel goldenModel() {
        IdIndex users = IdIndex.of(List.of("1", "2"));
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Heat (1995)", 1995, List.of("Action", "Crime"));
        catalog.add("20", "Clueless (1995)", 1995, List.of("Comedy"));
        catalog.add("30", "Unrated", ItemCatalog.UNKNOWN_YEAR, List.of());
        Mlp mlp = new Mlp(2, 2, 1);
        float[] parameters = {
            1f, -0.5f, 0.5f, 1f, // W0 rows: unit 0 = [user, item], unit 1
            0.25f, -0.5f,        // b0
            2f, -1f,             // W1
            0.5f,                // b1
        };
        ConcatenationNetwork network = new ConcatenationNetwork(2, 3, 1, 1, 0, new float[] {1f, -2f},
                new float[] {0.5f, -1f, 2f}, new float[0], mlp, parameters);
        ModelInfo info = new ModelInfo(DeepRatingModel.KIND, Map.of("dimensions", 1, "hidden", List.of(2)),
                GoldenModelFileTest.LEGACY_PROVENANCE, List.of(), Map.of());
        return new DeepRatingModel(new TrainingFacts(users, catalog.build(), new int[] {2, 1, 0}, info), network, null,
                RatingLoss.MSE);
    }

    @Test
    void fileLoadsWithKnownPredictions() throws Exception {
        Path file = Path.of(getClass().getResource(RESOURCE).toURI());
        DeepRatingModel model = ModelFiles.load(file, DeepRatingModel.class);

        // Worked by hand: user 0 (p = 1) with item 1 (q = -1): h = relu([1.75, -1]) = [1.75, 0], z = 3.5 + 0.5.
        float[][] expected = {{2f, 4f, -1f}, {0.5f, 0.5f, 0f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item).isEqualTo(expected[user][item]);
            }
        }
        assertThat(model.range()).isNull();
        assertThat(model.network().mlp().widths()).containsExactly(2, 2, 1);
        assertThat(model.parameterCount()).as("2 user + 3 item embeddings + 6 + 3 MLP parameters").isEqualTo(14);
        assertThat(model.itemVector(2)).containsExactly(2f);
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.users().ids()).containsExactly("1", "2");
        assertThat(model.catalog().genres(0)).containsExactly("Action", "Crime");
        assertThat(model.info().hyperparameters()).isEqualTo(Map.of("dimensions", 1, "hidden", List.of(2)));
        assertThat(model.info().provenance()).isEqualTo(GoldenModelFileTest.LEGACY_PROVENANCE);
        assertThat(model.loss()).as("no loss in the options: MSE").isEqualTo(RatingLoss.MSE);
    }
}
