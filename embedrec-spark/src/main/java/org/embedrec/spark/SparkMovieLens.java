package org.embedrec.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.ItemCatalog;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.DelimitedRatingsLoader;
import org.embedrec.io.MovieLens;

/**
 * The MovieLens releases read with Spark from any Hadoop file system: the ratings file is read in
 * parallel by {@link SparkRatings#readDelimited}, the (small) movies file by the core loader on the
 * driver, so titles, years, genres and encodings are handled exactly as by {@link MovieLens}.
 */
public final class SparkMovieLens {
    private SparkMovieLens() {
    }

    /**
     * The layout of the release in folder {@code dir}, recognised by its ratings file.
     *
     * @throws DataFormatException if the folder holds none of ratings.csv, ratings.dat, u.data
     */
    public static MovieLens.Layout layout(SparkSession spark, String dir) {
        for (MovieLens.Layout layout : new MovieLens.Layout[] {MovieLens.Layout.CSV, MovieLens.Layout.DAT, MovieLens.Layout.ML_100K}) {
            if (exists(spark, child(dir, layout.ratingsFile()))) {
                return layout;
            }
        }
        throw new DataFormatException(SparkRatings.fileName(dir), "no MovieLens ratings file (ratings.csv, ratings.dat or u.data) in " + dir);
    }

    /** The ratings of the release in {@code dir} in {@link SparkRatings#SCHEMA}; repeated pairs are an error. */
    public static Dataset<Row> ratings(SparkSession spark, String dir) {
        MovieLens.Layout layout = layout(spark, dir);
        return SparkRatings.readDelimited(spark, child(dir, layout.ratingsFile()), ratingsOptions(layout));
    }

    /** The options the core loader reads each layout's ratings file with. */
    static DelimitedRatingsLoader.Options ratingsOptions(MovieLens.Layout layout) {
        return switch (layout) {
            case CSV -> DelimitedRatingsLoader.Options.csv();
            case DAT -> DelimitedRatingsLoader.Options.tsv().withSeparator("::");
            case ML_100K -> DelimitedRatingsLoader.Options.tsv();
        };
    }

    /**
     * The movie catalog of the release in {@code dir}, in movies-file order, as {@link MovieLens#load}
     * builds it.
     *
     * @throws DataFormatException if the movies file is missing or malformed
     */
    public static ItemCatalog catalog(SparkSession spark, String dir) {
        MovieLens.Layout layout = layout(spark, dir);
        Path local;
        try {
            local = Files.createTempDirectory("embedrec-movielens");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
        try {
            // The core parser is reached through MovieLens.load, which wants a ratings file too: give it
            // the movies file(s) and a one-line ratings file naming the first movie, so the catalog is
            // exactly the movies file's and nothing else is read on the driver.
            copy(spark, child(dir, layout.moviesFile()), local.resolve(layout.moviesFile()));
            if (layout == MovieLens.Layout.ML_100K) {
                copy(spark, child(dir, "u.genre"), local.resolve("u.genre"));
            }
            String firstMovie = firstMovieId(local.resolve(layout.moviesFile()), layout);
            String oneRating = switch (layout) {
                case CSV -> "userId,movieId,rating,timestamp\n0," + firstMovie + ",1,0\n";
                case DAT -> "0::" + firstMovie + "::1::0\n";
                case ML_100K -> "0\t" + firstMovie + "\t1\t0\n";
            };
            Files.writeString(local.resolve(layout.ratingsFile()), oneRating, StandardCharsets.UTF_8);
            return MovieLens.load(local).catalog();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the movies file of " + dir, e);
        } finally {
            deleteRecursively(local);
        }
    }

    private static String firstMovieId(Path movies, MovieLens.Layout layout) throws IOException {
        String separator = switch (layout) {
            case CSV -> ",";
            case DAT -> "::";
            case ML_100K -> "|";
        };
        // Latin-1 decodes any bytes, and ids are ASCII digits in every release.
        try (Stream<String> lines = Files.lines(movies, StandardCharsets.ISO_8859_1)) {
            return lines.skip(layout == MovieLens.Layout.CSV ? 1 : 0)
                    .filter(line -> !line.isBlank())
                    .map(line -> line.substring(0, Math.max(0, line.indexOf(separator))).trim())
                    .findFirst()
                    .orElseThrow(() -> new DataFormatException(movies.getFileName(), movies.getFileName() + " lists no movie"));
        }
    }

    static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static boolean exists(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(hadoopPath) && fs.getFileStatus(hadoopPath).isFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + path, e);
        }
    }

    private static void copy(SparkSession spark, String from, Path to) throws IOException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(from);
        FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(source) || !fs.getFileStatus(source).isFile()) {
            throw new DataFormatException(SparkRatings.fileName(from), "file not found: " + from);
        }
        try (InputStream in = fs.open(source)) {
            Files.copy(in, to);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}
