package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.Retraining;
import org.embedrec.model.TrainingFacts;
import org.embedrec.server.ApiClient.Reply;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.LogInteractionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapping models under a running server ({@code POST /admin/reload}): the answers follow the new
 * file, a broken file changes nothing, a retrained model's watermark keeps what it has trained in
 * from being folded in again, and requests running during many swaps all succeed on one model or
 * the other.
 *
 * <p>The models are {@link ServerFixtures}' ({@code predict = 3 + p_u·q_i}) with user 10's vector
 * (2, 0), a sci-fi fan, or (0, 2) in the "family" version, whose first recommendation for user 10
 * is then Toy Story (item 3) instead of Aliens (item 2).
 */
class ModelSwapTest {
    private static final float[] SCI_FI_USER_10 = {2, 0, 0, 2, 1, 1};
    private static final float[] FAMILY_USER_10 = {0, 2, 0, 2, 1, 1};

    @TempDir
    Path dir;

    /** The fixture model with these user factors and, when not null, a retraining record. */
    private static MatrixFactorizationModel model(float[] userFactors, Retraining retraining) {
        MatrixFactorizationModel fixture = ServerFixtures.model();
        TrainingFacts facts = fixture.trainingFacts();
        if (retraining != null) {
            facts = facts.withInfo(fixture.info().withProvenance(fixture.info().provenance().withRetraining(retraining)));
        }
        return new MatrixFactorizationModel(facts, 2, userFactors, fixture.itemFactors(), null, null, 3f, null,
                new MatrixFactorizationModel.FoldInL2(0.05, 0.01));
    }

    /** Loads {@code file} as the model "fixture", with the fixture's history. */
    private static ModelRegistry.ModelLoader loader(Path file) {
        return new ModelRegistry.ModelLoader() {
            @Override
            public List<Path> files() {
                return List.of(file);
            }

            @Override
            public List<ServedModel> load() throws IOException {
                MatrixFactorizationModel model = ModelFiles.load(file, MatrixFactorizationModel.class);
                return List.of(ServedModel.of("fixture", model, model.info(), ServerFixtures.history(model)));
            }
        };
    }

    private static RecommendationService service(ModelRegistry.ModelLoader loader, LogInteractionStore store)
            throws IOException {
        return new RecommendationService(loader.load(), null, store, loader);
    }

    @FunctionalInterface
    interface ApiTest {
        void run(ApiClient api) throws Exception;
    }

