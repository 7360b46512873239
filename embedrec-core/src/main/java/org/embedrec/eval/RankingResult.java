package org.embedrec.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-K ranking quality of one model on one test set, each figure the plain mean over the evaluated
 * users (see {@link RankingMetrics} for the exact definitions).
 *
 * @param k the list length K
 * @param users users with at least one relevant test item: the users every @K metric and MRR average over
 * @param aucUsers users with at least one relevant test item the model knows: the users the AUCs average over
 *     (the AUC excluding train items also skips a user with no known item outside their training items)
 * @param precision Precision@K
 * @param recall Recall@K
 * @param ndcg NDCG@K with binary gains
 * @param map MAP@K (AP@K normalized by min(K, |relevant|))
 * @param hitRate HitRate@K: fraction of users with a relevant item in their top K
 * @param mrr mean reciprocal rank of the first relevant item in the full ranking
 * @param coverage catalog coverage@K: distinct items in all top-K lists over the known items
 * @param fullAuc AUC as the tutorials' {@code full_auc}: the user's training items count as negatives
 * @param aucExcludingTrain AUC with the user's training items left out of the negatives
 */
public record RankingResult(int k, int users, int aucUsers, double precision, double recall, double ndcg, double map,
        double hitRate, double mrr, double coverage, double fullAuc, double aucExcludingTrain) {

    /** Label of {@link #fullAuc()} in tables. */
    public static final String FULL_AUC_LABEL = "AUC (tutorial, train positives as negatives)";
    /** Label of {@link #aucExcludingTrain()} in tables. */
    public static final String AUC_EXCLUDING_TRAIN_LABEL = "AUC (train items excluded)";

    /**
     * The figures by stable machine-readable name, e.g. {@code "ndcg@10"}, {@code "auc_full"},
     * {@code "auc_excluding_train"}; the names used in model files and history.
     */
    public Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("precision@" + k, precision);
        map.put("recall@" + k, recall);
        map.put("ndcg@" + k, ndcg);
        map.put("map@" + k, this.map);
        map.put("hit_rate@" + k, hitRate);
        map.put("mrr", mrr);
        map.put("coverage@" + k, coverage);
        map.put("auc_full", fullAuc);
        map.put("auc_excluding_train", aucExcludingTrain);
        return map;
    }
}
