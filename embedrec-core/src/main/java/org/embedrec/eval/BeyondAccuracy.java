package org.embedrec.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;

/**
 * What top-K lists look like beyond their accuracy, measured on the lists of the evaluated users
 * ({@link RankingDetails#lists()}). With {@code n(i)} the number of training users who rated item i
 * (an item nobody rated counts as rated once, so that every figure stays finite) and U the number of
 * users with a training rating:
 *
 * <ul>
 *   <li><b>novelty@K</b>: mean self-information of the recommended items, {@code −log2(n(i) / U)}
 *       bits, averaged within each list, then over users (Zhou et al. 2010; Vargas and Castells 2011).
 *       Recommending only what everybody saw scores 0.
 *   <li><b>diversity@K</b> (intra-list diversity): mean over the pairs of items within a list of
 *       {@code 1 − Jaccard(genres(a), genres(b))}, averaged over users with at least two items (two
 *       items without genres count as alike). 0 when every list holds one genre set.
 *   <li><b>popularity@K</b>: mean {@code n(i)} of the recommended items, averaged within each list, then
 *       over users: the popularity bias of the lists (Abdollahpouri et al. 2019).
 *   <li><b>gini@K</b>: the Gini index of how often each known item is recommended over all lists,
 *       {@code Σ_i Σ_j |c_i − c_j| / (2 m² mean(c))} over the m known items: 0 when every item is
 *       recommended equally often, towards 1 when a few items take all the slots.
 * </ul>
 *
 * Catalog coverage is {@link RankingResult#coverage()}.
 *
 * @param k the list length K
 * @param novelty mean self-information in bits
 * @param diversity mean intra-list genre distance
 * @param popularity mean training popularity (users) of the recommended items
 * @param gini Gini index of the recommendation counts over the known items
 * @param perUser each user's novelty, diversity and popularity, keyed {@code novelty@K}, {@code diversity@K},
 *     {@code popularity@K}
 */
public record BeyondAccuracy(int k, double novelty, double diversity, double popularity, double gini,
        Map<String, PerUser> perUser) {

    /** Keeps an unmodifiable copy of the map. */
    public BeyondAccuracy {
        perUser = Map.copyOf(perUser);
    }

    /** The four figures by stable name, e.g. {@code "novelty@10"}, {@code "gini@10"}. */
    public Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("novelty@" + k, novelty);
        map.put("diversity@" + k, diversity);
        map.put("popularity@" + k, popularity);
        map.put("gini@" + k, gini);
        return map;
    }

    /**
     * The figures of {@code lists}.
     *
     * @param lists every user's list (item indices in rank order), {@code null} for users not evaluated
     * @param train the training ratings: the popularity of each item
     * @param catalog the items' genres, aligned with the ratings' items
     * @param known whether the model can recommend each item: the items the Gini index is over
     * @param k the list length K
     * @throws IllegalArgumentException if no list is given, or the sizes disagree
     */
    public static BeyondAccuracy measure(int[][] lists, Ratings train, ItemCatalog catalog, boolean[] known, int k) {
        int items = train.itemCount();
        if (catalog.size() != items || known.length != items) {
            throw new IllegalArgumentException("catalog (" + catalog.size() + " items), known items (" + known.length
                    + ") and training ratings (" + items + " items) disagree");
        }
        int[] raters = new int[items];
        boolean[] hasRatings = new boolean[train.userCount()];
        int[] lastUser = new int[items];
        Arrays.fill(lastUser, -1);
        UserRatings byUser = train.byUser();
        for (int user = 0; user < train.userCount(); user++) {
            for (int p = byUser.start(user); p < byUser.end(user); p++) {
                int item = train.item(byUser.row(p));
                hasRatings[user] = true;
                if (lastUser[item] != user) {
                    lastUser[item] = user;
                    raters[item]++;
                }
            }
        }
        int trainUsers = 0;
        for (boolean has : hasRatings) {
            trainUsers += has ? 1 : 0;
        }
        int[][] genres = new int[items][];
        for (int item = 0; item < items; item++) {
            genres[item] = catalog.genreIndices(item);
            Arrays.sort(genres[item]);
        }
        double[] novelty = nanArray(lists.length);
        double[] diversity = nanArray(lists.length);
        double[] popularity = nanArray(lists.length);
        long[] counts = new long[items];
        int evaluated = 0;
        for (int user = 0; user < lists.length; user++) {
            int[] list = lists[user];
            if (list == null || list.length == 0) {
                continue;
            }
            evaluated++;
            double information = 0;
            double popular = 0;
            for (int item : list) {
                int n = Math.max(1, raters[item]);
                information += -Math.log((double) n / trainUsers) / Math.log(2);
                popular += raters[item];
                counts[item]++;
            }
            novelty[user] = information / list.length;
            popularity[user] = popular / list.length;
            if (list.length >= 2) {
                double distance = 0;
                for (int a = 0; a < list.length; a++) {
                    for (int b = a + 1; b < list.length; b++) {
                        distance += 1 - jaccard(genres[list[a]], genres[list[b]]);
                    }
                }
                diversity[user] = distance / (list.length * (list.length - 1) / 2.0);
            }
        }
        if (evaluated == 0) {
            throw new IllegalArgumentException("no list to measure");
        }
        Map<String, PerUser> perUser = new LinkedHashMap<>();
        PerUser noveltyByUser = PerUser.of(novelty);
        PerUser diversityByUser = PerUser.of(diversity);
        PerUser popularityByUser = PerUser.of(popularity);
        perUser.put("novelty@" + k, noveltyByUser);
        perUser.put("diversity@" + k, diversityByUser);
        perUser.put("popularity@" + k, popularityByUser);
        return new BeyondAccuracy(k, noveltyByUser.mean(), diversityByUser.mean(), popularityByUser.mean(),
                gini(counts, known), perUser);
    }

    /** Gini index of the counts of the known items, from the ascending order: Σ (2i − m − 1) c_(i) / (m Σ c). */
    static double gini(long[] counts, boolean[] known) {
        long[] sorted = new long[counts.length];
        int m = 0;
        for (int item = 0; item < counts.length; item++) {
            if (known[item]) {
                sorted[m++] = counts[item];
            }
        }
        Arrays.sort(sorted, 0, m);
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < m; i++) {
            total += sorted[i];
            weighted += (2.0 * (i + 1) - m - 1) * sorted[i];
        }
        return total == 0 ? 0 : weighted / (m * total);
    }

    /** |a ∩ b| / |a ∪ b| of two ascending genre index arrays; 1 when both are empty. */
    private static double jaccard(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length;) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    private static double[] nanArray(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
