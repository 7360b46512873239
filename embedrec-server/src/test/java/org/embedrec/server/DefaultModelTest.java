package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.List;
import java.util.Map;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 4: with several models, requests that name none are answered by the one with the
 * best held-out ranking metric, and {@code GET /models} says why with the figure.
 */
class DefaultModelTest {
    private static ServedModel served(String name, Map<String, Double> metrics) {
        MatrixFactorizationModel model = ServerFixtures.model();
        ModelInfo info = ServerFixtures.INFO.withMetrics(metrics);
        return ServedModel.of(name, model, info, ServerFixtures.history(model));
    }

    @Test
    void theBestHeldOutNdcgIsTheDefaultAndTheModelsSayWhy() {
        RecommendationService service = new RecommendationService(List.of(
                served("rating", Map.of()),
                served("good", Map.of("test.ndcg@10", 0.112, "baseline.mostPopular.ndcg@10", 0.112)),
                served("other-cutoff", Map.of("test.ndcg@20", 0.9)),
                served("best", Map.of("test.ndcg@10", 0.145, "test.ndcg@20", 0.2)),
                served("worse", Map.of("test.ndcg@10", 0.02))), null);
        assertThat(service.model(null).name()).isEqualTo("best");
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            JsonNode models = api.get("/models").json();
            assertThat(models).hasSize(5);
            for (JsonNode model : models) {
                boolean best = model.path("name").asText().equals("best");
                assertThat(model.path("is_default").asBoolean()).as(model.toString()).isEqualTo(best);
                assertThat(model.has("default_reason")).as(model.toString()).isEqualTo(best);
            }
            assertThat(models.get(3).path("default_reason").asText())
                    .isEqualTo("the best held-out NDCG@10 of the 3 models that record it: 0.145");
            assertThat(api.get("/users/10/recommendations").json().path("model").asText()).isEqualTo("best");
        });
    }

    @Test
    void withoutRankingMetricsTheFirstModelIsTheDefault() {
        RecommendationService service = new RecommendationService(List.of(served("first", Map.of("test.rmse", 0.8)),
                served("second", Map.of("test.rmse", 0.7))), null);
        assertThat(service.model(null).name()).isEqualTo("first");
        assertThat(service.models().get(0).defaultReason())
                .isEqualTo("the first model given: no served model records a held-out ranking metric");
    }

    @Test
    void aSingleModelWithTheMetricIsNamedWithItsFigure() {
        RecommendationService service = new RecommendationService(List.of(served("rating", Map.of()),
                served("ranking", Map.of("test.ndcg@10", 0.15))), null);
        assertThat(service.model(null).name()).isEqualTo("ranking");
        assertThat(service.models().get(1).defaultReason())
                .isEqualTo("the only model that records a held-out NDCG@10: 0.150");
    }
}
