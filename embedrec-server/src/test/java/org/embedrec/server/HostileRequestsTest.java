package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests an attacker or a broken client sends, over a raw socket so that nothing in between
 * tidies them up: every answer is a 4xx (never a 5xx), JSON (also when Jetty itself refuses the
 * request before any route runs), short, and carries {@code X-Content-Type-Options: nosniff}.
 */
class HostileRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "s3cret-key";
    private static EmbedrecServer open;
    private static EmbedrecServer keyed;

    @BeforeAll
    static void start() {
        open = EmbedrecServer.start(ServerFixtures.service(null), ServerOptions.defaults(0));
        keyed = EmbedrecServer.start(ServerFixtures.service(null), ServerOptions.defaults(0).withApiKey(KEY));
    }

    @AfterAll
    static void stop() {
        open.close();
        keyed.close();
    }

    /** A parsed HTTP/1.1 response: status, headers (lower-case names) and body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, no final blank line) and a body. */
    private static Raw send(EmbedrecServer server, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            String fullHead = head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (body.length > 0 ? "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n" : "")
                    + "\r\n";
            out.write(fullHead.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Raw send(EmbedrecServer server, String head) throws IOException {
        return send(server, head, new byte[0]);
    }

    private static Raw parse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (java.net.SocketException reset) {
            // The server may close after answering an oversized request; what arrived is enough.
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        assertThat(split).as("an HTTP response, got: %s", text).isPositive();
        String[] lines = text.substring(0, split).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int k = 1; k < lines.length; k++) {
            int colon = lines[k].indexOf(':');
            headers.put(lines[k].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[k].substring(colon + 1).strip());
        }
        String body = text.substring(split + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /** A JSON error of {@code status}, short, without internals, with nosniff. */
    private static JsonNode assertJsonError(Raw raw, int status) {
        assertThat(raw.status()).as("%s", raw).isEqualTo(status);
        assertThat(raw.headers().get("content-type")).as("%s", raw).startsWith("application/json");
        assertThat(raw.headers().get("x-content-type-options")).as("%s", raw).isEqualTo("nosniff");
        JsonNode json = raw.json();
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(json.path("error").asText()).isNotBlank();
        assertThat(raw.body()).hasSizeLessThan(2048).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("<html");
        return json;
    }

    @Test
    void aNulByteInThePathIsAJsonError() throws IOException {
        // Failed on main: Jetty answered 400 with its HTML error page.
        Raw raw = send(open, "GET /items/%00 HTTP/1.1");
        assertThat(raw.status()).as("%s", raw).isBetween(400, 499);
        assertJsonError(raw, raw.status());
    }

    @Test
    void aSeventyKilobyteUrlIsAJsonError() throws IOException {
        // Failed on main: 414 as HTML.
        Raw raw = send(open, "GET /items/" + "a".repeat(70_000) + " HTTP/1.1");
        assertJsonError(raw, 414);
    }

    @Test
    void aHundredKilobyteHeaderIsAJsonError() throws IOException {
        // Failed on main: 431 as HTML.
        Raw raw = send(open, "GET /models HTTP/1.1\r\nX-Filler: " + "b".repeat(100_000));
        assertJsonError(raw, 431);
    }

    @Test
    void aHugeIdIsEchoedShortened() throws IOException {
        // Failed on main: a 60 KB id came back twice, in a 120 KB body.
        String id = "9".repeat(60_000);
        byte[] body = ("{\"pairs\": [{\"user\": \"" + id + "\", \"item\": \"1\"}]}").getBytes(StandardCharsets.UTF_8);
        JsonNode json = assertJsonError(send(open, "POST /predict HTTP/1.1", body), 404);
        assertThat(json.path("field").asText()).isEqualTo("user");
        assertThat(json.path("value").asText()).hasSizeLessThanOrEqualTo(80).startsWith("999").endsWith("...");
        assertThat(json.path("error").asText()).hasSizeLessThan(200).contains("unknown user '999");
    }

    @Test
    void aLongUnknownRouteIsEchoedShortened() throws IOException {
        JsonNode json = assertJsonError(send(open, "GET /" + "x".repeat(4000) + " HTTP/1.1"), 404);
        assertThat(json.path("error").asText()).hasSizeLessThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE /models", "PUT /predict", "GET /predict", "PATCH /users/10", "DELETE /recommendations",
        "POST /items/1"})
    void aMethodARouteDoesNotTakeIs405(String request) throws IOException {
        // Failed on main: 404 "no route".
        JsonNode json = assertJsonError(send(open, request + " HTTP/1.1"), 405);
        assertThat(json.path("error").asText()).contains(request.split(" ")[0]);
    }

    @Test
    void everyAnswerForbidsContentSniffing() throws IOException {
        // Failed on main: no X-Content-Type-Options header at all.
        for (String path : new String[] {"/health", "/models", "/items?q=%3Cscript%3E", "/", "/app.js", "/style.css",
            "/nowhere"}) {
            Raw raw = send(open, "GET " + path + " HTTP/1.1");
            assertThat(raw.headers().get("x-content-type-options")).as("GET %s: %s", path, raw).isEqualTo("nosniff");
            assertThat(raw.headers().get("content-security-policy")).as("GET %s: %s", path, raw)
                    .contains("default-src 'self'").contains("frame-ancestors 'none'");
        }
        assertThat(send(open, "GET /items?q=%3Cscript%3E HTTP/1.1").headers().get("content-type")).startsWith("application/json");
    }

    @Test
    void theBearerSchemeIsCaseInsensitiveButTheKeyIsNot() throws IOException {
        // Failed on main: "bearer KEY" was refused (RFC 7235: auth schemes are case-insensitive).
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER"}) {
            Raw raw = send(keyed, "GET /models HTTP/1.1\r\nAuthorization: " + scheme + " " + KEY);
            assertThat(raw.status()).as("%s: %s", scheme, raw).isEqualTo(200);
        }
        for (String wrong : new String[] {"Bearer " + KEY.toUpperCase(Locale.ROOT), "Basic " + KEY, "Bearer", KEY,
            "Bearer " + KEY + "x", "Bearer  " + KEY.substring(1)}) {
            JsonNode json = assertJsonError(send(keyed, "GET /models HTTP/1.1\r\nAuthorization: " + wrong), 401);
            assertThat(json.path("error").asText()).contains("API key");
        }
        assertJsonError(send(keyed, "GET /models HTTP/1.1"), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"liked\": DEEP}",
        "{\"ratings\": [{\"item\": \"1\", \"rating\": 1e999999}]}",
        "{\"ratings\": [{\"item\": \"1\", \"rating\": 4}], \"ratings\": []}",
        "{\"liked\": [\"1\"], \"n\": 1e10}",
        "{\"liked\": [\"1\"], \"n\": 99999999999999999999999}",
        "{\"liked\": [{\"id\": \"1\"}]}",
        "{\"liked\": [\"\\u0000\"]}",
        "{\"liked\": [\"1\"]} trailing",
        "\"just a string\"",
        "null"})
    void malformedBodiesAre4xxJson(String body) throws IOException {
        // DEEP: arrays nested 5,000 deep, beyond the parser's nesting limit.
        String expanded = body.replace("DEEP", "[".repeat(5000) + "]".repeat(5000));
        Raw raw = send(open, "POST /recommendations HTTP/1.1", expanded.getBytes(StandardCharsets.UTF_8));
        assertThat(raw.status()).as("%s", raw).isBetween(400, 499);
        assertJsonError(raw, raw.status());
    }

    @Test
    void bytesThatAreNotUtf8AreA400() throws IOException {
        byte[] body = {'{', '"', 'l', 'i', 'k', 'e', 'd', '"', ':', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']', '}'};
        Raw raw = send(open, "POST /recommendations HTTP/1.1", body);
        assertThat(raw.status()).as("%s", raw).isBetween(400, 499);
        assertJsonError(raw, raw.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/users/10/recommendations?n=99999999999999999999", "/users/%ZZ", "/items?q=%ZZ",
        "/users?offset=-1", "/users?limit=100000", "/items/1/similar?min_ratings=1e3", "/users/10/recommendations?genres=%00"})
    void malformedQueriesAre4xxJson(String path) throws IOException {
        Raw raw = send(open, "GET " + path + " HTTP/1.1");
        assertThat(raw.status()).as("%s", raw).isBetween(400, 499);
        assertJsonError(raw, raw.status());
    }
}
