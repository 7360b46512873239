package org.embedrec.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.embedrec.model.ScoredItem;

/**
 * Top-N recommendations for every user of a factor model, computed where the users are: each
 * partition of users scores all items against the broadcast item table and keeps the best
 * {@code n} with core's {@link org.embedrec.model.TopN} (ties to the lower item index), so the lists
 * equal what {@code Recommender.recommend} gives for each user one at a time.
 */
public final class BatchRecommendations {
    /** Output column: 1-based position in the user's list. */
    public static final String RANK = "rank";
    /** Output column: the model's score. */
    public static final String SCORE = "score";
    /** Output schema: user id, rank, item id, score. */
    public static final StructType SCHEMA = new StructType()
            .add(SparkRatings.USER, DataTypes.StringType, false)
            .add(RANK, DataTypes.IntegerType, false)
            .add(SparkRatings.ITEM, DataTypes.StringType, false)
            .add(SCORE, DataTypes.FloatType, false);

    private static final String EXCLUDED = "excluded";

    private BatchRecommendations() {
    }

    /**
     * The top {@code n} items for every user of {@code model}, one row per (user, rank), skipping items
     * the model does not know and, per user, the items that user rated in {@code exclude}.
     *
     * @param exclude ratings whose items are not recommended to their users (normally the training
     *     ratings), with {@link SparkRatings#USER} and {@link SparkRatings#ITEM}; or {@code null}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Dataset<Row> topN(SparkSession spark, DistributedModel model, Dataset<Row> exclude, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Dataset<Row> users = model.users();
        if (exclude != null) {
            Dataset<Row> seen = exclude.select(SparkRatings.USER, SparkRatings.ITEM)
                    .join(model.itemIndex(spark), SparkRatings.ITEM)
                    .groupBy(SparkRatings.USER).agg(collect_set(col(IndexedRatings.ITEM_INDEX)).as(EXCLUDED));
            users = users.join(seen, users.col(SparkRatings.USER).equalTo(seen.col(SparkRatings.USER)), "left")
                    .drop(seen.col(SparkRatings.USER));
        }
        Broadcast<FactorScorer> items = model.items();
        boolean withExclusions = exclude != null;
        JavaRDD<Row> lists = users.javaRDD().mapPartitions(partition -> topN(partition, items.value(), n, withExclusions));
        return spark.createDataFrame(lists, SCHEMA);
    }

    /** The lists of a partition of users, produced one user at a time so a partition never sits in memory. */
    private static Iterator<Row> topN(Iterator<Row> users, FactorScorer items, int n, boolean withExclusions) {
        float[] scores = new float[items.itemCount()];
        return new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && users.hasNext()) {
                    current = list(users.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }

            private List<Row> list(Row user) {
                int[] excluded = withExclusions ? DistributedModel.sortedInts(user, EXCLUDED) : new int[0];
                items.scoreAll(DistributedModel.floats(user, DistributedModel.FACTORS),
                        user.getFloat(user.fieldIndex(DistributedModel.BIAS)), scores);
                List<ScoredItem> top = items.top(scores, n, item -> Arrays.binarySearch(excluded, item) >= 0);
                String userId = user.getString(user.fieldIndex(SparkRatings.USER));
                List<Row> rows = new ArrayList<>(top.size());
                for (int rank = 0; rank < top.size(); rank++) {
                    ScoredItem scored = top.get(rank);
                    rows.add(RowFactory.create(userId, rank + 1, items.itemId(scored.item()), scored.score()));
                }
                return rows;
            }
        };
    }
}
