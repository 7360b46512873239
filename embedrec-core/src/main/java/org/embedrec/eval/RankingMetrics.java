package org.embedrec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;

/**
 * Top-K ranking metrics of any {@link Recommender} (rating models rank by predicted rating), with
 * the definitions shared with the Spark implementation ({@code ranking-metrics-spec}):
 *
 * <ul>
 *   <li>A user's <em>relevant</em> items are the distinct items of their test rows with a positive
 *       rating ({@link PositiveThreshold}); users with none are skipped.
 *   <li><em>Candidates</em> are the items the model {@linkplain Recommender#isKnownItem knows} that
 *       are not among the user's training items, ranked by score descending, ties by smaller item
 *       index; ranks are 1-based. Relevant items that are not candidates still count in |rel|.
 *   <li>hits@K = relevant items in the top K; Precision@K = hits/K; Recall@K = hits/|rel|;
 *       HitRate@K = [hits &gt; 0]; NDCG@K = Σ_{relevant at rank r ≤ K} 1/log2(r+1) over
 *       Σ_{r=1..min(K,|rel|)} 1/log2(r+1); MAP@K = Σ_{relevant at rank r ≤ K} (hits@r / r) / min(K, |rel|);
 *       MRR = 1 / rank of the first relevant candidate (0 if none is a candidate); coverage@K =
 *       |union of the evaluated users' top K| / known items.
 *   <li>Full AUC (the tutorials' {@code full_auc}): the fraction of (positive, other) pairs in which
 *       the positive scores higher, ties counting ½, where positives are the user's relevant items
 *       the model knows and "other" is every other known item, <em>including</em> the user's training
 *       items. AUC excluding train items: the same without the training items among the others.
 *       Both average over the users with at least one known relevant item (relevant items the model
 *       cannot score are left out of the AUCs, as they have no score to compare).
 * </ul>
 *
 * <p>One user's @K figures and reciprocal rank are computed by {@link RankedListMetrics}, which the
 * Spark evaluation calls too.
 *
 * <p>Cost per user: one {@link Recommender#scoreAll} call, a top-K heap, and for the AUCs a sort
 * of the p relevant items' scores and a binary search among them per item, so O(n log p) for n
 * items. Users can be spread over
 * threads; the result does not depend on the thread count (per-user figures are summed in user order).
 */
public final class RankingMetrics {
    /** The list length used when none is given. */
    public static final int DEFAULT_K = 10;

    private RankingMetrics() {
    }

    /** {@link #evaluate(Recommender, Ratings, Ratings, PositiveThreshold, int, int)} on one thread. */
    public static RankingResult evaluate(Recommender model, Ratings train, Ratings test, PositiveThreshold positives, int k) {
        return evaluate(model, train, test, positives, k, 1);
    }

    /**
     * Ranking metrics of {@code model} on {@code test}, excluding each user's {@code train} items
     * from the candidates.
     *
     * @param train the ratings the model was trained on (all of them, whatever their value): what a user "has seen"
     * @param test held-out ratings; rows with a positive rating are the relevant items
     * @param k the list length, {@code >= 1}
     * @param threads threads to spread users over, {@code >= 1}
     * @throws IllegalArgumentException if the id indices differ from the model's, {@code k} or
     *     {@code threads} is below 1, or no test user has a relevant item
     */
    public static RankingResult evaluate(Recommender model, Ratings train, Ratings test, PositiveThreshold positives,
            int k, int threads) {
        return evaluateUsers(model, train, test, positives, k, threads).result();
    }

