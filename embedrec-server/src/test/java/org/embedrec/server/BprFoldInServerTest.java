package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.family.bpr.BprTrainer;
import org.junit.jupiter.api.Test;

/**
 * A served BPR model folds in new visitors: trained on two blocks of items (users of block A like
 * items 1-8, users of block B items 9-16, each rating about 70% of their block 5 and a few of the
 * other block 2), a visitor who likes three items of one block gets the rest of that block back.
 */
class BprFoldInServerTest {
    private static final int USERS = 30;
    private static final int ITEMS = 16;
    private static final int BLOCK = 8;

    private static ServedModel servedBpr() {
        SplittableRandom random = new SplittableRandom(5);
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int item = 1; item <= ITEMS; item++) {
            catalog.add(Integer.toString(item), "Movie " + item + " (2000)", 2000,
                    List.of(item <= BLOCK ? "Sci-Fi" : "Children"));
        }
        ItemCatalog items = catalog.build();
        List<String> userIds = new ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            userIds.add(Integer.toString(100 + user));
        }
        Ratings.Builder ratings = Ratings.builder();
        for (int user = 0; user < USERS; user++) {
            int block = user % 2;
            for (int item = 0; item < ITEMS; item++) {
                boolean own = item / BLOCK == block;
                if (random.nextDouble() < (own ? 0.7 : 0.2)) {
                    ratings.add(user, item, own ? 5 : 2, 0);
                }
            }
        }
        Ratings history = ratings.build(IdIndex.of(userIds), items.items());
        BprModel model = new BprTrainer(BprTrainer.Options.defaults().withDimensions(4).withEpochs(40).withBatchSize(16)
                .withLearningRate(0.05).withL2(0.05).withThreads(1).withSeed(3)).fit(history, items);
        return ServedModel.of("bpr", model, model.info(), history);
    }

    @Test
    void aVisitorWhoLikesOneBlockGetsTheRestOfIt() {
        RecommendationService service = new RecommendationService(List.of(servedBpr()), null);
        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            JsonNode model = api.get("/models").json().get(0);
            assertThat(model.path("kind").asText()).isEqualTo("bpr");
            assertThat(model.path("fold_in").asBoolean()).isTrue();
            // BPR scores order items; the API must not let a client show them as ratings.
            assertThat(model.path("score_kind").asText()).isEqualTo("ranking");

            for (String[] liked : new String[][] {{"1", "2", "3"}, {"10", "12", "15"}}) {
                boolean firstBlock = Integer.parseInt(liked[0]) <= BLOCK;
                String body = "{\"liked\": [\"" + String.join("\", \"", liked) + "\"], \"n\": 5}";
                ApiClient.Reply reply = api.post("/recommendations", body);
                assertThat(reply.status()).as(reply.text()).isEqualTo(200);
                List<Integer> ids = new ArrayList<>();
                reply.json().get("items").forEach(item -> ids.add(Integer.parseInt(item.get("id").asText())));
                assertThat(ids).as(reply.text()).hasSize(5).doesNotContain(Integer.parseInt(liked[0]),
                        Integer.parseInt(liked[1]), Integer.parseInt(liked[2]));
                assertThat(ids).as("block of %s: %s", List.of(liked), reply.text())
                        .allMatch(id -> (id <= BLOCK) == firstBlock);
            }
            // Explicit ratings work too: a 2 (below the threshold 4) is "seen, not liked".
            ApiClient.Reply rated = api.post("/recommendations",
                    "{\"ratings\": [{\"item\": \"9\", \"rating\": 5}, {\"item\": \"11\", \"rating\": 4},"
                            + " {\"item\": \"2\", \"rating\": 2}], \"n\": 3}");
            assertThat(rated.status()).as(rated.text()).isEqualTo(200);
            assertThat(rated.json().path("score_kind").asText()).isEqualTo("ranking");
            rated.json().get("items").forEach(item ->
                    assertThat(Integer.parseInt(item.get("id").asText())).as(rated.text()).isGreaterThan(BLOCK));
        });
    }
}
