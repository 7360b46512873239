package org.embedrec.family.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ScoredItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Item-kNN's neighbour lists and scores against a naive reference written here. */
class ItemKnnTrainerTest {
    private static final int USERS = 60;
    private static final int ITEMS = 25;

    /** Random ratings 1..5, about a third of all pairs. */
    private static Ratings randomRatings(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Ratings.Builder builder = Ratings.builder();
        for (int user = 0; user < USERS; user++) {
            for (int item = 0; item < ITEMS; item++) {
                if (random.nextInt(3) == 0) {
                    builder.add(user, item, 1 + random.nextInt(5), 0);
                }
            }
        }
        return builder.build(ids("u", USERS), ids("i", ITEMS));
    }

    private static IdIndex ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            ids.add(prefix + k);
        }
        return IdIndex.of(ids);
    }

    /** The cosine with shrinkage of two items' sets of liking users, straight from the definition. */
    private static double naiveSimilarity(boolean[][] liked, int a, int b, double shrinkage) {
        int common = 0;
        int countA = 0;
        int countB = 0;
        for (boolean[] user : liked) {
            common += user[a] && user[b] ? 1 : 0;
            countA += user[a] ? 1 : 0;
            countB += user[b] ? 1 : 0;
        }
        return common / (Math.sqrt((double) countA * countB) + shrinkage);
    }

    private static boolean[][] liked(Ratings ratings, PositiveThreshold threshold) {
        boolean[][] liked = new boolean[USERS][ITEMS];
        for (int row = 0; row < ratings.size(); row++) {
            if (threshold.isPositive(ratings.rating(row))) {
                liked[ratings.user(row)][ratings.item(row)] = true;
            }
        }
        return liked;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void neighboursAreTheMostSimilarItemsByShrunkCosine(long seed) {
        Ratings ratings = randomRatings(seed);
        ItemKnnTrainer.Options options = ItemKnnTrainer.Options.defaults().withNeighbours(6).withShrinkage(2.5)
                .withWeighting(ItemKnnTrainer.Weighting.NONE);
        ItemKnnModel model = new ItemKnnTrainer(options).fit(ratings, ItemCatalog.untitled(ratings.items()));
        boolean[][] liked = liked(ratings, options.positiveThreshold());
        for (int item = 0; item < ITEMS; item++) {
            List<ScoredItem> expected = new ArrayList<>();
            for (int other = 0; other < ITEMS; other++) {
                double similarity = naiveSimilarity(liked, item, other, 2.5);
                if (other != item && similarity > 0) {
                    expected.add(new ScoredItem(other, (float) similarity));
                }
            }
            expected.sort(Comparator.comparingDouble((ScoredItem s) -> -s.score()).thenComparingInt(ScoredItem::item));
            List<ScoredItem> actual = model.similarItems(item, 100);
            assertThat(actual).hasSize(Math.min(6, expected.size()));
            for (int k = 0; k < actual.size(); k++) {
                assertThat(actual.get(k).item()).as("neighbour %d of item %d", k, item).isEqualTo(expected.get(k).item());
                assertThat(actual.get(k).score()).isCloseTo(expected.get(k).score(), within(1e-6f));
            }
        }
    }

    /**
     * implicit's weightings written out densely from their definitions over the item × user matrix
     * (items are the documents, users the terms), then the cosine with shrinkage of two weighted rows.
     */
    private static double[][] naiveWeighted(boolean[][] liked, ItemKnnTrainer.Options options) {
        double[][] x = new double[ITEMS][USERS];
        for (int user = 0; user < USERS; user++) {
            for (int item = 0; item < ITEMS; item++) {
                x[item][user] = liked[user][item] ? 1 : 0;
            }
        }
        if (options.weighting() == ItemKnnTrainer.Weighting.NONE) {
            return x;
        }
        double[] idf = new double[USERS];
        for (int user = 0; user < USERS; user++) {
            int documents = 0;
            for (int item = 0; item < ITEMS; item++) {
                documents += x[item][user] != 0 ? 1 : 0;
            }
            idf[user] = Math.log((double) ITEMS / (1 + documents));
        }
        double[] length = new double[ITEMS];
        double meanLength = 0;
        for (int item = 0; item < ITEMS; item++) {
            for (int user = 0; user < USERS; user++) {
                length[item] += x[item][user];
            }
            meanLength += length[item] / ITEMS;
        }
        double[][] weighted = new double[ITEMS][USERS];
        for (int item = 0; item < ITEMS; item++) {
            double norm = 1 - options.bm25B() + options.bm25B() * length[item] / meanLength;
            for (int user = 0; user < USERS; user++) {
                double value = x[item][user];
                if (value != 0) {
                    weighted[item][user] = options.weighting() == ItemKnnTrainer.Weighting.TFIDF
                            ? Math.sqrt(value) * idf[user]
                            : value * (options.bm25K1() + 1) / (options.bm25K1() * norm + value) * idf[user];
                }
            }
        }
        return weighted;
    }

    private static double naiveCosine(double[] a, double[] b, double shrinkage) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            normA += a[k] * a[k];
            normB += b[k] * b[k];
        }
        return dot / (Math.sqrt(normA) * Math.sqrt(normB) + shrinkage);
    }

    /** Every weighting, with and without shrinkage, against the dense reference. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"NONE, 0", "NONE, 2.5", "TFIDF, 0", "TFIDF, 2.5", "BM25, 0",
            "BM25, 2.5", "BM25, 40"})
    void weightedNeighboursMatchTheDenseReference(ItemKnnTrainer.Weighting weighting, double shrinkage) {
        Ratings ratings = randomRatings(11);
        ItemKnnTrainer.Options options = ItemKnnTrainer.Options.defaults().withNeighbours(6).withShrinkage(shrinkage)
                .withWeighting(weighting).withBm25K1(1.5).withBm25B(0.6);
        ItemKnnModel model = new ItemKnnTrainer(options).fit(ratings, ItemCatalog.untitled(ratings.items()));
        double[][] weighted = naiveWeighted(liked(ratings, options.positiveThreshold()), options);
        for (int item = 0; item < ITEMS; item++) {
            List<ScoredItem> expected = new ArrayList<>();
            for (int other = 0; other < ITEMS; other++) {
                double similarity = naiveCosine(weighted[item], weighted[other], shrinkage);
                if (other != item && similarity > 0) {
                    expected.add(new ScoredItem(other, (float) similarity));
                }
            }
            expected.sort(Comparator.comparingDouble((ScoredItem s) -> -s.score()).thenComparingInt(ScoredItem::item));
            List<ScoredItem> actual = model.similarItems(item, 100);
            assertThat(actual).hasSize(Math.min(6, expected.size()));
            for (int k = 0; k < actual.size(); k++) {
                assertThat(actual.get(k).score()).as("similarity %d of item %d", k, item)
                        .isCloseTo(expected.get(k).score(), within(1e-5f));
                if (Math.abs(expected.get(k).score() - (k + 1 < expected.size() ? expected.get(k + 1).score() : -1)) > 1e-5
                        && (k == 0 || Math.abs(expected.get(k).score() - expected.get(k - 1).score()) > 1e-5)) {
                    assertThat(actual.get(k).item()).as("neighbour %d of item %d", k, item).isEqualTo(expected.get(k).item());
                }
            }
        }
    }

    /** BM25's per-item factor matters only against the shrinkage: without it BM25 ranks as TF-IDF does. */
    @Test
    void bm25WithoutShrinkageGivesTheTfidfCosine() {
        Ratings ratings = randomRatings(12);
        ItemCatalog catalog = ItemCatalog.untitled(ratings.items());
        ItemKnnTrainer.Options options = ItemKnnTrainer.Options.defaults().withShrinkage(0);
        ItemKnnModel tfidf = new ItemKnnTrainer(options.withWeighting(ItemKnnTrainer.Weighting.TFIDF)).fit(ratings, catalog);
        ItemKnnModel bm25 = new ItemKnnTrainer(options.withWeighting(ItemKnnTrainer.Weighting.BM25)).fit(ratings, catalog);
        ItemKnnModel bm25Shrunk = new ItemKnnTrainer(options.withWeighting(ItemKnnTrainer.Weighting.BM25).withShrinkage(10))
                .fit(ratings, catalog);
        assertThat(bm25.neighbours().similarities()).containsExactly(tfidf.neighbours().similarities(), within(1e-6f));
        assertThat(bm25Shrunk.neighbours().similarities()).isNotEqualTo(bm25.neighbours().similarities());
    }

    @Test
    void aUsersScoreSumsTheSimilaritiesOfTheItemsTheyLiked() {
        Ratings ratings = randomRatings(4);
        ItemKnnTrainer.Options options = ItemKnnTrainer.Options.defaults().withNeighbours(ITEMS)
                .withWeighting(ItemKnnTrainer.Weighting.NONE);
        ItemKnnModel model = new ItemKnnTrainer(options).fit(ratings, ItemCatalog.untitled(ratings.items()));
        boolean[][] liked = liked(ratings, options.positiveThreshold());
        float[] scores = new float[ITEMS];
        for (int user = 0; user < USERS; user++) {
            model.scoreAll(user, scores);
            for (int item = 0; item < ITEMS; item++) {
                double expected = 0;
                for (int other = 0; other < ITEMS; other++) {
                    if (liked[user][other] && other != item) {
                        expected += naiveSimilarity(liked, other, item, options.shrinkage());
                    }
                }
                assertThat((double) scores[item]).isCloseTo(expected, within(1e-4));
                assertThat(model.predict(user, item)).isEqualTo(scores[item]);
            }
        }
    }

    @Test
    void aFoldedInUserWithTheSameLikesScoresAsTheTrainedUser() {
        Ratings ratings = randomRatings(5);
        ItemKnnModel model = new ItemKnnTrainer(ItemKnnTrainer.Options.defaults()).fit(ratings,
                ItemCatalog.untitled(ratings.items()));
        int user = 7;
        int[] rows = ratings.byUser().rows(user);
        int[] items = new int[rows.length];
        float[] values = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            items[k] = ratings.item(rows[k]);
            values[k] = ratings.rating(rows[k]);
        }
        float[] trained = new float[ITEMS];
        float[] folded = new float[ITEMS];
        model.scoreAll(user, trained);
        model.scoreNewUser(items, values, folded);
        assertThat(folded).containsExactly(trained);
    }

    @Test
    void threadsDoNotChangeTheModel() {
        Ratings ratings = randomRatings(6);
        ItemCatalog catalog = ItemCatalog.untitled(ratings.items());
        ItemKnnModel one = new ItemKnnTrainer(ItemKnnTrainer.Options.defaults()).fit(ratings, catalog);
        ItemKnnModel three = new ItemKnnTrainer(ItemKnnTrainer.Options.defaults().withThreads(3)).fit(ratings, catalog);
        assertThat(three.neighbours().starts()).containsExactly(one.neighbours().starts());
        assertThat(three.neighbours().items()).containsExactly(one.neighbours().items());
        assertThat(three.neighbours().similarities()).containsExactly(one.neighbours().similarities());
    }

    @Test
    void optionsAreReadByTheirTableAndCheckedByName() {
        ItemKnnTrainer.Options options = ItemKnnTrainer.Options.TABLE.with(ItemKnnTrainer.Options.defaults(),
                Map.of("neighbours", "50", "shrinkage", 0, "positiveThreshold", "all"));
        assertThat(options).isEqualTo(new ItemKnnTrainer.Options(50, 0, ItemKnnTrainer.Weighting.NONE, 1.2, 0.75,
                PositiveThreshold.ALL, 1));
        assertThat(ItemKnnTrainer.Options.TABLE.with(ItemKnnTrainer.Options.defaults(),
                Map.of("weighting", "bm25", "bm25K1", 3, "bm25B", "0.5")))
                .isEqualTo(ItemKnnTrainer.Options.defaults().withWeighting(ItemKnnTrainer.Weighting.BM25).withBm25K1(3)
                        .withBm25B(0.5));
        assertThatThrownBy(() -> ItemKnnTrainer.Options.TABLE.with(ItemKnnTrainer.Options.defaults(),
                Map.of("weighting", "okapi"))).hasMessageContaining("NONE, TFIDF, BM25");
        assertThatThrownBy(() -> ItemKnnTrainer.Options.defaults().withBm25B(1.5))
                .hasMessageContaining("bm25B must be in [0, 1], got 1.5");
        assertThat(ItemKnnTrainer.Options.TABLE.with(ItemKnnTrainer.Options.defaults(),
                ItemKnnTrainer.Options.TABLE.toMap(options))).isEqualTo(options);
        assertThatThrownBy(() -> ItemKnnTrainer.Options.TABLE.with(ItemKnnTrainer.Options.defaults(),
                Map.of("neighbours", 0))).hasMessageContaining("neighbours must be in [1, 100000], got 0");
        assertThatThrownBy(() -> ItemKnnTrainer.Options.TABLE.with(ItemKnnTrainer.Options.defaults(),
                Map.of("epochs", 3))).hasMessageContaining("unknown item-knn option 'epochs'");
    }
}
