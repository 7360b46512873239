package org.embedrec.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.DelimitedRatingsLoader;
import org.embedrec.io.RatingLineParser;
import scala.Tuple2;

/**
 * Reads ratings from Spark sources into one tabular form, {@link #SCHEMA}: external user and item
 * ids as strings, the rating as a float, the timestamp in seconds and the 1-based line (for text
 * files) or row order (for Parquet) that orders ratings as a file reader meets them.
 *
 * <p><b>Delimited text</b> ({@link #readDelimited}) follows {@link DelimitedRatingsLoader} exactly: the
 * same {@link DelimitedRatingsLoader.Options} (separator, header, columns, duplicate policy), blank lines
 * skipped, a byte order mark dropped, and each line parsed by core's {@link RatingLineParser}, so fields
 * are trimmed and checked alike and errors read the same. The
 * first malformed line of the file is reported as a {@link DataFormatException} naming the file, the
 * 1-based line and its text, whichever executor meets it. Text is read as UTF-8 (Hadoop's text input);
 * undecodable bytes are reported at their line. One file per call, so that line numbers are meaningful.
 *
 * <p><b>Parquet</b> ({@link #readParquet}) takes the MovieLens CSV header names by default
 * ({@code userId, movieId, rating, timestamp}); ids of any type become strings. Parquet has no lines,
 * so an error names the part file and the offending row's values.
 *
 * <p>The returned frames are persisted (memory and disk) because validation and the jobs that follow
 * both read them; call {@code unpersist()} when done with very large inputs.
 */
public final class SparkRatings {
    /** External user id column (string). */
    public static final String USER = "user";
    /** External item id column (string). */
    public static final String ITEM = "item";
    /** Rating column (float; 1.0 for implicit data without ratings). */
    public static final String RATING = "rating";
    /** Timestamp column (long seconds since the epoch; 0 when the source has none). */
    public static final String TIMESTAMP = "timestamp";
    /** Source order column: 1-based line of a text file, or increasing row order of a Parquet source. */
    public static final String LINE = "line";

    /** The columns every reader returns, in this order. */
    public static final StructType SCHEMA = new StructType()
            .add(USER, DataTypes.StringType, false)
            .add(ITEM, DataTypes.StringType, false)
            .add(RATING, DataTypes.FloatType, false)
            .add(TIMESTAMP, DataTypes.LongType, false)
            .add(LINE, DataTypes.LongType, false);

    private static final String PROBLEM = "problem";
    private static final String TEXT = "text";
    private static final StructType PARSED = SCHEMA
            .add(PROBLEM, DataTypes.StringType, true)
            .add(TEXT, DataTypes.StringType, true);

    private SparkRatings() {
    }

    /**
     * Reads one delimited ratings file (any Hadoop file system path) as {@link DelimitedRatingsLoader}
     * would, into {@link #SCHEMA}.
     *
     * @throws IllegalArgumentException if {@code options} asks for a charset other than UTF-8
     * @throws DataFormatException if the file is missing, holds no rating, or has a malformed line
     */
    public static Dataset<Row> readDelimited(SparkSession spark, String path, DelimitedRatingsLoader.Options options) {
        Objects.requireNonNull(options, "options");
        if (!options.charset().equals(StandardCharsets.UTF_8)) {
            throw new IllegalArgumentException("Spark reads text as UTF-8; cannot read " + path + " as " + options.charset());
        }
        Path file = fileName(path);
        requireFile(spark, path, file);
        JavaRDD<Tuple2<Long, String>> lines = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .textFile(path)
                .zipWithIndex()
                .map(numbered -> new Tuple2<>(numbered._2() + 1, numbered._2() == 0
                        ? stripByteOrderMark(numbered._1()) : numbered._1()))
                .filter(numbered -> !numbered._2().isBlank());
        List<Tuple2<Long, String>> firstTwo = lines.take(2);
        if (firstTwo.isEmpty() || (options.header() && firstTwo.size() == 1)) {
            throw new DataFormatException(file, path + " holds no ratings" + (options.header() ? " below its header line" : ""));
        }
        Tuple2<Long, String> first = firstTwo.get(0);
        // The first line fixes the field count; the parser carries it to the executors.
        RatingLineParser parser = new RatingLineParser(options);
        String firstProblem = problem(parser, first._1(), first._2(), options.header());
        if (firstProblem != null) {
            throw new DataFormatException(file, first._1(), first._2(), firstProblem);
        }
        long headerLine = options.header() ? first._1() : 0;
        JavaRDD<Row> rows = lines
                .filter(numbered -> numbered._1() != headerLine)
                .map(numbered -> parse(parser, numbered._1(), numbered._2()));
        Dataset<Row> parsed = spark.createDataFrame(rows, PARSED).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> problems = parsed.where(col(PROBLEM).isNotNull()).orderBy(LINE).select(LINE, PROBLEM, TEXT).takeAsList(1);
        if (!problems.isEmpty()) {
            parsed.unpersist();
            Row problem = problems.get(0);
            throw new DataFormatException(file, problem.getLong(0), problem.getString(2), problem.getString(1));
        }
        Dataset<Row> ratings = parsed.drop(PROBLEM, TEXT);
        Dataset<Row> result = applyDuplicatePolicy(ratings, options.duplicates(), file, lines);
        if (result != ratings) {
            result = result.persist(StorageLevel.MEMORY_AND_DISK());
            parsed.unpersist();
        }
        return result;
    }

