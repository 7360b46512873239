package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedrec.data.Ratings;
import org.embedrec.eval.Baselines;
import org.embedrec.model.BiasModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.junit.jupiter.api.Test;

/**
 * Two models side by side, one of them a plain {@code Recommender} (damped biases: no item vectors,
 * no fold-in): routes that need a capability the model lacks answer 400 naming {@code model};
 * everything else works, and {@code ?model=} picks the model.
 */
class CapabilitiesTest {
    @Test
    void routesNeedingVectorsOrFoldInRefuseAPlainRecommender() {
        MatrixFactorizationModel factors = ServerFixtures.model();
        Ratings history = ServerFixtures.history(factors);
        BiasModel biases = Baselines.biases(history, factors.catalog());
        ModelInfo biasInfo = new ModelInfo("biases", Map.of(), Provenance.of(history.fingerprint()), List.of(), Map.of());
        RecommendationService service = new RecommendationService(List.of(ServerFixtures.served(),
                ServedModel.of("biases", biases, biasInfo, history)), null);
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            JsonNode models = api.get("/models").json();
            assertThat(models.get(1).path("name").asText()).isEqualTo("biases");
            assertThat(models.get(1).path("embeddings").asBoolean()).isFalse();
            assertThat(models.get(1).path("fold_in").asBoolean()).isFalse();
            assertThat(models.get(1).path("is_default").asBoolean()).isFalse();

            JsonNode items = api.get("/users/10/recommendations?model=biases&explain=true").json().get("items");
            List<String> ids = new ArrayList<>();
            items.forEach(item -> ids.add(item.get("id").asText()));
            assertThat(ids).doesNotContain("1", "6").hasSize(4);
            // Damped biases rank by item bias alone for one user; the scores are its predictions.
            for (int k = 0; k < items.size(); k++) {
                int item = factors.items().index(ids.get(k));
                assertThat(items.get(k).get("score").floatValue()).isEqualTo(biases.predict(0, item));
                assertThat(items.get(k).has("because")).as("no vectors, no explanation").isFalse();
            }

            ApiClient.Reply similar = api.get("/items/1/similar?model=biases");
            assertThat(similar.status()).isEqualTo(400);
            assertThat(similar.json().path("field").asText()).isEqualTo("model");
            assertThat(similar.json().path("error").asText()).contains("cannot compare items");
            ApiClient.Reply foldIn = api.post("/recommendations?model=biases", "{\"liked\": [\"1\"]}");
            assertThat(foldIn.status()).isEqualTo(400);
            assertThat(foldIn.json().path("error").asText()).contains("cannot fold in new users");
            assertThat(api.get("/items/1/similar").status()).as("the default model has vectors").isEqualTo(200);
            ApiClient.Reply map = api.get("/map?model=biases");
            assertThat(map.status()).isEqualTo(400);
            assertThat(map.json().path("error").asText()).contains("has no item vectors to map");
        });
    }
}
