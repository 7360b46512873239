package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.model.EpochRecord;
import org.embedrec.family.bpr.GenreBprModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;
import org.junit.jupiter.api.Test;

/**
 * The committed format-version-1 files of the ranking models, {@code golden/bpr-v1.safetensors} and
 * {@code golden/bpr-genres-v1.safetensors}, must load with the scores worked out here by hand for as
 * long as version 1 is supported. If this test fails, a change broke reading existing model files:
 * fix the reader, never regenerate the files.
 */
class GoldenRankingModelFilesTest {
    static final String BPR = "/golden/bpr-v1.safetensors";
    static final String GENRES = "/golden/bpr-genres-v1.safetensors";

    /**
     * GENERATOR, run once when these kinds were introduced; never rerun it for existing files. Run
     * from the repository root with the test classpath.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "embedrec-core/src/test/resources/golden");
        ModelFiles.save(bprModel(), dir.resolve("bpr-v1.safetensors"));
        ModelFiles.save(genreModel(), dir.resolve("bpr-genres-v1.safetensors"));
    }

    private static ItemCatalog catalog() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Alien (1979)", 1979, List.of("A", "B"));
        catalog.add("20", "Brazil (1985)", 1985, List.of("B"));
        catalog.add("30", "Untitled", ItemCatalog.UNKNOWN_YEAR, List.of());
        return catalog.build();
    }

    private static ModelInfo info(String kind) {
        return new ModelInfo(kind, Map.of("dimensions", 2, "positiveThreshold", "4.0", "negatives", "UNIFORM"),
                GoldenModelFileTest.LEGACY_PROVENANCE, List.of(new EpochRecord(1, 0.5, Double.NaN, Map.of("ndcg@10", 0.75), 0.25, 0.005)),
                Map.of("test.ndcg@10", 0.625));
    }

    /** Dyadic values, so every score below is exact. */
    static BprModel bprModel() {
        return new BprModel(facts(BprModel.KIND), 2, new float[] {0.5f, -1f, 2f, 0.25f},
                new float[] {1f, 0.5f, -0.5f, 2f, 0.25f, 0.25f}, new float[] {0.125f, -0.25f, 0f}, PositiveThreshold.DEFAULT);
    }

    /** One item and one tag dimension; tags A = 0.5, B = -1.5; no item bias. */
    static GenreBprModel genreModel() {
        return new GenreBprModel(facts(GenreBprModel.KIND), 1, 1, new float[] {2f, 0.5f, -0.5f, 1f},
                new float[] {1f, 0.25f, -1f}, new float[] {0.5f, -1.5f}, null, PositiveThreshold.DEFAULT);
    }

    private static TrainingFacts facts(String kind) {
        return new TrainingFacts(IdIndex.of(List.of("1", "2")), catalog(), new int[] {3, 1, 0}, info(kind));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenRankingModelFilesTest.class.getResource(name).toURI());
    }

    @Test
    void bprVersion1FileLoadsWithKnownScores() throws Exception {
        BprModel model = ModelFiles.load(resource(BPR), BprModel.class);
        // p_u . q_i + b_i by hand.
        float[][] scores = {{0.125f, -2.5f, -0.125f}, {2.25f, -0.75f, 0.5625f}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item).isEqualTo(scores[user][item]);
            }
        }
        assertThat(model.isKnownItem(2)).isFalse();
        assertThat(model.itemBiases()).containsExactly(0.125f, -0.25f, 0f);
        assertThat(model.info()).isEqualTo(info(BprModel.KIND));
        assertThat(model.positiveThreshold()).as("from the options").isEqualTo(PositiveThreshold.DEFAULT);
        assertThat(model.catalog().genres(0)).containsExactly("A", "B");
        assertThat(model.userFactors()).containsExactly(bprModel().userFactors());
        assertThat(model.itemFactors()).containsExactly(bprModel().itemFactors());
    }

    @Test
    void bprGenresVersion1FileLoadsWithKnownScores() throws Exception {
        GenreBprModel model = ModelFiles.load(resource(GENRES), GenreBprModel.class);
        double[][] users = {{2, 0.5}, {Math.exp(-0.5) - 1, 1}};
        // concat(q_i, mean of the item's tags) through the ELU: (1, mean(0.5, -1.5)), (0.25, -1.5), (-1, none = 0).
        double[][] items = {{1, Math.exp(-0.5) - 1}, {0.25, Math.exp(-1.5) - 1}, {Math.exp(-1) - 1, 0}};
        for (int user = 0; user < 2; user++) {
            for (int item = 0; item < 3; item++) {
                double expected = users[user][0] * items[item][0] + users[user][1] * items[item][1];
                assertThat((double) model.predict(user, item)).as("user %d, item %d", user, item)
                        .isCloseTo(expected, within(1e-6));
            }
            assertThat((double) model.itemVector(user)[1]).isCloseTo(items[user][1], within(1e-7));
        }
        assertThat(model.itemDimensions()).isEqualTo(1);
        assertThat(model.tagDimensions()).isEqualTo(1);
        assertThat(model.hasItemBias()).isFalse();
        assertThat(model.info()).isEqualTo(info(GenreBprModel.KIND));
        assertThat(model.positiveThreshold()).as("from the options").isEqualTo(PositiveThreshold.DEFAULT);
    }
}
