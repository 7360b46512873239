package org.embedrec.family.ials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.junit.jupiter.api.Test;

/**
 * The committed format-version-1 file of kind {@code ials}, {@code golden/ials-v1.safetensors}, must
 * load with the scores worked out here by hand and the objective that fold-in solves, for as long as
 * version 1 is supported. If this test fails, a change broke reading existing model files: fix the
 * reader, never regenerate the file.
 */
class GoldenIalsModelFileTest {
    static final String FILE = "/golden/ials-v1.safetensors";

    /**
     * GENERATOR, run once when the kind was introduced; never rerun it for an existing file. Run from
     * the repository root with the test classpath.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "embedrec-core/src/test/resources/golden");
        ModelFiles.save(model(), dir.resolve("ials-v1.safetensors"));
    }

    private static ModelInfo info() {
        return new ModelInfo(IalsModel.KIND, Map.of("dimensions", 2, "positiveThreshold", "4.0", "solver", "CG"),
                Provenance.of("golden"), List.of(new EpochRecord(1, 0.5, Double.NaN, Map.of(), 0.25, 0)),
                Map.of("test.ndcg@10", 0.625));
    }

    /** Dyadic values, so every score below is exact. */
    static IalsModel model() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Alien (1979)", 1979, List.of("A", "B"));
        catalog.add("20", "Brazil (1985)", 1985, List.of("B"));
        catalog.add("30", "Untitled", ItemCatalog.UNKNOWN_YEAR, List.of());
        return new IalsModel(new TrainingFacts(IdIndex.of(List.of("1", "2")), catalog.build(), new int[] {3, 1, 0}, info()),
                2, new float[] {0.5f, -1f, 2f, 0.25f}, new float[] {1f, 0.5f, -0.5f, 2f, 0.25f, 0.25f},
                new IalsModel.Objective(0.125, 0.5, 1, 0.25, PositiveThreshold.DEFAULT));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenIalsModelFileTest.class.getResource(name).toURI());
    }

    @Test
    void version1FileLoadsWithKnownScoresAndObjective() throws Exception {
        IalsModel model = ModelFiles.load(resource(FILE), IalsModel.class);
        // p_u . q_i by hand.
        float[][] scores = {{0f, -2.25f, -0.125f}, {2.125f, -0.5f, 0.5625f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item).isEqualTo(scores[user][item]);
            }
        }
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.objective()).isEqualTo(new IalsModel.Objective(0.125, 0.5, 1, 0.25, PositiveThreshold.DEFAULT));
        assertThat(model.info()).isEqualTo(info());
        assertThat(model.foldIn(new int[] {0, 1}, new float[] {5f, 2f}))
                .containsExactly(model().foldIn(new int[] {0, 1}, new float[] {5f, 2f}));
    }
}
