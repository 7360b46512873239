package org.embedrec.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.DataLoader;
import org.embedrec.io.DataSpec;
import org.embedrec.io.Decimals;
import org.embedrec.io.DelimitedRatingsLoader.DuplicatePolicy;
import org.embedrec.io.InteractionLoader;
import org.embedrec.io.InteractionLoader.Aggregation;
import org.embedrec.io.InteractionLoader.OnBadRow;
import org.embedrec.io.rows.RowSources;

/**
 * Reads the interaction files of a {@link DataSpec} with Spark's own readers, to the data set core's
 * {@link DataLoader} loads from the same files: a CSV or TSV file ({@code spark.read.csv}), JSON lines
 * ({@code spark.read.json}) or Parquet ({@code spark.read.parquet}), one file or a glob (read as one data
 * set in sorted path order), on any Hadoop file system.
 *
 * <p><b>The same rules as core.</b> The header is resolved by core ({@link InteractionLoader#columnsOf}: the
 * same defaults, and an unknown column lists the header found); ratings are parsed and checked by core's
 * code (an undeclared scale inferred alike, a stray rating off it a bad row); event types weigh their
 * weights; a missing or invalid value is an error naming the file, the row (its 1-based data row in the
 * file), the column, the value and the row's text, or with {@code on-bad-row: skip} is skipped and
 * counted; repeated (user, item) pairs follow the spec's duplicate or aggregation policy, the merged row
 * taking its last occurrence's place, time and (for {@code last}) value.
 *
 * <p><b>The same ids.</b> Rows are ordered as a file reader meets them (file path, then position in the
 * file: {@code _metadata.file_block_start} and the increasing row id within each block), users are
 * indexed in order of first appearance, items after the catalog's ({@link DataSpec#items()}, read on
 * the driver by core) in order of first appearance. So the ratings, their order and indices equal core's
 * ({@code Ratings.fingerprint()} agrees), and a model trained here has core's ids.
 */
public final class SparkInteractions {
    /** The formats read here (a data spec's resolved format names). */
    public static final List<String> FORMATS = List.of("csv", "tsv", "jsonl", "parquet");

    private static final String FILE = "_embedrec_file";
    private static final String BLOCK = "_embedrec_block";
    private static final String ROW_ID = "_embedrec_row";
    private static final String ORDER = "_embedrec_order";
    private static final String BAD_COLUMN = "_embedrec_bad_column";
    private static final String BAD_VALUE = "_embedrec_bad_value";
    private static final String PROBLEM = "_embedrec_problem";
    private static final String TEXT = "_embedrec_text";
    private static final String[] FIELDS = {"user", "item", "rating", "time", "event"};
    /** Bits of a row's order key that hold its row id within its file block (Spark's in-partition counter). */
    private static final int ROW_BITS = 33;

    private SparkInteractions() {
    }

    /**
     * What was read.
     *
     * @param ratings the interactions, indexed as core indexes them
     * @param implicit whether there is no rating column (values are event weights or counts)
     * @param skipped rows skipped as bad ({@link OnBadRow#SKIP}), 0 otherwise
     * @param firstSkipped the first skipped row's problem, or null
     */
    public record Loaded(IndexedRatings ratings, boolean implicit, long skipped, String firstSkipped) {
    }

