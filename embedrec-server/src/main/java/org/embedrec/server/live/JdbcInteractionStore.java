package org.embedrec.server.live;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The interaction store over a JDBC database: PostgreSQL, so that several servers share one store,
 * or an embedded SQLite or DuckDB file. Two tables, created if missing:
 *
 * <pre>
 * embedrec_batches      (idempotency_key PRIMARY KEY, fingerprint, stored, received_ms)
 * embedrec_interactions (idempotency_key, seq, user_id, item_id, rating, weight, event, time_ms;
 *                        PRIMARY KEY (idempotency_key, seq); indexed by user_id)
 * </pre>
 *
 * A batch is one transaction: its key row ({@code INSERT ... ON CONFLICT DO NOTHING}, so that two
 * servers given the same batch at once store it once) and its interactions, committed together.
 * Durability is the database's: an append returns after the commit, which PostgreSQL makes durable
 * with {@code synchronous_commit=on} (its default; it groups concurrent commits into one flush), and
 * SQLite with {@code synchronous=FULL} (set here, with the WAL journal and {@code secure_delete}).
 * Appends of one store object are serialized on one connection; reads use a second connection.
 * {@link #interactions} orders a user's interactions by time, then batch key and position.
 */
public final class JdbcInteractionStore implements InteractionStore {
    private static final String CREATE_BATCHES = "CREATE TABLE IF NOT EXISTS embedrec_batches ("
            + "idempotency_key VARCHAR(128) PRIMARY KEY, fingerprint VARCHAR(128) NOT NULL, stored BIGINT NOT NULL,"
            + " received_ms BIGINT NOT NULL)";
    private static final String CREATE_INTERACTIONS = "CREATE TABLE IF NOT EXISTS embedrec_interactions ("
            + "idempotency_key VARCHAR(128) NOT NULL, seq INTEGER NOT NULL, user_id VARCHAR(256) NOT NULL,"
            + " item_id VARCHAR(256) NOT NULL, rating REAL, weight REAL, event VARCHAR(256), time_ms BIGINT NOT NULL,"
            + " PRIMARY KEY (idempotency_key, seq))";
    private static final String CREATE_INDEX = "CREATE INDEX IF NOT EXISTS embedrec_interactions_user"
            + " ON embedrec_interactions (user_id)";

    /** How long {@link #unwritableReason} waits for the database to answer. */
    private static final int PROBE_SECONDS = 2;

    private final String shown;
    private final Connection writer;
    private final Connection reader;

    private JdbcInteractionStore(String url, Connection writer, Connection reader) {
        this.shown = withoutSecrets(url);
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Connects to {@code url} (its driver must be on the class path) and creates the tables if missing.
     *
     * @throws IOException if the database cannot be reached or the tables cannot be created; the
     *     message names the URL without its password
     */
    public static JdbcInteractionStore open(String url) throws IOException {
        Connection writer = null;
        Connection reader = null;
        try {
            writer = DriverManager.getConnection(url);
            boolean sqlite = url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
            try (Statement statement = writer.createStatement()) {
                if (sqlite) {
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=FULL");
                    statement.execute("PRAGMA secure_delete=ON");
                    statement.execute("PRAGMA busy_timeout=10000");
                }
                statement.execute(CREATE_BATCHES);
                statement.execute(CREATE_INTERACTIONS);
                statement.execute(CREATE_INDEX);
            }
            writer.setAutoCommit(false);
            writer.commit();
            reader = DriverManager.getConnection(url);
            if (sqlite) {
                try (Statement statement = reader.createStatement()) {
                    statement.execute("PRAGMA busy_timeout=10000");
                }
            }
            return new JdbcInteractionStore(url, writer, reader);
        } catch (SQLException e) {
            closeQuietly(writer);
            closeQuietly(reader);
            throw new IOException("cannot open the interaction store " + withoutSecrets(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Appended append(Batch batch) throws IOException {
        String fingerprint = HexFormat.of().formatHex(batch.fingerprint());
        synchronized (writer) {
            try {
                int inserted;
                try (PreparedStatement key = writer.prepareStatement("INSERT INTO embedrec_batches (idempotency_key,"
                        + " fingerprint, stored, received_ms) VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
                    key.setString(1, batch.key());
                    key.setString(2, fingerprint);
                    key.setLong(3, batch.interactions().size());
                    key.setLong(4, System.currentTimeMillis());
                    inserted = key.executeUpdate();
                }
                if (inserted == 0) {
                    writer.rollback();
                    return replay(batch.key(), fingerprint);
                }
                try (PreparedStatement rows = writer.prepareStatement("INSERT INTO embedrec_interactions (idempotency_key,"
                        + " seq, user_id, item_id, rating, weight, event, time_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    List<Interaction> interactions = batch.interactions();
                    for (int k = 0; k < interactions.size(); k++) {
                        Interaction interaction = interactions.get(k);
                        rows.setString(1, batch.key());
                        rows.setInt(2, k);
                        rows.setString(3, interaction.user());
                        rows.setString(4, interaction.item());
                        setFloat(rows, 5, interaction.rating());
                        setFloat(rows, 6, interaction.weight());
                        if (interaction.event() == null) {
                            rows.setNull(7, Types.VARCHAR);
                        } else {
                            rows.setString(7, interaction.event());
                        }
                        rows.setLong(8, interaction.timeMillis());
                        rows.addBatch();
                    }
                    rows.executeBatch();
                }
                writer.commit();
                return new Appended(batch.interactions().size(), false);
            } catch (SQLException e) {
                rollbackQuietly();
                throw new IOException("storing batch '" + batch.key() + "' in " + shown + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** The answer to a key stored before (by this server or another), or a {@link KeyReusedException}. */
    private Appended replay(String key, String fingerprint) throws SQLException {
        try (PreparedStatement select = writer.prepareStatement(
                "SELECT fingerprint, stored FROM embedrec_batches WHERE idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("batch key '" + key + "' was neither inserted nor found");
                }
                if (!row.getString(1).equals(fingerprint)) {
                    writer.rollback();
                    throw new KeyReusedException(key);
                }
                long stored = row.getLong(2);
                writer.rollback();
                return new Appended(stored, true);
            }
        }
    }

    @Override
    public List<Interaction> interactions(String user) throws IOException {
        synchronized (reader) {
            try (PreparedStatement select = reader.prepareStatement("SELECT user_id, item_id, rating, weight, event, time_ms"
                    + " FROM embedrec_interactions WHERE user_id = ? ORDER BY time_ms, idempotency_key, seq")) {
                select.setString(1, user);
                List<Interaction> interactions = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        interactions.add(new Interaction(rows.getString(1), rows.getString(2), getFloat(rows, 3),
                                getFloat(rows, 4), rows.getString(5), rows.getLong(6)));
                    }
                }
                return interactions;
            } catch (SQLException e) {
                throw new IOException("reading the interactions of user '" + user + "' from " + shown + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public long forget(String user) throws IOException {
        synchronized (writer) {
            try (PreparedStatement delete = writer.prepareStatement("DELETE FROM embedrec_interactions WHERE user_id = ?")) {
                delete.setString(1, user);
                long deleted = delete.executeUpdate();
                writer.commit();
                return deleted;
            } catch (SQLException e) {
                rollbackQuietly();
                throw new IOException("forgetting user '" + user + "' in " + shown + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<String> users() throws IOException {
        List<String> users = new ArrayList<>();
        query("SELECT DISTINCT user_id FROM embedrec_interactions", rows -> users.add(rows.getString(1)));
        return users;
    }

    @Override
    public long size() throws IOException {
        long[] count = {0};
        query("SELECT COUNT(*) FROM embedrec_interactions", rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    /**
     * Closed, or the database does not answer within {@value #PROBE_SECONDS} s. The round trip uses
     * the read connection: the write connection may be busy with an append for as long as a commit takes.
     */
    @Override
    public Optional<String> unwritableReason() {
        try {
            if (writer.isClosed()) {
                return Optional.of("the interaction store is closed");
            }
            synchronized (reader) {
                if (!reader.isValid(PROBE_SECONDS)) {
                    return Optional.of("the interaction database does not answer");
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("the interaction database does not answer");
        }
    }

    @Override
    public String describe() {
        return "JDBC " + shown;
    }

    @Override
    public void close() throws IOException {
        SQLException failure = null;
        for (Connection connection : Arrays.asList(writer, reader)) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IOException("closing " + shown + " failed: " + failure.getMessage(), failure);
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowReader reader) throws IOException {
        synchronized (this.reader) {
            try (Statement statement = this.reader.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    reader.read(rows);
                }
            } catch (SQLException e) {
                throw new IOException("reading " + shown + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void setFloat(PreparedStatement statement, int index, Float value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setFloat(index, value);
        }
    }

    private static Float getFloat(ResultSet row, int index) throws SQLException {
        float value = row.getFloat(index);
        return row.wasNull() ? null : value;
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the transaction dies with it and nothing of it was committed.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing: the first error is the one reported.
            }
        }
    }

    /** The URL without query parameters (which may hold a password) or user information. */
    static String withoutSecrets(String url) {
        String shown = url.replaceFirst("\\?.*$", "").replaceFirst(";.*$", "");
        return shown.replaceFirst("//[^/@]*@", "//");
    }
}
