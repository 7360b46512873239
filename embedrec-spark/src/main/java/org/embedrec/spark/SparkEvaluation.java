package org.embedrec.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.embedrec.eval.RankedListMetrics;
import org.embedrec.eval.RatingErrors;
import org.embedrec.model.ScoredItem;

/**
 * Distributed evaluation of factor models: rating errors (RMSE, MAE) and top-K ranking metrics,
 * computed per user where the users are and summed by Spark. The definitions are core's:
 * {@link org.embedrec.eval.Metrics#ratingErrors} for errors (each error taken in double precision
 * from the float prediction and rating) and, for rankings, the shared ranking metrics spec computed per
 * user by core's own kernel, {@link RankedListMetrics}, so both give the same numbers on the same scores
 * (up to the order of floating-point summation).
 */
public final class SparkEvaluation {
    /** The prediction column added by {@link #predict}. */
    public static final String PREDICTION = "prediction";

    private static final String RELEVANT = "relevant";
    private static final String RELEVANT_COUNT = "relevantCount";
    private static final String TRAIN = "train";
    private static final StructType PER_USER = new StructType()
            .add("precision", DataTypes.DoubleType, false)
            .add("recall", DataTypes.DoubleType, false)
            .add("ndcg", DataTypes.DoubleType, false)
            .add("ap", DataTypes.DoubleType, false)
            .add("hit", DataTypes.DoubleType, false)
            .add("rr", DataTypes.DoubleType, false);

    private SparkEvaluation() {
    }

    /**
     * {@code ratings} (with {@link SparkRatings#USER}, {@link SparkRatings#ITEM}, {@link SparkRatings#RATING})
     * with the model's prediction added as {@link #PREDICTION}; rows whose user or item the model does
     * not index are dropped (as Spark ALS's "drop" cold-start strategy does).
     */
    public static Dataset<Row> predict(SparkSession spark, DistributedModel model, Dataset<Row> ratings) {
        Dataset<Row> joined = ratings.select(SparkRatings.USER, SparkRatings.ITEM, SparkRatings.RATING)
                .join(model.users(), SparkRatings.USER)
                .join(model.itemIndex(spark), SparkRatings.ITEM);
        Broadcast<FactorScorer> items = model.items();
        JavaRDD<Row> predicted = joined.javaRDD().map(row -> RowFactory.create(
                row.getString(row.fieldIndex(SparkRatings.USER)),
                row.getString(row.fieldIndex(SparkRatings.ITEM)),
                row.getFloat(row.fieldIndex(SparkRatings.RATING)),
                items.value().score(DistributedModel.floats(row, DistributedModel.FACTORS),
                        row.getFloat(row.fieldIndex(DistributedModel.BIAS)),
                        row.getInt(row.fieldIndex(IndexedRatings.ITEM_INDEX)))));
        StructType schema = new StructType()
                .add(SparkRatings.USER, DataTypes.StringType, false)
                .add(SparkRatings.ITEM, DataTypes.StringType, false)
                .add(SparkRatings.RATING, DataTypes.FloatType, false)
                .add(PREDICTION, DataTypes.FloatType, false);
        return spark.createDataFrame(predicted, schema);
    }

    /** RMSE and MAE of the model's predictions on {@code test}; see {@link #ratingErrors(Dataset, String, String)}. */
    public static RatingErrors ratingErrors(SparkSession spark, DistributedModel model, Dataset<Row> test) {
        return ratingErrors(predict(spark, model, test), PREDICTION, SparkRatings.RATING);
    }

    /**
     * MSE, RMSE and MAE of the numeric column {@code predictionColumn} against {@code ratingColumn}, each
     * error computed in double precision; works on any frame, e.g. Spark ALS's {@code transform} output.
     *
     * @throws IllegalArgumentException if the frame is empty
     */
    public static RatingErrors ratingErrors(Dataset<Row> predictions, String predictionColumn, String ratingColumn) {
        Column error = col(predictionColumn).cast(DataTypes.DoubleType).minus(col(ratingColumn).cast(DataTypes.DoubleType));
        Row sums = predictions.agg(count(lit(1)), sum(error.multiply(error)), sum(abs(error))).first();
        long n = sums.getLong(0);
        if (n == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty rating set");
        }
        double mse = sums.getDouble(1) / n;
        return new RatingErrors(Math.toIntExact(n), mse, Math.sqrt(mse), sums.getDouble(2) / n);
    }

