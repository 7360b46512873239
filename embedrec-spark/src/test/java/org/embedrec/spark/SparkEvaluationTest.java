package org.embedrec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RatingErrors;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.ScoredItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Distributed evaluation and batch top-N against core and against a naive single-machine reference of
 * the ranking metrics spec, on random models whose small integer factors make many tied scores.
 */
class SparkEvaluationTest {
    private static final int USERS = 30;
    private static final int ITEMS = 40;
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** A random model: integer factors in [-2, 2] (ties), optional biases and sigmoid range, some unknown items. */
    private static MatrixFactorizationModel randomModel(SplittableRandom random, boolean biases) {
        int dim = 3;
        IdIndex users = IdIndex.of(IntStream.range(0, USERS).mapToObj(u -> "u" + u).toList());
        ItemCatalog catalog = ItemCatalog.untitled(IdIndex.of(IntStream.range(0, ITEMS).mapToObj(i -> "i" + i).toList()));
        float[] userFactors = new float[USERS * dim];
        float[] itemFactors = new float[ITEMS * dim];
        for (int k = 0; k < userFactors.length; k++) {
            userFactors[k] = random.nextInt(5) - 2;
        }
        for (int k = 0; k < itemFactors.length; k++) {
            itemFactors[k] = random.nextInt(5) - 2;
        }
        int[] counts = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            counts[i] = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(9);
        }
        float[] userBias = null;
        float[] itemBias = null;
        if (biases) {
            userBias = new float[USERS];
            itemBias = new float[ITEMS];
            for (int u = 0; u < USERS; u++) {
                userBias[u] = (float) random.nextDouble(-0.5, 0.5);
            }
            for (int i = 0; i < ITEMS; i++) {
                itemBias[i] = (float) random.nextDouble(-0.5, 0.5);
            }
        }
        ModelInfo info = new ModelInfo(MatrixFactorizationModel.KIND, Map.of(), Provenance.of("test"), List.of(), Map.of());
        return new MatrixFactorizationModel(new TrainingFacts(users, catalog, counts, info), dim, userFactors, itemFactors,
                userBias, itemBias, biases ? 3.5f : 0f, biases ? new MatrixFactorizationModel.OutputRange(0.5f, 5f) : null,
                MatrixFactorizationModel.FoldInL2.DEFAULT);
    }

    /** Random rating rows (user, item, rating, timestamp, line) including ids the model does not know. */
    private static List<Row> randomRatings(SplittableRandom random, int count, Set<String> taken) {
        List<Row> rows = new ArrayList<>();
        while (rows.size() < count) {
            String user = random.nextInt(12) == 0 ? "stranger" + random.nextInt(3) : "u" + random.nextInt(USERS);
            String item = random.nextInt(12) == 0 ? "new" + random.nextInt(5) : "i" + random.nextInt(ITEMS);
            if (taken.add(user + " " + item)) {
                rows.add(RowFactory.create(user, item, (float) (1 + random.nextInt(10)) / 2, 0L, (long) rows.size() + 1));
            }
        }
        return rows;
    }

    private static Dataset<Row> frame(List<Row> rows) {
        return spark.createDataFrame(rows, SparkRatings.SCHEMA);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rankingMetricsFollowTheSpecLikeANaiveReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MatrixFactorizationModel model = randomModel(random, seed == 3);
        Set<String> taken = new HashSet<>();
        List<Row> train = randomRatings(random, 300, taken);
        List<Row> test = randomRatings(random, 200, taken);
        DistributedModel distributed = DistributedModel.of(spark, model);

        double[][] cases = {{1, Double.NEGATIVE_INFINITY}, {5, 3.5}, {10, Double.NEGATIVE_INFINITY}};
        for (double[] kAndThreshold : cases) {
            int k = (int) kAndThreshold[0];
            double threshold = kAndThreshold[1];
            {
                SparkRankingResult actual = SparkEvaluation.rankingMetrics(spark, distributed, frame(train), frame(test), threshold, k);
                double[] expected = NaiveRankingMetrics.compute(model, frame(train).collectAsList(), frame(test).collectAsList(), threshold, k);
                assertThat(actual.users()).as("users at k=%d t=%s", k, threshold).isEqualTo((long) expected[0]);
                assertThat(new double[] {actual.precision(), actual.recall(), actual.ndcg(), actual.map(), actual.hitRate(), actual.mrr()})
                        .as("precision, recall, ndcg, map, hit rate, mrr at k=%d t=%s", k, threshold)
                        .containsExactly(new double[] {expected[1], expected[2], expected[3], expected[4], expected[5], expected[6]},
                                within(1e-9));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ratingErrorsEqualCoreMetricsOnTheModelsPredictions(boolean biases) {
        SplittableRandom random = new SplittableRandom(biases ? 11 : 12);
        MatrixFactorizationModel model = randomModel(random, biases);
        List<Row> test = randomRatings(random, 300, new HashSet<>());
        Ratings.Builder known = Ratings.builder();
        for (Row row : test) {
            int user = model.users().tryIndex(row.getString(0));
            int item = model.items().tryIndex(row.getString(1));
            if (user >= 0 && item >= 0) {
                known.add(user, item, row.getFloat(2), 0);
            }
        }
        RatingErrors expected = Metrics.ratingErrors(model, known.build(model.users(), model.items()));

        RatingErrors actual = SparkEvaluation.ratingErrors(spark, DistributedModel.of(spark, model), frame(test));

        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.rmse()).isCloseTo(expected.rmse(), within(1e-9));
        assertThat(actual.mae()).isCloseTo(expected.mae(), within(1e-9));
        assertThat(actual.mse()).isCloseTo(expected.mse(), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void batchTopNEqualsCoreRecommendForEveryUser(boolean biases) {
        SplittableRandom random = new SplittableRandom(biases ? 21 : 22);
        MatrixFactorizationModel model = randomModel(random, biases);
        List<Row> seen = randomRatings(random, 250, new HashSet<>());
        int n = 7;

        List<Row> lists = BatchRecommendations.topN(spark, DistributedModel.of(spark, model), frame(seen), n).collectAsList();

        // Items and order must agree exactly; scores to float rounding, as core may sum the dot products in another order.
        Map<String, List<String>> actual = new HashMap<>();
        Map<String, List<Float>> actualScores = new HashMap<>();
        for (Row row : lists.stream().sorted(Comparator.comparingInt((Row row) -> row.getInt(1))).toList()) {
            actual.computeIfAbsent(row.getString(0), u -> new ArrayList<>()).add(row.getString(2));
            actualScores.computeIfAbsent(row.getString(0), u -> new ArrayList<>()).add(row.getFloat(3));
        }
        assertThat(actual).hasSize(USERS);
        for (int user = 0; user < USERS; user++) {
            String userId = model.users().id(user);
            Set<Integer> excluded = new HashSet<>();
            for (Row row : seen) {
                if (row.getString(0).equals(userId) && model.items().contains(row.getString(1))) {
                    excluded.add(model.items().index(row.getString(1)));
                }
            }
            List<String> expected = new ArrayList<>();
            List<ScoredItem> recommended = model.recommend(user, n, excluded::contains);
            for (ScoredItem scored : recommended) {
                expected.add(model.items().id(scored.item()));
            }
            assertThat(actual.get(userId)).as("user %s", userId).isEqualTo(expected);
            for (int rank = 0; rank < n; rank++) {
                assertThat(actualScores.get(userId).get(rank)).as("user %s rank %d", userId, rank)
                        .isCloseTo(recommended.get(rank).score(), within(2e-6f * Math.abs(recommended.get(rank).score())));
            }
        }
    }
}
