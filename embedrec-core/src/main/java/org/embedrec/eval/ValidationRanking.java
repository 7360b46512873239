package org.embedrec.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;

/**
 * The ranking figures early stopping watches after every epoch of a ranking model: NDCG@K and AUC
 * (training items excluded) on a fixed, seeded sample of the validation users, with the definitions of {@link RankingMetrics} (a user's
 * relevant items are their positive validation items; candidates are the known items outside their
 * training items; ranks by score, ties to the smaller index). On the sampled users they equal
 * {@code RankingMetrics.evaluate(...).ndcg()} and {@code .aucExcludingTrain()} exactly; it is cheaper because it computes nothing else
 * (no MRR, AUCs, coverage or per-user lists, which are two thirds of a full evaluation's time) and
 * looks at no more than {@code maxUsers} users, drawn once so that every epoch is scored on the same
 * users and epochs differ by the model only.
 *
 * <p>Cost per call: one {@link Recommender#rankAll} and one top-K selection per sampled user, so
 * {@code users × items × d} multiply-adds for a factor model; not thread-safe (one scoring buffer).
 */
public final class ValidationRanking {
    /**
     * The users a monitor looks at by default. Scoring a user's whole catalogue is the cost: on
     * ml-latest-small (9,125 items, 48 dimensions) 500 users took 109 ms of CPU, 80% of a full evaluation
     * of the same part and 2.7 times a {@code bpr} epoch (41 ms); 200 users take about 45 ms.
     */
    public static final int DEFAULT_USERS = 200;

    private final int k;
    private final int[] users;
    /** Per sampled user: their distinct relevant items. */
    private final int[][] relevant;
    /** Per sampled user: their training items. */
    private final int[][] seen;
    private float[] scores;
    private int[] seenMark;
    private int[] relevantMark;

    private ValidationRanking(int k, int[] users, int[][] relevant, int[][] seen) {
        this.k = k;
        this.users = users;
        this.relevant = relevant;
        this.seen = seen;
    }

    /**
     * A monitor over at most {@code maxUsers} of the users with a relevant item in {@code validation},
     * drawn uniformly with {@code seed} when there are more (all of them otherwise).
     *
     * @param train what the model trains on: each user's items there are not candidates
     * @param validation the held-out part; its positive ratings are the relevant items
     * @param k the list length, at least 1
     * @param maxUsers the most users to score, at least 1
     * @throws IllegalArgumentException if the two parts use different id indices, or {@code k} or
     *     {@code maxUsers} is below 1
     */
    public static ValidationRanking of(Ratings train, Ratings validation, PositiveThreshold positives, int k,
            int maxUsers, long seed) {
        Objects.requireNonNull(positives, "positives");
        if (!train.users().equals(validation.users()) || !train.items().equals(validation.items())) {
            throw new IllegalArgumentException("the validation ratings must share the training data's id indices");
        }
        if (k < 1 || maxUsers < 1) {
            throw new IllegalArgumentException("k and maxUsers must be >= 1, got " + k + " and " + maxUsers);
        }
        UserRatings held = validation.byUser();
        int[] eligible = new int[held.userCount()];
        int count = 0;
        for (int user = 0; user < held.userCount(); user++) {
            for (int p = held.start(user); p < held.end(user); p++) {
                if (positives.isPositive(validation.rating(held.row(p)))) {
                    eligible[count++] = user;
                    break;
                }
            }
        }
        int[] users;
        if (count <= maxUsers) {
            users = Arrays.copyOf(eligible, count);
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            for (int drawn = 0; drawn < maxUsers; drawn++) {
                int pick = drawn + random.nextInt(count - drawn);
                int swap = eligible[drawn];
                eligible[drawn] = eligible[pick];
                eligible[pick] = swap;
            }
            users = Arrays.copyOf(eligible, maxUsers);
            Arrays.sort(users);
        }
        UserRatings trained = train.byUser();
        int[][] relevant = new int[users.length][];
        int[][] seen = new int[users.length][];
        for (int u = 0; u < users.length; u++) {
            int user = users[u];
            relevant[u] = Arrays.stream(held.rows(user)).filter(row -> positives.isPositive(validation.rating(row)))
                    .map(validation::item).distinct().toArray();
            seen[u] = user < trained.userCount() ? trained.items(user) : new int[0];
        }
        return new ValidationRanking(k, users, relevant, seen);
    }

