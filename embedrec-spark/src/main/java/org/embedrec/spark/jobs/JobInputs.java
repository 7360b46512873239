package org.embedrec.spark.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.io.PrintWriter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.SplitSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.Recommender;
import org.embedrec.io.DataSpec;
import org.embedrec.io.MovieLens;
import org.embedrec.io.rows.RowSources;
import org.embedrec.spark.SparkInteractions;
import org.embedrec.spark.IndexedRatings;
import org.embedrec.spark.SparkMovieLens;
import org.embedrec.spark.SparkRatings;
import org.embedrec.spark.SparkSplits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options every job shares: where the ratings are, how to read and split them, and model file transfer. */
final class JobInputs {
    /** At most one ratings source. */
    static final class Source {
        @Option(names = {"-d", "--data"}, paramLabel = "SOURCE",
                description = "a MovieLens folder (layout detected), an interactions file or glob (CSV, TSV, JSON lines, Parquet;"
                        + " format from the extension or --format), or a data spec file (.yaml/.json, local); any Hadoop file system")
        String data;

        @Option(names = "--ratings", paramLabel = "PATH",
                description = "a MovieLens-style ratings file or Parquet folder (userId, movieId, rating, timestamp; see --format)")
        String ratings;
    }

    /** The ratings source and the flags that map its columns, as embedrec's own {@code --data} flags. */
    static class Input {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Source source;

        @Option(names = "--format", paramLabel = "FORMAT", description = "format of --data: csv, tsv, jsonl or parquet (default:"
                + " from the extension); of --ratings: csv (header userId,movieId,rating,timestamp; the default), dat (::), tsv, parquet")
        String format;

        @Option(names = "--no-header", description = "CSV/TSV files have no header line: columns are named 1, 2, 3, ... by position")
        boolean noHeader;

        @Option(names = "--user-col", paramLabel = "NAME", description = "the user column (default: user, or 1 without a header)")
        String userColumn;

        @Option(names = "--item-col", paramLabel = "NAME", description = "the item column (default: item, or 2 without a header)")
        String itemColumn;

        @Option(names = "--rating-col", paramLabel = "NAME|none",
                description = "the rating column (default: rating if present, or 3); none = implicit data")
        String ratingColumn;

        @Option(names = "--time-col", paramLabel = "NAME|none",
                description = "the time column: seconds since 1970 or ISO date-times (default: timestamp or time if present, or 4)")
        String timeColumn;

        @Option(names = "--event-col", paramLabel = "NAME|none", description = "the event type column of implicit data (default: event if present)")
        String eventColumn;

        @Option(names = "--event-weights", paramLabel = "TYPE=W,...", description = "weight of each event type, e.g. view=1,cart=3,purchase=5")
        String eventWeights;

        @Option(names = "--scale", paramLabel = "MIN-MAX[/STEP]",
                description = "the rating scale, e.g. 1-5 or 0.5-5/0.5 (default: inferred, and ratings off it are errors)")
        String scale;

        @Option(names = "--on-bad-row", paramLabel = "error|skip", description = "a missing or invalid value: stop with an error (default), or skip the row and count it")
        String onBadRow;

        @Option(names = "--duplicates", paramLabel = "error|last|mean", description = "a user rating an item twice, explicit data (default: error)")
        String duplicates;

        @Option(names = "--aggregate", paramLabel = "sum|count|last",
                description = "repeated (user, item) interactions of implicit data: sum of weights (default), count, or last weight")
        String aggregate;

        @Option(names = "--item-metadata", paramLabel = "FILE", description = "item metadata file (local; read on the driver by core)")
        String itemMetadata;

        /** Whether a source was given. */
        boolean given() {
            return source != null;
        }

        /**
         * The ratings, indexed as core indexes them, with a summary line (and the skipped rows) on {@code out}.
         *
         * @throws IllegalArgumentException if no source was given, or a flag does not fit the source
         */
        SparkInteractions.Loaded read(SparkSession spark, PrintWriter out) {
            if (source == null) {
                throw new IllegalArgumentException("give the ratings: --data SOURCE (or --ratings PATH)");
            }
            SparkInteractions.Loaded loaded = load(spark);
            IndexedRatings ratings = loaded.ratings();
            out.printf(Locale.ROOT, "loaded %,d %s, %,d users, %,d items%n", ratings.rows().count(),
                    loaded.implicit() ? "interactions (implicit)" : "ratings", ratings.users().size(), ratings.items().size());
            if (loaded.skipped() > 0) {
                out.printf(Locale.ROOT, "skipped %,d bad row(s) (--on-bad-row skip); the first: %s%n", loaded.skipped(),
                        loaded.firstSkipped());
            }
            return loaded;
        }

