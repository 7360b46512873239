package org.embedrec.family.svdpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The committed format-version-1 file of kind {@code svdpp}, {@code golden/svdpp-v1.safetensors},
 * must load with the predictions worked out here by hand, for as long as version 1 is supported. If
 * this test fails, a change broke reading existing model files: fix the reader, never regenerate the
 * file.
 */
class GoldenSvdppModelFileTest {
    static final String FILE = "/golden/svdpp-v1.safetensors";

    /**
     * GENERATOR, run once when the kind was introduced ({@code -Dembedrec.svdpp.golden=true}, from the
     * module directory); never rerun it for an existing file.
     */
    @Test
    void generate() throws IOException {
        assumeTrue(Boolean.getBoolean("embedrec.svdpp.golden"), "the golden file is written once, on request");
        ModelFiles.save(model(), Path.of("src/test/resources/golden/svdpp-v1.safetensors"));
    }

    private static ModelInfo info() {
        return new ModelInfo(SvdppModel.KIND, Map.of("dimensions", 2, "l2", 0.5, "implicitL2", 2.0),
                Provenance.of("golden"), List.of(new EpochRecord(1, 0.5, 0.75, Map.of("rmse", 0.875), 0.25, 0.015)),
                Map.of("test.rmse", 0.875));
    }

    /** Dyadic values, so every prediction below is exact. */
    static SvdppModel model() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Alien (1979)", 1979, List.of("A", "B"));
        catalog.add("20", "Brazil (1985)", 1985, List.of("B"));
        catalog.add("30", "Untitled", ItemCatalog.UNKNOWN_YEAR, List.of());
        SvdppModel.Parameters parameters = new SvdppModel.Parameters(2, new float[] {0.5f, -1f, 2f, 0.25f},
                new float[] {1f, 0.5f, -0.5f, 2f, 0.25f, 0.25f}, new float[] {0.5f, 0.5f, 0f, 0.25f, 0f, 0f},
                new float[] {0.25f, 0f, 0f, -0.5f}, new float[] {0.5f, -0.25f}, new float[] {0.25f, -0.5f, 0f}, 3.5f,
                1f, 5f, 0.5, 0.125);
        return new SvdppModel(new TrainingFacts(IdIndex.of(List.of("1", "2")), catalog.build(), new int[] {3, 1, 0},
                info()), parameters);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenSvdppModelFileTest.class.getResource(name).toURI());
    }

    @Test
    void version1FileLoadsWithKnownPredictions() throws Exception {
        SvdppModel model = ModelFiles.load(resource(FILE), SvdppModel.class);
        // μ + b_u + b_i + q_i · (p_u + z_u) by hand, clipped to [1, 5] (user 2, item 10: 5.375).
        float[][] predictions = {{4.5f, 1.125f, 3.9375f}, {5f, 1.25f, 3.6875f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item)
                        .isEqualTo(predictions[user][item]);
            }
        }
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.info()).isEqualTo(info());
        assertThat(model.implicitVector(1)).containsExactly(0f, 0.25f);
        assertThat(model.foldInUser(new int[] {0, 1}, new float[] {5f, 2f}).vector())
                .containsExactly(model().foldInUser(new int[] {0, 1}, new float[] {5f, 2f}).vector());
    }
}
