package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.TrainingFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFilesTest {
    @TempDir
    Path dir;

    static Stream<Arguments> seedsAndStructures() {
        List<Arguments> cases = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            for (boolean biases : new boolean[] {false, true}) {
                for (boolean range : new boolean[] {false, true}) {
                    cases.add(Arguments.of(seed, biases, range));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}, biases {1}, range {2}")
    @MethodSource("seedsAndStructures")
    void savedModelLoadsIdentical(long seed, boolean biases, boolean range) throws IOException {
        MatrixFactorizationModel model = TestModels.random(seed, biases, range);
        Path file = dir.resolve("model.safetensors");

        ModelFiles.save(model, file);

        Recommender loaded = ModelFiles.load(file);
        assertThat(loaded).isInstanceOf(MatrixFactorizationModel.class);
        TestModels.assertSameModel((MatrixFactorizationModel) loaded, model);
        TestModels.assertSameModel(ModelFiles.load(file, MatrixFactorizationModel.class), model);
    }

    @ParameterizedTest(name = "seed {0}, biases {1}, range {2}")
    @MethodSource("seedsAndStructures")
    void savingIsDeterministicAndLeavesNoTemporaryFiles(long seed, boolean biases, boolean range) throws IOException {
        MatrixFactorizationModel model = TestModels.random(seed, biases, range);
        Path first = dir.resolve("first.safetensors");
        Path second = dir.resolve("second.safetensors");

        ModelFiles.save(model, first);
        ModelFiles.save(ModelFiles.load(first), second);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(listing()).containsExactly("first.safetensors", "second.safetensors");
    }

    @Test
    void nanAndInfiniteValuesRoundTrip() throws IOException {
        MatrixFactorizationModel base = TestModels.random(3, true, false);
        ModelInfo info = base.info().withMetrics(Map.of("nan", Double.NaN, "up", Double.POSITIVE_INFINITY,
                "down", Double.NEGATIVE_INFINITY, "tiny", Double.MIN_VALUE));
        MatrixFactorizationModel model = base.withInfo(info);
        Path file = dir.resolve("m.safetensors");

        ModelFiles.save(model, file);

        assertThat(ModelFiles.load(file, MatrixFactorizationModel.class).info().metrics())
                .containsEntry("nan", Double.NaN)
                .containsEntry("up", Double.POSITIVE_INFINITY)
                .containsEntry("down", Double.NEGATIVE_INFINITY)
                .containsEntry("tiny", Double.MIN_VALUE);
    }

    @Test
    void typedLoadAcceptsSupertypesAndRejectsOtherTypes() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(TestModels.random(5, true, true), file);

        assertThat(ModelFiles.load(file, EmbeddingModel.class).dimensions()).isPositive();
        assertThatThrownBy(() -> ModelFiles.load(file, OtherRecommender.class))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("holds a matrix-factorization model, not a OtherRecommender");
    }

    /** A model type no codec produces. */
    interface OtherRecommender extends Recommender {
    }

    @Test
    void summaryDescribesTheModelWithoutLoadingIt() throws IOException {
        MatrixFactorizationModel model = TestModels.random(7, true, true);
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(model, file);

        ModelFileSummary summary = ModelFiles.readSummary(file);

        assertThat(summary.file()).isEqualTo(file);
        assertThat(summary.kind()).isEqualTo("matrix-factorization");
        assertThat(summary.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(summary.users()).isEqualTo(model.users().size());
        assertThat(summary.items()).isEqualTo(model.items().size());
        assertThat(summary.info()).isEqualTo(model.info());
        Map<String, Object> expected = new HashMap<>();
        expected.put("dimensions", model.dimensions());
        expected.put("has_biases", true);
        // Floats are written as their shortest decimal, which JSON readers see as that double.
        expected.put("global_bias", Double.valueOf(Float.toString(model.globalBias())));
        expected.put("output_range", List.of(0.5, 5.5));
        expected.put("fold_in_l2", model.foldInL2().factors());
        expected.put("fold_in_bias_l2", model.foldInL2().bias());
        assertThat(summary.parameters()).isEqualTo(expected);
    }

    @Test
    void summaryOfALinearModelHasANullRange() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(TestModels.random(7, false, false), file);

        assertThat(ModelFiles.readSummary(file).parameters())
                .containsEntry("output_range", null)
                .containsEntry("has_biases", false);
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("m.safetensors");
        MatrixFactorizationModel replacement = TestModels.random(2, false, true);
        ModelFiles.save(TestModels.random(1, true, false), file);

        ModelFiles.save(replacement, file);

        TestModels.assertSameModel(ModelFiles.load(file, MatrixFactorizationModel.class), replacement);
        assertThat(listing()).containsExactly("m.safetensors");
    }

    @Test
    void failedSaveLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(TestModels.random(1, true, true), file);
        byte[] before = Files.readAllBytes(file);
        MatrixFactorizationModel base = TestModels.random(2, true, true);
        Map<String, Object> options = new HashMap<>(base.info().hyperparameters());
        options.put("callback", new Object());
        MatrixFactorizationModel unsaveable = base.withInfo(new ModelInfo(base.info().kind(), options,
                base.info().provenance(), base.info().history(), base.info().metrics()));

        assertThatThrownBy(() -> ModelFiles.save(unsaveable, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("options.callback is a java.lang.Object");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).containsExactly("m.safetensors");
    }

    @Test
    void failedRenameDeletesTheTemporaryFile() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken.safetensors"));
        Files.writeString(target.resolve("keep.txt"), "precious");

        assertThatThrownBy(() -> ModelFiles.save(TestModels.random(4, true, false), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("taken.safetensors");

        assertThat(listing()).containsExactly("taken.safetensors");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("precious");
    }

    @Test
    void saveIntoAReadOnlyDirectoryFailsAndKeepsTheOldFile() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Path file = readOnly.resolve("m.safetensors");
        ModelFiles.save(TestModels.random(1, true, true), file);
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "running as root: permissions are not enforced");

            assertThatThrownBy(() -> ModelFiles.save(TestModels.random(2, false, false), file))
                    .isInstanceOf(IOException.class);

            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            try (Stream<Path> files = Files.list(readOnly)) {
                assertThat(files).containsExactly(file);
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void saveRejectsInfoOfAnotherKind() throws IOException {
        MatrixFactorizationModel base = TestModels.random(1, false, false);
        ModelInfo info = base.info();
        MatrixFactorizationModel mislabelled = base.withInfo(new ModelInfo("two-tower", info.hyperparameters(),
                info.provenance(), info.history(), info.metrics()));

        assertThatThrownBy(() -> ModelFiles.save(mislabelled, dir.resolve("m.safetensors")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'two-tower'")
                .hasMessageContaining("'matrix-factorization'");
        assertThat(listing()).isEmpty();
    }

    @Test
    void saveRejectsAModelWithoutCodec() throws IOException {
        IdIndex ids = IdIndex.of(List.of("1"));
        TrainingFacts facts = new TrainingFacts(ids, ItemCatalog.untitled(ids), new int[] {1},
                new ModelInfo("constant", Map.of(), Provenance.of("none"), List.of(), Map.of()));
        Recommender constant = new Recommender() {
            @Override
            public TrainingFacts trainingFacts() {
                return facts;
            }

            @Override
            public float predict(int user, int item) {
                return 1f;
            }

            @Override
            public Recommender withInfo(ModelInfo info) {
                return this;
            }
        };

        assertThatThrownBy(() -> ModelFiles.save(constant, dir.resolve("m.safetensors")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no model file codec")
                .hasMessageContaining("matrix-factorization");
        assertThat(listing()).isEmpty();
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
