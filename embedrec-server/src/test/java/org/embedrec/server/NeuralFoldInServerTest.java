package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.family.neural.DeepRatingModel;
import org.embedrec.server.ApiClient.Reply;
import org.embedrec.family.neural.DeepRatingTrainer;
import org.junit.jupiter.api.Test;

/**
 * A small trained {@link DeepRatingModel} served: new users fold in. Two tastes: half the users
 * rate the five sci-fi films 4-5 and the five family films 1-2, the other half the reverse, each
 * user rating seven of the ten films; the eleventh film is never rated.
 */
class NeuralFoldInServerTest {
    private static final List<String> SCI_FI = List.of("1", "2", "3", "4", "5");
    private static final List<String> FAMILY = List.of("6", "7", "8", "9", "10");

    private static ServedModel served() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int k = 1; k <= 11; k++) {
            catalog.add(String.valueOf(k), "Film " + k + " (2000)", 2000, List.of(k <= 5 ? "Sci-Fi" : "Children"));
        }
        ItemCatalog items = catalog.build();
        List<String> userIds = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            userIds.add("u" + u);
        }
        SplittableRandom random = new SplittableRandom(5);
        Ratings.Builder ratings = Ratings.builder();
        for (int u = 0; u < 40; u++) {
            boolean likesSciFi = u % 2 == 0;
            int[] rated = random.ints(0, 10).distinct().limit(7).toArray();
            for (int item : rated) {
                boolean liked = (item < 5) == likesSciFi;
                ratings.add(u, item, liked ? 4 + random.nextInt(2) : 1 + random.nextInt(2), 0);
            }
        }
        Ratings train = ratings.build(IdIndex.of(userIds), items.items());
        DeepRatingTrainer.Options options = DeepRatingTrainer.Options.defaults().withDimensions(4).withHidden(8).withDropout(0, 0).withEpochs(80).withBatchSize(8)
                .withLearningRate(0.01).withSeed(3);
        DeepRatingModel model = new DeepRatingTrainer(options).fit(train, items);
        return ServedModel.of("deep", model, model.info(), train);
    }

    private static void withServer(Consumer<ApiClient> test) {
        ServerOptions options = ServerOptions.defaults(0);
        JavalinTest.test(EmbedrecServer.create(new RecommendationService(List.of(served()), null), options),
                (server, client) -> test.accept(new ApiClient(client, options.apiKey())));
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void theModelListSaysItFoldsIn() {
        withServer(api -> {
            JsonNode model = api.get("/models").json().get(0);
            assertThat(model.path("kind").asText()).isEqualTo("deep");
            assertThat(model.path("fold_in").asBoolean()).isTrue();
            assertThat(model.path("embeddings").asBoolean()).isTrue();
        });
    }

    @Test
    void newUsersGetTheirTasteBack() {
        withServer(api -> {
            Reply sciFi = api.post("/recommendations", "{\"ratings\": [{\"item\": \"1\", \"rating\": 5},"
                    + " {\"item\": \"6\", \"rating\": 1}], \"n\": 3}");
            assertThat(sciFi.status()).as(sciFi.text()).isEqualTo(200);
            JsonNode items = sciFi.json().get("items");
            assertThat(ids(items)).as(sciFi.text()).hasSize(3).allMatch(SCI_FI::contains).doesNotContain("1");
            assertThat(items.get(0).get("score").asDouble()).isGreaterThan(3.5).isLessThanOrEqualTo(5);

            Reply family = api.post("/recommendations", "{\"liked\": [\"7\", \"8\"], \"n\": 3}");
            assertThat(ids(family.json().get("items"))).as(family.text()).hasSize(3).allMatch(FAMILY::contains)
                    .doesNotContain("7", "8");

            Reply unseen = api.post("/recommendations", "{\"ratings\": [{\"item\": \"11\", \"rating\": 4}]}");
            assertThat(unseen.status()).as(unseen.text()).isEqualTo(400);
        });
    }
}
