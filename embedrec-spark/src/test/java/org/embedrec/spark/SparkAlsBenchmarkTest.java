package org.embedrec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RatingErrors;
import org.embedrec.io.MovieLens;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.junit.jupiter.api.Test;

/**
 * The README results table's figure for Spark ALS: trained on exactly the split of core's table
 * (Splits.randomHoldout, 10% test, seed 42, on ml-latest-small) and evaluated by core. Runs only with
 * {@code -Dembedrec.spark.benchmark=true}, because it adds a rank-50 ALS fit to the suite:
 * {@code mvn -B -Pspark -pl embedrec-spark -am test -Dtest=SparkAlsBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dembedrec.spark.benchmark=true}
 */
class SparkAlsBenchmarkTest {
    @Test
    void sparkAlsOnTheReadmeSplit() {
        assumeTrue(Boolean.getBoolean("embedrec.spark.benchmark"), "benchmark: run with -Dembedrec.spark.benchmark=true");
        Dataset data = MovieLens.load(LocalSpark.mlLatestSmall());
        Split split = Splits.randomHoldout(data.ratings(), 0.1, 42);
        SparkSession spark = LocalSpark.start();
        try {
            List<Row> rows = new ArrayList<>();
            Ratings train = split.train();
            for (int row = 0; row < train.size(); row++) {
                rows.add(RowFactory.create(train.users().id(train.user(row)), train.items().id(train.item(row)),
                        train.rating(row), train.timestamp(row), (long) row + 1, train.user(row), train.item(row)));
            }
            IndexedRatings indexed = new IndexedRatings(spark.createDataFrame(rows, SparkRatings.SCHEMA
                    .add(IndexedRatings.USER_INDEX, "int").add(IndexedRatings.ITEM_INDEX, "int")), train.users(), data.catalog());
            for (double reg : new double[] {0.1}) {
                long start = System.nanoTime();
                MatrixFactorizationModel model = new SparkAlsTrainer(SparkAlsTrainer.Options.defaults()
                        .withRank(50).withRegParam(reg).withMaxIter(10)).fit(indexed);
                RatingErrors errors = Metrics.ratingErrors(model, split.test());
                // Spark's own evaluation drops pairs ALS cannot score ("drop" cold-start strategy).
                int[] userCounts = train.userCounts();
                int[] scorable = java.util.stream.IntStream.range(0, split.test().size())
                        .filter(row -> model.isKnownItem(split.test().item(row)) && userCounts[split.test().user(row)] > 0)
                        .toArray();
                RatingErrors warm = Metrics.ratingErrors(model, split.test().subset(scorable));
                System.out.printf("spark ALS rank 50 regParam %.2f 10 iterations, ml-latest-small random 90/10 seed 42:"
                        + " test RMSE %.4f MAE %.4f on all %d ratings (cold-start items score 0);"
                        + " RMSE %.4f MAE %.4f on the %d ALS can score; fit %.1f s%n",
                        reg, errors.rmse(), errors.mae(), errors.count(), warm.rmse(), warm.mae(), warm.count(),
                        (System.nanoTime() - start) / 1e9);
                assertThat(errors.rmse()).isLessThan(1.2);
            }
        } finally {
            spark.stop();
        }
    }
}
