package org.embedrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.embedrec.data.DatasetSummary.ItemStat;
import org.embedrec.data.DatasetSummary.Quantiles;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetSummaryTest {
    private static final double NaN = Double.NaN;

    /**
     * Four rating users (u5 has none) and five rated movies (m6 has none). Counts per user 4, 3, 2, 2
     * (u3 and u4 tie); per movie 3, 3, 3, 1, 1 (m1..m3 tie, m4 and m5 tie). Rows are interleaved.
     */
    private static Dataset small() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int m = 1; m <= 6; m++) {
            catalog.add("m" + m, "Movie " + m + " (200" + m + ")", 2000 + m, List.of());
        }
        ItemCatalog movies = catalog.build();
        IdIndex users = IdIndex.of(List.of("u1", "u2", "u3", "u4", "u5"));
        Ratings ratings = Ratings.builder()
                .add(0, 0, 4, 10).add(1, 0, 5, 11).add(2, 0, 3, 12).add(3, 1, 0.5f, 13)
                .add(0, 1, 3.5f, 14).add(1, 1, 3.5f, 15).add(2, 2, 4.5f, 16).add(0, 2, 5, 17)
                .add(1, 2, 2, 18).add(3, 4, 3, 19).add(0, 3, 1, 20)
                .build(users, movies.items());
        return new Dataset("small", ratings, movies);
    }

    @Test
    void countsDensityAndRatingRangeOfTheSmallDataset() {
        DatasetSummary summary = DatasetSummary.of(small());

        assertThat(summary.name()).isEqualTo("small");
        assertThat(summary.ratingCount()).isEqualTo(11);
        assertThat(summary.userCount()).isEqualTo(4);
        assertThat(summary.itemCount()).isEqualTo(5);
        assertThat(summary.density()).isEqualTo(11.0 / 20);
        assertThat(summary.minRating()).isEqualTo(0.5);
        assertThat(summary.maxRating()).isEqualTo(5);
        assertThat(summary.meanRating()).isCloseTo(35.0 / 11, within(1e-12));
    }

    @Test
    void histogramCountsEachDistinctLevel() {
        Map<Float, Integer> expected = new TreeMap<>(Map.of(
                0.5f, 1, 1f, 1, 2f, 1, 3f, 2, 3.5f, 2, 4f, 1, 4.5f, 1, 5f, 2));

        assertThat(DatasetSummary.of(small()).ratingHistogram()).containsExactlyEntriesOf(expected);
    }

    @Test
    void quantilesOfRatingsPerUserAndItemInterpolateLinearly() {
        DatasetSummary summary = DatasetSummary.of(small());

        // per user: sorted counts 2, 2, 3, 4; e.g. the 75% position is 0.75 * 3 = 2.25 -> 3 + 0.25 * 1.
        assertQuantiles(summary.ratingsPerUser(), 2, 2, 2.5, 3.25, 3.7, 3.97, 4);
        // per item: sorted counts 1, 1, 3, 3, 3 (the unrated m6 is left out).
        assertQuantiles(summary.ratingsPerItem(), 1, 1, 3, 3, 3, 3, 3);
    }

    private static double[] values(Quantiles q) {
        return new double[] {q.min(), q.p25(), q.median(), q.p75(), q.p90(), q.p99(), q.max()};
    }

    private static void assertQuantiles(Quantiles actual, double... expected) {
        assertThat(values(actual)).containsExactly(expected, within(1e-12));
    }

    /** Boxed copy, so that NaN cells compare equal (Double.equals) and a mismatch prints readably. */
    private static List<List<Double>> boxed(double[][] table) {
        return Arrays.stream(table).map(row -> Arrays.stream(row).boxed().toList()).toList();
    }

    @Test
    void quantilesMatchNumpyOnAKnownExample() {
        // numpy.percentile([10, 1, 4, 3, 2], [0, 25, 50, 75, 90, 99, 100])
        assertQuantiles(Quantiles.of(new int[] {10, 1, 4, 3, 2}), 1, 2, 3, 4, 7.6, 9.76, 10);
        assertQuantiles(Quantiles.of(new int[] {7}), 7, 7, 7, 7, 7, 7, 7);
        assertThat(Quantiles.of(new int[0]).median()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void quantilesAgreeWithTheNaiveReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] values = random.ints(1 + random.nextInt(200), 0, 1000).toArray();

        Quantiles q = Quantiles.of(values);

        double[] actual = values(q);
        double[] ps = {0, 0.25, 0.5, 0.75, 0.9, 0.99, 1};
        for (int k = 0; k < ps.length; k++) {
            assertThat(actual[k]).as("p = %s", ps[k]).isCloseTo(naiveQuantile(values, ps[k]), within(1e-9));
        }
    }

    /**
     * Reference: the quantile function is the polyline through the points (k / (n - 1), x[k]) of
     * the sorted values; find the segment that contains p and interpolate along it.
     */
    private static double naiveQuantile(int[] values, double p) {
        int[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        if (n == 1) {
            return x[0];
        }
        for (int k = 0; k < n - 1; k++) {
            double left = (double) k / (n - 1);
            double right = (double) (k + 1) / (n - 1);
            if (p <= right) {
                return x[k] + (p - left) / (right - left) * (x[k + 1] - x[k]);
            }
        }
        return x[n - 1];
    }

    @Test
    void topItemsAreOrderedByCountThenIndexWithTitlesAndMeans() {
        List<ItemStat> top = DatasetSummary.of(small()).topItems();

        assertThat(top).hasSize(5);
        assertThat(top).extracting(ItemStat::item).containsExactly(0, 1, 2, 3, 4);
        assertThat(top).extracting(ItemStat::count).containsExactly(3, 3, 3, 1, 1);
        assertThat(top.get(0).title()).isEqualTo("Movie 1 (2001)");
        assertThat(top).extracting(ItemStat::meanRating)
                .containsExactly(4.0, 2.5, 11.5 / 3, 1.0, 3.0);
        assertThat(DatasetSummary.of(small(), 2).topItems()).extracting(ItemStat::item).containsExactly(0, 1);
    }

    @Test
    void crosstabHoldsEachRatingOfTheMostActiveUsersForTheMostRatedItems() {
        DatasetSummary summary = DatasetSummary.of(small());

        assertThat(summary.crosstabUsers()).containsExactly(0, 1, 2, 3);
        assertThat(summary.crosstabItems()).containsExactly(0, 1, 2, 3, 4);
        assertThat(boxed(summary.crosstab())).isEqualTo(boxed(new double[][] {
            {4, 3.5, 5, 1, NaN},
            {5, 3.5, 2, NaN, NaN},
            {3, NaN, 4.5, NaN, NaN},
            {NaN, 0.5, NaN, NaN, 3},
        }));
    }

    @Test
    void crosstabSumsARepeatedUserItemPairLikePandas() {
        IdIndex users = IdIndex.of(List.of("a"));
        IdIndex items = IdIndex.of(List.of("x"));
        Ratings ratings = Ratings.builder().add(0, 0, 2, 1).add(0, 0, 1.5f, 2).build(users, items);

        assertThat(DatasetSummary.of(Dataset.of("twice", ratings)).crosstab()).isDeepEqualTo(new double[][] {{3.5}});
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void crosstabOfGeneratedDataMatchesANaiveReference(long seed) {
        Ratings ratings = SplitsTest.generate(seed);
        DatasetSummary summary = DatasetSummary.of(Dataset.of("generated", ratings));

        Map<Integer, Integer> userCounts = new HashMap<>();
        Map<Integer, Integer> itemCounts = new HashMap<>();
        Map<List<Integer>, Double> cells = new HashMap<>();
        for (int row = 0; row < ratings.size(); row++) {
            userCounts.merge(ratings.user(row), 1, Integer::sum);
            itemCounts.merge(ratings.item(row), 1, Integer::sum);
            cells.merge(List.of(ratings.user(row), ratings.item(row)), (double) ratings.rating(row), Double::sum);
        }
        int[] users = naiveMostRated(userCounts, DatasetSummary.CROSSTAB_SIZE);
        int[] items = naiveMostRated(itemCounts, DatasetSummary.CROSSTAB_SIZE);
        assertThat(summary.crosstabUsers()).containsExactly(users);
        assertThat(summary.crosstabItems()).containsExactly(items);
        assertThat(summary.topItems()).extracting(ItemStat::item)
                .containsExactlyElementsOf(
                        Arrays.stream(items).limit(DatasetSummary.DEFAULT_TOP_ITEMS).boxed().toList());
        double[][] expected = new double[users.length][items.length];
        for (int r = 0; r < users.length; r++) {
            for (int c = 0; c < items.length; c++) {
                expected[r][c] = cells.getOrDefault(List.of(users[r], items[c]), NaN);
            }
        }
        assertThat(boxed(summary.crosstab())).isEqualTo(boxed(expected));
    }

    /** Reference ranking: repeatedly pick the largest remaining count, lowest index on ties. */
    private static int[] naiveMostRated(Map<Integer, Integer> counts, int limit) {
        Map<Integer, Integer> remaining = new HashMap<>(counts);
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < limit && !remaining.isEmpty()) {
            int best = -1;
            for (Map.Entry<Integer, Integer> entry : remaining.entrySet()) {
                int index = entry.getKey();
                if (best < 0 || entry.getValue() > remaining.get(best)
                        || (entry.getValue().equals(remaining.get(best)) && index < best)) {
                    best = index;
                }
            }
            chosen.add(best);
            remaining.remove(best);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void emptyDataGivesNaNStatisticsRatherThanFailing() {
        IdIndex none = IdIndex.of(List.of());
        DatasetSummary summary = DatasetSummary.of(Dataset.of("empty", Ratings.builder().build(none, none)));

        assertThat(summary.ratingCount()).isZero();
        assertThat(summary.meanRating()).isNaN();
        assertThat(summary.ratingsPerUser().max()).isNaN();
        assertThat(summary.topItems()).isEmpty();
        assertThat(summary.crosstab()).isEmpty();
    }

    @Test
    void negativeTopItemCountIsRejected() {
        assertThatThrownBy(() -> DatasetSummary.of(small(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topItemCount must be >= 0, got -1");
    }

    @Test
    void summaryOfMovieLensLatestSmall() throws IOException {
        Path file = SharedData.mlLatestSmall().resolve("ratings.csv");
        // Minimal parser of the 4-column file; the real loader lives in org.embedrec.io.
        IdIndex.Builder users = IdIndex.builder();
        IdIndex.Builder items = IdIndex.builder();
        Ratings.Builder builder = Ratings.builder();
        double sum = 0;
        Map<String, Integer> countByMovie = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            float rating = Float.parseFloat(fields[2]);
            builder.add(users.add(fields[0]), items.add(fields[1]), rating, Long.parseLong(fields[3]));
            sum += Double.parseDouble(fields[2]);
            countByMovie.merge(fields[1], 1, Integer::sum);
        }
        Ratings ratings = builder.build(users.build(), items.build());

        DatasetSummary summary = DatasetSummary.of(Dataset.of("ml-latest-small", ratings));

        assertThat(summary.ratingCount()).isEqualTo(100_004);
        assertThat(summary.userCount()).isEqualTo(671);
        assertThat(summary.itemCount()).isEqualTo(9_066);
        assertThat(summary.meanRating()).isCloseTo(sum / 100_004, within(1e-3));
        assertThat(summary.ratingHistogram().keySet())
                .containsExactly(0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3.5f, 4f, 4.5f, 5f);
        assertThat(summary.ratingHistogram().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100_004);
        // MovieLens promises at least 20 ratings per user in this data set.
        assertThat(summary.ratingsPerUser().min()).isEqualTo(20);
        int mostRatedCount = countByMovie.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        ItemStat first = summary.topItems().get(0);
        assertThat(first.count()).isEqualTo(mostRatedCount);
        assertThat(ratings.items().id(first.item())).isEqualTo("356"); // Forrest Gump, 341 ratings
        assertThat(summary.crosstab()).hasDimensions(15, 15);
    }
}
