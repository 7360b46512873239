package org.embedrec.io.rows;

import java.util.List;
import java.util.Optional;

/**
 * A file that can hand over whole columns at once, dictionary-encoded ({@link EncodedColumns}), which a
 * columnar engine does far faster than it gives rows one value at a time; opened by
 * {@link RowSourceFactory#openColumnar}. The interaction loader validates the distinct values and, when
 * one is bad, reads the same file as rows ({@link RowSource}) to name the row.
 */
public interface ColumnarSource extends AutoCloseable {
    /** Names the source in messages, as its {@link RowSource#name()} does. */
    String name();

    /** The column names in order, as its {@link RowSource#columns()} gives them. */
    List<String> columns();

    /**
     * Reads every row's values of the {@code encoded} columns as dictionaries and codes, and of
     * {@code integer} as integers.
     *
     * @param encoded column names, each to be dictionary-encoded
     * @param integer a column name to read as integers, or null
     * @return empty when this source cannot give the columns so (e.g. {@code integer} is not an integer
     *     column or has missing values); the loader then reads rows
     */
    Optional<EncodedColumns> read(List<String> encoded, String integer);

    /** Releases the file; unchecked, since a source is only ever read. */
    @Override
    void close();
}
