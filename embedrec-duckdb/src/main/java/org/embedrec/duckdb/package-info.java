/**
 * Files read and written through an embedded DuckDB: {@link org.embedrec.duckdb.DuckDbRowSourceFactory}
 * gives core's loaders the rows of Parquet files (found with {@link java.util.ServiceLoader}) and, for
 * speed, a Parquet file as whole columns that DuckDB dictionary-encodes in SQL
 * ({@link org.embedrec.duckdb.DuckDbColumnarSource}), and
 * {@link org.embedrec.duckdb.DuckDb} reads any file DuckDB reads as a
 * {@link org.embedrec.io.rows.JdbcRowSource} and writes query results to Parquet (for
 * {@code generate} and the tests). A module of its own because DuckDB's native library is large.
 */
package org.embedrec.duckdb;
