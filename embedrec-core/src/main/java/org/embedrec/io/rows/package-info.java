/**
 * Sources of rows with named columns: delimited and JSON-lines files, JDBC queries, and formats
 * provided by optional modules through {@link org.embedrec.io.rows.RowSourceFactory}. Loaders in
 * {@code org.embedrec.io} map their columns to users, items, ratings, events and metadata.
 */
package org.embedrec.io.rows;
