package org.embedrec.duckdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.rows.ColumnarSource;
import org.embedrec.io.rows.EncodedColumns;

/**
 * A Parquet file as whole columns, encoded by DuckDB in SQL so that the per-row cost of JDBC is one
 * or two {@code getLong} calls instead of a {@code String} per value:
 * <ol>
 *   <li>for each encoded column, a temporary dictionary table of its distinct values numbered in order
 *       of first appearance ({@code GROUP BY} the column, {@code row_number()} over the smallest
 *       {@code file_row_number}), fetched as text with {@code getString} as the row reader does;
 *   <li>one query joins the file to the dictionaries and returns each row's codes packed into as few
 *       {@code BIGINT}s as their bit widths allow, and the integer column, in file order.
 * </ol>
 * DuckDB runs the scans, aggregates and joins on all cores. The connection is the source's own, closed
 * with it.
 */
final class DuckDbColumnarSource implements ColumnarSource {
    /** Column types whose every value is a Java {@code long} and prints as {@link Long#toString}. */
    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT",
            "UTINYINT", "USMALLINT", "UINTEGER");

    private final String name;
    private final String file;
    private final Connection connection;
    private final Map<String, String> types;

    private DuckDbColumnarSource(String name, String file, Connection connection, Map<String, String> types) {
        this.name = name;
        this.file = file;
        this.connection = connection;
        this.types = types;
    }

    /**
     * Opens {@code file}, read by the DuckDB table function {@code reader} (e.g. {@code read_parquet}),
     * and reads its column names and types.
     *
     * @throws DataFormatException naming the file when it is missing or unreadable
     */
    static DuckDbColumnarSource open(Path file, String reader) {
        String name = file.toString();
        String source = reader + "(" + DuckDb.literal(name) + ", file_row_number = true)";
        Connection connection = DuckDb.connect(name);
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + reader + "(" + DuckDb.literal(name) + ")")) {
            while (columns.next()) {
                types.put(columns.getString("column_name"), columns.getString("column_type"));
            }
        } catch (SQLException e) {
            DuckDb.closeQuietly(connection);
            throw new DataFormatException(file, name + ": " + e.getMessage(), e);
        }
        return new DuckDbColumnarSource(name, source, connection, types);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> columns() {
        return List.copyOf(types.keySet());
    }

    @Override
    public Optional<EncodedColumns> read(List<String> encoded, String integer) {
        if (integer != null && !INTEGER_TYPES.contains(types.get(integer))) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement()) {
            if (integer != null) {
                try (ResultSet missing = statement.executeQuery("SELECT count(*) FROM " + file + " WHERE "
                        + quoted(integer) + " IS NULL")) {
                    missing.next();
                    if (missing.getLong(1) > 0) {
                        return Optional.empty();
                    }
                }
            }
            List<List<String>> dictionaries = new ArrayList<>();
            for (int c = 0; c < encoded.size(); c++) {
                statement.execute("CREATE OR REPLACE TEMP TABLE dictionary" + c + " AS SELECT " + quoted(encoded.get(c))
                        + " AS value, row_number() OVER (ORDER BY min(file_row_number)) - 1 AS code FROM " + file
                        + " GROUP BY " + quoted(encoded.get(c)));
                List<String> dictionary = new ArrayList<>();
                try (ResultSet values = statement.executeQuery("SELECT value FROM dictionary" + c + " ORDER BY code")) {
                    while (values.next()) {
                        dictionary.add(values.getString(1));
                    }
                }
                if (dictionary.contains(null)) {
                    return Optional.empty(); // a NULL joins nothing: the row reader names the row
                }
                dictionaries.add(dictionary);
            }
            return Optional.ofNullable(fetch(statement, encoded, dictionaries, integer));
        } catch (SQLException e) {
            throw new DataFormatException(Path.of(name), name + ": " + e.getMessage(), e);
        }
    }

    /** Every row's codes (packed) and integer value in file order; null if the join lost a row. */
    private EncodedColumns fetch(Statement statement, List<String> encoded, List<List<String>> dictionaries, String integer)
            throws SQLException {
        // Each code takes the bits its dictionary needs; codes share a BIGINT while they fit in 63 bits.
        int[] word = new int[encoded.size()];
        int[] shift = new int[encoded.size()];
        int[] bits = new int[encoded.size()];
        List<StringBuilder> words = new ArrayList<>();
        int used = 63;
        for (int c = 0; c < encoded.size(); c++) {
            bits[c] = Math.max(1, 32 - Integer.numberOfLeadingZeros(dictionaries.get(c).size() - 1));
            if (used + bits[c] > 63) {
                words.add(new StringBuilder());
                used = 0;
            }
            word[c] = words.size() - 1;
            shift[c] = used;
            used += bits[c];
            StringBuilder sql = words.get(word[c]);
            sql.append(sql.isEmpty() ? "" : " | ").append("(d").append(c).append(".code::BIGINT << ").append(shift[c]).append(')');
        }
        StringBuilder query = new StringBuilder("SELECT ");
        for (StringBuilder w : words) {
            query.append(w).append(", ");
        }
        query.append(integer == null ? "0" : "f." + quoted(integer)).append(" FROM ").append(file).append(" f");
        for (int c = 0; c < encoded.size(); c++) {
            query.append(" JOIN dictionary").append(c).append(" d").append(c)
                    .append(" ON f.").append(quoted(encoded.get(c))).append(" = d").append(c).append(".value");
        }
        query.append(" ORDER BY f.file_row_number");
        int rows;
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + file)) {
            count.next();
            rows = Math.toIntExact(count.getLong(1));
        }
        List<int[]> codes = new ArrayList<>();
        for (int c = 0; c < encoded.size(); c++) {
            codes.add(new int[rows]);
        }
        long[] integers = integer == null ? null : new long[rows];
        long[] packed = new long[words.size()];
        int row = 0;
        try (PreparedStatement select = connection.prepareStatement(query.toString()); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                if (row == rows) {
                    return null;
                }
                for (int w = 0; w < packed.length; w++) {
                    packed[w] = result.getLong(w + 1);
                }
                for (int c = 0; c < word.length; c++) {
                    codes.get(c)[row] = (int) (packed[word[c]] >>> shift[c] & ((1L << bits[c]) - 1));
                }
                if (integers != null) {
                    integers[row] = result.getLong(packed.length + 1);
                }
                row++;
            }
        }
        return row == rows ? new EncodedColumns(rows, dictionaries, codes, integers) : null;
    }

    /** {@code name} as an SQL identifier: double-quoted, inner quotes doubled. */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        DuckDb.closeQuietly(connection);
    }
}
