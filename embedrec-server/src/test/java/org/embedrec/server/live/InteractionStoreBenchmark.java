package org.embedrec.server.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable appends per second of the candidate embedded stores, on the disk holding {@code args[0]}
 * (docs/BENCHMARKS.md, "Live updates: the interaction store"). Not a test: run by hand.
 *
 * <ul>
 *   <li>{@code fsync}: 4 KiB written and {@code fdatasync}ed in a loop, one thread: the disk's limit.
 *   <li>{@code log}, {@code sqlite}, {@code duckdb}: the stores themselves ({@link LogInteractionStore},
 *       {@link JdbcInteractionStore}), {@code CLIENTS} threads appending batches of {@code BATCH}
 *       interactions with fresh keys ({@code log-1}: one thread, so one batch per sync). The log groups
 *       every waiting batch into one sync; the JDBC store commits one transaction per batch.
 *   <li>{@code sqlite-grouped}, {@code duckdb-grouped}: plain JDBC, one thread, {@code GROUP} batches per
 *       transaction: what group commit would give those engines (an upper bound: no keys checked).
 * </ul>
 * Each runs {@code SECONDS} seconds after one second of warm-up.
 */
public final class InteractionStoreBenchmark {
    private static final int CLIENTS = 16;
    private static final int BATCH = 100;
    private static final int GROUP = 16;
    private static final double SECONDS = 5;

    private InteractionStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "target/store-bench");
        Files.createDirectories(root);
        List<String> modes = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("fsync", "log", "log-1", "sqlite", "duckdb", "sqlite-grouped", "duckdb-grouped");
        System.out.printf(Locale.ROOT, "%-15s %12s %14s  %s%n", "store", "batches/s", "interactions/s", "notes");
        for (String mode : modes) {
            Path dir = Files.createTempDirectory(root, mode + "-");
            switch (mode) {
                case "fsync" -> fsync(dir);
                case "log" -> stores(mode, LogInteractionStore.open(dir), CLIENTS);
                case "log-1" -> stores(mode, LogInteractionStore.open(dir), 1);
                case "sqlite" -> stores(mode, JdbcInteractionStore.open("jdbc:sqlite:" + dir.resolve("s.db")), CLIENTS);
                case "duckdb" -> stores(mode, JdbcInteractionStore.open("jdbc:duckdb:" + dir.resolve("d.duckdb")), CLIENTS);
                case "sqlite-grouped" -> grouped(mode, "jdbc:sqlite:" + dir.resolve("s.db"), true);
                case "duckdb-grouped" -> grouped(mode, "jdbc:duckdb:" + dir.resolve("d.duckdb"), false);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }

    private static Batch batch(String key, int thread) {
        List<Interaction> interactions = new ArrayList<>(BATCH);
        for (int k = 0; k < BATCH; k++) {
            interactions.add(new Interaction("user" + (thread * 1000 + k % 37), "item" + k * 7, 4.5f, null, "view",
                    1_700_000_000_000L + k));
        }
        return new Batch(key, key.getBytes(StandardCharsets.UTF_8), interactions);
    }

    private static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate(4096);
            long syncs = 0;
            long start = System.nanoTime();
            long end = start + (long) (SECONDS * 1e9);
            while (System.nanoTime() < end) {
                page.clear();
                channel.write(page);
                channel.force(false);
                syncs++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%-15s %12.0f %14s  4 KiB write + fdatasync per loop, one thread%n", "fsync",
                    syncs / seconds, "-");
        }
    }

    private static void stores(String mode, InteractionStore store, int clients) throws Exception {
        try (store) {
            AtomicLong batches = new AtomicLong();
            AtomicBoolean counting = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int thread = t;
                Thread client = new Thread(() -> {
                    long n = 0;
                    while (running.get()) {
                        try {
                            store.append(batch(mode + "-" + thread + "-" + n++, thread));
                        } catch (IOException e) {
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
            Thread.sleep(1000);
            counting.set(true);
            long start = System.nanoTime();
            Thread.sleep((long) (SECONDS * 1000));
            counting.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.printf(Locale.ROOT, "%-15s %12.0f %14.0f  %d client threads, %d interactions per batch, %s%n", mode,
                    batches.get() / seconds, batches.get() * BATCH / seconds, clients, BATCH,
                    store instanceof LogInteractionStore ? "group commit" : "one transaction per batch");
        }
    }

    private static void grouped(String mode, String url, boolean sqlite) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement()) {
                if (sqlite) {
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=FULL");
                }
                statement.execute("CREATE TABLE t (k VARCHAR, seq INTEGER, user_id VARCHAR, item_id VARCHAR, rating REAL,"
                        + " event VARCHAR, time_ms BIGINT)");
            }
            connection.setAutoCommit(false);
            long batches = 0;
            long start = 0;
            long warmEnd = System.nanoTime() + 1_000_000_000L;
            long end = warmEnd + (long) (SECONDS * 1e9);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                long n = 0;
                while (System.nanoTime() < end) {
                    for (int b = 0; b < GROUP; b++) {
                        Batch batch = batch("g" + n++, 0);
                        for (int k = 0; k < BATCH; k++) {
                            Interaction interaction = batch.interactions().get(k);
                            insert.setString(1, batch.key());
                            insert.setInt(2, k);
                            insert.setString(3, interaction.user());
                            insert.setString(4, interaction.item());
                            insert.setFloat(5, interaction.rating());
                            insert.setString(6, interaction.event());
                            insert.setLong(7, interaction.timeMillis());
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                    connection.commit();
                    if (start == 0 && System.nanoTime() >= warmEnd) {
                        start = System.nanoTime();
                    } else if (start != 0) {
                        batches += GROUP;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%-15s %12.0f %14.0f  one thread, %d batches of %d per transaction%n", mode,
                    batches / seconds, batches * BATCH / seconds, GROUP, BATCH);
        }
    }
}
