package org.embedrec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.IdIndex;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splits checked by their invariants, their reproducibility across partitionings, and against core. */
class SparkSplitsTest {
    private static SparkSession spark;
    private static List<Row> rows;
    private static Dataset<Row> ratings;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start();
        SplittableRandom random = new SplittableRandom(3);
        rows = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        while (rows.size() < 1500) {
            // Skewed activity: a few heavy users, many with one or two ratings.
            String user = "u" + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 120);
            String item = "i" + random.nextInt(200);
            if (pairs.add(user + " " + item)) {
                rows.add(RowFactory.create(user, item, 1f + random.nextInt(5), (long) random.nextInt(50), (long) rows.size() + 1));
            }
        }
        ratings = spark.createDataFrame(rows, SparkRatings.SCHEMA).cache();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static Set<Long> lines(Dataset<Row> part) {
        return new HashSet<>(part.select(SparkRatings.LINE).as(org.apache.spark.sql.Encoders.LONG()).collectAsList());
    }

    private static void assertPartition(SparkSplits.Split split) {
        Set<Long> train = lines(split.train());
        Set<Long> test = lines(split.test());
        assertThat(train).doesNotContainAnyElementsOf(test);
        Set<Long> union = new HashSet<>(train);
        union.addAll(test);
        assertThat(union).hasSize(rows.size());
        assertThat(split.train().columns()).isEqualTo(ratings.columns());
        assertThat(split.test().columns()).isEqualTo(ratings.columns());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void randomHoldoutPartitionsTheRatingsAboutTheFractionAndIgnoresPartitioning(long seed) {
        SparkSplits.Split split = SparkSplits.randomHoldout(ratings, 0.2, seed);
        SparkSplits.Split repartitioned = SparkSplits.randomHoldout(ratings.repartition(7), 0.2, seed);

        assertPartition(split);
        // Binomial(1500, 0.2): mean 300, sd 15.5; five sd either side.
        assertThat(lines(split.test()).size()).isBetween(222, 378);
        assertThat(lines(repartitioned.test())).isEqualTo(lines(split.test()));
        assertThat(lines(SparkSplits.randomHoldout(ratings, 0.2, seed + 10).test())).isNotEqualTo(lines(split.test()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void perUserHoldoutHoldsOutCoresCountPerUserAndKeepsEveryUserInTraining(long seed) {
        SparkSplits.Split split = SparkSplits.perUserHoldout(ratings, 0.25, seed);

        assertPartition(split);
        Map<String, Integer> total = new HashMap<>();
        for (Row row : rows) {
            total.merge(row.getString(0), 1, Integer::sum);
        }
        Map<String, Integer> inTest = new HashMap<>();
        for (Row row : split.test().collectAsList()) {
            inTest.merge(row.getString(0), 1, Integer::sum);
        }
        Set<String> trainUsers = new HashSet<>(split.train().select(SparkRatings.USER).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertThat(trainUsers).isEqualTo(total.keySet());
        for (Map.Entry<String, Integer> user : total.entrySet()) {
            int c = user.getValue();
            assertThat(inTest.getOrDefault(user.getKey(), 0)).as("user %s with %d ratings", user.getKey(), c)
                    .isEqualTo((int) Math.min(Math.round(c * 0.25), c - 1));
        }
        assertThat(lines(SparkSplits.perUserHoldout(ratings.repartition(5), 0.25, seed).test())).isEqualTo(lines(split.test()));
    }

    @Test
    void temporalFractionTakesTheSameTestRowsAsCore() {
        SparkSplits.Split split = SparkSplits.temporalFraction(ratings, 0.3);

        assertPartition(split);
        assertThat(pairs(split.test())).isEqualTo(coreTestPairs(new SplitSpec.Temporal(0.3))).hasSizeGreaterThanOrEqualTo(450);
    }

    /** The (user item) pairs of core's test part of {@code split} applied to the same rows. */
    private static Set<String> coreTestPairs(SplitSpec split) {
        IdIndex.Builder users = IdIndex.builder();
        IdIndex.Builder items = IdIndex.builder();
        Ratings.Builder builder = Ratings.builder();
        for (Row row : rows) {
            builder.add(users.add(row.getString(0)), items.add(row.getString(1)), row.getFloat(2), row.getLong(3));
        }
        Ratings core = builder.build(users.build(), items.build());
        Split expected = split.apply(core, 1);
        Set<String> pairs = new HashSet<>();
        for (int row = 0; row < expected.test().size(); row++) {
            pairs.add(core.users().id(expected.test().user(row)) + " " + core.items().id(expected.test().item(row)));
        }
        return pairs;
    }

    private static Set<String> pairs(Dataset<Row> part) {
        Set<String> pairs = new HashSet<>();
        for (Row row : part.collectAsList()) {
            pairs.add(row.getString(0) + " " + row.getString(1));
        }
        return pairs;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void perUserLastNTakesTheSameTestRowsAsCore(int n) {
        SparkSplits.Split split = SparkSplits.perUserLastN(ratings.repartition(4), n);

        assertPartition(split);
        // Timestamps come from 50 values, so many ties are broken by line order as in core.
        assertThat(pairs(split.test())).isEqualTo(coreTestPairs(new SplitSpec.LastN(n)));
    }

    @Test
    void theCommandLinesSplitSyntaxPicksTheSameSplits() {
        assertThat(lines(SparkSplits.of(ratings, SplitSpec.parse("random:0.2"), 1).test()))
                .isEqualTo(lines(SparkSplits.randomHoldout(ratings, 0.2, 1).test()));
        assertThat(lines(SparkSplits.of(ratings, SplitSpec.parse("user:0.25"), 2).test()))
                .isEqualTo(lines(SparkSplits.perUserHoldout(ratings, 0.25, 2).test()))
                .isEqualTo(lines(SparkSplits.of(ratings, SplitSpec.parse("per-user:0.25"), 2).test()));
        assertThat(lines(SparkSplits.of(ratings, SplitSpec.parse("last:2"), 3).test()))
                .isEqualTo(lines(SparkSplits.perUserLastN(ratings, 2).test()));
        assertThat(pairs(SparkSplits.of(ratings, SplitSpec.parse("temporal:0.3"), 4).test()))
                .isEqualTo(coreTestPairs(SplitSpec.parse("temporal:0.3")));
        assertThatThrownBy(() -> SparkSplits.of(ratings, SplitSpec.parse("ml100k:u1"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ml100k:u1 is read from the ML-100K folder's files");
    }

    @Test
    void fractionsOutsideTheOpenUnitIntervalAreRejectedWithTheValue() {
        assertThatThrownBy(() -> SparkSplits.randomHoldout(ratings, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("testFraction must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> SparkSplits.perUserHoldout(ratings, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("testFraction must be in (0, 1), got 0.0");
    }
}
