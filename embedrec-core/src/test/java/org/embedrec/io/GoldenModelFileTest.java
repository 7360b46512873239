package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.EpochRecord;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.family.mf.MatrixFactorizationModel.FoldInL2;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.Provenance;
import org.junit.jupiter.api.Test;

/**
 * The committed format-version-1 file {@code golden/mf-v1.safetensors} must load, with the values
 * written here as literals, for as long as version 1 is supported. If this test fails, a change
 * broke reading existing model files: fix the reader, never regenerate the file.
 */
class GoldenModelFileTest {
    static final String RESOURCE = "/golden/mf-v1.safetensors";
    /**
     * What version-1 files written before provenance had its own field say about it: the
     * fingerprint, and no embedrec version, data source, split or configuration.
     */
    static final Provenance LEGACY_PROVENANCE = new Provenance("golden-fixture", null, null, 0, false, null, null, null);

    /**
     * GENERATOR, run once when format version 1 was introduced; never rerun it for an existing file.
     * A new format version gets a new golden file (and a new test) next to this one. Run from the
     * repository root with the test classpath, e.g. in an IDE, with the output path as argument.
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "embedrec-core/src/test/resources/golden/mf-v1.safetensors");
        ModelFiles.save(goldenModel(), out);
    }

    /** The model in the golden file: dyadic values, so every raw score below is exact. */
    static MatrixFactorizationModel goldenModel() {
        IdIndex users = IdIndex.of(List.of("1", "2", "u-7"));
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Amélie (Le Fabuleux Destin d'Amélie Poulain) (2001)", 2001, List.of("Comedy", "Romance"));
        catalog.add("20", "Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)", 2000, 
                // Genre-index order, as version-1 files written before item genres kept source order store it.
                List.of("Romance", "Action", "Drama"));
        catalog.add("30", "千と千尋の神隠し", 2001, List.of("Animation", "Fantasy"));
        catalog.add("40", "\"Untitled\", no year", ItemCatalog.UNKNOWN_YEAR, List.of());
        float[] userFactors = {0.5f, -1.25f, 1f, 0.25f, -0.75f, 2f};
        float[] itemFactors = {2f, 0.75f, -1f, 1.5f, 0.125f, -0.5f, 0f, 0f};
        float[] userBias = {0.25f, -0.5f, 0f};
        float[] itemBias = {0.125f, 0.5f, -0.25f, 0f};
        int[] itemTrainCounts = {3, 5, 1, 0};
        ModelInfo info = new ModelInfo(MatrixFactorizationModel.KIND,
                Map.of("dimensions", 2, "learningRate", 0.05, "optimizer", "sgd", "biases", true, "epochs", 2),
                LEGACY_PROVENANCE,
                List.of(new EpochRecord(1, 1.5, Double.NaN, Map.of(), 0.25, 0.05),
                        new EpochRecord(2, 0.75, 0.875, Map.of("rmse", 0.9375), 0.5, 0.025)),
                Map.of("test.rmse", 0.875));
        return new MatrixFactorizationModel(new TrainingFacts(users, catalog.build(), itemTrainCounts, info), 2,
                userFactors, itemFactors, userBias, itemBias, 0.25f, new OutputRange(0.5f, 5.5f), FoldInL2.DEFAULT);
    }

    private static Path golden() throws URISyntaxException {
        return Path.of(GoldenModelFileTest.class.getResource(RESOURCE).toURI());
    }

    @Test
    void version1FileLoadsWithKnownPredictions() throws Exception {
        MatrixFactorizationModel model = ModelFiles.load(golden(), MatrixFactorizationModel.class);

        // z(u, i) = 0.25 + b_u + b_i + p_u . q_i, worked out by hand from the generator's arrays.
        float[][] rawScores = {
            {0.6875f, -1.375f, 0.9375f, 0.5f},
            {2.0625f, -0.375f, -0.5f, -0.25f},
            {0.375f, 4.5f, -1.09375f, 0.25f},
        };
        OutputRange range = new OutputRange(0.5f, 5.5f);
        for (int user = 0; user < 3; user++) {
            for (int item = 0; item < 4; item++) {
                assertThat(model.predict(user, item)).as("user %d, item %d", user, item)
                        .isEqualTo(MatrixFactorizationModel.output(rawScores[user][item], range));
            }
        }
        assertThat(model.range()).isEqualTo(range);
        assertThat(model.globalBias()).isEqualTo(0.25f);
        assertThat(model.userVector(2)).containsExactly(-0.75f, 2f);
        assertThat(model.itemBiases()).containsExactly(0.125f, 0.5f, -0.25f, 0f);
        assertThat(model.isKnownItem(3)).isFalse();
        assertThat(model.itemTrainCount(1)).isEqualTo(5);
    }

    @Test
    void version1FileKeepsIdsCatalogAndProvenance() throws Exception {
        MatrixFactorizationModel model = ModelFiles.load(golden(), MatrixFactorizationModel.class);

        assertThat(model.users().ids()).containsExactly("1", "2", "u-7");
        assertThat(model.items().ids()).containsExactly("10", "20", "30", "40");
        assertThat(model.catalog().title(0)).isEqualTo("Amélie (Le Fabuleux Destin d'Amélie Poulain) (2001)");
        assertThat(model.catalog().title(1)).isEqualTo("Crouching Tiger, Hidden Dragon (Wo hu cang long) (2000)");
        assertThat(model.catalog().title(2)).isEqualTo("千と千尋の神隠し");
        assertThat(model.catalog().title(3)).isEqualTo("\"Untitled\", no year");
        assertThat(model.catalog().year(0)).isEqualTo(2001);
        assertThat(model.catalog().year(3)).isEqualTo(ItemCatalog.UNKNOWN_YEAR);
        assertThat(model.catalog().genres(1)).containsExactly("Romance", "Action", "Drama");
        assertThat(model.catalog().genres(3)).isEmpty();
        assertThat(model.catalog().genreNames())
                .containsExactly("Comedy", "Romance", "Action", "Drama", "Animation", "Fantasy");
        ModelInfo info = model.info();
        assertThat(info.kind()).isEqualTo("matrix-factorization");
        assertThat(info.hyperparameters()).isEqualTo(Map.of("dimensions", 2, "learningRate", 0.05, "optimizer", "sgd",
                "biases", true, "epochs", 2));
        assertThat(info.provenance()).isEqualTo(LEGACY_PROVENANCE);
        assertThat(model.foldInL2()).as("no l2 in the options: the default").isEqualTo(FoldInL2.DEFAULT);
        assertThat(info.history()).containsExactly(new EpochRecord(1, 1.5, Double.NaN, Map.of(), 0.25, 0.05),
                new EpochRecord(2, 0.75, 0.875, Map.of("rmse", 0.9375), 0.5, 0.025));
        assertThat(info.metrics()).isEqualTo(Map.of("test.rmse", 0.875));
    }

    @Test
    void generatorStillDescribesTheGoldenFile() throws Exception {
        // Not a format check (the literals above are): keeps the generator honest as documentation.
        TestModels.assertSameModel(ModelFiles.load(golden(), MatrixFactorizationModel.class), goldenModel());
    }
}
