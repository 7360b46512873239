package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Recommender;
import org.embedrec.model.Retraining;
import org.embedrec.server.EmbedrecServer;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.LogInteractionStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code embedrec retrain} on a model trained from the fixture and a store holding a new user's
 * ratings (at a past time) and one interaction dated after the watermark: what goes into the new
 * version, where it is written, and how a server serves it.
 */
class RetrainCommandTest {
    @TempDir
    static Path tmp;
    private static Path data;
    private static Path trained;
    private static List<MovieLensFixture.Row> fixture;

    @BeforeAll
    static void train() throws IOException {
        data = tmp.resolve("fixture");
        fixture = MovieLensFixture.write(data);
        trained = tmp.resolve("small.safetensors");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", trained.toString(), "--epochs", "2",
                "--no-progress");
        assertThat(run.status()).as("%s", run).isZero();
    }

    /** A store in {@code dir}: user "visitor" rated three fixture movies at t = 1,000 s, and one more a day from now. */
    private static Path store(Path dir) throws IOException {
        long future = Instant.now().plusSeconds(86_400).toEpochMilli();
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            store.append(new Batch("b1", new byte[] {1}, List.of(
                    new Interaction("visitor", fixture.get(0).movie(), 5f, null, null, 1_000_000),
                    new Interaction("visitor", fixture.get(1).movie(), 4f, null, null, 1_000_000),
                    new Interaction("visitor", fixture.get(2).movie(), null, 2f, "view", 1_000_000))));
            store.append(new Batch("b2", new byte[] {2}, List.of(
                    new Interaction("visitor", fixture.get(3).movie(), 1f, null, null, future))));
        }
        return dir;
    }

    @Test
    void writesTheNextVersionWithTheOldOptionsAndTheStoredInteractionsUpToTheWatermark() throws IOException {
        Path served = tmp.resolve("served.safetensors");
        Files.copy(trained, served);
        Path store = store(tmp.resolve("store1"));
        Recommender old = ModelFiles.load(served);

        CliRun run = CliRun.of("retrain", "--model", served.toString(), "--store", store.toString(), "--no-progress");
        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("3 interactions up to the watermark").contains("1 later ones")
                .contains("saved version 2");

        Path versioned = tmp.resolve("served.v2.safetensors");
        assertThat(Files.readAllBytes(served)).as("the served file is replaced by the new version")
                .isEqualTo(Files.readAllBytes(versioned));
        Recommender retrained = ModelFiles.load(served);
        Retraining record = retrained.info().provenance().retraining();
        assertThat(record.version()).isEqualTo(2);
        assertThat(record.interactions()).as("the interaction dated after the watermark is left out").isEqualTo(3);
        assertThat(record.watermarkMillis()).isLessThanOrEqualTo(Instant.now().toEpochMilli() - 5_000)
                .isGreaterThan(Instant.now().toEpochMilli() - 600_000);
        assertThat(record.store()).contains(store.toAbsolutePath().toString());
        assertThat(retrained.info().hyperparameters()).isEqualTo(old.info().hyperparameters());
        assertThat(retrained.info().provenance().configuration()).isEqualTo(old.info().provenance().configuration());
        assertThat(retrained.info().provenance().split()).isEqualTo(old.info().provenance().split());
        assertThat(retrained.info().provenance().dataFingerprint()).isNotEqualTo(old.info().provenance().dataFingerprint());
        assertThat(retrained.users().ids()).as("the new user is trained in, after the old ones")
                .startsWith(old.users().ids().toArray(String[]::new)).endsWith("visitor")
                .hasSize(old.users().size() + 1);
        assertThat(retrained.info().metrics()).containsKey("test.rmse");

        CliRun again = CliRun.of("retrain", "--model", served.toString(), "--store", store.toString(), "--no-progress",
                "--until", "1970-01-01T00:00:00Z");
        assertThat(again.status()).as("%s", again).isZero();
        Retraining third = ModelFiles.load(tmp.resolve("served.v3.safetensors")).info().provenance().retraining();
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.interactions()).as("nothing stored is as old as the given watermark").isZero();
        assertThat(ModelFiles.load(served).users().ids()).doesNotContain("visitor");
    }

    @Test
    void aServerGivesTheRetrainedModelItsHistoryWithTheStoredRatingsAndShowsItsVersion() throws Exception {
        Path served = tmp.resolve("history.safetensors");
        Files.copy(trained, served);
        Path store = store(tmp.resolve("store2"));
        assertThat(CliRun.of("retrain", "-m", served.toString(), "--store", store.toString(), "--no-progress").status())
                .isZero();

        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--model", served.toString(), "--port", "0", "--store", store.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EmbedrecServer server = command.start(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("version 2").doesNotContain("warning");
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            JsonNode models = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/models"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(models.get(0).path("version").asInt()).isEqualTo(2);
            assertThat(models.get(0).path("history").asBoolean()).isTrue();
            JsonNode visitor = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base
                    + "/users/visitor?n=10")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(visitor.path("rating_count").asInt()).as("the three trained-in interactions").isEqualTo(3);
        }
    }

    @Test
    void aWatermarkThatIsNotAnInstantIsRefusedByName() {
        CliRun run = CliRun.of("retrain", "--model", trained.toString(), "--store", tmp.resolve("none").toString(),
                "--until", "yesterday");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("--until").contains("'yesterday'");
    }
}
