package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.embedrec.server.ApiClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code openapi.json} true: it lists exactly the server's routes, each of them answers (no
 * routing 404), and every {@code $ref} resolves.
 */
class OpenApiTest {
    private static JsonNode document() throws IOException {
        try (InputStream in = EmbedrecServer.class.getResourceAsStream("/openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static TreeSet<String> documentedRoutes(JsonNode document) {
        TreeSet<String> routes = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        return routes;
    }

    @Test
    void documentsExactlyTheServedRoutes() throws IOException {
        JsonNode document = document();
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(documentedRoutes(document)).containsExactlyElementsOf(new TreeSet<>(EmbedrecServer.ROUTES));
    }

    @Test
    void everyDocumentedRouteIsServed() throws IOException {
        TreeSet<String> routes = documentedRoutes(document());
        JavalinTest.test(EmbedrecServer.create(ServerFixtures.service(null), ServerOptions.defaults(0)), (server, client) -> {
            ApiClient api = new ApiClient(client, null);
            assertThat(api.get("/no/such/route").json().path("error").asText()).contains("not found");
            for (String route : routes) {
                String[] parts = route.split(" ");
                Reply reply = api.send(parts[0], parts[1].replace("{id}", "10"));
                assertThat(reply.json().path("error").asText()).as(route).doesNotContain("Endpoint");
                assertThat(reply.status()).as(route).isIn(200, 400, 404);
            }
        });
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode document = document();
        TreeSet<String> references = new TreeSet<>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        }
    }

    private static void collectReferences(JsonNode node, TreeSet<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, references));
    }
}
