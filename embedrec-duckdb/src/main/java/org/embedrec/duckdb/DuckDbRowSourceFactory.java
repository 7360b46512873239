package org.embedrec.duckdb;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.embedrec.io.rows.ColumnarSource;
import org.embedrec.io.rows.RowSource;
import org.embedrec.io.rows.RowSourceFactory;

/**
 * Parquet files as rows for the embedrec loaders, read by an embedded DuckDB
 * ({@code SELECT * FROM read_parquet(?)}); registered in
 * {@code META-INF/services/org.embedrec.io.rows.RowSourceFactory}. Positions in messages are
 * "row N", counted from 1 in file order.
 *
 * <p>CSV, TSV and JSON lines stay with core's own readers; DuckDB can read them too
 * ({@link DuckDb#read}), and docs/BENCHMARKS.md compares the two.
 */
public final class DuckDbRowSourceFactory implements RowSourceFactory {
    /** The DuckDB table function per format this factory serves. */
    private static final Map<String, String> READERS = Map.of("parquet", "read_parquet");

    @Override
    public String name() {
        return "DuckDB";
    }

    @Override
    public Optional<RowSource> open(Path file, String format) {
        String reader = READERS.get(format);
        return reader == null ? Optional.empty() : Optional.of(DuckDb.read(file, reader));
    }

    /** A Parquet file as whole columns, dictionary-encoded by DuckDB ({@link DuckDbColumnarSource}). */
    @Override
    public Optional<ColumnarSource> openColumnar(Path file, String format) {
        String reader = READERS.get(format);
        return reader == null ? Optional.empty() : Optional.of(DuckDbColumnarSource.open(file, reader));
    }
}