    /**
     * Reads Parquet ratings with the MovieLens column names {@code userId, movieId, rating, timestamp}.
     *
     * @see #readParquet(SparkSession, String, String, String, String, String)
     */
    public static Dataset<Row> readParquet(SparkSession spark, String path) {
        return readParquet(spark, path, "userId", "movieId", "rating", "timestamp");
    }

    /**
     * Reads Parquet ratings (a file or a folder of part files) into {@link #SCHEMA}. Ids of any type
     * become strings; the rating must be numeric and finite; a timestamp column of Spark's timestamp
     * type becomes seconds. Repeated (user, item) pairs are an error, as in the MovieLens loader.
     *
     * @param ratingColumn the rating column, or {@code null} for implicit data (every row rates 1.0)
     * @param timestampColumn the timestamp column, or {@code null} when there is none (timestamps are 0)
     * @throws DataFormatException if a column is missing or of the wrong type, or a row has an empty id,
     *     a missing or non-finite rating, or repeats a (user, item) pair; the message names the part file
     */
    public static Dataset<Row> readParquet(SparkSession spark, String path, String userColumn, String itemColumn,
            String ratingColumn, String timestampColumn) {
        Path file = fileName(path);
        requireExists(spark, path, file);
        Dataset<Row> source = spark.read().parquet(path);
        List<String> columns = Arrays.asList(source.columns());
        for (String column : Arrays.asList(userColumn, itemColumn, ratingColumn, timestampColumn)) {
            if (column != null && !columns.contains(column)) {
                throw new DataFormatException(file, path + " has no column \"" + column + "\"; its columns are " + columns);
            }
        }
        if (ratingColumn != null && !(source.schema().apply(ratingColumn).dataType() instanceof org.apache.spark.sql.types.NumericType)) {
            throw new DataFormatException(file, file + ": rating column \"" + ratingColumn + "\" holds "
                    + source.schema().apply(ratingColumn).dataType().simpleString() + ", not numbers");
        }
        Column timestamp = timestampColumn == null ? lit(0L)
                : source.schema().apply(timestampColumn).dataType() == DataTypes.TimestampType
                        ? org.apache.spark.sql.functions.unix_seconds(col(timestampColumn))
                        : col(timestampColumn).cast(DataTypes.LongType);
        Dataset<Row> typed = source.select(
                org.apache.spark.sql.functions.trim(col(userColumn).cast(DataTypes.StringType)).as(USER),
                org.apache.spark.sql.functions.trim(col(itemColumn).cast(DataTypes.StringType)).as(ITEM),
                (ratingColumn == null ? lit(1f) : col(ratingColumn).cast(DataTypes.FloatType)).as(RATING),
                timestamp.as(TIMESTAMP),
                monotonically_increasing_id().as(LINE),
                input_file_name().as("file"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Column bad = col(USER).isNull().or(col(USER).equalTo(""))
                .or(col(ITEM).isNull()).or(col(ITEM).equalTo(""))
                .or(col(RATING).isNull()).or(col(RATING).isNaN())
                .or(col(RATING).equalTo(Float.POSITIVE_INFINITY)).or(col(RATING).equalTo(Float.NEGATIVE_INFINITY))
                .or(col(TIMESTAMP).isNull());
        List<Row> problems = typed.where(bad).orderBy(LINE).takeAsList(1);
        if (!problems.isEmpty()) {
            typed.unpersist();
            Row row = problems.get(0);
            throw new DataFormatException(fileName(row.getString(5)), fileName(row.getString(5))
                    + ": row with " + userColumn + "=" + row.get(0) + ", " + itemColumn + "=" + row.get(1)
                    + ", " + (ratingColumn == null ? "" : ratingColumn + "=" + row.get(2) + ", ")
                    + (timestampColumn == null ? "" : timestampColumn + "=" + row.get(3) + ", ")
                    + "needs non-empty ids, a finite rating and a timestamp");
        }
        List<Row> repeated = typed.groupBy(USER, ITEM).agg(count(lit(1)).as("n"), max(LINE).as("second"),
                        max_by(col("file"), col(LINE)).as("file"))
                .where(col("n").gt(1)).orderBy("second").takeAsList(1);
        if (!repeated.isEmpty()) {
            typed.unpersist();
            Row row = repeated.get(0);
            throw new DataFormatException(fileName(row.getString(4)), fileName(row.getString(4)) + ": user \""
                    + row.getString(0) + "\" rates item \"" + row.getString(1) + "\" " + row.getLong(2) + " times");
        }
        // Parquet columns are nullable; the checks above make them non-null, so say so in the schema.
        return spark.createDataFrame(typed.drop("file").javaRDD(), SCHEMA);
    }

    /**
     * Line {@code number} as a row of {@link #PARSED}: the rating with null problem and text for a good
     * line, else the problem and the line's text. Problems are returned, not thrown, so that the driver
     * can report the file's first bad line as the core loader does, whichever task meets it first.
     */
    private static Row parse(RatingLineParser parser, long number, String line) {
        String problem = problem(parser, number, line, false);
        return problem == null
                ? RowFactory.create(parser.user(), parser.item(), parser.rating(), parser.timestamp(), number, null, null)
                : RowFactory.create("", "", 0f, 0L, number, problem, line);
    }

    /** The problem with line {@code number}, or null; see {@link RatingLineParser#parse}. */
    private static String problem(RatingLineParser parser, long number, String line, boolean header) {
        // Hadoop's text input replaces undecodable bytes by U+FFFD, which no MovieLens file contains.
        return line.indexOf('\uFFFD') >= 0 ? "bytes are not valid UTF-8" : parser.parse(number, line, header);
    }

    /** Merges or rejects repeated (user, item) pairs as the core loader does. */
    private static Dataset<Row> applyDuplicatePolicy(Dataset<Row> ratings, DelimitedRatingsLoader.DuplicatePolicy policy,
            Path file, JavaRDD<Tuple2<Long, String>> lines) {
        Dataset<Row> pairs = ratings.groupBy(USER, ITEM).agg(
                count(lit(1)).as("n"),
                min(LINE).as("first"),
                max(LINE).as(LINE),
                max_by(struct(col(RATING), col(TIMESTAMP)), col(LINE)).as("last"),
                org.apache.spark.sql.functions.avg(col(RATING)).as("mean"));
        switch (policy) {
            case ERROR -> {
                Dataset<Row> repeats = ratings.as("r").join(pairs.where(col("n").gt(1)).as("p"),
                        col("r." + USER).equalTo(col("p." + USER)).and(col("r." + ITEM).equalTo(col("p." + ITEM))));
                // The first repeat a reader meets: the smallest line that is not its pair's first line.
                List<Row> firstRepeat = repeats.where(col("r." + LINE).gt(col("p.first")))
                        .orderBy(col("r." + LINE)).select(col("r." + USER), col("r." + ITEM), col("p.first"), col("r." + LINE))
                        .takeAsList(1);
                if (firstRepeat.isEmpty()) {
                    return ratings;
                }
                Row row = firstRepeat.get(0);
                long firstLine = row.getLong(2);
                long repeatLine = row.getLong(3);
                List<Tuple2<Long, String>> texts = lines.filter(l -> l._1() == firstLine || l._1() == repeatLine).collect();
                String firstText = texts.stream().filter(l -> l._1() == firstLine).findFirst().orElseThrow()._2();
                String repeatText = texts.stream().filter(l -> l._1() == repeatLine).findFirst().orElseThrow()._2();
                throw new DataFormatException(file, repeatLine, repeatText, "user \"" + row.getString(0)
                        + "\" rates item \"" + row.getString(1) + "\" again (first at line " + firstLine + ": \""
                        + truncate(firstText) + "\"; choose duplicate policy KEEP_LAST or MEAN to merge repeated ratings)");
            }
            case KEEP_LAST -> {
                return pairs.select(col(USER), col(ITEM), col("last." + RATING).as(RATING), col("last." + TIMESTAMP).as(TIMESTAMP), col(LINE));
            }
            case MEAN -> {
                return pairs.select(col(USER), col(ITEM), col("mean").cast(DataTypes.FloatType).as(RATING),
                        col("last." + TIMESTAMP).as(TIMESTAMP), col(LINE));
            }
            default -> throw new IllegalStateException("unknown duplicate policy " + policy);
        }
    }

    private static String truncate(String text) {
        return text.length() <= DataFormatException.MAX_TEXT_LENGTH ? text
                : text.substring(0, DataFormatException.MAX_TEXT_LENGTH) + "...";
    }

    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** The last segment of a path or URI, which is how error messages name a file. */
    public static Path fileName(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Path.of(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    private static FileStatus status(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(hadoopPath) ? fs.getFileStatus(hadoopPath) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + path, e);
        }
    }

    private static void requireExists(SparkSession spark, String path, Path file) {
        if (status(spark, path) == null) {
            throw new DataFormatException(file, "file not found: " + path);
        }
    }

    private static void requireFile(SparkSession spark, String path, Path file) {
        FileStatus status = status(spark, path);
        if (status == null || status.isDirectory()) {
            throw new DataFormatException(file, (status == null ? "file not found: " : "not a file: ") + path);
        }
    }
}