    /**
     * {@link #evaluate(Recommender, Ratings, Ratings, PositiveThreshold, int, int)} with what the means
     * are made of: every user's figures ({@link PerUser}, keyed by the names of {@link RankingResult#toMap()}
     * except coverage, which is a figure of all lists together) and every user's top-K list. The result
     * is the same, bit for bit, as {@code evaluate}'s: its means are the {@link PerUser#mean()}s.
     *
     * @throws IllegalArgumentException as {@code evaluate}
     */
    public static RankingDetails evaluateUsers(Recommender model, Ratings train, Ratings test, PositiveThreshold positives,
            int k, int threads) {
        for (Ratings ratings : List.of(train, test)) {
            if (!ratings.users().equals(model.users()) || !ratings.items().equals(model.items())) {
                throw new IllegalArgumentException("ratings use other id indices than the model (" + ratings.userCount()
                        + " users / " + ratings.itemCount() + " items vs " + model.users().size() + " / "
                        + model.items().size() + "); evaluate on a split of the training data");
            }
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int users = model.users().size();
        int items = model.items().size();
        boolean[] known = new boolean[items];
        int knownCount = 0;
        for (int item = 0; item < items; item++) {
            known[item] = model.isKnownItem(item);
            knownCount += known[item] ? 1 : 0;
        }
        double[][] perUser = new double[users][];
        int[][] lists = new int[users][];
        List<BitSet> shown = new ArrayList<>();
        if (threads == 1) {
            shown.add(new UserEvaluator(model, train.byUser(), test.byUser(), positives, k, known).run(0, users, perUser, lists));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "embedrec-eval");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<BitSet>> futures = new ArrayList<>();
                UserRatings trainByUser = train.byUser();
                UserRatings testByUser = test.byUser();
                int chunk = Math.max(1, (users + threads * 4 - 1) / (threads * 4));
                for (int from = 0; from < users; from += chunk) {
                    int start = from;
                    int end = Math.min(users, from + chunk);
                    futures.add(pool.submit(() -> new UserEvaluator(model, trainByUser, testByUser, positives, k, known)
                            .run(start, end, perUser, lists)));
                }
                for (Future<BitSet> future : futures) {
                    shown.add(future.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("evaluation thread failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        RankingResult result = combine(perUser, shown, k, knownCount);
        return new RankingDetails(result, perUserFigures(perUser, result), lists);
    }

    /** The per-user figures by metric name, NaN for the users a metric skips. */
    private static Map<String, PerUser> perUserFigures(double[][] perUser, RankingResult result) {
        Map<String, PerUser> figures = new LinkedHashMap<>();
        int k = result.k();
        String[] names = {"precision@" + k, "recall@" + k, "ndcg@" + k, "map@" + k, "hit_rate@" + k, "mrr", "auc_full",
            "auc_excluding_train"};
        for (int m = PRECISION; m <= AUC_EXCLUDING_TRAIN; m++) {
            double[] values = new double[perUser.length];
            for (int user = 0; user < perUser.length; user++) {
                values[user] = perUser[user] == null ? Double.NaN : perUser[user][m];
            }
            figures.put(names[m], PerUser.of(values));
        }
        return figures;
    }

    // Per-user figures, in this order; AUCs are NaN for a user with no known relevant item.
    private static final int PRECISION = 0;
    private static final int RECALL = 1;
    private static final int NDCG = 2;
    private static final int MAP = 3;
    private static final int HIT = 4;
    private static final int MRR = 5;
    private static final int FULL_AUC = 6;
    private static final int AUC_EXCLUDING_TRAIN = 7;

    private static RankingResult combine(double[][] perUser, List<BitSet> shown, int k, int knownCount) {
        double[] sums = new double[8];
        int users = 0;
        int fullAucUsers = 0;
        int exclAucUsers = 0;
        for (double[] figures : perUser) {
            if (figures == null) {
                continue;
            }
            users++;
            for (int m = PRECISION; m <= MRR; m++) {
                sums[m] += figures[m];
            }
            if (!Double.isNaN(figures[FULL_AUC])) {
                sums[FULL_AUC] += figures[FULL_AUC];
                fullAucUsers++;
            }
            if (!Double.isNaN(figures[AUC_EXCLUDING_TRAIN])) {
                sums[AUC_EXCLUDING_TRAIN] += figures[AUC_EXCLUDING_TRAIN];
                exclAucUsers++;
            }
        }
        if (users == 0) {
            throw new IllegalArgumentException("no test user has a relevant (positive) item: nothing to rank");
        }
        BitSet union = new BitSet();
        shown.forEach(union::or);
        return new RankingResult(k, users, fullAucUsers, sums[PRECISION] / users, sums[RECALL] / users,
                sums[NDCG] / users, sums[MAP] / users, sums[HIT] / users, sums[MRR] / users,
                knownCount == 0 ? 0 : (double) union.cardinality() / knownCount,
                fullAucUsers == 0 ? Double.NaN : sums[FULL_AUC] / fullAucUsers,
                exclAucUsers == 0 ? Double.NaN : sums[AUC_EXCLUDING_TRAIN] / exclAucUsers);
    }

    /** One thread's buffers; marks use the user index + 1 as a stamp so they never need clearing. */
    private static final class UserEvaluator {
        private final Recommender model;
        private final UserRatings train;
        private final UserRatings test;
        private final PositiveThreshold positives;
        private final int k;
        private final boolean[] known;
        private final float[] scores;
        private final int[] trainMark;
        private final int[] relevantMark;
        private final float[] positiveScores;
        private final BitSet shown = new BitSet();

        UserEvaluator(Recommender model, UserRatings train, UserRatings test, PositiveThreshold positives, int k,
                boolean[] known) {
            this.model = model;
            this.train = train;
            this.test = test;
            this.positives = positives;
            this.k = k;
            this.known = known;
            int items = known.length;
            this.scores = new float[items];
            this.trainMark = new int[items];
            this.relevantMark = new int[items];
            this.positiveScores = new float[items];
        }

        BitSet run(int from, int to, double[][] perUser, int[][] lists) {
            for (int user = from; user < to; user++) {
                perUser[user] = evaluate(user, lists);
            }
            return shown;
        }

        private double[] evaluate(int user, int[][] lists) {
            int stamp = user + 1;
            Ratings testRatings = test.ratings();
            int relevant = 0;
            for (int p = test.start(user); p < test.end(user); p++) {
                int row = test.row(p);
                int item = testRatings.item(row);
                if (positives.isPositive(testRatings.rating(row)) && relevantMark[item] != stamp) {
                    relevantMark[item] = stamp;
                    relevant++;
                }
            }
            if (relevant == 0) {
                return null;
            }
            Ratings trainRatings = train.ratings();
            for (int p = train.start(user); p < train.end(user); p++) {
                trainMark[trainRatings.item(train.row(p))] = stamp;
            }
            model.scoreAll(user, scores);
            // -0.0f + 0.0f is 0.0f: sorting must not separate scores that compare equal.
            for (int item = 0; item < scores.length; item++) {
                scores[item] += 0.0f;
            }
            double[] figures = new double[8];
            List<ScoredItem> top = TopN.select(scores, k, item -> !known[item] || trainMark[item] == stamp);
            int[] ranked = new int[top.size()];
            for (int rank = 0; rank < top.size(); rank++) {
                ranked[rank] = top.get(rank).item();
                shown.set(ranked[rank]);
            }
            lists[user] = ranked;
            RankedListMetrics list = RankedListMetrics.of(top, item -> relevantMark[item] == stamp, relevant, k);
            figures[PRECISION] = list.precision();
            figures[RECALL] = list.recall();
            figures[NDCG] = list.ndcg();
            figures[MAP] = list.averagePrecision();
            figures[HIT] = list.hitRate();
            figures[MRR] = RankedListMetrics.reciprocalRank(scores, item -> isCandidate(item, stamp),
                    item -> relevantMark[item] == stamp);
            aucs(stamp, figures);
            return figures;
        }

        private boolean isCandidate(int item, int stamp) {
            return known[item] && trainMark[item] != stamp;
        }

        /**
         * Both AUCs, counting for each other item the positives that outscore it (ties count half),
         * with the positives' scores sorted: one binary search per item over the few positives instead
         * of sorting all items' scores, which was two thirds of the cost of an evaluation. The counts
         * are the same pairs as counting, for each positive, the items below it, so the figures are
         * exactly equal.
         */
        private void aucs(int stamp, double[] figures) {
            int positive = 0;
            for (int item = 0; item < scores.length; item++) {
                if (known[item] && relevantMark[item] == stamp) {
                    positiveScores[positive++] = scores[item];
                }
            }
            figures[FULL_AUC] = Double.NaN;
            figures[AUC_EXCLUDING_TRAIN] = Double.NaN;
            if (positive == 0) {
                return;
            }
            Arrays.sort(positiveScores, 0, positive);
            int candidates = 0;
            int trained = 0;
            double candidateWins = 0;
            double trainWins = 0;
            for (int item = 0; item < scores.length; item++) {
                if (!known[item] || relevantMark[item] == stamp) {
                    continue;
                }
                float s = scores[item];
                int below = countBelow(positiveScores, positive, s);
                int atMost = countAtMost(positiveScores, positive, s);
                double wins = (positive - atMost) + 0.5 * (atMost - below);
                if (trainMark[item] == stamp) {
                    trainWins += wins;
                    trained++;
                } else {
                    candidateWins += wins;
                    candidates++;
                }
            }
            if (candidates + trained > 0) {
                figures[FULL_AUC] = (candidateWins + trainWins) / ((double) positive * (candidates + trained));
            }
            if (candidates > 0) {
                figures[AUC_EXCLUDING_TRAIN] = candidateWins / ((double) positive * candidates);
            }
        }
    }

    /** Number of values in sorted {@code values[0..length)} strictly below {@code s}. */
    private static int countBelow(float[] values, int length, float s) {
        int low = 0;
        int high = length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] < s) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Number of values in sorted {@code values[0..length)} at most {@code s}. */
    private static int countAtMost(float[] values, int length, float s) {
        int low = 0;
        int high = length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= s) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
