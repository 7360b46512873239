package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.TrainingFacts;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ranking metrics against a naive reference written straight from the spec (full sort of the
 * candidates, AUC by comparing every pair), on seeded random cases with many tied scores, unknown
 * items, duplicate test rows, test items that are also training items, and users without relevant items.
 */
class RankingMetricsTest {

    /** A model with a fixed score table and a fixed set of known items. */
    record TableModel(IdIndex users, ItemCatalog catalog, float[][] scores, boolean[] known) implements Recommender {
        @Override
        public TrainingFacts trainingFacts() {
            int[] counts = new int[known.length];
            for (int item = 0; item < counts.length; item++) {
                counts[item] = known[item] ? 1 : 0;
            }
            return new TrainingFacts(users, catalog, counts,
                    new ModelInfo("table", Map.of(), Provenance.of("none"), List.of(), Map.of()));
        }

        @Override
        public float predict(int user, int item) {
            return scores[user][item];
        }

        @Override
        public int itemTrainCount(int item) {
            return known[item] ? 1 : 0;
        }

        @Override
        public Recommender withInfo(ModelInfo info) {
            return this;
        }
    }

    record Case(TableModel model, Ratings train, Ratings test) {
    }

    static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 3 + random.nextInt(10);
        int items = 5 + random.nextInt(40);
        IdIndex userIds = RatingFixtures.ids("u", users);
        IdIndex itemIds = RatingFixtures.ids("i", items);
        int levels = 1 + random.nextInt(6); // few distinct scores: many ties
        float[][] scores = new float[users][items];
        for (float[] row : scores) {
            for (int i = 0; i < items; i++) {
                row[i] = random.nextInt(levels) - levels / 2f;
            }
        }
        boolean[] known = new boolean[items];
        for (int i = 0; i < items; i++) {
            known[i] = random.nextInt(6) != 0;
        }
        Ratings.Builder train = Ratings.builder();
        Ratings.Builder test = Ratings.builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double draw = random.nextDouble();
                float rating = 1 + random.nextInt(5);
                if (draw < 0.3) {
                    train.add(u, i, rating, 0);
                } else if (draw < 0.45) {
                    test.add(u, i, rating, 0);
                    if (random.nextInt(10) == 0) {
                        test.add(u, i, rating, 0); // a duplicate test row
                    }
                    if (random.nextInt(20) == 0) {
                        train.add(u, i, rating, 0); // a test item also seen in training
                    }
                }
            }
        }
        // Make sure someone has a relevant item.
        test.add(0, 0, 5, 0);
        return new Case(new TableModel(userIds, ItemCatalog.untitled(itemIds), scores, known),
                train.build(userIds, itemIds), test.build(userIds, itemIds));
    }

    /** The spec, literally. */
    static double[] naive(Case c, PositiveThreshold positives, int k) {
        TableModel model = c.model();
        int users = model.users().size();
        int items = model.items().size();
        double[] sums = new double[7];
        double fullAucSum = 0;
        double exclAucSum = 0;
        int evaluated = 0;
        int fullAucUsers = 0;
        int exclAucUsers = 0;
        Set<Integer> shown = new HashSet<>();
        int knownCount = 0;
        for (int i = 0; i < items; i++) {
            knownCount += model.isKnownItem(i) ? 1 : 0;
        }
        for (int u = 0; u < users; u++) {
            Set<Integer> trainItems = new HashSet<>();
            for (int row = 0; row < c.train().size(); row++) {
                if (c.train().user(row) == u) {
                    trainItems.add(c.train().item(row));
                }
            }
            Set<Integer> relevant = new LinkedHashSet<>();
            for (int row = 0; row < c.test().size(); row++) {
                if (c.test().user(row) == u && positives.isPositive(c.test().rating(row))) {
                    relevant.add(c.test().item(row));
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            evaluated++;
            float[] s = model.scores()[u];
            List<Integer> ranking = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                if (model.isKnownItem(i) && !trainItems.contains(i)) {
                    ranking.add(i);
                }
            }
            ranking.sort((a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
            int hits = 0;
            double dcg = 0;
            double ap = 0;
            for (int r = 1; r <= Math.min(k, ranking.size()); r++) {
                shown.add(ranking.get(r - 1));
                if (relevant.contains(ranking.get(r - 1))) {
                    hits++;
                    dcg += 1 / (Math.log(r + 1) / Math.log(2));
                    ap += hits / (double) r;
                }
            }
            double idcg = 0;
            for (int r = 1; r <= Math.min(k, relevant.size()); r++) {
                idcg += 1 / (Math.log(r + 1) / Math.log(2));
            }
            sums[0] += hits / (double) k;
            sums[1] += hits / (double) relevant.size();
            sums[2] += dcg / idcg;
            sums[3] += ap / Math.min(k, relevant.size());
            sums[4] += hits > 0 ? 1 : 0;
            for (int r = 1; r <= ranking.size(); r++) {
                if (relevant.contains(ranking.get(r - 1))) {
                    sums[5] += 1.0 / r;
                    break;
                }
            }
            double full = 0;
            double excl = 0;
            long fullPairs = 0;
            long exclPairs = 0;
            for (int p : relevant) {
                if (!model.isKnownItem(p)) {
                    continue;
                }
                for (int o = 0; o < items; o++) {
                    if (!model.isKnownItem(o) || relevant.contains(o)) {
                        continue;
                    }
                    double win = s[p] > s[o] ? 1 : s[p] == s[o] ? 0.5 : 0;
                    full += win;
                    fullPairs++;
                    if (!trainItems.contains(o)) {
                        excl += win;
                        exclPairs++;
                    }
                }
            }
            if (fullPairs > 0) {
                fullAucSum += full / fullPairs;
                fullAucUsers++;
            }
            if (exclPairs > 0) {
                exclAucSum += excl / exclPairs;
                exclAucUsers++;
            }
        }
        return new double[] {sums[0] / evaluated, sums[1] / evaluated, sums[2] / evaluated, sums[3] / evaluated,
            sums[4] / evaluated, sums[5] / evaluated, (double) shown.size() / knownCount,
            fullAucUsers == 0 ? Double.NaN : fullAucSum / fullAucUsers,
            exclAucUsers == 0 ? Double.NaN : exclAucSum / exclAucUsers, evaluated};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void everyMetricMatchesTheNaiveReference(long seed) {
        Case c = randomCase(seed);
        PositiveThreshold positives = seed % 3 == 0 ? PositiveThreshold.ALL : PositiveThreshold.atLeast(3 + seed % 2);
        for (int k : new int[] {1, 3, 10}) {
            double[] want = naive(c, positives, k);
            RankingResult got = RankingMetrics.evaluate(c.model(), c.train(), c.test(), positives, k);
            String what = "seed " + seed + ", k " + k + ", " + positives;
            assertThat(got.users()).as(what).isEqualTo((int) want[9]);
            assertThat(got.precision()).as("precision " + what).isCloseTo(want[0], within(1e-12));
            assertThat(got.recall()).as("recall " + what).isCloseTo(want[1], within(1e-12));
            assertThat(got.ndcg()).as("ndcg " + what).isCloseTo(want[2], within(1e-12));
            assertThat(got.map()).as("map " + what).isCloseTo(want[3], within(1e-12));
            assertThat(got.hitRate()).as("hit rate " + what).isCloseTo(want[4], within(1e-12));
            assertThat(got.mrr()).as("mrr " + what).isCloseTo(want[5], within(1e-12));
            assertThat(got.coverage()).as("coverage " + what).isCloseTo(want[6], within(1e-12));
            assertThat(got.fullAuc()).as("full auc " + what).isCloseTo(want[7], within(1e-12));
            assertThat(got.aucExcludingTrain()).as("auc excluding train " + what).isCloseTo(want[8], within(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void perUserFiguresAreWhatTheMeansAreMadeOfBitForBit(long seed) {
        Case c = randomCase(seed);
        PositiveThreshold positives = seed % 3 == 0 ? PositiveThreshold.ALL : PositiveThreshold.atLeast(3 + seed % 2);
        for (int threads : new int[] {1, 3}) {
            RankingDetails details = RankingMetrics.evaluateUsers(c.model(), c.train(), c.test(), positives, 4, threads);
            RankingResult result = details.result();

            assertThat(result).isEqualTo(RankingMetrics.evaluate(c.model(), c.train(), c.test(), positives, 4));
            Map<String, Double> aggregates = result.toMap();
            assertThat(details.perUser().keySet()).containsExactlyElementsOf(aggregates.keySet().stream()
                    .filter(name -> !name.startsWith("coverage")).toList());
            details.perUser().forEach((name, perUser) -> {
                if (Double.isNaN(aggregates.get(name))) {
                    assertThat(perUser.mean()).as(name).isNaN();
                } else {
                    assertThat(perUser.mean()).as(name).isEqualTo(aggregates.get(name));
                }
            });
            assertThat(details.perUser().get("ndcg@4").users()).hasSize(result.users());
            assertThat(details.perUser().get("auc_full").users()).hasSize(result.aucUsers());
            // the lists are each user's top 4 candidates, and coverage is their union
            Set<Integer> shown = new HashSet<>();
            for (int user = 0; user < details.lists().length; user++) {
                int[] list = details.lists()[user];
                assertThat(list == null).isEqualTo(Double.isNaN(details.perUser().get("ndcg@4").value(user)));
                if (list != null) {
                    List<Integer> want = naiveTop(c, user, 4);
                    assertThat(list).containsExactly(want.stream().mapToInt(Integer::intValue).toArray());
                    want.forEach(shown::add);
                }
            }
            int knownCount = 0;
            for (boolean known : c.model().known()) {
                knownCount += known ? 1 : 0;
            }
            assertThat(result.coverage()).isEqualTo((double) shown.size() / knownCount);
        }
    }

    /** A user's top k candidates by a full sort: known, not trained on, score descending, ties to the smaller index. */
    private static List<Integer> naiveTop(Case c, int user, int k) {
        Set<Integer> trained = new HashSet<>();
        for (int row = 0; row < c.train().size(); row++) {
            if (c.train().user(row) == user) {
                trained.add(c.train().item(row));
            }
        }
        List<Integer> candidates = new ArrayList<>();
        for (int item = 0; item < c.model().known().length; item++) {
            if (c.model().known()[item] && !trained.contains(item)) {
                candidates.add(item);
            }
        }
        float[] scores = c.model().scores()[user];
        candidates.sort((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
        return candidates.subList(0, Math.min(k, candidates.size()));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void threadsDoNotChangeTheResult(long seed) {
        Case c = randomCase(seed);
        RankingResult one = RankingMetrics.evaluate(c.model(), c.train(), c.test(), PositiveThreshold.ALL, 5, 1);
        RankingResult three = RankingMetrics.evaluate(c.model(), c.train(), c.test(), PositiveThreshold.ALL, 5, 3);
        assertThat(three).isEqualTo(one);
    }

    @Test
    void knownAnswer() {
        IdIndex users = RatingFixtures.ids("u", 1);
        IdIndex items = RatingFixtures.ids("i", 5);
        // Scores 5 4 3 2 1 for items 0..4; item 0 was trained on; items 2 and 4 are relevant.
        TableModel model = new TableModel(users, ItemCatalog.untitled(items), new float[][] {{5, 4, 3, 2, 1}},
                new boolean[] {true, true, true, true, true});
        Ratings train = Ratings.builder().add(0, 0, 5, 0).build(users, items);
        Ratings test = Ratings.builder().add(0, 2, 4, 0).add(0, 4, 5, 0).add(0, 3, 2, 0).build(users, items);
        RankingResult r = RankingMetrics.evaluate(model, train, test, PositiveThreshold.DEFAULT, 2);
        // Candidates ranked 1, 2, 3, 4 (items); item 2 at rank 2, item 4 at rank 4.
        assertThat(r.precision()).isEqualTo(0.5);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.ndcg()).isCloseTo((1 / log2(3)) / (1 + 1 / log2(3)), within(1e-12));
        assertThat(r.map()).isCloseTo(0.5 / 2, within(1e-12));
        assertThat(r.mrr()).isEqualTo(0.5);
        assertThat(r.coverage()).isEqualTo(2 / 5.0);
        // Full: positives 2 (score 3) and 4 (score 1) against 0, 1, 3: 1/3 and 0/3.
        assertThat(r.fullAuc()).isCloseTo((1 / 3.0 + 0) / 2, within(1e-12));
        // Excluding train item 0: against 1, 3: 1/2 and 0.
        assertThat(r.aucExcludingTrain()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void rejectsForeignIndicesAndBadK() {
        Case c = randomCase(1);
        Ratings other = RatingFixtures.random(1, 3, 3, 5);
        assertThatThrownBy(() -> RankingMetrics.evaluate(c.model(), other, c.test(), PositiveThreshold.ALL, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other id indices");
        assertThatThrownBy(() -> RankingMetrics.evaluate(c.model(), c.train(), c.test(), PositiveThreshold.ALL, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be >= 1, got 0");
    }

    @Test
    void mostPopularRanksByPositiveCountAndRandomIsStable() {
        IdIndex users = RatingFixtures.ids("u", 3);
        IdIndex items = RatingFixtures.ids("i", 4);
        Ratings train = Ratings.builder().add(0, 1, 5, 0).add(1, 1, 4, 0).add(2, 2, 5, 0).add(0, 3, 1, 0)
                .add(1, 3, 1, 0).add(2, 3, 2, 0).build(users, items);
        ItemCatalog catalog = ItemCatalog.untitled(items);
        Recommender popular = RankingBaselines.mostPopular(train, catalog, PositiveThreshold.DEFAULT);
        assertThat(popular.recommend(2, 4, item -> false)).extracting(s -> s.item()).containsExactly(1, 2, 3);
        assertThat(popular.isKnownItem(0)).isFalse();
        Recommender random = RankingBaselines.random(train, catalog, 9);
        float[] first = new float[4];
        float[] again = new float[4];
        random.scoreAll(1, first);
        random.scoreAll(1, again);
        assertThat(again).containsExactly(first);
        for (float v : first) {
            assertThat(v).isBetween(0f, 1f);
        }
        float[] otherUser = new float[4];
        random.scoreAll(2, otherUser);
        assertThat(otherUser).isNotEqualTo(first);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
