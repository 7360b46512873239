package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HeldOutUsersProtocolTest {

    /** Random ratings on a 1..5 half-star scale: {@code users} users rating random items. */
    private static Ratings randomRatings(long seed, int users, int items) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> u = new ArrayList<>();
        List<Integer> i = new ArrayList<>();
        List<Float> r = new ArrayList<>();
        for (int user = 0; user < users; user++) {
            int count = 1 + random.nextInt(30);
            Set<Integer> rated = new HashSet<>();
            for (int k = 0; k < count; k++) {
                int item = random.nextInt(items);
                if (rated.add(item)) {
                    u.add(user);
                    i.add(item);
                    r.add(1 + random.nextInt(9) * 0.5f);
                }
            }
        }
        IdIndex userIds = IdIndex.of(IntStream.range(0, users).mapToObj(k -> "u" + k).toList());
        IdIndex itemIds = IdIndex.of(IntStream.range(0, items).mapToObj(k -> "i" + k).toList());
        float[] values = new float[r.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = r.get(k);
        }
        return Ratings.of(userIds, itemIds, u.stream().mapToInt(Integer::intValue).toArray(),
                i.stream().mapToInt(Integer::intValue).toArray(), values, null);
    }

    /** Each user's clicks (ratings above 3.5) as item ids. */
    private static Map<String, Set<String>> clicks(Ratings ratings) {
        Map<String, Set<String>> clicks = new HashMap<>();
        for (int row = 0; row < ratings.size(); row++) {
            if (ratings.rating(row) > 3.5) {
                clicks.computeIfAbsent(ratings.users().id(ratings.user(row)), key -> new HashSet<>())
                        .add(ratings.items().id(ratings.item(row)));
            }
        }
        return clicks;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void thePartsKeepTheProtocolsInvariants(long seed) {
        Ratings ratings = randomRatings(seed, 200, 60);
        HeldOutUsersProtocol.Options options = HeldOutUsersProtocol.Options.published().withHeldOutUsers(15).withSeed(seed);
        HeldOutUsersProtocol.Data data = new HeldOutUsersProtocol(options).prepare(ratings,
                ItemCatalog.untitled(ratings.items()));
        Map<String, Set<String>> clicks = clicks(ratings);
        Set<String> eligible = new HashSet<>();
        clicks.forEach((user, items) -> {
            if (items.size() >= 5) {
                eligible.add(user);
            }
        });
        assertThat(data.eligibleUsers()).isEqualTo(eligible.size());
        assertThat(data.validation().size()).isEqualTo(15);
        assertThat(data.test().size()).isEqualTo(15);

        // training users: the other eligible users, with all their clicks and nothing else
        Set<String> trainUsers = new HashSet<>(data.train().users().ids());
        Set<String> validation = new HashSet<>(data.validation().ids());
        Set<String> test = new HashSet<>(data.test().ids());
        assertThat(trainUsers).doesNotContainAnyElementsOf(validation).doesNotContainAnyElementsOf(test);
        assertThat(validation).doesNotContainAnyElementsOf(test);
        Set<String> all = new HashSet<>(trainUsers);
        all.addAll(validation);
        all.addAll(test);
        assertThat(all).isEqualTo(eligible);
        Map<String, Set<String>> trained = new HashMap<>();
        Set<String> catalogue = new HashSet<>();
        for (int row = 0; row < data.train().size(); row++) {
            assertThat(data.train().rating(row)).isEqualTo(1f);
            String item = data.train().items().id(data.train().item(row));
            trained.computeIfAbsent(data.train().users().id(data.train().user(row)), key -> new HashSet<>()).add(item);
            catalogue.add(item);
        }
        for (String user : trainUsers) {
            assertThat(trained.get(user)).isEqualTo(clicks.get(user));
        }
        assertThat(new HashSet<>(data.train().items().ids())).isEqualTo(catalogue);
        assertThat(data.catalog().items()).isEqualTo(data.train().items());

        // held-out users: history ∪ held out = their clicks on catalogue items, disjoint, ⌊20%⌋ held out
        for (HeldOutUsersProtocol.HeldOutUsers part : List.of(data.validation(), data.test())) {
            for (int u = 0; u < part.size(); u++) {
                Set<String> expected = new HashSet<>(clicks.get(part.ids().get(u)));
                expected.retainAll(catalogue);
                Set<String> history = ids(data, part.foldIn()[u]);
                Set<String> held = ids(data, part.heldOut()[u]);
                assertThat(history).doesNotContainAnyElementsOf(held);
                Set<String> union = new HashSet<>(history);
                union.addAll(held);
                assertThat(union).isEqualTo(expected);
                assertThat(held).hasSize(expected.size() >= 5 ? (int) Math.floor(0.2 * expected.size()) : 0);
                assertThat(part.foldIn()[u]).isSorted();
                assertThat(part.heldOut()[u]).isSorted();
            }
        }
    }

    private static Set<String> ids(HeldOutUsersProtocol.Data data, int[] items) {
        Set<String> ids = new HashSet<>();
        for (int item : items) {
            ids.add(data.train().items().id(item));
        }
        assertThat(ids).hasSize(items.length);
        return ids;
    }

    @Test
    void theSameSeedGivesTheSamePartsAndAnotherSeedOthers() {
        Ratings ratings = randomRatings(7, 200, 60);
        HeldOutUsersProtocol.Options options = HeldOutUsersProtocol.Options.published().withHeldOutUsers(10);
        HeldOutUsersProtocol.Data a = new HeldOutUsersProtocol(options).prepare(ratings, ItemCatalog.untitled(ratings.items()));
        HeldOutUsersProtocol.Data b = new HeldOutUsersProtocol(options).prepare(ratings, ItemCatalog.untitled(ratings.items()));
        HeldOutUsersProtocol.Data c = new HeldOutUsersProtocol(options.withSeed(8)).prepare(ratings,
                ItemCatalog.untitled(ratings.items()));
        assertThat(a.test().ids()).isEqualTo(b.test().ids()).isNotEqualTo(c.test().ids());
        assertThat(a.test().heldOut()).isDeepEqualTo(b.test().heldOut());
    }

    @Test
    void tooFewUsersIsAnErrorNamingTheCounts() {
        Ratings ratings = randomRatings(7, 30, 60);
        HeldOutUsersProtocol protocol = new HeldOutUsersProtocol(HeldOutUsersProtocol.Options.published().withHeldOutUsers(1000));
        assertThatThrownBy(() -> protocol.prepare(ratings, ItemCatalog.untitled(ratings.items())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few to hold out 1000");
    }

    @Test
    void theDefaultHeldOutUsersArePublishedOnMl20mAndATenthBelow() {
        assertThat(HeldOutUsersProtocol.defaultHeldOutUsers(136_677)).isEqualTo(10_000);
        assertThat(HeldOutUsersProtocol.defaultHeldOutUsers(610)).isEqualTo(61);
        assertThat(HeldOutUsersProtocol.defaultHeldOutUsers(5)).isEqualTo(1);
    }

    /** A scorer of hashed, tie-prone scores (few distinct values), the same for the same history. */
    private static HeldOutUsersProtocol.FoldInScorer hashedScores(long seed) {
        return (history, out) -> {
            SplittableRandom random = new SplittableRandom(seed ^ Arrays.hashCode(history));
            for (int item = 0; item < out.length; item++) {
                out[item] = random.nextInt(40);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void theMetricsMatchANaiveFullSortWithThePapersDefinitions(long seed) {
        Ratings ratings = randomRatings(seed, 600, 400);
        HeldOutUsersProtocol.Data data = new HeldOutUsersProtocol(HeldOutUsersProtocol.Options.published().withSeed(seed))
                .prepare(ratings, ItemCatalog.untitled(ratings.items()));
        HeldOutUsersProtocol.HeldOutUsers users = data.test();
        int items = data.train().itemCount();
        HeldOutUsersProtocol.FoldInScorer scorer = hashedScores(seed);
        Map<String, PerUser> fast = HeldOutUsersProtocol.evaluate(scorer, users, items, 1);
        Map<String, PerUser> threaded = HeldOutUsersProtocol.evaluate(scorer, users, items, 3);
        assertThat(threaded).isEqualTo(fast);

        int scored = 0;
        for (int u = 0; u < users.size(); u++) {
            int[] held = users.heldOut()[u];
            if (held.length == 0) {
                assertThat(fast.get("ndcg@100").value(u)).isNaN();
                continue;
            }
            scored++;
            float[] scores = new float[items];
            scorer.score(users.foldIn()[u], scores);
            Set<Integer> history = new HashSet<>();
            Arrays.stream(users.foldIn()[u]).forEach(history::add);
            Set<Integer> relevant = new HashSet<>();
            Arrays.stream(held).forEach(relevant::add);
            // the naive ranking: every item not in the history, best score first, ties to the smaller index
            List<Integer> ranking = IntStream.range(0, items).filter(item -> !history.contains(item)).boxed()
                    .sorted((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b))
                    .toList();
            for (int k : new int[] {20, 50}) {
                long hits = ranking.stream().limit(k).filter(relevant::contains).count();
                assertThat(fast.get("recall@" + k).value(u)).isCloseTo((double) hits / Math.min(k, held.length), within(1e-12));
            }
            double dcg = 0;
            for (int rank = 0; rank < Math.min(100, ranking.size()); rank++) {
                if (relevant.contains(ranking.get(rank))) {
                    dcg += 1 / (Math.log(rank + 2) / Math.log(2));
                }
            }
            double idcg = 0;
            for (int rank = 0; rank < Math.min(100, held.length); rank++) {
                idcg += 1 / (Math.log(rank + 2) / Math.log(2));
            }
            assertThat(fast.get("ndcg@100").value(u)).isCloseTo(dcg / idcg, within(1e-12));
        }
        assertThat(scored).isEqualTo(users.scored()).isGreaterThan(10);
        assertThat(fast.get("recall@20").users()).hasSize(scored);
    }

    @Test
    void aScorerThatKnowsTheHeldOutClicksScoresOneAndPopularityScoresByTrainingClicks() {
        Ratings ratings = randomRatings(5, 600, 400);
        HeldOutUsersProtocol.Data data = new HeldOutUsersProtocol(HeldOutUsersProtocol.Options.published())
                .prepare(ratings, ItemCatalog.untitled(ratings.items()));
        HeldOutUsersProtocol.HeldOutUsers users = data.test();
        Map<List<Integer>, int[]> answers = new HashMap<>();
        for (int u = 0; u < users.size(); u++) {
            answers.put(Arrays.stream(users.foldIn()[u]).boxed().toList(), users.heldOut()[u]);
        }
        HeldOutUsersProtocol.FoldInScorer oracle = (history, out) -> {
            Arrays.fill(out, 0);
            for (int item : answers.get(Arrays.stream(history).boxed().toList())) {
                out[item] = 1;
            }
        };
        Map<String, PerUser> perfect = HeldOutUsersProtocol.evaluate(oracle, users, data.train().itemCount(), 2);
        for (String metric : HeldOutUsersProtocol.METRICS) {
            assertThat(perfect.get(metric).mean()).as(metric).isEqualTo(1.0);
        }

        float[] popular = new float[data.train().itemCount()];
        HeldOutUsersProtocol.popularity(data.train(), data.catalog()).score(new int[0], popular);
        int[] counts = data.train().itemCounts();
        for (int item = 0; item < counts.length; item++) {
            assertThat(popular[item]).isEqualTo(counts[item]);
        }
    }
}
