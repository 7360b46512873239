package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.embedrec.io.ModelFiles;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train --model/--config/--set}: choosing a model and its options, and config files. */
class ModelChoiceTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = dir.resolve("ml");
        Files.createDirectories(data);
        MovieLensFixture.write(data);
    }

    @Test
    void configFileFlagsAndSetPairsLayerInThatOrder() throws IOException {
        Path config = dir.resolve("dot.yaml");
        Files.writeString(config, "model: dot\noptions:\n  dimensions: 6\n  epochs: 4\n  l2: 0.5\n");
        Path out = dir.resolve("dot.safetensors");

        CliRun run = CliRun.of("train", "--data", data.toString(), "--config", config.toString(), "--epochs", "2",
                "--set", "l2=0.25", "--out", out.toString(), "--no-progress");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("training dot (matrix-factorization)", "epoch  2/2").doesNotContain("epoch  3/");
        MatrixFactorizationModel model = ModelFiles.load(out, MatrixFactorizationModel.class);
        assertThat(model.dimensions()).isEqualTo(6);
        assertThat(model.info().hyperparameters()).contains(entry("biases", false), entry("sigmoid", false),
                entry("epochs", 2), entry("l2", 0.25)).doesNotContainKey("cli.model");
        assertThat(model.info().provenance().configuration()).isEqualTo("dot");
        assertThat(model.foldInL2().factors()).as("the trained l2 is the fold-in λ").isEqualTo(0.25);
        assertThat(run.rmse("dot")).isPositive();
    }

    @Test
    void writtenConfigsReadBackInJsonAndYaml() throws IOException {
        ModelConfig config = new ModelConfig("mf", Map.of("dimensions", 12, "learningRate", "3@0.01,2@0.001", "biases", false));
        for (String name : new String[] {"best.json", "best.yaml"}) {
            Path file = dir.resolve(name);
            config.write(file);
            ModelConfig read = ModelConfig.read(file);
            assertThat(read).isEqualTo(config);
            assertThat(read.trainer().optionsMap()).isEqualTo(config.trainer().optionsMap());
        }
    }

    @Test
    void badConfigFilesAreNamedWithTheLineOrKey() throws IOException {
        Path syntax = dir.resolve("syntax.json");
        Files.writeString(syntax, "{\"model\": \"mf\",\n \"options\": {\"epochs\": }\n}");
        assertThatThrownBy(() -> ModelConfig.read(syntax)).hasMessageContaining(syntax + ":2");

        Path unknownKey = dir.resolve("key.yaml");
        Files.writeString(unknownKey, "model: mf\nopts:\n  epochs: 3\n");
        assertThatThrownBy(() -> ModelConfig.read(unknownKey)).hasMessageContainingAll(unknownKey.toString(), "'opts'");

        Path unknownOption = dir.resolve("option.yaml");
        Files.writeString(unknownOption, "model: mf\noptions:\n  epoch: 3\n");
        assertThatThrownBy(() -> ModelConfig.read(unknownOption))
                .hasMessageContainingAll(unknownOption.toString(), "unknown matrix-factorization option 'epoch'");

        Path unknownModel = dir.resolve("model.yaml");
        Files.writeString(unknownModel, "model: svd\n");
        assertThatThrownBy(() -> ModelConfig.read(unknownModel)).hasMessageContainingAll("unknown model 'svd'", "mf");
    }

    @Test
    void contradictionsAndUnknownOptionsFailBeforeLoadingData() {
        CliRun unknown = CliRun.of("train", "--data", "/nonexistent", "--set", "hidden=10");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown matrix-factorization option 'hidden'");

        CliRun model = CliRun.of("train", "--data", "/nonexistent", "--config", "svd");
        assertThat(model.status()).isEqualTo(1);
        assertThat(model.err()).contains("unknown model 'svd'");
    }

    /** {@code --model} is a model file everywhere else, so choosing what to train with it is a usage error naming {@code --config}. */
    @ParameterizedTest
    @ValueSource(strings = {"train", "bench", "tune"})
    void modelFlagIsRefusedWhereAConfigurationIsMeant(String command) {
        CliRun run = CliRun.of(command, "--data", "/nonexistent", "--model", "bpr");

        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("--model names a trained model file", "--config bpr");
    }
}
