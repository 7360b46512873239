package org.embedrec.spark;

/**
 * Mean top-K ranking metrics over the evaluated users, as defined by the shared ranking metrics spec
 * (see {@link SparkEvaluation#rankingMetrics}): the distributed counterpart of core's
 * {@link org.embedrec.eval.RankingResult}.
 *
 * @param k the list length K
 * @param threshold test ratings at or above it are relevant
 * @param users number of evaluated users (known to the model, with at least one relevant test item)
 * @param precision mean hits@K / K
 * @param recall mean hits@K / |relevant|
 * @param ndcg mean DCG@K / IDCG@K with binary gains
 * @param map mean AP@K = (1 / min(K, |relevant|)) * sum over relevant items at rank r <= K of hits@r / r
 * @param hitRate fraction of users with at least one hit in the top K
 * @param mrr mean reciprocal rank of the first relevant candidate in the full ranking
 */
public record SparkRankingResult(int k, double threshold, long users, double precision, double recall, double ndcg,
        double map, double hitRate, double mrr) {
}
