package org.embedrec.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.embedrec.server.live.LogInteractionStore;

/**
 * Interactions stored per second over HTTP, end to end: an in-process server on the fixture model
 * with a write-ahead log store in {@code args[0]}, {@code CLIENTS} client threads posting batches of
 * {@code BATCH} interactions with fresh idempotency keys (docs/BENCHMARKS.md). Not a test: run by hand.
 */
public final class HttpIngestBenchmark {
    private static final int CLIENTS = 16;
    private static final int BATCH = 100;
    private static final double SECONDS = 10;

    private HttpIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/store-bench")),
                "http-");
        RecommendationService service = new RecommendationService(List.of(ServerFixtures.served()), null,
                LogInteractionStore.open(dir));
        try (EmbedrecServer server = EmbedrecServer.start(service, ServerOptions.defaults(0))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/interactions");
            HttpClient http = HttpClient.newHttpClient();
            AtomicLong batches = new AtomicLong();
            AtomicBoolean counting = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                int thread = t;
                Thread client = new Thread(() -> {
                    long n = 0;
                    while (running.get()) {
                        StringBuilder body = new StringBuilder("{\"idempotency_key\": \"c" + thread + "-" + n++
                                + "\", \"interactions\": [");
                        for (int k = 0; k < BATCH; k++) {
                            body.append(k == 0 ? "" : ", ").append("{\"user\": \"u").append(thread * 100 + k % 17)
                                    .append("\", \"item\": \"").append(1 + k % 5).append("\", \"rating\": 4}");
                        }
                        body.append("]}");
                        try {
                            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() != 200) {
                                throw new IllegalStateException(answer.body());
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        if (counting.get()) {
                            batches.incrementAndGet();
                        }
                    }
                });
                client.start();
                threads.add(client);
            }
            Thread.sleep(2000);
            counting.set(true);
            long start = System.nanoTime();
            Thread.sleep((long) (SECONDS * 1000));
            counting.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.printf(Locale.ROOT, "http ingest: %.0f batches/s, %.0f interactions/s (%d clients, %d per batch,"
                    + " write-ahead log)%n", batches.get() / seconds, batches.get() * BATCH / seconds, CLIENTS, BATCH);
        }
    }
}
