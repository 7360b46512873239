package org.embedrec.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.embedrec.data.SplitSpec;

/**
 * Train/test splits of ratings frames (any frame with the {@link SparkRatings#SCHEMA} columns), with
 * the policies of core {@link org.embedrec.data.Splits}, done in Spark.
 *
 * <p>Randomness comes from a seeded 64-bit hash of (user, item) rather than from Spark's per-partition
 * generators, so one seed gives the same split whatever the partitioning, cluster size or retries.
 * Each part keeps every input column, so indexed rows stay indexed.
 */
public final class SparkSplits {
    private static final String DRAW = "draw";

    private SparkSplits() {
    }

    /**
     * A train/test pair of frames.
     *
     * @param train the training part
     * @param test the test part
     */
    public record Split(Dataset<Row> train, Dataset<Row> test) {
        /** Checks that neither part is null. */
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    /**
     * A random hold-out: each rating goes to test independently with probability {@code testFraction}
     * (so the test part holds about, not exactly, that fraction: an exact count would need a global sort).
     *
     * @throws IllegalArgumentException if {@code testFraction} is not in (0, 1)
     */
    public static Split randomHoldout(Dataset<Row> ratings, double testFraction, long seed) {
        checkFraction(testFraction);
        Column inTest = draw(seed).lt(testFraction);
        return new Split(ratings.where(inTest.unary_$bang()), ratings.where(inTest));
    }

    /**
     * A per-user hold-out as core's: a user with {@code c} ratings gets exactly
     * {@code min(round(c * testFraction), c - 1)} of them, chosen at random, in test, so every user keeps
     * at least one training rating.
     *
     * @throws IllegalArgumentException if {@code testFraction} is not in (0, 1)
     */
    public static Split perUserHoldout(Dataset<Row> ratings, double testFraction, long seed) {
        checkFraction(testFraction);
        Dataset<Row> ranked = ratings
                .withColumn(DRAW, draw(seed))
                .withColumn("drawRank", row_number().over(Window.partitionBy(SparkRatings.USER).orderBy(col(DRAW), col(SparkRatings.LINE))))
                .withColumn("userCount", count(lit(1)).over(Window.partitionBy(SparkRatings.USER)));
        Column testCount = least(round(col("userCount").multiply(testFraction)).cast(DataTypes.LongType),
                col("userCount").minus(1));
        Column inTest = col("drawRank").leq(testCount);
        List<String> columns = List.of(ratings.columns());
        Column[] keep = columns.stream().map(name -> col(name)).toArray(Column[]::new);
        return new Split(ranked.where(inTest.unary_$bang()).select(keep), ranked.where(inTest).select(keep));
    }

    /**
     * Each user's {@code n} most recent ratings in test as core's {@link org.embedrec.data.Splits#perUserLastN}:
     * capped at {@code count - 1} so every user keeps a training rating; recency is by timestamp, and among
     * equal timestamps the later line counts as more recent.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Split perUserLastN(Dataset<Row> ratings, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Dataset<Row> ranked = ratings
                .withColumn("recency", row_number().over(Window.partitionBy(SparkRatings.USER)
                        .orderBy(col(SparkRatings.TIMESTAMP).desc(), col(SparkRatings.LINE).desc())))
                .withColumn("userCount", count(lit(1)).over(Window.partitionBy(SparkRatings.USER)));
        Column inTest = col("recency").leq(least(lit((long) n), col("userCount").minus(1)));
        Column[] keep = Arrays.stream(ratings.columns()).map(name -> col(name)).toArray(Column[]::new);
        return new Split(ranked.where(inTest.unary_$bang()).select(keep), ranked.where(inTest).select(keep));
    }

    /**
     * The split {@code spec} names, in the syntax the command line uses ({@link SplitSpec#parse}):
     * {@code random:F}, {@code user:F}, {@code last:N} or {@code temporal:F}; {@code seed} drives the
     * random ones.
     *
     * @throws IllegalArgumentException for an ML-100K predefined split ({@code ml100k:NAME}), which is read
     *     from the release's files by {@link SparkMovieLens#predefinedSplit}
     */
    public static Split of(Dataset<Row> ratings, SplitSpec spec, long seed) {
        if (spec instanceof SplitSpec.Random random) {
            return randomHoldout(ratings, random.testFraction(), seed);
        } else if (spec instanceof SplitSpec.PerUser perUser) {
            return perUserHoldout(ratings, perUser.testFraction(), seed);
        } else if (spec instanceof SplitSpec.LastN last) {
            return perUserLastN(ratings, last.n());
        } else if (spec instanceof SplitSpec.Temporal temporal) {
            return temporalFraction(ratings, temporal.testFraction());
        }
        throw new IllegalArgumentException("split " + spec + " is read from the ML-100K folder's files, not computed from ratings");
    }

    /** A global temporal split as core's: ratings with {@code timestamp >= cutTimestamp} go to test. */
    public static Split temporalCut(Dataset<Row> ratings, long cutTimestamp) {
        Column inTest = col(SparkRatings.TIMESTAMP).geq(cutTimestamp);
        return new Split(ratings.where(inTest.unary_$bang()), ratings.where(inTest));
    }

    /**
     * A global temporal split at a timestamp quantile as core's: with {@code t = round(n * testFraction)},
     * the cut is the timestamp of the {@code t}-th most recent rating; ratings tied with it all go to test.
     *
     * @throws IllegalArgumentException if {@code testFraction} is not in (0, 1)
     */
    public static Split temporalFraction(Dataset<Row> ratings, double testFraction) {
        checkFraction(testFraction);
        long n = ratings.count();
        long testCount = Math.round(n * testFraction);
        if (testCount == 0) {
            return new Split(ratings, ratings.limit(0));
        }
        long cut = ratings.select(SparkRatings.TIMESTAMP).orderBy(col(SparkRatings.TIMESTAMP).desc())
                .offset((int) Math.min(Integer.MAX_VALUE, testCount - 1)).first().getLong(0);
        return temporalCut(ratings, cut);
    }

    /** A uniform number in [0, 1) per (seed, user, item): the top 53 bits of a 64-bit hash. */
    private static Column draw(long seed) {
        Column hash = xxhash64(lit(seed), col(SparkRatings.USER), col(SparkRatings.ITEM));
        return shiftrightunsigned(hash, 11).cast(DataTypes.DoubleType).divide((double) (1L << 53));
    }

    private static void checkFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
    }
}