    private static void serve(RecommendationService service, String key, ApiTest test) {
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0).withApiKey(key)),
                (server, client) -> test.run(new ApiClient(client, key)));
    }

    private static String first(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json().path("items").get(0).path("id").asText();
    }

    private static double score(Reply reply, String id) {
        for (var item : reply.json().path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item.path("score").asDouble();
            }
        }
        throw new AssertionError("item " + id + " is not in " + reply.text());
    }

    @Test
    void reloadServesTheNewFileAndShowsItsVersion() throws IOException {
        Path file = dir.resolve("fixture.safetensors");
        ModelFiles.save(model(SCI_FI_USER_10, null), file);
        serve(service(loader(file), null), "secret", api -> {
            assertThat(first(api.get("/users/10/recommendations"))).isEqualTo("2");
            assertThat(api.get("/models").json().get(0).path("version").asInt()).isEqualTo(1);
            assertThat(api.get("/models").json().get(0).has("trained_at")).isFalse();

            Instant trained = Instant.parse("2026-12-03T06:00:00Z");
            ModelFiles.save(model(FAMILY_USER_10, new Retraining(2, trained, "test store", 1_000, 0)), file);
            assertThat(first(api.get("/users/10/recommendations"))).as("nothing changes before the reload").isEqualTo("2");
            Reply reloaded = api.post("/admin/reload", "");
            assertThat(reloaded.status()).as(reloaded.text()).isEqualTo(200);
            assertThat(reloaded.json().path("generation").asInt()).isEqualTo(2);

            assertThat(first(api.get("/users/10/recommendations"))).isEqualTo("3");
            var shown = api.get("/models").json().get(0);
            assertThat(shown.path("version").asInt()).isEqualTo(2);
            assertThat(shown.path("trained_at").asText()).isEqualTo("2026-12-03T06:00:00Z");
            assertThat(shown.path("watermark").asText()).isEqualTo("1970-01-01T00:00:01Z");
            assertThat(shown.path("data_fingerprint").asText()).isEqualTo("fixture-fingerprint");
            assertThat(shown.path("loaded_at").asText()).isEqualTo(reloaded.json().path("loaded_at").asText());
        });
    }

    @Test
    void reloadNeedsTheApiKey() throws IOException {
        Path file = dir.resolve("fixture.safetensors");
        ModelFiles.save(model(SCI_FI_USER_10, null), file);
        JavalinTest.test(EmbedrecServer.create(service(loader(file), null), ServerOptions.defaults(0).withApiKey("secret")),
                (server, client) -> {
                    assertThat(new ApiClient(client, null).post("/admin/reload", "").status()).isEqualTo(401);
                    assertThat(new ApiClient(client, "wrong").post("/admin/reload", "").status()).isEqualTo(401);
                    assertThat(new ApiClient(client, "secret").post("/admin/reload", "").status()).isEqualTo(200);
                });
    }

    @Test
    void aHalfWrittenFileIsRefusedByNameAndTheOldModelKeepsServing() throws IOException {
        Path file = dir.resolve("fixture.safetensors");
        ModelFiles.save(model(FAMILY_USER_10, null), dir.resolve("next.safetensors"));
        byte[] whole = Files.readAllBytes(dir.resolve("next.safetensors"));
        ModelFiles.save(model(SCI_FI_USER_10, null), file);
        serve(service(loader(file), null), null, api -> {
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
            Reply refused = api.post("/admin/reload", "");
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.json().path("field").asText()).isEqualTo("model");
            assertThat(refused.json().path("error").asText()).contains("fixture.safetensors")
                    .contains("still serving the models loaded at").doesNotContain(dir.toString());
            assertThat(first(api.get("/users/10/recommendations"))).isEqualTo("2");

            Files.write(file, whole);
            assertThat(api.post("/admin/reload", "").status()).isEqualTo(200);
            assertThat(first(api.get("/users/10/recommendations"))).isEqualTo("3");
        });
    }

    @Test
    void interactionsUpToTheWatermarkAreNotFoldedInAgainButLaterOnesAre() throws IOException {
        Path file = dir.resolve("fixture.safetensors");
        ModelFiles.save(model(SCI_FI_USER_10, null), file);
        try (LogInteractionStore store = LogInteractionStore.open(dir.resolve("store"))) {
            // User 10 liked Toy Story at t = 1,000 s: trained into the family version, watermark 2,000 s.
            store.append(new Batch("k1", new byte[] {1}, List.of(new Interaction("10", "3", 5f, null, null, 1_000_000))));
            serve(service(loader(file), store), null, api -> {
                Reply folded = api.get("/users/10/recommendations");
                MatrixFactorizationModel trained = model(SCI_FI_USER_10, null);
                assertThat(score(folded, "2")).as("without a watermark the stored rating is folded in")
                        .isNotCloseTo(trained.predict(0, 1), org.assertj.core.data.Offset.offset(0.01));

                MatrixFactorizationModel retrained = model(FAMILY_USER_10,
                        new Retraining(2, Instant.EPOCH, "test store", 2_000_000, 1));
                ModelFiles.save(retrained, file);
                assertThat(api.post("/admin/reload", "").status()).isEqualTo(200);
                Reply plain = api.get("/users/10/recommendations");
                for (var item : plain.json().path("items")) {
                    int index = retrained.items().index(item.path("id").asText());
                    assertThat(item.path("score").asDouble()).as("item %s: the trained vector's own prediction", index)
                            .isCloseTo(retrained.predict(0, index), org.assertj.core.data.Offset.offset(1e-5));
                }

                store.append(new Batch("k2", new byte[] {2}, List.of(new Interaction("10", "5", 5f, null, null, 3_000_000))));
                Reply later = api.get("/users/10/recommendations");
                assertThat(score(later, "2")).as("an interaction after the watermark is folded in")
                        .isNotCloseTo(retrained.predict(0, 1), org.assertj.core.data.Offset.offset(0.01));
            });
        }
    }

    @Test
    void aWatchedFileIsReloadedWhenReplacedAndABrokenOneLeavesTheModelServing() throws Exception {
        Path file = dir.resolve("fixture.safetensors");
        ModelFiles.save(model(SCI_FI_USER_10, null), file);
        RecommendationService service = service(loader(file), null);
        service.watch(Duration.ofMillis(20));
        try {
            serve(service, null, api -> {
                assertThat(first(api.get("/users/10/recommendations"))).isEqualTo("2");
                ModelFiles.save(model(FAMILY_USER_10, null), file);
                assertThat(awaitFirst(api, "3")).as("the watcher reloads the replaced file").isTrue();

                Files.writeString(file, "not a model file");
                Path marker = dir.resolve("marker.safetensors");
                ModelFiles.save(model(SCI_FI_USER_10, null), marker);
                Thread.sleep(200); // ten watch intervals: the broken file is seen and refused, not served
                assertThat(first(api.get("/users/10/recommendations"))).isEqualTo("3");
                Files.move(marker, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                assertThat(awaitFirst(api, "2")).as("the next change is loaded").isTrue();
            });
        } finally {
            service.close();
        }
    }

    /** Polls user 10's recommendations until the first is {@code item}; false after 30 s. */
    private static boolean awaitFirst(ApiClient api, String item) throws InterruptedException {
        for (int k = 0; k < 1500; k++) {
            if (first(api.get("/users/10/recommendations")).equals(item)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void requestsDuringRepeatedSwapsAllSucceedOnOneModelOrTheOther() throws Exception {
        Path file = dir.resolve("fixture.safetensors");
        Path sciFi = dir.resolve("sci-fi.bin");
        Path family = dir.resolve("family.bin");
        ModelFiles.save(model(SCI_FI_USER_10, null), sciFi);
        ModelFiles.save(model(FAMILY_USER_10, null), family);
        Files.copy(sciFi, file);
        serve(service(loader(file), null), null, api -> {
            AtomicBoolean swapping = new AtomicBoolean(true);
            Set<String> answers = ConcurrentHashMap.newKeySet();
            List<Integer> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<Integer>> counts = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                counts.add(clients.submit(() -> {
                    int sent = 0;
                    while (swapping.get() || sent < 20) {
                        Reply reply = api.get("/users/10/recommendations?n=3");
                        sent++;
                        if (reply.status() != 200) {
                            failures.add(reply.status());
                        } else {
                            answers.add(first(reply));
                        }
                    }
                    return sent;
                }));
            }
            for (int swap = 0; swap < 20; swap++) {
                ModelFiles.save(ModelFiles.load(swap % 2 == 0 ? family : sciFi), file);
                assertThat(api.post("/admin/reload", "").status()).isEqualTo(200);
            }
            swapping.set(false);
            int sent = 0;
            for (Future<Integer> count : counts) {
                sent += count.get();
            }
            clients.shutdown();
            assertThat(failures).as("non-200 answers of %d requests", sent).isEmpty();
            assertThat(answers).as("each request answered by one whole model").isSubsetOf("2", "3");
            assertThat(first(api.get("/users/10/recommendations"))).as("the last swap put the sci-fi version back")
                    .isEqualTo("2");
            assertThat(api.get("/models").json().get(0).path("loaded_at").asText()).isNotBlank();
        });
    }
}
