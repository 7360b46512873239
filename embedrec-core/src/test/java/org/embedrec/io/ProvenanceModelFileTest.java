package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.family.neural.DeepRatingModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.family.mf.MatrixFactorizationModel.FoldInL2;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Retraining;
import org.embedrec.model.TrainingFacts;
import org.embedrec.nn.RatingLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance and the fold-in settings (λ, positive threshold, loss) have their own fields in a model
 * file, and files written before they had them (everything in {@code info.options}, the command
 * line's entries under {@code cli.*}) still load with the same meaning.
 */
class ProvenanceModelFileTest {
    private static final Provenance FULL = Provenance.of("ratings:1234").withDataSource("/data/ml-latest-small")
            .withSplit("user:0.2", 7, true).withConfiguration("best.yaml");

    @TempDir
    Path dir;

    @Test
    void provenanceAndFoldInSettingsHaveTheirOwnFieldsAndRoundTrip() throws IOException {
        MatrixFactorizationModel golden = GoldenModelFileTest.goldenModel();
        MatrixFactorizationModel mf = new MatrixFactorizationModel(golden.trainingFacts().withInfo(
                golden.info().withProvenance(FULL)), 2, golden.userFactors(), golden.itemFactors(), golden.userBiases(),
                golden.itemBiases(), golden.globalBias(), golden.range(), new FoldInL2(0.25, 0.0625));
        Path file = dir.resolve("mf.safetensors");
        ModelFiles.save(mf, file);

        ObjectNode document = RawModelFile.read(file).embedrec();
        ObjectNode info = (ObjectNode) document.get("info");
        assertThat(info.get("options").has("cli.split")).isFalse();
        assertThat(info.get("data_fingerprint").textValue()).as("where version-1 readers look").isEqualTo("ratings:1234");
        assertThat(info.get("provenance").get("data_source").textValue()).isEqualTo("/data/ml-latest-small");
        assertThat(info.get("provenance").get("split").textValue()).isEqualTo("user:0.2");
        assertThat(info.get("provenance").get("split_seed").longValue()).isEqualTo(7);
        assertThat(info.get("provenance").get("early_stopping").booleanValue()).isTrue();
        assertThat(info.get("provenance").get("configuration").textValue()).isEqualTo("best.yaml");
        assertThat(info.get("provenance").get("embedrec_version").textValue()).isEqualTo(Provenance.CURRENT_VERSION);
        assertThat(document.get("model").get("fold_in_l2").doubleValue()).isEqualTo(0.25);
        assertThat(document.get("model").get("fold_in_bias_l2").doubleValue()).isEqualTo(0.0625);

        MatrixFactorizationModel loaded = ModelFiles.load(file, MatrixFactorizationModel.class);
        TestModels.assertSameModel(loaded, mf);
        assertThat(loaded.info().provenance()).isEqualTo(FULL);
    }

    @Test
    void aRetrainingRecordRoundTripsAndABrokenOneIsRefusedByName() throws IOException {
        MatrixFactorizationModel golden = GoldenModelFileTest.goldenModel();
        Retraining retraining = new Retraining(3, Instant.parse("2026-12-03T05:00:00Z"), "write-ahead log /s/interactions.log",
                1_764_738_000_123L, 42);
        MatrixFactorizationModel retrained = golden.withInfo(golden.info().withProvenance(FULL.withRetraining(retraining)));
        Path file = dir.resolve("retrained.safetensors");
        ModelFiles.save(retrained, file);

        ObjectNode record = (ObjectNode) RawModelFile.read(file).embedrec().get("info").get("provenance").get("retraining");
        assertThat(record.get("version").intValue()).isEqualTo(3);
        assertThat(record.get("trained_at").textValue()).isEqualTo("2026-12-03T05:00:00Z");
        assertThat(record.get("watermark_ms").longValue()).isEqualTo(1_764_738_000_123L);
        MatrixFactorizationModel loaded = ModelFiles.load(file, MatrixFactorizationModel.class);
        assertThat(loaded.info().provenance().retraining()).isEqualTo(retraining);
        assertThat(loaded.info().provenance().version()).isEqualTo(3);
        assertThat(ModelFiles.load(file("plain.safetensors", golden)).info().provenance().version()).isEqualTo(1);

        Path broken = dir.resolve("broken.safetensors");
        RawModelFile.read(file).editEmbedrec(document -> ((ObjectNode) document.get("info").get("provenance")
                .get("retraining")).put("watermark_ms", "yesterday")).write(broken);
        assertThatThrownBy(() -> ModelFiles.load(broken)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("info.provenance.retraining").hasMessageContaining("watermark_ms");
    }

    private Path file(String name, MatrixFactorizationModel model) throws IOException {
        Path file = dir.resolve(name);
        ModelFiles.save(model, file);
        return file;
    }

    @Test
    void theTrainingVersionIsRecorded() {
        assertThat(Provenance.CURRENT_VERSION).as("filtered into embedrec.properties by Maven").isNotBlank()
                .doesNotContain("${");
        assertThat(Provenance.of("x").embedrecVersion()).isEqualTo(Provenance.CURRENT_VERSION);
    }

    @Test
    void rankingAndNeuralModelsStoreTheirThresholdAndLoss() throws IOException {
        BprModel base = GoldenRankingModelFilesTest.bprModel();
        BprModel bpr = new BprModel(base.trainingFacts(), 2, base.userFactors(), base.itemFactors(), base.itemBiases(),
                PositiveThreshold.ALL);
        Path bprFile = dir.resolve("bpr.safetensors");
        ModelFiles.save(bpr, bprFile);
        assertThat(RawModelFile.read(bprFile).embedrec().get("model").get("positive_threshold").textValue())
                .isEqualTo("all");
        assertThat(ModelFiles.load(bprFile, BprModel.class).positiveThreshold()).isEqualTo(PositiveThreshold.ALL);

        DeepRatingModel golden = GoldenDeepModelFileTest.goldenModel();
        DeepRatingModel deep = new DeepRatingModel(golden.trainingFacts(), golden.network(), golden.range(), RatingLoss.MAE);
        Path deepFile = dir.resolve("deep.safetensors");
        ModelFiles.save(deep, deepFile);
        assertThat(RawModelFile.read(deepFile).embedrec().get("model").get("loss").textValue()).isEqualTo("MAE");
        assertThat(ModelFiles.load(deepFile, DeepRatingModel.class).loss()).isEqualTo(RatingLoss.MAE);
    }

    /** Rewrites a file into the layout of files written before provenance and fold-in settings had fields. */
    private static void toOldLayout(Path file, Map<String, Object> moreOptions, String... modelParameters)
            throws IOException {
        RawModelFile.read(file).editEmbedrec(document -> {
            ObjectNode info = (ObjectNode) document.get("info");
            info.remove("provenance");
            ObjectNode options = (ObjectNode) info.get("options");
            moreOptions.forEach((key, value) -> options.set(key, ModelMetadata.toNode(value, key)));
            for (String parameter : modelParameters) {
                ((ObjectNode) document.get("model")).remove(parameter);
            }
        }).write(file);
    }

    @Test
    void oldFilesMapTheirCliOptionsIntoProvenanceAndReadFoldInSettingsFromTheOptions() throws IOException {
        MatrixFactorizationModel golden = GoldenModelFileTest.goldenModel();
        Path file = dir.resolve("old-mf.safetensors");
        ModelFiles.save(golden, file);
        toOldLayout(file, Map.of("cli.data", "/data/ml-latest-small", "cli.split", "user:0.2", "cli.splitSeed", 7,
                "cli.earlyStopping", true, "cli.model", "best.yaml", "l2", 0.25, "biasL2", 0.0625),
                "fold_in_l2", "fold_in_bias_l2");

        MatrixFactorizationModel loaded = ModelFiles.load(file, MatrixFactorizationModel.class);

        ModelInfo info = loaded.info();
        assertThat(info.provenance()).isEqualTo(new Provenance("golden-fixture", "/data/ml-latest-small", "user:0.2", 7,
                true, "best.yaml", null, null));
        assertThat(info.hyperparameters()).doesNotContainKeys("cli.data", "cli.split", "cli.splitSeed",
                "cli.earlyStopping", "cli.model").containsEntry("l2", 0.25).containsEntry("dimensions", 2);
        assertThat(loaded.foldInL2()).isEqualTo(new FoldInL2(0.25, 0.0625));
        TrainingFacts facts = loaded.trainingFacts();
        assertThat(facts.itemTrainCounts()).containsExactly(golden.trainingFacts().itemTrainCounts());
    }

    @Test
    void oldFilesWithASplitButNoSeedGetTheCommandLinesDefaultSeed() throws IOException {
        Path file = dir.resolve("old-mf.safetensors");
        ModelFiles.save(GoldenModelFileTest.goldenModel(), file);
        toOldLayout(file, Map.of("cli.split", "random:0.1", "l2", -1.0), "fold_in_l2", "fold_in_bias_l2");

        MatrixFactorizationModel loaded = ModelFiles.load(file, MatrixFactorizationModel.class);

        assertThat(loaded.info().provenance().splitSeed()).isEqualTo(42);
        assertThat(loaded.info().provenance().earlyStopping()).isFalse();
        assertThat(loaded.info().provenance().dataSource()).isNull();
        assertThat(loaded.foldInL2()).as("a negative l2 was ignored, as models then did").isEqualTo(FoldInL2.DEFAULT);
    }

    @Test
    void oldRankingAndNeuralFilesReadThresholdAndLossFromTheOptions() throws IOException {
        Path bprFile = dir.resolve("old-bpr.safetensors");
        ModelFiles.save(GoldenRankingModelFilesTest.bprModel(), bprFile);
        toOldLayout(bprFile, Map.of("positiveThreshold", "all"), "positive_threshold");
        assertThat(ModelFiles.load(bprFile, BprModel.class).positiveThreshold()).isEqualTo(PositiveThreshold.ALL);

        Path deepFile = dir.resolve("old-deep.safetensors");
        ModelFiles.save(GoldenDeepModelFileTest.goldenModel(), deepFile);
        toOldLayout(deepFile, Map.of("loss", "MAE"), "loss");
        assertThat(ModelFiles.load(deepFile, DeepRatingModel.class).loss()).isEqualTo(RatingLoss.MAE);
    }
}
