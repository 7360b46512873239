package org.embedrec.io.rows;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens files of a format core cannot read itself, such as Parquet: a module on the class path
 * (e.g. {@code embedrec-duckdb}) lists its implementation in
 * {@code META-INF/services/org.embedrec.io.rows.RowSourceFactory} and the file loaders find it with {@link java.util.ServiceLoader}.
 */
public interface RowSourceFactory {
    /** A short name for messages, e.g. "DuckDB". */
    String name();

    /**
     * The rows of {@code file}, or empty when this factory does not read files of its kind.
     *
     * @param format the format named by the user or the data spec ("parquet", "csv", ...), lower case
     */
    Optional<RowSource> open(Path file, String format);

    /**
     * {@code file} as whole columns, or empty when this factory reads files of this kind only as rows
     * (the default).
     *
     * @param format as for {@link #open}
     */
    default Optional<ColumnarSource> openColumnar(Path file, String format) {
        return Optional.empty();
    }
}
