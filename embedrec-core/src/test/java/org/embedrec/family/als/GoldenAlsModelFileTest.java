package org.embedrec.family.als;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.junit.jupiter.api.Test;

/**
 * The committed format-version-1 file of kind {@code als-wr}, {@code golden/als-wr-v1.safetensors},
 * must load with the predictions worked out here by hand and the λ that fold-in solves with, for as
 * long as version 1 is supported. If this test fails, a change broke reading existing model files:
 * fix the reader, never regenerate the file.
 */
class GoldenAlsModelFileTest {
    static final String FILE = "/golden/als-wr-v1.safetensors";

    /**
     * GENERATOR, run once when the kind was introduced; never rerun it for an existing file. Run from
     * the repository root with the test classpath.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "embedrec-core/src/test/resources/golden");
        ModelFiles.save(model(), dir.resolve("als-wr-v1.safetensors"));
    }

    private static ModelInfo info() {
        return new ModelInfo(AlsModel.KIND, Map.of("dimensions", 2, "regularization", 0.5, "epochs", 1),
                Provenance.of("golden"), List.of(new EpochRecord(1, 0.5, 0.75, Map.of("rmse", 0.875), 0.25, 0)),
                Map.of("test.rmse", 0.9375));
    }

    /** Dyadic values, so every prediction below is exact. */
    static AlsModel model() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Alien (1979)", 1979, List.of("A", "B"));
        catalog.add("20", "Brazil (1985)", 1985, List.of("B"));
        catalog.add("30", "Untitled", ItemCatalog.UNKNOWN_YEAR, List.of());
        return new AlsModel(new TrainingFacts(IdIndex.of(List.of("1", "2")), catalog.build(), new int[] {3, 1, 0}, info()),
                2, new float[] {0.5f, -1f, 2f, 0.25f}, new float[] {1f, 0.5f, -0.5f, 2f, 0f, 0f},
                new float[] {0.25f, -0.5f}, new float[] {0.5f, -0.25f, 0f}, 3.5f, 0.5);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenAlsModelFileTest.class.getResource(name).toURI());
    }

    @Test
    void version1FileLoadsWithKnownPredictionsAndRegularization() throws Exception {
        AlsModel model = ModelFiles.load(resource(FILE), AlsModel.class);
        // μ + b_u + b_i + p_u · q_i by hand.
        float[][] predictions = {{4.25f, 1.25f, 3.75f}, {5.625f, 2.25f, 3f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item).isEqualTo(predictions[user][item]);
            }
        }
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.regularization()).isEqualTo(0.5);
        assertThat(model.mean()).isEqualTo(3.5f);
        assertThat(model.info()).isEqualTo(info());
        assertThat(model.foldInUser(new int[] {0, 1}, new float[] {5f, 2f}).factors())
                .containsExactly(model().foldInUser(new int[] {0, 1}, new float[] {5f, 2f}).factors());
    }
}