        private SparkInteractions.Loaded load(SparkSession spark) {
            if (source.ratings != null) {
                requireNoMapping("--ratings (MovieLens columns)");
                Dataset<Row> rows = switch (format == null ? "csv" : format) {
                    // The MovieLens layouts' ratings files: ratings.csv, ratings.dat and ML-100K's u.data.
                    case "csv" -> SparkRatings.readDelimited(spark, source.ratings, MovieLens.Layout.CSV.ratingsOptions());
                    case "dat" -> SparkRatings.readDelimited(spark, source.ratings, MovieLens.Layout.DAT.ratingsOptions());
                    case "tsv" -> SparkRatings.readDelimited(spark, source.ratings, MovieLens.Layout.ML_100K.ratingsOptions());
                    case "parquet" -> SparkRatings.readParquet(spark, source.ratings);
                    default -> throw new IllegalArgumentException("unknown --format '" + format + "', expected csv, dat, tsv or parquet");
                };
                return new SparkInteractions.Loaded(IndexedRatings.of(rows, null), false, 0, null);
            }
            String folder = movieLensFolder(spark);
            if (folder != null) {
                return new SparkInteractions.Loaded(IndexedRatings.of(SparkMovieLens.ratings(spark, folder),
                        SparkMovieLens.catalog(spark, folder)), false, 0, null);
            }
            DataSpec spec = spec();
            return SparkInteractions.read(spark, spec, spec.format() != null ? spec.format() : RowSources.formatOf(Path.of(spec.source())));
        }

        /**
         * The MovieLens folder --data names (itself, or a spec file's source), or null when it names files: a
         * folder whose name has no extension ({@code ratings.parquet/} is Parquet part files).
         *
         * @throws IllegalArgumentException for mapping flags or spec keys given with a MovieLens folder
         */
        String movieLensFolder(SparkSession spark) {
            if (source == null || source.data == null) {
                return null;
            }
            String folder = isSpecFile(source.data) ? spec().source() : source.data;
            if (RowSources.isGlob(folder) || format != null && SparkInteractions.FORMATS.contains(format)
                    || SparkRatings.fileName(folder).toString().contains(".") || !isDirectory(spark, folder)) {
                return null;
            }
            DataSpec spec = spec();
            DataSpec plain = DataSpec.of(spec.source());
            if (!spec.equals(plain) && !spec.equals(new DataSpec(spec.source(), "movielens", null, true, plain.columns(),
                    plain.eventWeights(), null, plain.duplicates(), plain.aggregate(), plain.onBadRow(), null, null))) {
                throw new IllegalArgumentException(folder + " is a MovieLens folder, read with its own columns and scale;"
                        + " to map columns yourself, give its ratings file (e.g. " + folder + "/ratings.csv)");
            }
            return folder;
        }

        /**
         * The data spec of --data and the mapping flags, read as embedrec's {@code --data} reads them: flags given
         * beside a spec file override its keys.
         */
        DataSpec spec() {
            Map<String, Object> map = new LinkedHashMap<>();
            Path base = Path.of(".");
            if (isSpecFile(source.data)) {
                map.putAll(readSpecFile(Path.of(source.data)));
                base = Path.of(source.data).toAbsolutePath().getParent();
            } else {
                map.put("source", source.data);
            }
            overrides(format).applyTo(map);
            DataSpec spec = DataSpec.fromMap(map, base);
            if (spec.query() != null) {
                throw new IllegalArgumentException("the Spark jobs read files, not JDBC queries (" + spec.describe()
                        + "); export the query's result to Parquet, or use embedrec's own commands");
            }
            return spec;
        }

        /** The flags that the jobs and {@code embedrec} share, with {@code format} for --format. */
        private DataSpec.Overrides overrides(String format) {
            return new DataSpec.Overrides(format, noHeader, userColumn, itemColumn, ratingColumn, timeColumn, eventColumn,
                    eventWeights, scale, onBadRow, duplicates, aggregate, itemMetadata);
        }

