package org.embedrec.cli;

import java.util.Locale;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.eval.Baseline;
import org.embedrec.eval.EvaluationReport;
import org.embedrec.eval.RankingResult;
import org.embedrec.eval.RatingErrors;

/**
 * The printed forms of an {@link EvaluationReport}: rating errors beside the global mean and damped
 * biases, and ranking metrics beside the random and most-popular baselines; shared by {@code train},
 * {@code demo} and {@code evaluate}.
 */
final class EvaluationTables {
    private EvaluationTables() {
    }

    /** Rating errors as a table: the global mean, the damped biases, then the model called {@code name}. */
    static String errors(EvaluationReport report, String name) {
        TextTable table = new TextTable("model", "RMSE", "MAE", "MSE");
        errorRow(table, Baseline.GLOBAL_MEAN.label(), report.baseline(Baseline.GLOBAL_MEAN).errors().orElseThrow());
        errorRow(table, Baseline.DAMPED_BIASES.label(), report.baseline(Baseline.DAMPED_BIASES).errors().orElseThrow());
        errorRow(table, name, report.model().errors().orElseThrow());
        return table.toString();
    }

    private static void errorRow(TextTable table, String name, RatingErrors e) {
        table.row(name, fmt(e.rmse()), fmt(e.mae()), fmt(e.mse()));
    }

    /**
     * Ranking metrics as a table: random, most popular, then the model called {@code name}; the AUC
     * columns are named as in {@link RankingResult}.
     */
    static String ranking(EvaluationReport report, String name) {
        RankingResult model = report.model().ranking().orElseThrow();
        int k = model.k();
        TextTable table = new TextTable("model", "P@" + k, "R@" + k, "NDCG@" + k, "MAP@" + k, "HR@" + k, "MRR",
                "cov@" + k, "AUC-full", "AUC-excl-train");
        rankingRow(table, Baseline.RANDOM.label(), report.baseline(Baseline.RANDOM).ranking().orElseThrow());
        rankingRow(table, Baseline.MOST_POPULAR.label(), report.baseline(Baseline.MOST_POPULAR).ranking().orElseThrow());
        rankingRow(table, name, model);
        return table + "AUC-full = " + RankingResult.FULL_AUC_LABEL + "; AUC-excl-train = "
                + RankingResult.AUC_EXCLUDING_TRAIN_LABEL + System.lineSeparator();
    }

    private static void rankingRow(TextTable table, String name, RankingResult r) {
        table.row(name, fmt(r.precision()), fmt(r.recall()), fmt(r.ndcg()), fmt(r.map()), fmt(r.hitRate()), fmt(r.mrr()),
                fmt(r.coverage()), fmt(r.fullAuc()), fmt(r.aucExcludingTrain()));
    }

    /** A one-line header of the ranking table: how many users were ranked, what counted as relevant, how long the model's ranking took. */
    static String rankingHeading(EvaluationReport report, PositiveThreshold positives) {
        return String.format(Locale.ROOT, "ranking on %,d test ratings: %,d users with a relevant item (rating %s),"
                + " training items excluded; the model's metrics took %.2f s (%.2f s CPU)%n", report.testRatings(),
                report.model().ranking().orElseThrow().users(), positives.isAll() ? "any" : ">= " + positives.value(),
                report.rankingSeconds(), report.rankingCpuSeconds());
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
