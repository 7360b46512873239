package org.embedrec.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.embedrec.family.mf.MatrixFactorizationModel;

/** A single-machine reference implementation of the ranking metrics spec, for tests. */
final class NaiveRankingMetrics {
    private NaiveRankingMetrics() {
    }

    /**
     * The spec, written as plainly as possible: full sort of every candidate, then each metric by its
     * definition. Returns {users, precision, recall, ndcg, map, hitRate, mrr}.
     */
    static double[] compute(MatrixFactorizationModel model, List<Row> train, List<Row> test,
            double threshold, int k) {
        Map<String, Set<String>> trainItems = new HashMap<>();
        for (Row row : train) {
            trainItems.computeIfAbsent(row.getAs(SparkRatings.USER), u -> new HashSet<>()).add(row.getAs(SparkRatings.ITEM));
        }
        Map<String, Set<String>> relevant = new HashMap<>();
        for (Row row : test) {
            if ((float) row.getAs(SparkRatings.RATING) >= threshold) {
                relevant.computeIfAbsent(row.getAs(SparkRatings.USER), u -> new HashSet<>()).add(row.getAs(SparkRatings.ITEM));
            }
        }
        double[] sums = new double[7];
        for (Map.Entry<String, Set<String>> entry : relevant.entrySet()) {
            int user = model.users().tryIndex(entry.getKey());
            if (user < 0) {
                continue;
            }
            Set<String> rel = entry.getValue();
            Set<String> seen = trainItems.getOrDefault(entry.getKey(), Set.of());
            List<Integer> ranking = new ArrayList<>();
            for (int item = 0; item < model.items().size(); item++) {
                if (model.isKnownItem(item) && !seen.contains(model.items().id(item))) {
                    ranking.add(item);
                }
            }
            ranking.sort(Comparator.comparingDouble((Integer item) -> -model.predict(user, item)).thenComparingInt(item -> item));
            double hits = 0;
            double dcg = 0;
            double apSum = 0;
            double firstRank = 0;
            for (int r = 1; r <= ranking.size(); r++) {
                boolean isRelevant = rel.contains(model.items().id(ranking.get(r - 1)));
                if (isRelevant && firstRank == 0) {
                    firstRank = r;
                }
                if (isRelevant && r <= k) {
                    hits++;
                    dcg += 1 / (Math.log(r + 1) / Math.log(2));
                    apSum += hits / r;
                }
            }
            double idcg = 0;
            for (int r = 1; r <= Math.min(k, rel.size()); r++) {
                idcg += 1 / (Math.log(r + 1) / Math.log(2));
            }
            sums[0]++;
            sums[1] += hits / k;
            sums[2] += hits / rel.size();
            sums[3] += dcg / idcg;
            sums[4] += apSum / Math.min(k, rel.size());
            sums[5] += hits > 0 ? 1 : 0;
            sums[6] += firstRank == 0 ? 0 : 1 / firstRank;
        }
        for (int m = 1; m < sums.length; m++) {
            sums[m] /= sums[0];
        }
        return sums;
    }
}
