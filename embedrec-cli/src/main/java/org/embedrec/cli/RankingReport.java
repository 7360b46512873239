package org.embedrec.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.eval.RankingBaselines;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.model.Recommender;

/**
 * Ranking metrics of a model beside the most-popular and random baselines, as one printed table;
 * shared by {@code train} (ranking models) and {@code evaluate --ranking} (any model).
 */
final class RankingReport {
    /** Seed of the random baseline, fixed so that its row is the same on every run. */
    static final long RANDOM_BASELINE_SEED = 1;

    private RankingReport() {
    }

    /**
     * Evaluates {@code model} (called {@code name}) and both baselines; rows in table order. The
     * model's own evaluation time goes to {@code seconds[0]} (wall clock) and {@code seconds[1]} (CPU
     * time of this thread, which is what it costs on a shared machine) when given.
     */
    static Map<String, RankingResult> evaluate(String name, Recommender model, Ratings train, Ratings test,
            ItemCatalog catalog, PositiveThreshold positives, int k, double... seconds) {
        Map<String, RankingResult> results = new LinkedHashMap<>();
        results.put("random", RankingMetrics.evaluate(RankingBaselines.random(train, catalog, RANDOM_BASELINE_SEED),
                train, test, positives, k));
        results.put("most popular", RankingMetrics.evaluate(RankingBaselines.mostPopular(train, catalog, positives),
                train, test, positives, k));
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        results.put(name, RankingMetrics.evaluate(model, train, test, positives, k));
        if (seconds.length > 1) {
            seconds[0] = (System.nanoTime() - start) / 1e9;
            seconds[1] = (cpuNanos() - cpuStart) / 1e9;
        }
        return results;
    }

    /** The table, one row per result; the AUC columns are named as in {@link RankingResult}. */
    static String table(Map<String, RankingResult> results) {
        RankingResult any = results.values().iterator().next();
        int k = any.k();
        TextTable table = new TextTable("model", "P@" + k, "R@" + k, "NDCG@" + k, "MAP@" + k, "HR@" + k, "MRR",
                "cov@" + k, "AUC-full", "AUC-excl-train");
        results.forEach((name, r) -> table.row(name, fmt(r.precision()), fmt(r.recall()), fmt(r.ndcg()), fmt(r.map()),
                fmt(r.hitRate()), fmt(r.mrr()), fmt(r.coverage()), fmt(r.fullAuc()), fmt(r.aucExcludingTrain())));
        return table + "AUC-full = " + RankingResult.FULL_AUC_LABEL + "; AUC-excl-train = "
                + RankingResult.AUC_EXCLUDING_TRAIN_LABEL + System.lineSeparator();
    }

    /** A one-line header: how many users were ranked, what counted as relevant, how long the model's ranking took. */
    static String heading(Map<String, RankingResult> results, PositiveThreshold positives, int testSize, double[] seconds) {
        RankingResult any = results.values().iterator().next();
        return String.format(Locale.ROOT, "ranking on %,d test ratings: %,d users with a relevant item (rating %s),"
                + " training items excluded; the model's metrics took %.2f s (%.2f s CPU)%n", testSize, any.users(),
                positives.isAll() ? "any" : ">= " + positives.value(), seconds[0], seconds[1]);
    }

    /** The model's figures for its model file, e.g. {@code test.ndcg@10}, and the baselines' NDCG and recall. */
    static Map<String, Double> metrics(String name, Map<String, RankingResult> results) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        results.get(name).toMap().forEach((key, value) -> metrics.put("test." + key, value));
        int k = results.get(name).k();
        for (String baseline : new String[] {"most popular", "random"}) {
            String prefix = "baseline." + (baseline.equals("random") ? "random" : "mostPopular") + ".";
            metrics.put(prefix + "ndcg@" + k, results.get(baseline).ndcg());
            metrics.put(prefix + "recall@" + k, results.get(baseline).recall());
        }
        return metrics;
    }

    /** CPU time of the calling thread in nanoseconds. */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
