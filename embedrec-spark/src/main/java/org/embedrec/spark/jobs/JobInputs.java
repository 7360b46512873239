package org.embedrec.spark.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.SplitSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.Recommender;
import org.embedrec.io.MovieLens;
import org.embedrec.spark.IndexedRatings;
import org.embedrec.spark.SparkMovieLens;
import org.embedrec.spark.SparkRatings;
import org.embedrec.spark.SparkSplits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options every job shares: where the ratings are, how to split them, and model file transfer. */
final class JobInputs {
    /** Exactly one ratings source. */
    static final class Source {
        @Option(names = "--data", paramLabel = "DIR",
                description = "MovieLens release folder (ml-latest, ml-25m, ml-1m, ml-100k layouts; any Hadoop file system)")
        String movieLens;

        @Option(names = "--ratings", paramLabel = "PATH", description = "a ratings file or Parquet folder (see --format)")
        String ratings;
    }

    /** The ratings source and split, as mixed into each job. */
    static final class Data {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
                description = "format of --ratings: csv (header userId,movieId,rating,timestamp), dat (::), tsv, parquet; default ${DEFAULT-VALUE}")
        String format;

        @Option(names = "--split", defaultValue = SplitSpec.DEFAULT, paramLabel = "SPEC",
                description = "test hold-out: " + SplitSpec.SYNTAX + ", or none; default ${DEFAULT-VALUE} (as embedrec train)")
        String split;

        @Option(names = "--split-seed", defaultValue = "42", description = "seed of the split; default ${DEFAULT-VALUE}")
        long seed;

        /** The ratings, indexed with the movie catalog when the source is a MovieLens folder. */
        IndexedRatings read(SparkSession spark) {
            splitSpec(); // a bad --split fails before any data is read
            if (source.movieLens != null) {
                return IndexedRatings.of(SparkMovieLens.ratings(spark, source.movieLens), SparkMovieLens.catalog(spark, source.movieLens));
            }
            Dataset<Row> rows = switch (format) {
                // The MovieLens layouts' ratings files: ratings.csv, ratings.dat and ML-100K's u.data.
                case "csv" -> SparkRatings.readDelimited(spark, source.ratings, MovieLens.Layout.CSV.ratingsOptions());
                case "dat" -> SparkRatings.readDelimited(spark, source.ratings, MovieLens.Layout.DAT.ratingsOptions());
                case "tsv" -> SparkRatings.readDelimited(spark, source.ratings, MovieLens.Layout.ML_100K.ratingsOptions());
                case "parquet" -> SparkRatings.readParquet(spark, source.ratings);
                default -> throw new IllegalArgumentException("unknown --format '" + format + "', expected csv, dat, tsv or parquet");
            };
            return IndexedRatings.of(rows, null);
        }

        /** The split of {@code rows} that --split asks for ({@link SplitSpec} syntax), or {@code null} for none. */
        SparkSplits.Split split(SparkSession spark, Dataset<Row> rows) {
            SplitSpec spec = splitSpec();
            if (spec instanceof SplitSpec.Predefined predefined) {
                return SparkMovieLens.predefinedSplit(spark, source.movieLens, rows, predefined.name());
            }
            return spec == null ? null : SparkSplits.of(rows, spec, seed);
        }

        /** What --split names, in the command line's syntax, or {@code null} for none (or no --split option). */
        private SplitSpec splitSpec() {
            SplitSpec spec = split == null || split.strip().equalsIgnoreCase("none") ? null : SplitSpec.parse(split);
            if (spec instanceof SplitSpec.Predefined && source.movieLens == null) {
                throw new IllegalArgumentException("split " + spec + " is read from an ML-100K folder: give it with --data");
            }
            return spec;
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