    /**
     * Reads {@code spec}'s interaction files.
     *
     * @param format the spec's format (csv, tsv, jsonl or parquet), resolved by the caller
     * @throws DataFormatException for a missing column, a bad row (unless skipped) or a repeated rating
     * @throws IllegalArgumentException for a format Spark does not read here, or a mapping that does not fit
     */
    public static Loaded read(SparkSession spark, DataSpec spec, String format) {
        Objects.requireNonNull(spec, "spec");
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("the Spark jobs read " + String.join(", ", FORMATS) + " files (or a MovieLens"
                    + " folder); " + spec.describe() + " is " + format);
        }
        Dataset<Row> raw;
        try {
            raw = reader(spark, format, spec.header()).load(spec.source());
        } catch (Exception e) { // Scala declares no checked exceptions: javac cannot see AnalysisException
            if (e instanceof AnalysisException analysis && "PATH_NOT_FOUND".equals(analysis.getCondition())) {
                throw new DataFormatException(fileName(spec.source()), (RowSources.isGlob(spec.source()) ? "no file matches "
                        : "file not found: ") + spec.source());
            }
            throw e;
        }
        if (!spec.header() && (format.equals("csv") || format.equals("tsv"))) {
            String[] positional = new String[raw.columns().length];
            for (int c = 0; c < positional.length; c++) {
                positional[c] = String.valueOf(c + 1);
            }
            raw = raw.toDF(positional);
        }
        List<String> header = Arrays.asList(raw.columns());
        InteractionLoader.Options options = new InteractionLoader.Options(spec.columns(), spec.eventWeights(), spec.scale(),
                spec.duplicates(), spec.aggregate(), spec.onBadRow());
        int[] columns = new InteractionLoader(options).columnsOf(spec.source(), header);
        String[] names = new String[columns.length];
        for (int f = 0; f < columns.length; f++) {
            names[f] = columns[f] < 0 ? null : header.get(columns[f]);
        }
        Column[] values = header.stream().map(name -> col(quoted(name))).toArray(Column[]::new);
        Column rowText = format.equals("csv") || format.equals("tsv")
                ? concat_ws(format.equals("csv") ? "," : "\t", Arrays.stream(values).map(value -> coalesce(value, lit(""))).toArray(Column[]::new))
                : to_json(struct(values));
        Dataset<Row> located = raw.select(col("*"), col("_metadata.file_path").as(FILE), col("_metadata.file_block_start").as(BLOCK),
                monotonically_increasing_id().as(ROW_ID));
        Dataset<Row> checked = withOrder(spark, checked(located, raw.schema(), names, options, rowText))
                .persist(StorageLevel.MEMORY_AND_DISK());
        boolean implicit = names[2] == null;

        Dataset<Row> bad = checked.where(col(PROBLEM).isNotNull());
        List<Row> firstBad = bad.orderBy(ORDER).select(FILE, ORDER, BAD_COLUMN, BAD_VALUE, PROBLEM, TEXT).takeAsList(1);
        long skipped = 0;
        String firstSkipped = null;
        if (!firstBad.isEmpty()) {
            Row row = firstBad.get(0);
            String message = where(checked, row.getString(0), row.getLong(1)) + ", column \"" + row.getString(2) + "\": value "
                    + (row.isNullAt(3) ? "(none)" : "\"" + DataFormatException.truncate(row.getString(3)) + "\"") + " "
                    + row.getString(4) + " in row \"" + DataFormatException.truncate(row.getString(5)) + "\"";
            if (spec.onBadRow() == OnBadRow.ERROR) {
                checked.unpersist();
                throw new DataFormatException(fileName(row.getString(0)), message + " (pass --on-bad-row skip to skip such rows and count them)");
            }
            skipped = bad.count();
            firstSkipped = message;
        }
        Dataset<Row> kept = checked.where(col(PROBLEM).isNull()).select(col(SparkRatings.USER), col(SparkRatings.ITEM),
                col(SparkRatings.RATING), col(SparkRatings.TIMESTAMP), col(ORDER).as(SparkRatings.LINE), col(FILE), col(TEXT));
        if (kept.isEmpty()) {
            checked.unpersist();
            throw new DataFormatException(fileName(spec.source()), spec.source() + " holds no interactions"
                    + (skipped > 0 ? " that are not skipped (" + skipped + " bad rows skipped; the first: " + firstSkipped + ")" : ""));
        }
        // Core indexes ids as rows pass the row checks, before a stray rating is dropped or pairs merge.
        IdIndex users = IdIndex.of(idsByFirstRow(kept, SparkRatings.USER, List.of()));
        ItemCatalog catalog = spec.items() == null ? null : DataLoader.loadItems(spec);
        List<String> itemIds = idsByFirstRow(kept, SparkRatings.ITEM, catalog == null ? List.of() : catalog.items().ids());
        IdIndex items = IdIndex.of(itemIds);

