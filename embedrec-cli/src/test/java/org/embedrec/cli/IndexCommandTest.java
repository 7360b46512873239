package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.StandardCopyOption;
import org.embedrec.ann.ItemIndex;
import org.embedrec.server.EmbedrecServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code embedrec index} and {@code serve --index hnsw} on a model trained on the MovieLens fixture:
 * the index is written beside the model, the server answers from it as the exact server does, and
 * an index left from another model is detected and rebuilt.
 */
class IndexCommandTest {
    @TempDir
    static Path tmp;

    private static Path data;
    private static Path modelFile;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void train() throws IOException {
        data = tmp.resolve("fixture");
        MovieLensFixture.write(data);
        modelFile = tmp.resolve("small.safetensors");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", modelFile.toString(), "--epochs", "2", "--no-progress");
        assertThat(run.status()).as("%s", run).isZero();
    }

    private record Started(EmbedrecServer server, String out) {
    }

    private static Started serve(Path model, String index) throws Exception {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--model", model.toString(), "--port", "0", "--index", index);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmbedrecServer server = command.start(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Started(server, bytes.toString(StandardCharsets.UTF_8));
    }

    private String get(EmbedrecServer server, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theIndexIsSavedBesideTheModelAndTheServerAnswersFromItAsExactly() throws Exception {
        CliRun run = CliRun.of("index", "--model", modelFile.toString());
        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("HNSW index of 40 items").contains("with similar items");
        assertThat(ItemIndex.fileFor(modelFile)).exists();
        String[] paths = {"/users/1/recommendations?n=40", "/users/2/recommendations?n=5&exclude_seen=false",
                "/users/3/recommendations?n=10&min_ratings=2", "/users/4/recommendations?genres=comedy",
                "/items/101/similar?n=5", "/items/102/similar?n=3&min_ratings=20"};
        String[] exact = new String[paths.length];
        Started exactServer = serve(modelFile, "exact");
        try (EmbedrecServer server = exactServer.server()) {
            for (int j = 0; j < paths.length; j++) {
                exact[j] = get(server, paths[j]);
            }
        }
        Started indexed = serve(modelFile, "hnsw");
        try (EmbedrecServer server = indexed.server()) {
            assertThat(indexed.out()).contains("HNSW index " + ItemIndex.fileFor(modelFile)).contains("loaded in");
            for (int j = 0; j < paths.length; j++) {
                assertThat(get(server, paths[j])).as(paths[j]).isEqualTo(exact[j]);
            }
        }
    }

    @Test
    void anIndexOfAnotherModelIsDetectedAndRebuilt() throws Exception {
        Path other = tmp.resolve("other.safetensors");
        Files.copy(modelFile, other, StandardCopyOption.REPLACE_EXISTING);
        assertThat(CliRun.of("index", "--model", other.toString(), "--no-similar").status()).isZero();
        CliRun retrain = CliRun.of("train", "--data", data.toString(), "--out", other.toString(), "--epochs", "3",
                "--no-progress");
        assertThat(retrain.status()).as("%s", retrain).isZero();
        Started started = serve(other, "hnsw");
        try (EmbedrecServer server = started.server()) {
            assertThat(started.out()).contains("stale HNSW index").contains("rebuilding it")
                    .contains("HNSW index of 40 items");
            assertThat(get(server, "/users/1/recommendations?n=3")).contains("\"items\"");
        }
        Started again = serve(other, "hnsw");
        again.server().close();
        assertThat(again.out()).doesNotContain("stale").contains("loaded in");
    }

    @Test
    void anUnknownIndexKindIsRefusedNamingTheFlag() {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--model", modelFile.toString(), "--port", "0", "--index", "annoy");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> command.start(new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("--index must be exact or hnsw, got 'annoy'");
    }
}
