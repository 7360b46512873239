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
 * or two {@code getLong} calls instead of a {@code String} per value (each column fetched costs about
 * 60 ns a row; see docs/BENCHMARKS.md):
 * <ol>
 *   <li>one scan gives the row count and each integer column's range and missing values (any missing
 *       value: {@link #read} gives up, so the row reader names the row);
 *   <li>an integer column spanning at most 2^24 values is sent as {@code value - min} and numbered by
 *       first appearance in Java; any other column gets a temporary dictionary table of its distinct
 *       values numbered by first appearance ({@code GROUP BY}, {@code row_number()} over the smallest
 *       {@code file_row_number}), fetched with {@code getString} as the row reader gives them, and is
 *       coded by a {@code CASE} on their text when there are at most 64, else by a join;
 *   <li>one query returns the codes and the integer column less its minimum packed into as few
 *       {@code BIGINT}s as their bit widths allow (a store log of 25M events: one). Without a join the
 *       rows come in file order, DuckDB's insertion order; with one, the row number goes into the
 *       packed words when it fits, so rows may come in any order, else the query sorts by it.
 * </ol>
 * DuckDB runs the scans on all cores. The connection is the source's own, closed with it.
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
            // One scan: the row count and each integer column's range and missing values.
            List<String> integers = new ArrayList<>();
            for (String column : encoded) {
                if (INTEGER_TYPES.contains(types.get(column))) {
                    integers.add(column);
                }
            }
            if (integer != null) {
                integers.add(integer);
            }
            StringBuilder stats = new StringBuilder("SELECT count(*)");
            for (String column : integers) {
                String q = "f." + quoted(column);
                stats.append(", min(").append(q).append("), max(").append(q).append("), count(*) - count(").append(q).append(')');
            }
            long rows;
            Map<String, long[]> ranges = new LinkedHashMap<>();
            try (ResultSet result = statement.executeQuery(stats.append(" FROM ").append(file).append(" f").toString())) {
                result.next();
                rows = result.getLong(1);
                for (int k = 0; k < integers.size(); k++) {
                    if (result.getLong(4 + 3 * k) > 0) {
                        return Optional.empty(); // a missing value: the row reader names its row
                    }
                    ranges.put(integers.get(k), new long[] {result.getLong(2 + 3 * k), result.getLong(3 + 3 * k)});
                }
            }
            if (rows == 0 || rows > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            List<Column> columns = new ArrayList<>();
            for (int c = 0; c < encoded.size(); c++) {
                long[] range = ranges.get(encoded.get(c));
                long size = range == null ? -1 : span(range);
                Column column = size > 0 && size <= DIRECT_LIMIT ? Column.direct(encoded.get(c), range[0], (int) size)
                        : dictionary(statement, encoded.get(c), c);
                if (column == null) {
                    return Optional.empty();
                }
                columns.add(column);
            }
            long[] time = integer == null ? null : ranges.get(integer);
            return Optional.ofNullable(fetch(columns, (int) rows, integer, time));
        } catch (SQLException e) {
            throw new DataFormatException(Path.of(name), name + ": " + e.getMessage(), e);
        }
    }

    /** Integer ids spanning at most this many values are coded by value in a direct table, without a dictionary in SQL. */
    private static final int DIRECT_LIMIT = 1 << 24;
    /** Dictionaries of at most this many values are coded by a {@code CASE} expression instead of a join. */
    private static final int CASE_LIMIT = 64;

    /** {@code max - min + 1} of {@code range = {min, max}}, or -1 when that overflows. */
    private static long span(long[] range) {
        try {
            return Math.addExact(Math.subtractExact(range[1], range[0]), 1);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /**
     * How one encoded column reaches Java.
     *
     * @param sql the BIGINT expression of a row's code (over the file aliased {@code f} and, for a join,
     *     the dictionary {@code d<c>})
     * @param values the number of codes
     * @param offset for a direct column, the smallest value (codes are {@code value - offset}, mapped to
     *     first appearance in Java); null for a dictionary column
     * @param dictionary the dictionary values in order of first appearance (null for a direct column)
     * @param join the dictionary table to join, or null
     */
    private record Column(String sql, int values, Long offset, List<String> dictionary, String join) {
        static Column direct(String name, long min, int size) {
            return new Column("f." + quoted(name) + "::BIGINT - (" + min + ")", size, min, null, null);
        }
    }

    /**
     * A dictionary of column {@code name} in order of first appearance (a temporary table), coded by a
     * {@code CASE} on the values' text when it is small and the text tells the values apart, else by a
     * join; null when a value is missing.
     */
    private Column dictionary(Statement statement, String name, int c) throws SQLException {
        String table = "dictionary" + c;
        statement.execute("CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT " + quoted(name)
                + " AS value, row_number() OVER (ORDER BY min(file_row_number)) - 1 AS code FROM " + file
                + " GROUP BY " + quoted(name));
        List<String> dictionary = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (ResultSet values = statement.executeQuery("SELECT value, CAST(value AS VARCHAR) FROM " + table + " ORDER BY code")) {
            while (values.next()) {
                dictionary.add(values.getString(1));
                keys.add(values.getString(2));
            }
        }
        if (dictionary.contains(null)) {
            return null; // a NULL joins nothing: the row reader names the row
        }
        if (dictionary.size() <= CASE_LIMIT && Set.copyOf(keys).size() == keys.size()) {
            StringBuilder sql = new StringBuilder("CASE CAST(f.").append(quoted(name)).append(" AS VARCHAR)");
            for (int k = 0; k < keys.size(); k++) {
                sql.append(" WHEN ").append(DuckDb.literal(keys.get(k))).append(" THEN ").append(k);
            }
            return new Column(sql.append(" END").toString(), dictionary.size(), null, dictionary, null);
        }
        return new Column("d" + c + ".code", dictionary.size(), null, dictionary, table + " d" + c + " ON f." + quoted(name)
                + " = d" + c + ".value");
    }

    /**
     * Every row's codes and integer value in file order; null if a join lost or doubled a row. The
     * fields are packed into as few BIGINTs as their widths allow: the codes, the integer column less its
     * smallest value when that fits in 40 bits (else it comes whole), and, when there is a join, the row
     * number if it fits in the words needed anyway (each row then goes straight to its place; else DuckDB
     * sorts by it). Without a join the rows come in file order, DuckDB's insertion order, as the row
     * reader's {@code SELECT * FROM read_parquet(...)} relies on too.
     */
    private EncodedColumns fetch(List<Column> columns, int rows, String integer, long[] range) throws SQLException {
        List<String> fields = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (Column column : columns) {
            fields.add(column.sql());
            widths.add(bitsFor(column.values()));
        }
        long span = range == null ? -1 : span(range);
        boolean packedTime = span > 0 && span <= 1L << 40;
        if (packedTime) {
            fields.add("f." + quoted(integer) + "::BIGINT - (" + range[0] + ")");
            widths.add(64 - Long.numberOfLeadingZeros(Math.max(1, span - 1)));
        }
        boolean joins = columns.stream().anyMatch(column -> column.join() != null);
        Packing packing = Packing.of(widths);
        boolean byRowNumber = false;
        if (joins && !sortRows) {
            List<Integer> withRow = new ArrayList<>(widths);
            withRow.add(bitsFor(rows));
            Packing both = Packing.of(withRow);
            if (both.words() == packing.words()) {
                fields.add("f.file_row_number");
                packing = both;
                byRowNumber = true;
            }
        }
        StringBuilder query = new StringBuilder("SELECT ").append(packing.select(fields)).append(", ")
                .append(integer == null || packedTime ? "0" : "f." + quoted(integer)).append(" FROM ").append(file).append(" f");
        for (Column column : columns) {
            if (column.join() != null) {
                query.append(" JOIN ").append(column.join());
            }
        }
        if (joins && !byRowNumber || sortRows) {
            query.append(" ORDER BY f.file_row_number");
        }
        int[][] codes = new int[columns.size()][rows];
        long[] integers = integer == null ? null : new long[rows];
        long[] words = new long[packing.words()];
        int timeField = columns.size();
        int fetched = 0;
        try (PreparedStatement select = connection.prepareStatement(query.toString()); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                if (fetched == rows) {
                    return null;
                }
                for (int w = 0; w < words.length; w++) {
                    words[w] = result.getLong(w + 1);
                    if (result.wasNull()) {
                        return null; // a value no CASE branch matched: cannot happen for a dictionary of the file
                    }
                }
                int row = byRowNumber ? (int) packing.field(words, fields.size() - 1) : fetched;
                for (int c = 0; c < codes.length; c++) {
                    codes[c][row] = (int) packing.field(words, c);
                }
                if (integers != null) {
                    integers[row] = packedTime ? packing.field(words, timeField) + range[0] : result.getLong(words.length + 1);
                }
                fetched++;
            }
        }
        if (fetched != rows) {
            return null;
        }
        List<List<String>> dictionaries = new ArrayList<>();
        for (int c = 0; c < codes.length; c++) {
            Column column = columns.get(c);
            dictionaries.add(column.offset() == null ? column.dictionary() : firstAppearance(codes[c], column.values(), column.offset()));
        }
        return new EncodedColumns(rows, dictionaries, List.of(codes), integers);
    }

    /**
     * Recodes {@code codes} (values less {@code offset}, below {@code values}) in place by order of first
     * appearance, and returns the dictionary: the values as text, as the row reader gives an integer.
     */
    private static List<String> firstAppearance(int[] codes, int values, long offset) {
        int[] code = new int[values];
        java.util.Arrays.fill(code, -1);
        List<String> dictionary = new ArrayList<>();
        for (int row = 0; row < codes.length; row++) {
            int value = codes[row];
            if (code[value] < 0) {
                code[value] = dictionary.size();
                dictionary.add(Long.toString(value + offset));
            }
            codes[row] = code[value];
        }
        return dictionary;
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
                sql.append(sql.isEmpty() ? "" : " | ").append("((").append(fields.get(f)).append(")::BIGINT << ").append(shift[f]).append(')');
            }
            return String.join(", ", words);
        }

        /** Field {@code f} of the fetched {@code words}. */
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
