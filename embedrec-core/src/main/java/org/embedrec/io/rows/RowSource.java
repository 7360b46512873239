package org.embedrec.io.rows;

import java.util.List;

/**
 * Rows of named columns read once, in order, from a file, a database query or a generator: what
 * every interaction and metadata loader consumes, whatever the source. Values are text as the source
 * holds it ({@code null} for an SQL NULL or a missing JSON field); the loader parses and validates
 * them, so that every source gives the same errors and the same data set for the same rows.
 *
 * <p>Usage: {@code while (rows.next()) { ... rows.value(i) ... }}, then {@link #close()}.
 */
public interface RowSource extends AutoCloseable {
    /**
     * Names the source in messages: a file path, or a JDBC URL and query without credentials.
     */
    String name();

    /** The column names in order, as the header or the query result names them. */
    List<String> columns();

    /**
     * Advances to the next row.
     *
     * @return false at the end of the source
     * @throws org.embedrec.io.DataFormatException when the source cannot be read at this row
     */
    boolean next();

    /**
     * The value of column {@code column} (0-based, in {@link #columns()} order) of the current row,
     * or null when the row has none.
     */
    String value(int column);

    /** Where the current row is, for messages: "line 17" for a text file, "row 17" for Parquet or SQL. */
    String position();

    /** The current row as text for messages: the line of a text file, or the values joined by commas. */
    String text();

    /** Releases the file or the connection; unchecked, since a source is only ever read. */
    @Override
    void close();
}
