package org.embedrec.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.net.http.HttpRequest;

/** A test's view of the server: status and parsed JSON of each call. */
final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client;
    private final String key;

    ApiClient(HttpClient client, String key) {
        this.client = client;
        this.key = key;
    }

    /** A status and a JSON body (a missing node when the body is not JSON). */
    record Reply(int status, JsonNode json, String text, io.javalin.testtools.HttpHeaders headers) {
        /** The first value of header {@code name}, or null. */
        String header(String name) {
            java.util.List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    Reply get(String path) {
        return reply(client.request(path, builder -> {
            builder.get();
            authorize(builder);
        }));
    }

    Reply post(String path, String body) {
        return reply(client.request(path, builder -> {
            builder.post(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
            authorize(builder);
        }));
    }

    Reply delete(String path) {
        return reply(client.request(path, builder -> {
            builder.delete(HttpRequest.BodyPublishers.noBody());
            authorize(builder);
        }));
    }

    Reply send(String method, String path) {
        return reply(client.request(path, builder -> {
            if (method.equals("POST")) {
                builder.post(HttpRequest.BodyPublishers.ofString("{}"));
            } else {
                builder.get();
            }
            authorize(builder);
        }));
    }

    private void authorize(io.javalin.testtools.Request.Builder builder) {
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
    }

    private static Reply reply(Response response) {
        String text = response.body().string();
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (Exception notJson) {
            json = MAPPER.missingNode();
        }
        return new Reply(response.code(), json == null ? MAPPER.missingNode() : json, text, response.headers());
    }
}
