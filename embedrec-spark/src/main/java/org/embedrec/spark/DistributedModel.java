package org.embedrec.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.embedrec.data.IdIndex;
import org.embedrec.family.mf.MatrixFactorizationModel;

/**
 * A {@link MatrixFactorizationModel} laid out for distributed jobs: the item side broadcast to every
 * executor once, the user side a frame of one row per user (external id, index, factors, bias) that
 * Spark partitions. Item tables are usually small (tens of thousands of items); users are the many.
 */
public final class DistributedModel {
    /** The user factor column (array of floats). */
    public static final String FACTORS = "factors";
    /** The user bias column (0 for a model without biases). */
    public static final String BIAS = "bias";

    private final MatrixFactorizationModel model;
    private final Broadcast<FactorScorer> items;
    private final Dataset<Row> users;

    private DistributedModel(MatrixFactorizationModel model, Broadcast<FactorScorer> items, Dataset<Row> users) {
        this.model = Objects.requireNonNull(model, "model");
        this.items = Objects.requireNonNull(items, "items");
        this.users = Objects.requireNonNull(users, "users");
    }

    /** The model on the driver. */
    public MatrixFactorizationModel model() {
        return model;
    }

    /**
     * One row per user: {@link SparkRatings#USER}, {@link IndexedRatings#USER_INDEX}, {@link #FACTORS},
     * {@link #BIAS}.
     */
    public Dataset<Row> users() {
        return users;
    }

    /** The broadcast item side, read by the jobs on executors. */
    Broadcast<FactorScorer> items() {
        return items;
    }

    /** Broadcasts the item side of {@code model} and spreads its users over the default parallelism. */
    public static DistributedModel of(SparkSession spark, MatrixFactorizationModel model) {
        Broadcast<FactorScorer> items = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new FactorScorer(model));
        IdIndex userIds = model.users();
        int dim = model.dimensions();
        float[] factors = model.userFactors();
        float[] biases = model.hasBiases() ? model.userBiases() : null;
        List<Row> rows = new ArrayList<>(userIds.size());
        for (int user = 0; user < userIds.size(); user++) {
            Float[] vector = new Float[dim];
            for (int k = 0; k < dim; k++) {
                vector[k] = factors[user * dim + k];
            }
            rows.add(RowFactory.create(userIds.id(user), user, vector, biases == null ? 0f : biases[user]));
        }
        StructType schema = new StructType()
                .add(SparkRatings.USER, DataTypes.StringType, false)
                .add(IndexedRatings.USER_INDEX, DataTypes.IntegerType, false)
                .add(FACTORS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add(BIAS, DataTypes.FloatType, false);
        Dataset<Row> users = spark.createDataFrame(rows, schema).repartition(spark.sparkContext().defaultParallelism());
        return new DistributedModel(model, items, users);
    }

    /** The (item id, item index) frame of the model's items, for joining ratings to indices. */
    public Dataset<Row> itemIndex(SparkSession spark) {
        return IndexedRatings.indexFrame(spark, model.items(), SparkRatings.ITEM, IndexedRatings.ITEM_INDEX);
    }

    /** The float vector held in an array column of a row. */
    static float[] floats(Row row, String column) {
        List<Float> values = row.getList(row.fieldIndex(column));
        float[] array = new float[values.size()];
        for (int k = 0; k < array.length; k++) {
            array[k] = values.get(k);
        }
        return array;
    }

    /** The int values of an array column of a row, sorted, or an empty array for null. */
    static int[] sortedInts(Row row, String column) {
        int at = row.fieldIndex(column);
        if (row.isNullAt(at)) {
            return new int[0];
        }
        List<Integer> values = row.getList(at);
        return values.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
