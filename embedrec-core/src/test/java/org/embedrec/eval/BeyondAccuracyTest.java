package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Novelty, diversity, popularity and Gini against a naive reference written from their definitions. */
class BeyondAccuracyTest {
    private static final List<String> GENRES = List.of("Action", "Comedy", "Drama", "Horror", "Romance");

    record Case(Ratings train, ItemCatalog catalog, int[][] lists, boolean[] known) {
    }

    static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 2 + random.nextInt(30);
        int items = 3 + random.nextInt(40);
        IdIndex userIds = RatingFixtures.ids("u", users);
        IdIndex itemIds = RatingFixtures.ids("i", items);
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int item = 0; item < items; item++) {
            List<String> genres = new ArrayList<>();
            for (String genre : GENRES) {
                if (random.nextInt(3) == 0) {
                    genres.add(genre);
                }
            }
            catalog.add(itemIds.id(item), "item " + item, 2000, genres);
        }
        Ratings.Builder train = Ratings.builder();
        for (int user = 0; user < users; user++) {
            for (int item = 0; item < items; item++) {
                // popularity falls with the item index; the last user has no training rating
                if (user < users - 1 && random.nextInt(items) >= item) {
                    train.add(user, item, 1 + random.nextInt(5), 0);
                }
            }
        }
        boolean[] known = new boolean[items];
        for (int item = 0; item < items; item++) {
            known[item] = random.nextInt(5) != 0;
        }
        int k = 1 + random.nextInt(6);
        int[][] lists = new int[users][];
        for (int user = 0; user < users; user++) {
            if (random.nextInt(4) == 0) {
                continue;   // not evaluated
            }
            List<Integer> pool = new ArrayList<>();
            for (int item = 0; item < items; item++) {
                if (known[item]) {
                    pool.add(item);
                }
            }
            int length = Math.min(pool.size(), 1 + random.nextInt(k));
            lists[user] = new int[length];
            for (int rank = 0; rank < length; rank++) {
                lists[user][rank] = pool.remove(random.nextInt(pool.size()));
            }
        }
        lists[0] = new int[] {0};   // someone is evaluated
        return new Case(train.build(userIds, itemIds), catalog.build(), lists, known);
    }

    /** novelty, diversity, popularity, gini, straight from the definitions. */
    static double[] naive(Case c) {
        Map<Integer, Set<Integer>> raters = new HashMap<>();
        Set<Integer> trainUsers = new HashSet<>();
        for (int row = 0; row < c.train().size(); row++) {
            raters.computeIfAbsent(c.train().item(row), item -> new HashSet<>()).add(c.train().user(row));
            trainUsers.add(c.train().user(row));
        }
        List<Double> novelty = new ArrayList<>();
        List<Double> diversity = new ArrayList<>();
        List<Double> popularity = new ArrayList<>();
        Map<Integer, Integer> recommended = new HashMap<>();
        for (int[] list : c.lists()) {
            if (list == null) {
                continue;
            }
            double bits = 0;
            double popular = 0;
            for (int item : list) {
                int n = raters.getOrDefault(item, Set.of()).size();
                bits += -Math.log(Math.max(n, 1) / (double) trainUsers.size()) / Math.log(2);
                popular += n;
                recommended.merge(item, 1, Integer::sum);
            }
            novelty.add(bits / list.length);
            popularity.add(popular / list.length);
            if (list.length > 1) {
                List<Double> distances = new ArrayList<>();
                for (int a = 0; a < list.length; a++) {
                    for (int b = 0; b < list.length; b++) {
                        if (a != b) {
                            Set<String> ga = new HashSet<>(c.catalog().genres(list[a]));
                            Set<String> gb = new HashSet<>(c.catalog().genres(list[b]));
                            Set<String> union = new HashSet<>(ga);
                            union.addAll(gb);
                            Set<String> common = new HashSet<>(ga);
                            common.retainAll(gb);
                            distances.add(union.isEmpty() ? 0 : 1 - common.size() / (double) union.size());
                        }
                    }
                }
                diversity.add(distances.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
        }
        List<Integer> counts = new ArrayList<>();
        for (int item = 0; item < c.known().length; item++) {
            if (c.known()[item]) {
                counts.add(recommended.getOrDefault(item, 0));
            }
        }
        double absoluteDifferences = 0;
        for (int x : counts) {
            for (int y : counts) {
                absoluteDifferences += Math.abs(x - y);
            }
        }
        double mean = counts.stream().mapToDouble(Integer::doubleValue).average().orElseThrow();
        double gini = mean == 0 ? 0 : absoluteDifferences / (2.0 * counts.size() * counts.size() * mean);
        return new double[] {average(novelty), average(diversity), average(popularity), gini};
    }

    private static double average(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyFigureMatchesTheNaiveReference(long seed) {
        Case c = randomCase(seed);
        double[] want = naive(c);

        BeyondAccuracy got = BeyondAccuracy.measure(c.lists(), c.train(), c.catalog(), c.known(), 5);

        assertThat(got.novelty()).as("novelty").isCloseTo(want[0], within(1e-12));
        if (Double.isNaN(want[1])) {
            assertThat(got.diversity()).as("diversity").isNaN();
        } else {
            assertThat(got.diversity()).as("diversity").isCloseTo(want[1], within(1e-12));
        }
        assertThat(got.popularity()).as("popularity").isCloseTo(want[2], within(1e-12));
        assertThat(got.gini()).as("gini").isCloseTo(want[3], within(1e-12));
        assertThat(got.perUser().get("novelty@5").mean()).isEqualTo(got.novelty());
        assertThat(got.toMap()).containsOnlyKeys("novelty@5", "diversity@5", "popularity@5", "gini@5");
    }

    @Test
    void knownAnswers() {
        IdIndex users = RatingFixtures.ids("u", 4);
        IdIndex items = RatingFixtures.ids("i", 4);
        ItemCatalog.Builder builder = ItemCatalog.builder();
        List<List<String>> genres = List.of(List.of("Drama"), List.of("Drama", "Comedy"), List.of("Comedy"), List.of());
        for (int item = 0; item < 4; item++) {
            builder.add(items.id(item), "item " + item, 0, genres.get(item));
        }
        ItemCatalog catalog = builder.build();
        Ratings.Builder train = Ratings.builder();
        for (int user = 0; user < 4; user++) {
            train.add(user, 0, 5, 0);   // item 0: everybody, 0 bits
        }
        train.add(0, 1, 5, 0);          // item 1: one of four users, 2 bits
        train.add(1, 2, 5, 0);
        train.add(2, 2, 5, 0);          // item 2: two users, 1 bit
        boolean[] known = {true, true, true, true};
        int[][] lists = {{0, 1}, {0, 2}, null, {0, 1}};

        BeyondAccuracy got = BeyondAccuracy.measure(lists, train.build(users, items), catalog, known, 2);

        assertThat(got.novelty()).isCloseTo((1.0 + 0.5 + 1.0) / 3, within(1e-15));
        assertThat(got.popularity()).isCloseTo((2.5 + 3 + 2.5) / 3, within(1e-15));
        // {Drama} vs {Drama, Comedy}: 1 - 1/2; {Drama} vs {Comedy}: 1
        assertThat(got.diversity()).isCloseTo((0.5 + 1 + 0.5) / 3, within(1e-15));
        // counts 3, 2, 1, 0: Σ|ci - cj| = 20, 2 · 16 · 1.5 = 48
        assertThat(got.gini()).isCloseTo(20.0 / 48, within(1e-15));
        assertThat(got.perUser().get("novelty@2").value(2)).isNaN();
    }

    @Test
    void needsAList() {
        Case c = randomCase(1);
        assertThatThrownBy(() -> BeyondAccuracy.measure(new int[c.lists().length][], c.train(), c.catalog(), c.known(), 5))
                .hasMessageContaining("no list");
    }
}
