package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.embedrec.server.ApiClient.Reply;
import org.embedrec.server.live.Batch;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.InteractionStore;
import org.embedrec.server.live.LogInteractionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live-update routes on the hand-made model of {@link ServerFixtures} ({@code predict = 3 + p_u·q_i},
 * fold-in by ridge regression), with a write-ahead log store in a temporary folder.
 */
class LiveUpdatesApiTest {
    @TempDir
    Path dir;

    @FunctionalInterface
    interface ApiTest {
        void run(ApiClient api) throws Exception;
    }

    private void withLiveServer(String key, ApiTest test) throws IOException {
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null, store);
            JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0).withApiKey(key)),
                    (server, client) -> test.run(new ApiClient(client, key)));
        }
    }

    private static String batch(String key, String... interactions) {
        return "{\"idempotency_key\": \"" + key + "\", \"interactions\": [" + String.join(", ", interactions) + "]}";
    }

    private static List<String> ids(Reply reply) {
        List<String> ids = new ArrayList<>();
        reply.json().path("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static double score(Reply reply, String id) {
        for (JsonNode item : reply.json().path("items")) {
            if (item.get("id").asText().equals(id)) {
                return item.get("score").asDouble();
            }
        }
        throw new AssertionError("item " + id + " is not in " + reply.text());
    }

    @Test
    void aNewUserAppearsWithTheirFirstBatchAndIsFoldedIn() throws IOException {
        withLiveServer(null, api -> {
            assertThat(api.get("/users/n1/recommendations").status()).isEqualTo(404);
            Reply stored = api.post("/interactions", batch("b1", "{\"user\": \"n1\", \"item\": \"1\", \"rating\": 5}"));
            assertThat(stored.status()).as(stored.text()).isEqualTo(200);
            assertThat(stored.json().path("stored").asInt()).isEqualTo(1);
            assertThat(stored.json().path("idempotency_key").asText()).isEqualTo("b1");
            // Liking Alien (1, 0) puts the user on the sci-fi axis: Aliens (0.9, 0.1) first, then Heat
            // (0.5, -0.5), Finding Nemo (0.1, 0.9), Toy Story (0, 1); Alien itself is left out as seen.
            Reply recommended = api.get("/users/n1/recommendations");
            assertThat(recommended.status()).as(recommended.text()).isEqualTo(200);
            assertThat(ids(recommended)).containsExactly("2", "5", "4", "3");
            assertThat(recommended.json().path("user").asText()).isEqualTo("n1");
        });
    }

    @Test
    void aKnownUsersNewRatingReplacesTheTrainedOneInTheirNextRecommendations() throws IOException {
        withLiveServer(null, api -> {
            // User 20 is (0, 2) and rated Toy Story 5: its predicted score is 3 + 2 = 5.
            Reply before = api.get("/users/20/recommendations?exclude_seen=false&n=5");
            assertThat(score(before, "3")).isEqualTo(5.0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(api.post("/interactions", batch("b1",
                    "{\"user\": 20, \"item\": 3, \"rating\": 1, \"time\": \"2030-01-01T00:00:00Z\"}")).status()).isEqualTo(200);
            // Refitted on Toy Story 1 and Finding Nemo 4 (ridge: p ≈ (1.44, -0.64)), Toy Story falls below 3.
            Reply after = api.get("/users/20/recommendations?exclude_seen=false&n=5");
            assertThat(score(after, "3")).isLessThan(3.0);
            assertThat(ids(api.get("/users/20/recommendations"))).startsWith("1").doesNotContain("3", "4");
        });
    }

    @Test
    void aRetriedBatchIsStoredOnceAndAnsweredTheSameWay() throws IOException {
        withLiveServer(null, api -> {
            String body = batch("retry-me", "{\"user\": \"n1\", \"item\": \"1\"}", "{\"user\": \"n1\", \"item\": \"2\","
                    + " \"weight\": 3, \"event\": \"purchase\", \"time\": 1700000000}");
            Reply first = api.post("/interactions", body);
            Reply second = api.post("/interactions", body.replace(", ", ",\n  "));
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.json()).isEqualTo(first.json());
            assertThat(first.header("Idempotent-Replayed")).isNull();
            assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
            JsonNode stored = api.get("/users/n1/interactions").json();
            assertThat(stored.path("total").asInt()).isEqualTo(2);
            JsonNode purchase = stored.path("interactions").get(1);
            assertThat(purchase.path("item").asText()).isEqualTo("2");
            assertThat(purchase.path("weight").asDouble()).isEqualTo(3.0);
            assertThat(purchase.path("event").asText()).isEqualTo("purchase");
            assertThat(purchase.path("time").asText()).isEqualTo("2023-11-14T22:13:20Z");
            assertThat(purchase.has("rating")).isFalse();

            Reply reused = api.post("/interactions", batch("retry-me", "{\"user\": \"n1\", \"item\": \"3\"}"));
            assertThat(reused.status()).isEqualTo(409);
            assertThat(reused.json().path("field").asText()).isEqualTo("idempotency_key");
            assertThat(api.get("/users/n1/interactions").json().path("total").asInt()).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}]}|idempotency_key",
        "{\"idempotency_key\": \"\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}]}|idempotency_key",
        "{\"idempotency_key\": \"k\", \"interactions\": []}|interactions",
        "{\"idempotency_key\": \"k\", \"interactions\": {}}|interactions",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}], \"extra\": 1}|extra",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"rating\": 7}]}|interactions[1].rating",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"rating\": \"5\"}]}|interactions[1].rating",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"rating\": 5, \"weight\": 1}]}|interactions[1].weight",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"weight\": 0}]}|interactions[1].weight",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"ratng\": 5}]}|interactions[1].ratng",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \" \", \"item\": \"2\"}]}|interactions[1].user",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\"}]}|interactions[1].item",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"time\": \"yesterday\"}]}|interactions[1].time",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"time\": -5}]}|interactions[1].time",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, {\"user\": \"n1\", \"item\": \"2\", \"event\": 3}]}|interactions[1].event",
        "{\"idempotency_key\": \"k\", \"interactions\": [{\"user\": \"n1\", \"item\": \"1\"}, 17]}|interactions[1]",
        "[1, 2]|body",
    })
    void aBadBatchIsRefusedNamingTheFieldAndNothingOfItIsStored(String body, String field) throws IOException {
        withLiveServer(null, api -> {
            Reply refused = api.post("/interactions", body);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().path("field").asText()).isEqualTo(field);
            assertThat(refused.text()).doesNotContain("Exception");
            assertThat(api.get("/users/n1/interactions").json().path("total").asInt()).isZero();
            // The key of a refused batch was not used up.
            assertThat(api.post("/interactions", batch("k", "{\"user\": \"n1\", \"item\": \"1\"}")).status()).isEqualTo(200);
        });
    }

    @Test
    void aForgottenUserIsGoneFromTheStoreAndTheirProfile() throws IOException {
        withLiveServer(null, api -> {
            api.post("/interactions", batch("b1", "{\"user\": \"n1\", \"item\": \"1\", \"rating\": 5}",
                    "{\"user\": \"n2\", \"item\": \"3\", \"rating\": 5}"));
            api.post("/interactions", batch("b2", "{\"user\": \"n1\", \"item\": \"5\"}"));
            Reply forgotten = api.delete("/users/n1");
            assertThat(forgotten.status()).as(forgotten.text()).isEqualTo(200);
            assertThat(forgotten.json().path("forgotten").asInt()).isEqualTo(2);
            assertThat(api.get("/users/n1/interactions").json().path("total").asInt()).isZero();
            assertThat(api.get("/users/n1/recommendations").status()).isEqualTo(404);
            assertThat(api.get("/users/n2/interactions").json().path("total").asInt()).isEqualTo(1);
            assertThat(api.delete("/users/n1").json().path("forgotten").asInt()).isZero();
        });
    }

    @Test
    void theOverlayIsRebuiltFromTheStoreAfterARestart() throws IOException {
        withLiveServer(null, api -> api.post("/interactions", batch("b1", "{\"user\": \"n1\", \"item\": \"1\", \"rating\": 5}")));
        withLiveServer(null, api -> {
            assertThat(ids(api.get("/users/n1/recommendations"))).containsExactly("2", "5", "4", "3");
            assertThat(api.post("/interactions", batch("b1", "{\"user\": \"n1\", \"item\": \"1\", \"rating\": 5}"))
                    .header("Idempotent-Replayed")).isEqualTo("true");
        });
    }

    @Test
    void theApiKeyGuardsEveryLiveRoute() throws IOException {
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null, store);
            JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0).withApiKey("s3cret")), (server, client) -> {
                ApiClient keyed = new ApiClient(client, "s3cret");
                ApiClient anonymous = new ApiClient(client, null);
                assertThat(keyed.post("/interactions", batch("b1", "{\"user\": \"n1\", \"item\": \"1\"}")).status())
                        .isEqualTo(200);
                assertThat(anonymous.post("/interactions", batch("b2", "{\"user\": \"n1\", \"item\": \"2\"}")).status())
                        .isEqualTo(401);
                assertThat(anonymous.get("/users/n1/interactions").status()).isEqualTo(401);
                assertThat(anonymous.delete("/users/n1").status()).isEqualTo(401);
                assertThat(keyed.get("/users/n1/interactions").json().path("total").asInt()).isEqualTo(1);
            });
        }
    }

    /** A store whose disk is full: every write fails, reads work. */
    private static final class FullDiskStore implements InteractionStore {
        @Override
        public Appended append(Batch batch) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public List<Interaction> interactions(String user) {
            return List.of();
        }

        @Override
        public long forget(String user) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public List<String> users() {
            return List.of();
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public Optional<String> unwritableReason() {
            return Optional.of("the disk is full");
        }

        @Override
        public String describe() {
            return "full disk";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aStoreThatCannotWriteIsA503AndTheServerGoesOn() {
        RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null, new FullDiskStore());
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            Reply refused = api.post("/interactions", batch("b1", "{\"user\": \"n1\", \"item\": \"1\"}"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("field").asText()).isEqualTo("store");
            assertThat(refused.json().path("error").asText()).contains("No space left on device")
                    .contains("same idempotency_key");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(api.delete("/users/n1").status()).isEqualTo(503);
            assertThat(ids(api.get("/users/10/recommendations"))).isNotEmpty();
        });
    }

    @Test
    void withoutAStoreTheLiveRoutesSaySo() {
        JavalinTest.test(EmbedrecServer.create(ServerFixtures.service(null), ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            Reply reply = api.post("/interactions", batch("b1", "{\"user\": \"n1\", \"item\": \"1\"}"));
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().path("field").asText()).isEqualTo("store");
            assertThat(reply.json().path("error").asText()).contains("--store");
            assertThat(api.delete("/users/10").status()).isEqualTo(404);
            assertThat(api.get("/users/10/recommendations").status()).isEqualTo(200);
        });
    }
}
