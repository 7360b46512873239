package org.embedrec.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test of issue 17: a client streams batches to a server in another JVM and records what
 * was acknowledged; the server is killed with SIGKILL ({@link Process#destroyForcibly()} on Unix) at
 * random points and restarted on the same store. A batch whose answer was lost is sent again with
 * its key after the restart, and some acknowledged batches are sent again too. At the end every
 * acknowledged interaction is stored exactly once, and nothing is stored twice.
 */
class LiveCrashTest {
    private static final int ROUNDS = 6;
    private static final int BATCH = 20;
    private static final int USERS = 7;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One interaction, unique by its user, item and time. */
    private record Sent(String user, String item, long time) {
        String json() {
            return "{\"user\": \"" + user + "\", \"item\": \"" + item + "\", \"weight\": 1, \"time\": " + time + "}";
        }
    }

    private record SentBatch(String key, List<Sent> interactions) {
        String body() {
            List<String> parts = new ArrayList<>();
            interactions.forEach(sent -> parts.add(sent.json()));
            return "{\"idempotency_key\": \"" + key + "\", \"interactions\": [" + String.join(", ", parts) + "]}";
        }
    }

    private static SentBatch batch(int number) {
        List<Sent> interactions = new ArrayList<>();
        for (int k = 0; k < BATCH; k++) {
            int serial = number * BATCH + k;
            interactions.add(new Sent("u" + serial % USERS, Integer.toString(1 + serial % 6), 1_600_000_000L + serial));
        }
        return new SentBatch("batch-" + number, interactions);
    }

    @Test
    void everyAcknowledgedInteractionSurvivesKillsExactlyOnce() throws Exception {
        Random random = new Random(17);
        Path store = dir.resolve("store");
        List<SentBatch> acknowledged = new ArrayList<>();
        SentBatch inFlight = null;
        int replays = 0;
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process server = startServer(store, round);
            try {
                int port = awaitPort(server, round);
                if (inFlight != null) {
                    // Its answer was lost: stored or not, the same key must now store it exactly once.
                    HttpResponse<String> retried = post(port, inFlight);
                    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
                    assertThat(MAPPER.readTree(retried.body()).path("stored").asInt()).isEqualTo(BATCH);
                    acknowledged.add(inFlight);
                    inFlight = null;
                }
                if (!acknowledged.isEmpty()) {
                    SentBatch again = acknowledged.get(random.nextInt(acknowledged.size()));
                    HttpResponse<String> replayed = post(port, again);
                    assertThat(replayed.statusCode()).isEqualTo(200);
                    assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
                    replays++;
                }
                long killAfterMillis = 50 + random.nextInt(750);
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(killAfterMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                });
                killer.start();
                while (true) {
                    SentBatch sending = batch(next++);
                    try {
                        HttpResponse<String> answer = post(port, sending);
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                        acknowledged.add(sending);
                    } catch (IOException lost) {
                        inFlight = sending;
                        break;
                    }
                }
                killer.join();
            } finally {
                server.destroyForcibly();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
        Process server = startServer(store, ROUNDS);
        try {
            int port = awaitPort(server, ROUNDS);
            Map<Sent, Integer> stored = storedInteractions(port);
            for (SentBatch sent : acknowledged) {
                for (Sent interaction : sent.interactions()) {
                    assertThat(stored.get(interaction)).as("%s of %s", interaction, sent.key()).isEqualTo(1);
                }
            }
            assertThat(stored.values()).allMatch(count -> count == 1);
            // Only the last batch in flight, whose answer was lost, may be stored without an acknowledgement.
            assertThat(stored.size()).isBetween(acknowledged.size() * BATCH, (acknowledged.size() + 1) * BATCH);
            assertThat(acknowledged.size()).as("batches acknowledged over %d kills", ROUNDS).isGreaterThan(ROUNDS);
            assertThat(replays).isEqualTo(ROUNDS - 1);
            System.out.printf("crash test: %d kills, %d batches (%d interactions) acknowledged, %d stored, %d acknowledged"
                    + " batches sent again%n", ROUNDS, acknowledged.size(), acknowledged.size() * BATCH, stored.size(), replays);
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startServer(Path store, int round) throws IOException {
        Path portFile = dir.resolve("port-" + round);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LiveServerMain.class.getName(), store.toString(), portFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + round + ".log").toFile()).start();
    }

    private int awaitPort(Process server, int round) throws Exception {
        Path portFile = dir.resolve("port-" + round);
        // Not a timing assertion: a generous bound so that a server that never starts fails the test.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(portFile)) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + ": "
                        + Files.readString(dir.resolve("server-" + round + ".log")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not start: " + Files.readString(dir.resolve("server-" + round + ".log")));
            }
            Thread.sleep(20);
        }
        return Integer.parseInt(Files.readString(portFile).strip());
    }

    private HttpResponse<String> post(int port, SentBatch batch) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/interactions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<Sent, Integer> storedInteractions(int port) throws IOException, InterruptedException {
        Map<Sent, Integer> counts = new HashMap<>();
        for (int user = 0; user < USERS; user++) {
            for (int offset = 0;; offset += 1000) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/u"
                        + user + "/interactions?limit=1000&offset=" + offset)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode interactions = MAPPER.readTree(page.body()).path("interactions");
                for (JsonNode interaction : interactions) {
                    Sent sent = new Sent("u" + user, interaction.path("item").asText(),
                            java.time.Instant.parse(interaction.path("time").asText()).getEpochSecond());
                    counts.merge(sent, 1, Integer::sum);
                }
                if (interactions.size() < 1000) {
                    break;
                }
            }
        }
        return counts;
    }
}
