/**
 * Sources of rows with named columns: CSV and TSV files ({@link org.embedrec.io.rows.DelimitedRowSource}),
 * JSON lines ({@link org.embedrec.io.rows.JsonLinesRowSource}), JDBC queries
 * ({@link org.embedrec.io.rows.JdbcRowSource}), and formats provided by optional modules through
 * {@link org.embedrec.io.rows.RowSourceFactory}, which may also hand a file over as whole dictionary-encoded
 * columns ({@link org.embedrec.io.rows.ColumnarSource}, {@link org.embedrec.io.rows.EncodedColumns}); {@link org.embedrec.io.rows.RowSources} opens a file by
 * its format and expands globs. Loaders in {@code org.embedrec.io} map their columns to users, items,
 * ratings, events and metadata.
 */
package org.embedrec.io.rows;
