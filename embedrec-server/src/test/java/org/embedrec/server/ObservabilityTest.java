package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.embedrec.server.ApiClient.Reply;
import org.embedrec.server.PrometheusText.Sample;
import org.embedrec.server.live.LogInteractionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} (parsed as Prometheus text and checked against the requests the test made)
 * and the liveness and readiness probes, on the fixture model of {@link ServerFixtures}.
 */
class ObservabilityTest {
    private static final String REQUESTS = "http_server_requests_seconds_count";
    private static final String RECOMMENDATIONS = "/users/{id}/recommendations";

    @TempDir
    Path dir;

    private static PrometheusText metrics(ApiClient api) {
        Reply reply = api.get("/metrics");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        return PrometheusText.parse(reply.text());
    }

    private static String batch(String key, int first, int count) {
        StringBuilder body = new StringBuilder("{\"idempotency_key\": \"" + key + "\", \"interactions\": [");
        for (int k = first; k < first + count; k++) {
            body.append(k == first ? "" : ", ").append("{\"user\": \"n").append(k).append("\", \"item\": \"1\"}");
        }
        return body.append("]}").toString();
    }

    @Test
    void requestsAreCountedPerRouteTemplateMethodAndStatusClass() {
        JavalinTest.test(EmbedrecServer.create(ServerFixtures.service(null), ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            for (String user : List.of("10", "20", "30", "10", "20")) {
                assertThat(api.get("/users/" + user + "/recommendations").status()).isEqualTo(200);
            }
            assertThat(api.get("/users/no-such-user/recommendations").status()).isEqualTo(404);
            assertThat(api.get("/users/10/recommendations?n=abc").status()).isEqualTo(400);
            assertThat(api.get("/items/1/similar").status()).isEqualTo(200);
            assertThat(api.post("/recommendations", "{\"ratings\": [{\"item\": \"1\", \"rating\": 5}]}").status())
                    .isEqualTo(200);
            assertThat(api.get("/no/such/route").status()).isEqualTo(404);
            assertThat(api.get("/no/such/route/either").status()).isEqualTo(404);

            PrometheusText text = metrics(api);
            assertThat(text.value(REQUESTS, "method", "GET", "route", RECOMMENDATIONS, "status", "2xx")).isEqualTo(5);
            assertThat(text.value(REQUESTS, "method", "GET", "route", RECOMMENDATIONS, "status", "4xx")).isEqualTo(2);
            assertThat(text.value(REQUESTS, "method", "GET", "route", "/items/{id}/similar", "status", "2xx")).isEqualTo(1);
            assertThat(text.value(REQUESTS, "method", "POST", "route", "/recommendations", "status", "2xx")).isEqualTo(1);
            assertThat(text.value(REQUESTS, "method", "GET", "route", "unmatched", "status", "4xx")).isEqualTo(2);
            // Raw paths never become series: one series per template, whatever the ids.
            assertThat(text.all(REQUESTS)).extracting(sample -> sample.labels().get("route"))
                    .allMatch(route -> route.equals("unmatched") || EmbedrecServer.ROUTES.contains("GET " + route)
                            || EmbedrecServer.ROUTES.contains("POST " + route), "a route template");
            // The histogram agrees with the count, and the latencies add up to something.
            assertThat(text.value("http_server_requests_seconds_bucket", "route", RECOMMENDATIONS, "status", "2xx",
                    "le", "+Inf")).isEqualTo(5);
            assertThat(text.value("http_server_requests_seconds_sum", "route", RECOMMENDATIONS, "status", "2xx"))
                    .isPositive();

            // The scrape counted above is itself counted by the next one.
            assertThat(metrics(api).value(REQUESTS, "method", "GET", "route", "/metrics", "status", "2xx")).isEqualTo(1);
        });
    }

