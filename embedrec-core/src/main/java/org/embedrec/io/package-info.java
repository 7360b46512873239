/**
 * Loaders and file formats: rating data from disk into {@link org.embedrec.data.Dataset}s, and model files.
 *
 * <ul>
 *   <li>{@link org.embedrec.io.MovieLens} loads every MovieLens release (100K, 1M, 10M and the CSV
 *       releases ml-latest, ml-20m, ml-25m), detecting the layout from the folder contents, plus the
 *       100K predefined splits and user profiles; {@link org.embedrec.io.MovieLens.Layout} names each
 *       layout's files and ratings options, and {@code loadCatalog} reads a movie catalog alone.
 *   <li>{@link org.embedrec.io.DelimitedRatingsLoader} loads any delimited ratings file (CSV, TSV,
 *       {@code ::}) with configurable columns, charset and duplicate policy; its rules for one line are
 *       {@link org.embedrec.io.RatingLineParser}, with numbers read by {@link org.embedrec.io.Decimals},
 *       which the Spark readers use too.
 *   <li>{@link org.embedrec.io.DataSpec} describes any data source (a MovieLens folder, interaction files or
 *       a glob, a JDBC query; column mapping, event weights, scale and policies; an item catalog) and
 *       {@link org.embedrec.io.DataLoader} loads and splits it: the one way the command line, the server
 *       and the report read data. Files and queries go through {@link org.embedrec.io.InteractionLoader}
 *       (rows of {@link org.embedrec.io.rows.RowSource}s mapped by column name) and
 *       {@link org.embedrec.io.MetadataLoader} (item catalogs and user attributes: titles, categories).
 *   <li>{@link org.embedrec.io.DataFormatException} is thrown for every bad input: it names the file,
 *       the 1-based line and the offending text.
 *   <li>{@link org.embedrec.io.ModelFiles} saves and loads fitted models in the embedrec model file
 *       format (safetensors layout with versioned JSON metadata, see docs/MODEL_FORMAT.md);
 *       {@link org.embedrec.io.ModelFileException} reports unreadable, corrupt or newer-version files;
 *       {@link org.embedrec.io.ModelFileSummary} describes a model from its header alone. Each model
 *       kind is one {@link org.embedrec.io.ModelCodec}, kept in its family's package and listed by its
 *       {@link org.embedrec.family.ModelFamily}, reading through {@link org.embedrec.io.StoredModel};
 *       {@link org.embedrec.io.AtomicFiles} writes
 *       every file so that a failure never leaves a half-written one in place.
 *   <li>Plain rating files take a byte-level fast path, and large ones get a checksummed binary
 *       cache beside them ({@link org.embedrec.io.MovieLens.CachePolicy}), rebuilt when stale.
 * </ul>
 *
 * <p>Loaders parse without an object per rating, so they scale to tens of millions of ratings.
 */
package org.embedrec.io;