    /** The sampled users, in increasing index order. */
    public int[] users() {
        return users.clone();
    }

    /** The list length K. */
    public int k() {
        return k;
    }

    /**
     * The figures of one call: the mean NDCG@K and the mean AUC excluding training items (as
     * {@link RankingResult#aucExcludingTrain()} defines it) over the sampled users.
     */
    public record Figures(double ndcg, double auc) {
    }

    /**
     * The mean NDCG@K of {@code model} over the sampled users; NaN when no user has a relevant item.
     *
     * @throws IllegalArgumentException if the model's id indices are not the data's
     */
    public double ndcg(Recommender model) {
        return evaluate(model).ndcg();
    }

    /**
     * NDCG@K and AUC (training items excluded) of {@code model} over the sampled users, from one scoring
     * of each user; NaN when no user has a relevant item (AUC: none the model knows). The AUC costs a
     * binary search among the user's few relevant scores per item, little beside the scoring itself.
     */
    public Figures evaluate(Recommender model) {
        if (users.length == 0) {
            return new Figures(Double.NaN, Double.NaN);
        }
        int items = model.items().size();
        if (scores == null || scores.length != items) {
            scores = new float[items];
            seenMark = new int[items];
            relevantMark = new int[items];
        }
        boolean[] known = new boolean[items];
        for (int item = 0; item < items; item++) {
            known[item] = model.isKnownItem(item);
        }
        double sum = 0;
        double aucSum = 0;
        int aucUsers = 0;
        for (int u = 0; u < users.length; u++) {
            int stamp = u + 1; // a new stamp per user: the marks never need clearing
            for (int item : seen[u]) {
                seenMark[item] = stamp;
            }
            for (int item : relevant[u]) {
                relevantMark[item] = stamp;
            }
            model.rankAll(users[u], scores);
            for (int item = 0; item < items; item++) {
                scores[item] += 0.0f; // -0.0f ranks as 0.0f, as in RankingMetrics
            }
            List<ScoredItem> top = TopN.select(scores, k, item -> !known[item] || seenMark[item] == stamp);
            sum += RankedListMetrics.of(top, item -> relevantMark[item] == stamp, relevant[u].length, k).ndcg();
            double auc = aucExcludingTrain(u, stamp, known);
            if (!Double.isNaN(auc)) {
                aucSum += auc;
                aucUsers++;
            }
        }
        return new Figures(sum / users.length, aucUsers == 0 ? Double.NaN : aucSum / aucUsers);
    }

    /**
     * The fraction of (relevant, candidate) pairs of sampled user {@code u} in which the relevant item
     * scores higher, ties counting half; relevant items the model does not know are left out, and
     * candidates are the known items neither relevant nor trained on. NaN without a pair.
     */
    private double aucExcludingTrain(int u, int stamp, boolean[] known) {
        float[] positive = new float[relevant[u].length];
        int count = 0;
        for (int item : relevant[u]) {
            if (known[item]) {
                positive[count++] = scores[item];
            }
        }
        Arrays.sort(positive, 0, count);
        long candidates = 0;
        double wins = 0;
        for (int item = 0; item < scores.length && count > 0; item++) {
            if (!known[item] || relevantMark[item] == stamp || seenMark[item] == stamp) {
                continue;
            }
            int below = countBelow(positive, count, scores[item], false);
            int atMost = countBelow(positive, count, scores[item], true);
            wins += (count - atMost) + 0.5 * (atMost - below);
            candidates++;
        }
        return candidates == 0 || count == 0 ? Double.NaN : wins / ((double) count * candidates);
    }

    /** Values of sorted {@code values[0..length)} below {@code s}, or at most {@code s} when {@code inclusive}. */
    private static int countBelow(float[] values, int length, float s, boolean inclusive) {
        int low = 0;
        int high = length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] < s || (inclusive && values[mid] == s)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
