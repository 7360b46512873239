package org.embedrec.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.SplitSpec;
import org.embedrec.io.DataFormatException;
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
     * The layout of the release in folder {@code dir}, recognised by its ratings file as {@link MovieLens}
     * recognises it.
     *
     * @throws DataFormatException if the folder holds none of u.data, ratings.dat, ratings.csv
     */
    public static MovieLens.Layout layout(SparkSession spark, String dir) {
        for (MovieLens.Layout layout : MovieLens.Layout.values()) {
            if (exists(spark, child(dir, layout.ratingsFile()))) {
                return layout;
            }
        }
        throw new DataFormatException(SparkRatings.fileName(dir), "no MovieLens ratings file (ratings.csv, ratings.dat or u.data) in " + dir);
    }

    /** The ratings of the release in {@code dir} in {@link SparkRatings#SCHEMA}; repeated pairs are an error. */
    public static Dataset<Row> ratings(SparkSession spark, String dir) {
        MovieLens.Layout layout = layout(spark, dir);
        return SparkRatings.readDelimited(spark, child(dir, layout.ratingsFile()), layout.ratingsOptions());
    }

    /**
     * The movie catalog of the release in {@code dir}, in movies-file order, as {@link MovieLens#load}
     * builds it: the layout's catalog files are copied to the driver and read by
     * {@link MovieLens#loadCatalog(Path, MovieLens.Layout)}.
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
            for (String file : layout.catalogFiles()) {
                copy(spark, child(dir, file), local.resolve(file));
            }
            return MovieLens.loadCatalog(local, layout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the movies file of " + dir, e);
        } finally {
            deleteRecursively(local);
        }
    }

    /**
     * One of ML-100K's predefined splits of the release in {@code dir} ({@code u1}..{@code u5}, {@code ua},
     * {@code ub}), as {@link MovieLens#predefinedSplit} gives it: the rows of {@code ratings} (the release's
     * ratings, indexed or not) whose (user, item) pair is in {@code NAME.base} form the training part, those
     * in {@code NAME.test} the test part. Each part keeps every column of {@code ratings}.
     *
     * @throws IllegalArgumentException if {@code name} is not a predefined split
     * @throws DataFormatException if the folder is not ML-100K, a split file is missing or malformed, or it
     *     holds a rating that {@code ratings} lacks
     */
    public static SparkSplits.Split predefinedSplit(SparkSession spark, String dir, Dataset<Row> ratings, String name) {
        if (!SplitSpec.PREDEFINED.contains(name)) {
            throw new IllegalArgumentException("unknown predefined split '" + name + "', expected one of " + SplitSpec.PREDEFINED);
        }
        MovieLens.Layout layout = layout(spark, dir);
        if (layout != MovieLens.Layout.ML_100K) {
            throw new DataFormatException(SparkRatings.fileName(dir), "predefined splits exist only in ML-100K, but " + dir
                    + " holds the " + layout + " layout");
        }
        return new SparkSplits.Split(part(spark, dir, ratings, name + ".base"), part(spark, dir, ratings, name + ".test"));
    }

    /** The rows of {@code ratings} whose (user, item) pairs the split file {@code name} lists. */
    private static Dataset<Row> part(SparkSession spark, String dir, Dataset<Row> ratings, String name) {
        Dataset<Row> listed = SparkRatings.readDelimited(spark, child(dir, name), MovieLens.Layout.ML_100K.ratingsOptions())
                .select(SparkRatings.USER, SparkRatings.ITEM);
        Dataset<Row> part = ratings.join(listed, new String[] {SparkRatings.USER, SparkRatings.ITEM}, "left_semi");
        long missing = listed.count() - part.count();
        if (missing != 0) {
            throw new DataFormatException(SparkRatings.fileName(name), name + " holds " + missing
                    + " rating(s) that " + MovieLens.Layout.ML_100K.ratingsFile() + " lacks");
        }
        return part;
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