        private void requireNoMapping(String what) {
            if (overrides(null).any()) { // --format is --ratings' own flag too
                throw new IllegalArgumentException("the mapping flags (--user-col, --scale, ...) describe a --data source, not "
                        + what + "; give the file with --data");
            }
        }
    }

    /** The ratings source and split, as mixed into each job that needs ratings. */
    static final class Data extends Input {
        @Option(names = "--split", defaultValue = SplitSpec.DEFAULT, paramLabel = "SPEC",
                description = "test hold-out: " + SplitSpec.SYNTAX + ", or none; default ${DEFAULT-VALUE} (as embedrec train)")
        String split;

        @Option(names = "--split-seed", defaultValue = "42", description = "seed of the split; default ${DEFAULT-VALUE}")
        long seed;

        /** The ratings as {@link Input#read} reads them; a bad --split fails before any data is read. */
        @Override
        SparkInteractions.Loaded read(SparkSession spark, PrintWriter out) {
            splitSpec(spark);
            return super.read(spark, out);
        }

        /** The split of {@code rows} that --split asks for ({@link SplitSpec} syntax), or {@code null} for none. */
        SparkSplits.Split split(SparkSession spark, Dataset<Row> rows) {
            SplitSpec spec = splitSpec(spark);
            if (spec instanceof SplitSpec.Predefined predefined) {
                return SparkMovieLens.predefinedSplit(spark, movieLensFolder(spark), rows, predefined.name());
            }
            return spec == null ? null : SparkSplits.of(rows, spec, seed);
        }

        /** What --split names, in the command line's syntax, or {@code null} for none (or no --split option). */
        private SplitSpec splitSpec(SparkSession spark) {
            SplitSpec spec = split == null || split.strip().equalsIgnoreCase("none") ? null : SplitSpec.parse(split);
            if (spec instanceof SplitSpec.Predefined && movieLensFolder(spark) == null) {
                throw new IllegalArgumentException("split " + spec + " is read from an ML-100K folder: give it with --data");
            }
            return spec;
        }
    }

    /** Whether {@code data} is a local data spec file: .yaml/.yml, or .json holding one object with a source. */
    private static boolean isSpecFile(String data) {
        String lower = data.toLowerCase(Locale.ROOT);
        if (data.contains("://") || !Files.isRegularFile(Path.of(data))) {
            return false;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return true;
        }
        try {
            return lower.endsWith(".json") && new ObjectMapper().readValue(Path.of(data).toFile(), Map.class).containsKey("source");
        } catch (IOException e) {
            return false; // several objects, one per line: JSON-lines data
        }
    }

    private static Map<String, Object> readSpecFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try {
            Map<String, Object> map = mapper.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            if (map == null) {
                throw new IllegalArgumentException("the data spec file " + file + " is empty");
            }
            return map;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the data spec file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDirectory(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(hadoopPath) && fs.getFileStatus(hadoopPath).isDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + path, e);
        }
    }

    private JobInputs() {
    }

    /** Saves {@code model} to {@code uri} (a local path, or any Hadoop file system URI via a local copy). */
    static void save(SparkSession spark, Recommender model, String uri) throws IOException {
        if (isLocal(uri)) {
            ModelFiles.save(model, localPath(uri));
            return;
        }
        Path local = Files.createTempFile("embedrec-model", ".embedrec");
        try {
            ModelFiles.save(model, local);
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(target, true)) {
                Files.copy(local, out);
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** Loads the matrix factorization model at {@code uri} (local, or copied from a Hadoop file system). */
    static MatrixFactorizationModel load(SparkSession spark, String uri) throws IOException {
        if (isLocal(uri)) {
            return ModelFiles.load(localPath(uri), MatrixFactorizationModel.class);
        }
        Path local = Files.createTempFile("embedrec-model", ".embedrec");
        try {
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(source)) {
                Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return ModelFiles.load(local, MatrixFactorizationModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + uri, e);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private static boolean isLocal(String uri) {
        return !uri.contains("://") || uri.startsWith("file:");
    }

    private static Path localPath(String uri) {
        return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
    }
}