    /**
     * Mean top-K ranking metrics of {@code model} following the shared ranking metrics spec: a user's
     * candidates are the items the model knows minus the user's items in {@code train}, ranked by score
     * descending with ties to the smaller item index; the user's relevant items are the distinct items of
     * their {@code test} rows rated at least {@code threshold} (use {@code Double.NEGATIVE_INFINITY} for
     * all). Relevant items that are not candidates (unknown to the model, or also in training) count in
     * |relevant| as misses. Users without relevant items, and test users the model does not know, are
     * not evaluated; each metric is the plain mean over evaluated users.
     *
     * @param train ratings with {@link SparkRatings#USER} and {@link SparkRatings#ITEM}: the items to exclude
     * @param test ratings with {@link SparkRatings#USER}, {@link SparkRatings#ITEM}, {@link SparkRatings#RATING}
     * @throws IllegalArgumentException if {@code k < 1} or no user can be evaluated
     */
    public static SparkRankingResult rankingMetrics(SparkSession spark, DistributedModel model, Dataset<Row> train,
            Dataset<Row> test, double threshold, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Dataset<Row> itemIndex = model.itemIndex(spark);
        // Keep only the id columns: indexed frames carry index columns of their own.
        Dataset<Row> testIds = test.select(SparkRatings.USER, SparkRatings.ITEM, SparkRatings.RATING);
        Dataset<Row> relevant = testIds.where(col(SparkRatings.RATING).geq(threshold))
                .join(itemIndex, testIds.col(SparkRatings.ITEM).equalTo(itemIndex.col(SparkRatings.ITEM)), "left")
                .groupBy(testIds.col(SparkRatings.USER))
                .agg(collect_set(col(IndexedRatings.ITEM_INDEX)).as(RELEVANT),
                        count_distinct(testIds.col(SparkRatings.ITEM)).as(RELEVANT_COUNT));
        Dataset<Row> trained = train.select(SparkRatings.USER, SparkRatings.ITEM).join(itemIndex, SparkRatings.ITEM)
                .groupBy(SparkRatings.USER).agg(collect_set(col(IndexedRatings.ITEM_INDEX)).as(TRAIN));
        Dataset<Row> users = model.users().join(relevant, SparkRatings.USER).join(trained, SparkRatings.USER, "left");
        Broadcast<FactorScorer> items = model.items();
        JavaRDD<Row> perUser = users.javaRDD().mapPartitions(partition -> {
            FactorScorer scorer = items.value();
            float[] scores = new float[scorer.itemCount()];
            java.util.ArrayList<Row> out = new java.util.ArrayList<>();
            while (partition.hasNext()) {
                out.add(userMetrics(partition.next(), scorer, scores, k));
            }
            return out.iterator();
        });
        Row means = spark.createDataFrame(perUser, PER_USER)
                .agg(count(lit(1)), avg("precision"), avg("recall"), avg("ndcg"), avg("ap"), avg("hit"), avg("rr"))
                .first();
        long evaluated = means.getLong(0);
        if (evaluated == 0) {
            throw new IllegalArgumentException("no user to evaluate: no test user known to the model has a test rating >= " + threshold);
        }
        return new SparkRankingResult(k, threshold, evaluated, means.getDouble(1), means.getDouble(2), means.getDouble(3),
                means.getDouble(4), means.getDouble(5), means.getDouble(6));
    }

    /**
     * One user's metrics (see {@link #rankingMetrics}), computed by core's per-user kernel
     * {@link RankedListMetrics}; {@code scores} is scratch space.
     */
    static Row userMetrics(Row user, FactorScorer scorer, float[] scores, int k) {
        int[] train = DistributedModel.sortedInts(user, TRAIN);
        int[] relevant = DistributedModel.sortedInts(user, RELEVANT);
        int relevantCount = Math.toIntExact(user.getLong(user.fieldIndex(RELEVANT_COUNT)));
        scorer.scoreAll(DistributedModel.floats(user, DistributedModel.FACTORS),
                user.getFloat(user.fieldIndex(DistributedModel.BIAS)), scores);
        List<ScoredItem> top = scorer.top(scores, k, item -> Arrays.binarySearch(train, item) >= 0);
        IntPredicate isRelevant = item -> Arrays.binarySearch(relevant, item) >= 0;
        RankedListMetrics list = RankedListMetrics.of(top, isRelevant, relevantCount, k);
        IntPredicate isCandidate = item -> scorer.isKnown(item) && !Float.isNaN(scores[item]) && Arrays.binarySearch(train, item) < 0;
        return RowFactory.create(list.precision(), list.recall(), list.ndcg(), list.averagePrecision(), list.hitRate(),
                RankedListMetrics.reciprocalRank(scores, isCandidate, isRelevant));
    }
}
