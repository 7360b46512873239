package org.embedrec.eval;

import java.util.List;
import java.util.function.IntPredicate;
import org.embedrec.model.ScoredItem;

/**
 * The top-K figures of one user's ranked list: the per-user kernel that {@link RankingMetrics} averages
 * over users, public so that other evaluators (the Spark jobs) compute exactly the same numbers.
 * Definitions as in {@link RankingMetrics}, with binary relevance and 1-based ranks r:
 * hits@K = relevant items in the list; Precision@K = hits/K; Recall@K = hits/|rel|;
 * NDCG@K = Σ_{relevant at r} 1/log2(r+1) over Σ_{r=1..min(K,|rel|)} 1/log2(r+1);
 * AP@K = Σ_{relevant at r} (hits@r / r) / min(K, |rel|).
 *
 * @param hits relevant items in the list
 * @param precision hits / K
 * @param recall hits / |relevant|
 * @param ndcg DCG@K / IDCG@K
 * @param averagePrecision AP@K, normalized by min(K, |relevant|)
 */
public record RankedListMetrics(int hits, double precision, double recall, double ndcg, double averagePrecision) {

    /** 1 when the list holds a relevant item, else 0: the user's term of HitRate@K. */
    public double hitRate() {
        return hits > 0 ? 1 : 0;
    }

    /**
     * The figures of {@code top}, a user's list in rank order (at most {@code k} items: fewer when the user
     * has fewer candidates, the missing ranks counting as misses).
     *
     * @param relevant whether an item index is relevant to the user
     * @param relevantCount |relevant|, counting relevant items that could not be ranked (unknown to the
     *     model, or among the user's training items) as misses
     * @param k the list length K
     * @throws IllegalArgumentException if {@code k < 1}, {@code relevantCount < 1} or the list is longer than {@code k}
     */
    public static RankedListMetrics of(List<ScoredItem> top, IntPredicate relevant, int relevantCount, int k) {
        if (k < 1 || relevantCount < 1 || top.size() > k) {
            throw new IllegalArgumentException("need k >= 1, at least one relevant item and at most k ranked items, got k "
                    + k + ", " + relevantCount + " relevant, " + top.size() + " ranked");
        }
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        for (int rank = 1; rank <= top.size(); rank++) {
            if (relevant.test(top.get(rank - 1).item())) {
                hits++;
                dcg += 1 / log2(rank + 1);
                precisionSum += (double) hits / rank;
            }
        }
        double idcg = 0;
        for (int rank = 1; rank <= Math.min(k, relevantCount); rank++) {
            idcg += 1 / log2(rank + 1);
        }
        return new RankedListMetrics(hits, (double) hits / k, (double) hits / relevantCount, dcg / idcg,
                precisionSum / Math.min(k, relevantCount));
    }

    /**
     * The reciprocal rank of the user's best-ranked relevant candidate in the full ranking of the
     * candidates by {@code scores} (descending, ties to the smaller item index): 1 / (1 + candidates
     * ranked before it), or 0 when no relevant item is a candidate.
     *
     * @param scores the model's score for every item index
     * @param candidate whether an item may be recommended to the user (known to the model, not trained on)
     * @param relevant whether an item is relevant to the user
     */
    public static double reciprocalRank(float[] scores, IntPredicate candidate, IntPredicate relevant) {
        int best = -1;
        for (int item = 0; item < scores.length; item++) {
            if (relevant.test(item) && candidate.test(item) && (best < 0 || ranksBefore(scores, item, best))) {
                best = item;
            }
        }
        if (best < 0) {
            return 0;
        }
        int before = 0;
        for (int item = 0; item < scores.length; item++) {
            if (candidate.test(item) && ranksBefore(scores, item, best)) {
                before++;
            }
        }
        return 1.0 / (before + 1);
    }

    /** Whether {@code a} ranks before {@code b}: higher score, ties to the smaller index. */
    private static boolean ranksBefore(float[] scores, int a, int b) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
