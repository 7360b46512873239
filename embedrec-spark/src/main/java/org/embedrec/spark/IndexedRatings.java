package org.embedrec.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;

/**
 * Ratings in {@link SparkRatings#SCHEMA} followed by dense indices {@link #USER_INDEX} and {@link #ITEM_INDEX},
 * with the two frozen id indices and the item catalog they refer to. The indices follow the core
 * MovieLens loader: users in order of first appearance, items in catalog order followed by rated items
 * the catalog lacks in order of first appearance. So a model trained here has the same indices as one
 * trained by core on the same files, and core's evaluation applies to it directly.
 *
 * <p>The id indices live on the driver (a model file stores them anyway); the rows stay distributed.
 *
 * @param rows the ratings with their index columns
 * @param users the user index
 * @param catalog the item catalog, whose {@link ItemCatalog#items()} is the item index
 */
public record IndexedRatings(Dataset<Row> rows, IdIndex users, ItemCatalog catalog) {
    /** Dense user index column (int). */
    public static final String USER_INDEX = "userIndex";
    /** Dense item index column (int). */
    public static final String ITEM_INDEX = "itemIndex";

    /** Checks that no part is null. */
    public IndexedRatings {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Indexes {@code ratings} (in {@link SparkRatings#SCHEMA}).
     *
     * @param catalog the item catalog (e.g. {@link SparkMovieLens#catalog}), or {@code null} for one
     *     that knows only the rated item ids
     */
    public static IndexedRatings of(Dataset<Row> ratings, ItemCatalog catalog) {
        IdIndex users = IdIndex.of(idsByFirstLine(ratings, SparkRatings.USER));
        List<String> itemIds = new ArrayList<>();
        if (catalog != null) {
            itemIds.addAll(catalog.items().ids());
        }
        IdIndex catalogItems = IdIndex.of(itemIds);
        for (String id : idsByFirstLine(ratings, SparkRatings.ITEM)) {
            if (!catalogItems.contains(id)) {
                itemIds.add(id);
            }
        }
        IdIndex items = IdIndex.of(itemIds);
        return of(ratings, users, catalog == null ? ItemCatalog.untitled(items) : catalog.alignedTo(items));
    }

    /**
     * Indexes {@code ratings} (in {@link SparkRatings#SCHEMA}) by given indices, which hold every id of the rows.
     *
     * @param catalog the item catalog, whose {@link ItemCatalog#items()} is the item index
     */
    public static IndexedRatings of(Dataset<Row> ratings, IdIndex users, ItemCatalog catalog) {
        IdIndex items = catalog.items();
        SparkSession spark = ratings.sparkSession();
        Dataset<Row> rows = ratings
                .join(indexFrame(spark, users, SparkRatings.USER, USER_INDEX), SparkRatings.USER)
                .join(indexFrame(spark, items, SparkRatings.ITEM, ITEM_INDEX), SparkRatings.ITEM)
                .select(SparkRatings.USER, SparkRatings.ITEM, SparkRatings.RATING, SparkRatings.TIMESTAMP, SparkRatings.LINE,
                        USER_INDEX, ITEM_INDEX);
        return new IndexedRatings(rows, users, catalog);
    }

    /** The item index. */
    public IdIndex items() {
        return catalog.items();
    }

    /** The same indices and catalog over other rows (e.g. one part of a split). */
    public IndexedRatings withRows(Dataset<Row> newRows) {
        return new IndexedRatings(newRows, users, catalog);
    }

    /** A two-column frame (id, index) of {@code index}, for joining external ids to dense indices. */
    static Dataset<Row> indexFrame(SparkSession spark, IdIndex index, String idColumn, String indexColumn) {
        List<Row> rows = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) {
            rows.add(RowFactory.create(index.id(i), i));
        }
        StructType schema = new StructType()
                .add(idColumn, DataTypes.StringType, false)
                .add(indexColumn, DataTypes.IntegerType, false);
        return spark.createDataFrame(rows, schema);
    }

    private static List<String> idsByFirstLine(Dataset<Row> ratings, String column) {
        List<String> ids = new ArrayList<>();
        for (Row row : ratings.groupBy(column).agg(min(SparkRatings.LINE).as("first")).orderBy(col("first")).collectAsList()) {
            ids.add(row.getString(0));
        }
        return ids;
    }
}