        if (!implicit && spec.scale() == null) {
            Inferred inferred = inferScale(checked, kept, spec.onBadRow(), names[2]);
            kept = inferred.kept();
            if (inferred.skipped() > 0) {
                firstSkipped = skipped == 0 ? inferred.message() : firstSkipped;
                skipped += inferred.skipped();
            }
        }
        Dataset<Row> merged = merged(checked, kept, implicit, spec.duplicates(), spec.aggregate()).persist(StorageLevel.MEMORY_AND_DISK());
        merged.count();
        checked.unpersist();
        ItemCatalog aligned = catalog == null ? ItemCatalog.untitled(items) : catalog.alignedTo(items);
        return new Loaded(IndexedRatings.of(merged, users, aligned), implicit, skipped, firstSkipped);
    }

    private static DataFrameReader reader(SparkSession spark, String format, boolean header) {
        DataFrameReader reader = spark.read();
        return switch (format) {
            // Every value a string, trimmed, as core's delimited reader gives it.
            case "csv", "tsv" -> reader.format("csv").option("header", header).option("sep", format.equals("csv") ? "," : "\t")
                    .option("ignoreLeadingWhiteSpace", true).option("ignoreTrailingWhiteSpace", true);
            // Numbers as their text, so that ratings are parsed as core parses them.
            case "jsonl" -> reader.format("json").option("primitivesAsString", true);
            default -> reader.format("parquet");
        };
    }

    /**
     * The located rows with the mapped values in {@link SparkRatings}'s columns and, for a bad row, the
     * first bad column, its value and the problem, checked in core's order: user, item, rating or event, time.
     */
    private static Dataset<Row> checked(Dataset<Row> rows, StructType schema, String[] names, InteractionLoader.Options options,
            Column rowText) {
        RatingScale scale = options.scale() != null ? options.scale() : RatingScale.GENERIC;
        List<Column[]> checks = new ArrayList<>(); // {condition, column name, value as text, problem}
        Column user = col(quoted(names[0])).cast(DataTypes.StringType);
        Column item = col(quoted(names[1])).cast(DataTypes.StringType);
        checks.add(new Column[] {user.isNull().or(user.equalTo("")), lit(names[0]), user, lit("is missing (no user id)")});
        checks.add(new Column[] {item.isNull().or(item.equalTo("")), lit(names[1]), item, lit("is missing (no item id)")});
        Column value = lit(1f);
        if (names[2] != null) {
            DataType type = schema.apply(names[2]).dataType();
            Column text = col(quoted(names[2])).cast(DataTypes.StringType);
            Column problem;
            if (type instanceof NumericType) {
                value = col(quoted(names[2])).cast(DataTypes.FloatType);
                UserDefinedFunction check = udf((UDF1<Float, String>) rating -> rating == null ? "is missing (no rating)"
                        : InteractionLoader.ratingProblem(String.valueOf(rating), rating, scale), DataTypes.StringType);
                problem = check.apply(value);
            } else {
                value = udf((UDF1<String, Float>) SparkInteractions::parseRating, DataTypes.FloatType).apply(text);
                problem = udf((UDF1<String, String>) rating -> ratingProblem(rating, scale), DataTypes.StringType).apply(text);
            }
            checks.add(new Column[] {problem.isNotNull(), lit(names[2]), text, problem});
        } else if (names[4] != null) {
            Column type = col(quoted(names[4])).cast(DataTypes.StringType);
            Column weight = null;
            for (Map.Entry<String, Float> entry : options.eventWeights().entrySet()) {
                float weighs = options.aggregate() == Aggregation.COUNT ? 1f : entry.getValue();
                weight = (weight == null ? when(type.equalTo(entry.getKey()), weighs) : weight.when(type.equalTo(entry.getKey()), weighs));
            }
            value = weight;
            Column problem = when(type.isNull().or(type.equalTo("")), lit("is missing (no event type)"))
                    .otherwise(lit("is not an event type with a weight (weights: " + options.eventWeights() + ")"));
            checks.add(new Column[] {weight.isNull(), lit(names[4]), type, problem});
        }
        Column seconds = lit(0L);
        if (names[3] != null) {
            DataType type = schema.apply(names[3]).dataType();
            Column text = col(quoted(names[3])).cast(DataTypes.StringType);
            seconds = type == DataTypes.TimestampType || type == DataTypes.TimestampNTZType
                    ? org.apache.spark.sql.functions.unix_seconds(col(quoted(names[3])).cast(DataTypes.TimestampType))
                    : type instanceof NumericType ? col(quoted(names[3])).cast(DataTypes.LongType)
                    : udf((UDF1<String, Long>) SparkInteractions::parseSeconds, DataTypes.LongType).apply(text);
            Column problem = when(text.isNull().or(text.equalTo("")), lit("is missing (no time)"))
                    .otherwise(lit("is not a time (integer seconds since 1970, or an ISO date-time such as 2024-05-01T12:30:00Z)"));
            checks.add(new Column[] {seconds.isNull(), lit(names[3]), text, problem});
        }
        Column badColumn = null;
        Column badValue = null;
        Column badProblem = null;
        for (Column[] check : checks) {
            badColumn = badColumn == null ? when(check[0], check[1]) : badColumn.when(check[0], check[1]);
            badValue = badValue == null ? when(check[0], check[2]) : badValue.when(check[0], check[2]);
            badProblem = badProblem == null ? when(check[0], check[3]) : badProblem.when(check[0], check[3]);
        }
        return rows.select(col(FILE), col(BLOCK), col(ROW_ID), user.as(SparkRatings.USER), item.as(SparkRatings.ITEM),
                value.as(SparkRatings.RATING), seconds.as(SparkRatings.TIMESTAMP), badColumn.as(BAD_COLUMN), badValue.as(BAD_VALUE),
                badProblem.as(PROBLEM), rowText.as(TEXT));
    }

    /** Adds the order key: the rank of the row's (file, block) in path and offset order, then its row id within the block. */
    private static Dataset<Row> withOrder(SparkSession spark, Dataset<Row> rows) {
        List<Row> blocks = new ArrayList<>(rows.select(FILE, BLOCK).distinct().collectAsList());
        blocks.sort(Comparator.<Row, String>comparing(row -> row.getString(0)).thenComparingLong(row -> row.getLong(1)));
        List<Row> ranked = new ArrayList<>();
        for (int rank = 0; rank < blocks.size(); rank++) {
            ranked.add(RowFactory.create(blocks.get(rank).getString(0), blocks.get(rank).getLong(1), (long) rank));
        }
        StructType schema = new StructType().add(FILE, DataTypes.StringType).add(BLOCK, DataTypes.LongType).add("_embedrec_rank", DataTypes.LongType);
        Dataset<Row> rankFrame = spark.createDataFrame(ranked, schema);
        // Within one partition the row id counts up; each block lies in one partition, so the low bits order it.
        return rows.join(broadcast(rankFrame), new String[] {FILE, BLOCK})
                .withColumn(ORDER, col("_embedrec_rank").multiply(1L << ROW_BITS).plus(col(ROW_ID).bitwiseAND((1L << ROW_BITS) - 1)));
    }

    /** "file, row N": the 1-based data row of order key {@code order} in {@code file}, counted in {@code rows} (every row read). */
    private static String where(Dataset<Row> rows, String file, long order) {
        long before = rows.where(col(FILE).equalTo(file).and(col(ORDER).lt(order))).count();
        return fileName(file) + ", row " + (before + 1);
    }

    /** Ids in order of first row, after {@code first} (ids that keep their indices). */
    private static List<String> idsByFirstRow(Dataset<Row> rows, String column, List<String> first) {
        List<String> ids = new ArrayList<>(first);
        IdIndex known = IdIndex.of(first);
        for (Row row : rows.groupBy(column).agg(min(SparkRatings.LINE).as("first")).orderBy(col("first")).collectAsList()) {
            if (!known.contains(row.getString(0))) {
                ids.add(row.getString(0));
            }
        }
        return ids;
    }

    /** The rows kept after inferring an undeclared scale, and what that skipped. */
    private record Inferred(Dataset<Row> kept, long skipped, String message) {
    }

    /** Core's inference of an undeclared scale ({@link InteractionLoader#KNOWN_SCALES}, {@link InteractionLoader#STRAY_SHARE}). */
    private static Inferred inferScale(Dataset<Row> all, Dataset<Row> rows, OnBadRow onBadRow, String ratingColumn) {
        List<Column> aggregates = new ArrayList<>(List.of(count(lit(1)), min(SparkRatings.RATING), max(SparkRatings.RATING)));
        for (RatingScale scale : InteractionLoader.KNOWN_SCALES) {
            aggregates.add(sum(when(onScale(scale).apply(col(SparkRatings.RATING)), 0L).otherwise(1L)));
        }
        Row counts = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        long n = counts.getLong(0);
        for (int s = 0; s < InteractionLoader.KNOWN_SCALES.size(); s++) {
            RatingScale scale = InteractionLoader.KNOWN_SCALES.get(s);
            long off = counts.getLong(3 + s);
            if (off == 0) {
                return new Inferred(rows, 0, null);
            }
            if (off > InteractionLoader.STRAY_SHARE * n) {
                continue;
            }
            Column isOff = onScale(scale).apply(col(SparkRatings.RATING)).equalTo(false);
            Row first = rows.where(isOff).orderBy(SparkRatings.LINE).select(col(FILE), col(SparkRatings.LINE), col(SparkRatings.RATING),
                    col(TEXT)).first();
            String widened = DataSpec.formatScale(RatingScale.between(Math.min(scale.min(), counts.getFloat(1)),
                    Math.max(scale.max(), counts.getFloat(2))));
            String message = where(all, first.getString(0), first.getLong(1))
                    + ", column \"" + ratingColumn + "\": value \"" + first.getFloat(2) + "\" is outside the rating scale " + scale
                    + " that the other " + (n - off) + " ratings follow (declare the scale, e.g. --scale " + widened
                    + ", to accept it) in row \"" + DataFormatException.truncate(first.getString(3)) + "\"";
            if (onBadRow == OnBadRow.ERROR) {
                throw new DataFormatException(fileName(first.getString(0)), message + " (or pass --on-bad-row skip to skip such rows)");
            }
            return new Inferred(rows.where(isOff.equalTo(false)), off, message);
        }
        return new Inferred(rows, 0, null);
    }

    private static UserDefinedFunction onScale(RatingScale scale) {
        return udf((UDF1<Float, Boolean>) scale::contains, DataTypes.BooleanType);
    }

    /** One row per (user, item) pair, at its last occurrence, valued by the policy; an error for a repeated rating under {@code error}. */
    private static Dataset<Row> merged(Dataset<Row> all, Dataset<Row> rows, boolean implicit, DuplicatePolicy duplicates,
            Aggregation aggregate) {
        Dataset<Row> pairs = rows.groupBy(SparkRatings.USER, SparkRatings.ITEM).agg(count(lit(1)).as("n"),
                min(SparkRatings.LINE).as("first"), max(SparkRatings.LINE).as(SparkRatings.LINE),
                max_by(struct(col(SparkRatings.RATING), col(SparkRatings.TIMESTAMP)), col(SparkRatings.LINE)).as("last"),
                sum(SparkRatings.RATING).as("sum"), avg(SparkRatings.RATING).as("mean"));
        if (!implicit && duplicates == DuplicatePolicy.ERROR) {
            List<Row> repeat = rows.as("r").join(pairs.where(col("n").gt(1)).as("p"),
                            col("r." + SparkRatings.USER).equalTo(col("p." + SparkRatings.USER))
                                    .and(col("r." + SparkRatings.ITEM).equalTo(col("p." + SparkRatings.ITEM))))
                    .where(col("r." + SparkRatings.LINE).gt(col("p.first"))).orderBy(col("r." + SparkRatings.LINE))
                    .select(col("r." + FILE), col("r." + SparkRatings.LINE), col("r." + SparkRatings.USER), col("r." + SparkRatings.ITEM),
                            col("p.first"))
                    .takeAsList(1);
            if (!repeat.isEmpty()) {
                Row row = repeat.get(0);
                Row first = rows.where(col(SparkRatings.LINE).equalTo(row.getLong(4))).select(FILE, TEXT).first();
                throw new DataFormatException(fileName(row.getString(0)), where(all, row.getString(0), row.getLong(1)) + ": user \""
                        + row.getString(2) + "\" rates item \"" + row.getString(3) + "\" again (first at "
                        + where(all, first.getString(0), row.getLong(4)) + ": \"" + DataFormatException.truncate(first.getString(1))
                        + "\"); choose the duplicate policy last or mean (--duplicates) to merge repeated ratings");
            }
            return rows.select(SparkRatings.USER, SparkRatings.ITEM, SparkRatings.RATING, SparkRatings.TIMESTAMP, SparkRatings.LINE);
        }
        boolean last = implicit ? aggregate == Aggregation.LAST : duplicates == DuplicatePolicy.KEEP_LAST;
        Column value = last ? col("last." + SparkRatings.RATING)
                : (implicit ? col("sum") : col("mean")).cast(DataTypes.FloatType);
        return pairs.select(col(SparkRatings.USER), col(SparkRatings.ITEM), value.as(SparkRatings.RATING),
                col("last." + SparkRatings.TIMESTAMP).as(SparkRatings.TIMESTAMP), col(SparkRatings.LINE));
    }

    /** A rating as core parses it, or null when it is missing or not a number. */
    private static Float parseRating(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Decimals.parseFloat(text, 0, text.length());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What is wrong with a rating's text on {@code scale}, in core's words, or null. */
    private static String ratingProblem(String text, RatingScale scale) {
        if (text == null || text.isEmpty()) {
            return "is missing (no rating)";
        }
        Float value = parseRating(text);
        return value == null ? "is not a number" : InteractionLoader.ratingProblem(text, value, scale);
    }

    private static Long parseSeconds(String text) {
        long seconds = text == null || text.isEmpty() ? Long.MIN_VALUE : InteractionLoader.seconds(text);
        return seconds == Long.MIN_VALUE ? null : seconds;
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /** The last segment of a path or URI, which is how messages name a file. */
    private static Path fileName(String path) {
        return SparkRatings.fileName(path);
    }
}
