package org.embedrec.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.neural.ConcatenationNetwork;
import org.embedrec.family.neural.HybridRatingModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.nn.Mlp;
import org.embedrec.nn.RatingLoss;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectorExportTest {
    @TempDir
    Path dir;

    private static MatrixFactorizationModel model() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        catalog.add("10", "Plain (1999)", 1999, List.of("Comedy"));
        catalog.add("20", "Tab\there <script>", ItemCatalog.UNKNOWN_YEAR, List.of("Drama", "Sci-Fi"));
        catalog.add("30", "Unrated", 2001, List.of());
        catalog.add("40", "Line\nbreak", 2005, List.of("Drama"));
        int dim = 3;
        float[] items = new float[4 * dim];
        for (int c = 0; c < items.length; c++) {
            items[c] = c * 0.5f - 1.25f;
        }
        float[] users = new float[2 * dim];
        for (int c = 0; c < users.length; c++) {
            users[c] = c + 0.125f;
        }
        ModelInfo info = new ModelInfo(MatrixFactorizationModel.KIND, java.util.Map.of(), Provenance.of("none"), List.of(),
                java.util.Map.of());
        return new MatrixFactorizationModel(new TrainingFacts(RatingFixtures.ids("u", 2), catalog.build(),
                new int[] {5, 2, 0, 9}, info), dim, users, items, new float[2], new float[4], 3, null,
                MatrixFactorizationModel.FoldInL2.DEFAULT);
    }

    private static List<String[]> tsv(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> line.split("\t", -1)).toList();
    }

    @Test
    void filesParseBackWithTheRightShapesHeaderAndConfig() throws IOException {
        MatrixFactorizationModel model = model();
        List<ProjectorTensor> tensors = ProjectorExport.tensorsOf(model, new int[] {5, 2, 0, 9}, new int[] {7, 9}, item -> true);
        List<Path> written = ProjectorExport.write(dir, tensors);
        assertThat(written).contains(dir.resolve("tensors.tsv"), dir.resolve("metadata.tsv"),
                dir.resolve("users-tensors.tsv"), dir.resolve("users-metadata.tsv"), dir.resolve("projector_config.pbtxt"));

        // Item 30 has no training ratings, so it is not known and not exported.
        List<String[]> vectors = tsv(dir.resolve("tensors.tsv"));
        assertThat(vectors).hasSize(3).allMatch(row -> row.length == 3);
        int[] exported = {0, 1, 3};
        for (int row = 0; row < 3; row++) {
            for (int k = 0; k < 3; k++) {
                assertThat(Float.parseFloat(vectors.get(row)[k])).isEqualTo(model.itemVector(exported[row])[k]);
            }
        }
        List<String[]> metadata = tsv(dir.resolve("metadata.tsv"));
        assertThat(metadata.get(0)).containsExactly("title", "genres", "year", "popularity");
        assertThat(metadata).hasSize(4).allMatch(row -> row.length == 4);
        assertThat(metadata.get(1)).containsExactly("Plain (1999)", "Comedy", "1999", "5");
        assertThat(metadata.get(2)).containsExactly("Tab here <script>", "Drama|Sci-Fi", "", "2");
        assertThat(metadata.get(3)).containsExactly("Line break", "Drama", "2005", "9");

        assertThat(tsv(dir.resolve("users-tensors.tsv"))).hasSize(2).allMatch(row -> row.length == 3);
        List<String[]> users = tsv(dir.resolve("users-metadata.tsv"));
        assertThat(users.get(0)).containsExactly("user", "ratings");
        assertThat(users.get(2)).containsExactly("u1", "9");

        String config = Files.readString(dir.resolve("projector_config.pbtxt"));
        Matcher block = Pattern.compile("embeddings \\{\\n  tensor_name: \"(\\w+)\"\\n  tensor_shape: (\\d+)\\n"
                + "  tensor_shape: (\\d+)\\n  tensor_path: \"([\\w.-]+)\"\\n  metadata_path: \"([\\w.-]+)\"\\n}\\n").matcher(config);
        assertThat(block.lookingAt()).as(config).isTrue();
        assertThat(List.of(block.group(1), block.group(2), block.group(3), block.group(4), block.group(5)))
                .containsExactly("items", "3", "3", "tensors.tsv", "metadata.tsv");
        assertThat(block.find(block.end())).isTrue();
        assertThat(List.of(block.group(1), block.group(2), block.group(3), block.group(4), block.group(5)))
                .containsExactly("users", "2", "3", "users-tensors.tsv", "users-metadata.tsv");
        assertThat(block.end()).isEqualTo(config.length());

        String json = Files.readString(dir.resolve("projector_config.json"));
        assertThat(json).contains("{\"tensorName\": \"items\", \"tensorShape\": [3, 3], \"tensorPath\": \"tensors.tsv\","
                + " \"metadataPath\": \"metadata.tsv\"}");
    }

    @Test
    void neuralModelsExportTheirUserEmbeddings() {
        // A hybrid model: its item vectors (first-layer parts, width 3) and user embeddings (width 2) differ in width.
        int users = 3;
        int items = 4;
        float[] userEmbeddings = {0.5f, -1, 0.25f, 2, -0.75f, 1.5f};
        Mlp mlp = new Mlp(2 + 2 + 1, 3, 1);
        float[] parameters = new float[mlp.parameterCount()];
        mlp.initialize(parameters, new java.util.SplittableRandom(3));
        ConcatenationNetwork network = new ConcatenationNetwork(users, items, 2, 2, 1, userEmbeddings.clone(),
                new float[items * 2], new float[items], mlp, parameters);
        ModelInfo info = new ModelInfo(HybridRatingModel.KIND, java.util.Map.of(), Provenance.of("none"), List.of(),
                java.util.Map.of());
        HybridRatingModel model = new HybridRatingModel(new TrainingFacts(RatingFixtures.ids("u", users),
                ItemCatalog.untitled(RatingFixtures.ids("i", items)), new int[] {1, 1, 1, 1}, info), network, null,
                RatingLoss.MSE, List.of("popularity"));

        List<ProjectorTensor> tensors = ProjectorExport.tensorsOf(model, new int[] {1, 1, 1, 1}, new int[] {4, 5, 6},
                item -> true);

        assertThat(tensors).extracting(ProjectorTensor::name).containsExactly("items", "users");
        EmbeddingTable table = tensors.get(1).table();
        assertThat(table.rows()).isEqualTo(users);
        assertThat(table.dimensions()).isEqualTo(2);
        for (int u = 0; u < users; u++) {
            assertThat(new float[] {table.get(u, 0), table.get(u, 1)})
                    .containsExactly(userEmbeddings[2 * u], userEmbeddings[2 * u + 1]);
        }
        assertThat(tensors.get(1).metadata().get(2)).containsExactly("u2", "6");
        assertThat(tensors.get(0).table().dimensions()).isEqualTo(3);
    }
}
