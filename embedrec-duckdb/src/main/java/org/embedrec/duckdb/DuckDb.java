package org.embedrec.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.rows.JdbcRowSource;

/**
 * An embedded, in-memory DuckDB for reading and writing files: each call opens its own database,
 * which lives only as long as the rows or the copy it serves. Rows are read through
 * {@link JdbcRowSource}, so a Parquet file gives the same values, positions ("row N") and errors as
 * an SQL query.
 */
public final class DuckDb {
    private static final String IN_MEMORY = "jdbc:duckdb:";

    private DuckDb() {
    }

    /**
     * The rows of {@code file} read by the DuckDB table function {@code reader} ({@code read_parquet},
     * {@code read_csv}, {@code read_json}, {@code parquet_schema}, ...), in file order. {@code file}
     * may be a glob.
     *
     * @throws DataFormatException naming the file when it is missing or unreadable
     */
    public static JdbcRowSource read(Path file, String reader) {
        if (!reader.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a DuckDB reader function: '" + reader + "'");
        }
        String name = file.toString();
        return JdbcRowSource.open(connect(name), name, "SELECT * FROM " + reader + "(?)", List.of(name));
    }

    /**
     * Writes what {@code select} returns to the Parquet file {@code parquet} (replaced if it exists),
     * in the order of the query.
     *
     * @param select a query over files, e.g. {@code SELECT * FROM read_csv('events.csv')}
     * @return the number of rows written
     */
    public static long copyToParquet(String select, Path parquet) {
        String name = parquet.toString();
        try (Connection connection = connect(name); Statement statement = connection.createStatement()) {
            return statement.executeUpdate("COPY (" + select + ") TO " + literal(name) + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw new DataFormatException(parquet, name + ": cannot write Parquet: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a CSV file with a header line (RFC 4180 quotes) to Parquet, with the column types DuckDB
     * infers (integers stay integers), rows in file order.
     *
     * @return the number of rows written
     */
    public static long csvToParquet(Path csv, Path parquet) {
        return copyToParquet("SELECT * FROM read_csv(" + literal(csv.toString()) + ", header = true)", parquet);
    }

    /** {@code text} as an SQL string literal: quoted, inner quotes doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A new in-memory database, for the file {@code name} (named in the error). */
    static Connection connect(String name) {
        try {
            // The driver directly rather than DriverManager: works whatever class loader holds the jar.
            Properties properties = new Properties();
            // Stream results chunk by chunk instead of materialising a whole file's rows first.
            properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            return new DuckDBDriver().connect(IN_MEMORY, properties);
        } catch (SQLException e) {
            throw new DataFormatException(Path.of(name), name + ": cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** Closes {@code connection}, ignoring failures: only ever read, and already failing or done. */
    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing to lose by a failed close of a read.
        }
    }
}
