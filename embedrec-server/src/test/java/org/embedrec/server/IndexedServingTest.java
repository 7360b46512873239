package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.JavalinTest;
import java.util.List;
import org.embedrec.ann.HnswOptions;
import org.embedrec.ann.ItemIndex;
import org.embedrec.data.UserAttributes;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --index hnsw}: the fixture model served twice, once exactly and once from its HNSW
 * index, answers every recommendation and similar-items request with the same JSON but for the
 * model's name (the six-item catalog is small enough for the graph search to be exact), seen and
 * filtered items included.
 */
class IndexedServingTest {
    private static final List<String> PATHS = List.of(
            "/users/10/recommendations", "/users/20/recommendations?n=2", "/users/30/recommendations?n=5",
            "/users/30/recommendations?exclude_seen=false", "/users/10/recommendations?genres=comedy",
            "/users/20/recommendations?min_ratings=2&exclude_seen=false", "/users/30/recommendations?n=1&explain=true",
            "/users/30/recommendations?genres=crime,animation&explain=true",
            "/items/1/similar?n=2", "/items/3/similar", "/items/5/similar?min_ratings=2", "/items/2/similar?n=1");

    @Test
    void indexedAnswersEqualExactOnes() {
        MatrixFactorizationModel model = ServerFixtures.model();
        ServedModel exact = ServedModel.of("exact", model, ServerFixtures.INFO, ServerFixtures.history(model));
        ServedModel indexed = ServedModel.withIndex("hnsw", ItemIndex.build(model, HnswOptions.DEFAULTS, true),
                ServerFixtures.INFO, ServerFixtures.history(model), UserAttributes.none());
        RecommendationService service = new RecommendationService(List.of(exact, indexed), null);
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            for (String path : PATHS) {
                String separator = path.contains("?") ? "&" : "?";
                ApiClient.Reply fromExact = api.get(path + separator + "model=exact");
                ApiClient.Reply fromIndex = api.get(path + separator + "model=hnsw");
                assertThat(fromIndex.status()).as(path).isEqualTo(200);
                assertThat(withoutModel(fromIndex.json())).as(path).isEqualTo(withoutModel(fromExact.json()));
                assertThat(fromIndex.json().path("model").asText()).isEqualTo("hnsw");
            }
            // The user rated item 1 (Alien): never recommended back, as in the exact list.
            JsonNode items = api.get("/users/10/recommendations?n=5&model=hnsw").json().get("items");
            assertThat(items.size()).isEqualTo(4);
            items.forEach(item -> assertThat(item.path("id").asText()).isNotIn("1", "6"));
        });
    }

    private static JsonNode withoutModel(JsonNode reply) {
        ObjectNode copy = reply.deepCopy();
        copy.remove("model");
        return copy;
    }
}
