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
 *       {@code BIGINT}s as their bit widths allow, and the integer column; the row number goes into the
 *       packed words too when it fits (25M rows of 162,000 users, 59,000 items and 3 event types need 61
 *       bits), so rows come in any order and DuckDB need not sort them, else the query sorts by it.
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
    private final boolean sortRows;

    private DuckDbColumnarSource(String name, String file, Connection connection, Map<String, String> types, boolean sortRows) {
        this.name = name;
        this.file = file;
        this.connection = connection;
        this.types = types;
        this.sortRows = sortRows;
    }

    /**
     * Opens {@code file}, read by the DuckDB table function {@code reader} (e.g. {@code read_parquet}),
     * and reads its column names and types.
     *
     * @throws DataFormatException naming the file when it is missing or unreadable
     */
    static DuckDbColumnarSource open(Path file, String reader) {
        return open(file, reader, false);
    }

    /**
     * {@link #open(Path, String)}; with {@code sortRows} the rows are always sorted by DuckDB, as for files
     * whose row number does not fit beside the codes (for tests of that path on small files).
     */
    static DuckDbColumnarSource open(Path file, String reader, boolean sortRows) {
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
        return new DuckDbColumnarSource(name, source, connection, types, sortRows);
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

    /** Every row's codes and integer value in file order; null if the join lost a row. */
    private EncodedColumns fetch(Statement statement, List<String> encoded, List<List<String>> dictionaries, String integer)
            throws SQLException {
        int rows;
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + file)) {
            count.next();
            rows = Math.toIntExact(count.getLong(1));
        }
        // Fields packed into BIGINTs: each code, then the row number when it fits in the words the codes
        // need anyway; each row then goes straight to its place and DuckDB need not sort the rows.
        List<String> fields = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (int c = 0; c < encoded.size(); c++) {
            fields.add("d" + c + ".code");
            widths.add(bitsFor(dictionaries.get(c).size()));
        }
        Packing codesOnly = Packing.of(widths);
        fields.add("f.file_row_number");
        widths.add(bitsFor(rows));
        Packing packing = Packing.of(widths);
        boolean byRowNumber = !sortRows && packing.words() == codesOnly.words();
        if (!byRowNumber) {
            packing = codesOnly;
        }
        StringBuilder query = new StringBuilder("SELECT ").append(packing.select(fields)).append(", ")
                .append(integer == null ? "0" : "f." + quoted(integer)).append(" FROM ").append(file).append(" f");
        for (int c = 0; c < encoded.size(); c++) {
            query.append(" JOIN dictionary").append(c).append(" d").append(c)
                    .append(" ON f.").append(quoted(encoded.get(c))).append(" = d").append(c).append(".value");
        }
        if (!byRowNumber) {
            query.append(" ORDER BY f.file_row_number");
        }
        List<int[]> codes = new ArrayList<>();
        for (int c = 0; c < encoded.size(); c++) {
            codes.add(new int[rows]);
        }
        long[] integers = integer == null ? null : new long[rows];
        long[] words = new long[packing.words()];
        int fetched = 0;
        try (PreparedStatement select = connection.prepareStatement(query.toString()); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                if (fetched == rows) {
                    return null;
                }
                for (int w = 0; w < words.length; w++) {
                    words[w] = result.getLong(w + 1);
                }
                int row = byRowNumber ? (int) packing.field(words, encoded.size()) : fetched;
                for (int c = 0; c < encoded.size(); c++) {
                    codes.get(c)[row] = (int) packing.field(words, c);
                }
                if (integers != null) {
                    integers[row] = result.getLong(words.length + 1);
                }
                fetched++;
            }
        }
        // Row numbers are distinct, so as many rows as the file holds fill every place.
        return fetched == rows ? new EncodedColumns(rows, dictionaries, codes, integers) : null;
    }

    /** The bits that numbers 0 to {@code count - 1} need, at least 1. */
    private static int bitsFor(int count) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(count - 1));
    }

    /**
     * Non-negative fields of the given bit widths packed greedily into 63-bit words: field {@code f} sits in
     * word {@code word[f]} from bit {@code shift[f]}.
     */
    private record Packing(int[] word, int[] shift, int[] bits) {
        static Packing of(List<Integer> widths) {
            int[] word = new int[widths.size()];
            int[] shift = new int[widths.size()];
            int[] bits = new int[widths.size()];
            int words = 0;
            int used = 63;
            for (int f = 0; f < widths.size(); f++) {
                bits[f] = widths.get(f);
                if (used + bits[f] > 63) {
                    words++;
                    used = 0;
                }
                word[f] = words - 1;
                shift[f] = used;
                used += bits[f];
            }
            return new Packing(word, shift, bits);
        }

        int words() {
            return word.length == 0 ? 0 : word[word.length - 1] + 1;
        }

        /** The SQL select list of the words, one BIGINT expression each, from the fields' SQL expressions. */
        String select(List<String> fields) {
            List<StringBuilder> words = new ArrayList<>();
            for (int f = 0; f < word.length; f++) {
                if (word[f] == words.size()) {
                    words.add(new StringBuilder());
                }
                StringBuilder sql = words.get(word[f]);
                sql.append(sql.isEmpty() ? "" : " | ").append('(').append(fields.get(f)).append("::BIGINT << ").append(shift[f]).append(')');
            }
            return String.join(", ", words);
        }

        long field(long[] words, int f) {
            return words[word[f]] >>> shift[f] & ((1L << bits[f]) - 1);
        }
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