    @Test
    void ingestCountersCountStoredInteractionsBatchesReplaysConflictsAndFailures() throws IOException {
        LogInteractionStore store = LogInteractionStore.open(dir);
        RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null, store);
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            assertThat(api.post("/interactions", batch("b1", 0, 3)).status()).isEqualTo(200);
            assertThat(api.post("/interactions", batch("b2", 10, 4)).status()).isEqualTo(200);
            assertThat(api.post("/interactions", batch("b1", 0, 3)).header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(api.post("/interactions", batch("b1", 0, 2)).status()).isEqualTo(409);
            assertThat(api.post("/interactions", "{\"idempotency_key\": \"b3\", \"interactions\": [{}]}").status())
                    .isEqualTo(400);

            PrometheusText text = metrics(api);
            assertThat(text.value("embedrec_ingest_interactions_total")).isEqualTo(7);
            assertThat(text.value("embedrec_ingest_batches_total", "result", "stored")).isEqualTo(2);
            assertThat(text.value("embedrec_ingest_batches_total", "result", "replayed")).isEqualTo(1);
            assertThat(text.value("embedrec_ingest_batches_total", "result", "conflict")).isEqualTo(1);
            assertThat(text.value("embedrec_ingest_batches_total", "result", "failed")).isEqualTo(0);
            assertThat(text.value("embedrec_store_interactions")).isEqualTo(7);
            assertThat(text.value("embedrec_store_writable")).isEqualTo(1);
            assertThat(text.value(REQUESTS, "method", "POST", "route", "/interactions", "status", "4xx")).isEqualTo(2);

            store.close(); // the store can no longer write: the next batch fails
            assertThat(api.post("/interactions", batch("b4", 20, 5)).status()).isEqualTo(503);
            text = metrics(api);
            assertThat(text.value("embedrec_ingest_batches_total", "result", "failed")).isEqualTo(1);
            assertThat(text.value("embedrec_ingest_interactions_total")).isEqualTo(7);
            assertThat(text.value("embedrec_store_writable")).isEqualTo(0);
        });
    }

    @Test
    void modelsAndTheJvmAreReported() {
        ServedModel served = ServerFixtures.served();
        RecommendationService service = new RecommendationService(List.of(served), null);
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            PrometheusText text = metrics(new ApiClient(client, null));
            List<Sample> info = text.all("embedrec_model_info");
            assertThat(info).hasSize(1);
            assertThat(info.get(0).labels()).containsEntry("model", "fixture").containsEntry("kind", served.info().kind())
                    .containsEntry("data_fingerprint", "fixture-fingerprint").containsEntry("default", "true");
            assertThat(info.get(0).value()).isEqualTo(1);
            assertThat(text.value("embedrec_model_loaded_timestamp_seconds", "model", "fixture"))
                    .isEqualTo(served.loadedAt().toEpochMilli() / 1000.0);
            assertThat(text.value("embedrec_model_age_seconds", "model", "fixture")).isNotNegative();
            // Without a store there is no store gauge.
            assertThat(text.all("embedrec_store_interactions")).isEmpty();
            assertThat(text.all("jvm_memory_used_bytes")).extracting(sample -> sample.labels().get("area"))
                    .contains("heap", "nonheap");
            assertThat(text.value("jvm_threads_live_threads")).isPositive();
            assertThat(text.all("jvm_gc_memory_allocated_bytes_total")).hasSize(1);
            assertThat(text.value("process_uptime_seconds")).isPositive();
        });
    }

    @Test
    void withAnApiKeyMetricsNeedItAndTheProbesDoNot() {
        JavalinTest.test(EmbedrecServer.create(ServerFixtures.service(null), ServerOptions.defaults(0).withApiKey("s3cret")),
                (server, client) -> {
                    ApiClient anonymous = new ApiClient(client, null);
                    assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
                    assertThat(metrics(new ApiClient(client, "s3cret")).value(REQUESTS, "route", "/metrics", "status", "4xx"))
                            .isEqualTo(1);
                    assertThat(anonymous.get("/health").status()).isEqualTo(200);
                    assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
                    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
                });
    }

    @Test
    void withoutAStoreTheServerIsReadyAndAlive() {
        JavalinTest.test(EmbedrecServer.create(ServerFixtures.service(null), ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            Reply ready = api.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("status").asText()).isEqualTo("ready");
            assertThat(ready.json().path("store").asText()).isEqualTo("none");
            assertThat(ready.json().path("models").asInt()).isEqualTo(1);
            assertThat(ready.json().has("reason")).isFalse();
            Reply live = api.get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().path("status").asText()).isEqualTo("ok");
        });
    }

    @Test
    void aClosedStoreMakesTheServerNotReadyButStillAlive() throws IOException {
        LogInteractionStore store = LogInteractionStore.open(dir);
        RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null, store);
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            Reply ready = api.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("store").asText()).isEqualTo("writable");

            store.close();
            Reply notReady = api.get("/health/ready");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.header("Content-Type")).startsWith("application/json");
            assertThat(notReady.json().path("status").asText()).isEqualTo("not ready");
            assertThat(notReady.json().path("store").asText()).isEqualTo("unwritable");
            assertThat(notReady.json().path("reason").asText()).isEqualTo("the interaction store is closed");
            assertThat(api.get("/health/live").status()).isEqualTo(200);
            assertThat(api.get("/health").status()).isEqualTo(200);
        });
    }

    @Test
    void aLogDeletedUnderTheServerMakesItNotReady() throws IOException {
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null, store);
            JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
                ApiClient api = new ApiClient(client, null);
                assertThat(api.post("/interactions", batch("b1", 0, 2)).status()).isEqualTo(200);
                assertThat(api.get("/health/ready").status()).isEqualTo(200);

                Files.delete(dir.resolve(LogInteractionStore.FILE));
                Reply notReady = api.get("/health/ready");
                assertThat(notReady.status()).isEqualTo(503);
                assertThat(notReady.json().path("reason").asText()).contains("interaction log file is missing")
                        .doesNotContain(dir.toString());
                assertThat(api.get("/health/live").status()).isEqualTo(200);
            });
        }
    }
}
