package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.util.List;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserAttributes;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.family.bpr.BprTrainer;
import org.junit.jupiter.api.Test;

/** GET /users/{id} shows the user metadata's attributes of the user, and none for a user it does not list. */
class UserAttributesServerTest {
    @Test
    void aUsersProfileCarriesTheAttributesOfTheUserMetadata() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int item = 1; item <= 4; item++) {
            catalog.add("i" + item, "Item " + item, ItemCatalog.UNKNOWN_YEAR, List.of());
        }
        ItemCatalog items = catalog.build();
        Ratings history = Ratings.builder().add(0, 0, 5, 0).add(0, 1, 5, 0).add(1, 2, 5, 0).add(1, 3, 5, 0)
                .build(IdIndex.of(List.of("u1", "u2")), items.items());
        BprModel model = new BprTrainer(BprTrainer.Options.defaults().withDimensions(2).withEpochs(1).withThreads(1).withSeed(3))
                .fit(history, items);
        UserAttributes users = new UserAttributes(IdIndex.of(List.of("u1", "u3")),
                List.of(List.of("favourite_category=Books", "age=Q2"), List.of("favourite_category=Toys")));
        RecommendationService service = new RecommendationService(
                List.of(ServedModel.of("bpr", model, model.info(), history, users)), null);

        JavalinTest.test(EmbedrecServer.create(service, ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            ApiClient.Reply listed = api.get("/users/u1");
            ApiClient.Reply unlisted = api.get("/users/u2");

            assertThat(listed.status()).as(listed.text()).isEqualTo(200);
            assertThat(listed.json().get("attributes").toString()).isEqualTo("[\"favourite_category=Books\",\"age=Q2\"]");
            assertThat(listed.json().path("rating_count").asInt()).isEqualTo(2);
            assertThat(unlisted.json().get("attributes").isEmpty()).as(unlisted.text()).isTrue();
        });
    }
}
