package org.embedrec.eval;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Evaluation} measured: the model's figures on the test part and those of the
 * baselines beside it. A figure is absent when it was not asked for or does not apply (rating errors
 * of a model that only ranks).
 *
 * @param testRatings number of test ratings
 * @param model the model's figures
 * @param baselines the baselines' figures, in {@link Baseline} order; only the baselines the
 *     evaluation asked for
 * @param rankingSeconds wall-clock seconds the model's ranking metrics took; NaN when not ranked
 * @param rankingCpuSeconds CPU seconds of the evaluating thread for the model's ranking metrics (what
 *     they cost on a busy machine); NaN when not ranked
 */
public record EvaluationReport(int testRatings, Figures model, Map<Baseline, Figures> baselines, double rankingSeconds,
        double rankingCpuSeconds) {

    /** Copies the baselines into an unmodifiable map in {@link Baseline} order. */
    public EvaluationReport {
        Objects.requireNonNull(model, "model");
        baselines = Collections.unmodifiableMap(baselines.isEmpty() ? new EnumMap<>(Baseline.class) : new EnumMap<>(baselines));
    }

    /**
     * The figures of one recommender on the test part.
     *
     * @param errors RMSE, MAE and MSE, when asked for and the recommender predicts ratings
     * @param ranking top-K ranking metrics, when asked for
     * @param beyondAccuracy novelty, diversity and popularity of the top-K lists, when ranked
     * @param perUser what the means are made of, by metric name: {@code mse} and {@code mae} (weighted by
     *     test ratings) when rating errors were measured, the names of {@link RankingResult#toMap()} but
     *     coverage, and the per-user figures of {@link BeyondAccuracy}, when ranked; for
     *     {@link Bootstrap} intervals and {@link PairedTest}s
     */
    public record Figures(Optional<RatingErrors> errors, Optional<RankingResult> ranking,
            Optional<BeyondAccuracy> beyondAccuracy, Map<String, PerUser> perUser) {
        /** Rejects nulls (absent figures are empty optionals) and keeps an unmodifiable copy of the map. */
        public Figures {
            Objects.requireNonNull(errors, "errors");
            Objects.requireNonNull(ranking, "ranking");
            Objects.requireNonNull(beyondAccuracy, "beyondAccuracy");
            perUser = Collections.unmodifiableMap(new LinkedHashMap<>(perUser));
        }

        /** Figures without beyond-accuracy metrics or per-user values. */
        public Figures(Optional<RatingErrors> errors, Optional<RankingResult> ranking) {
            this(errors, ranking, Optional.empty(), Map.of());
        }
    }

    /**
     * The figures of {@code baseline}.
     *
     * @throws IllegalArgumentException if the evaluation did not measure it
     */
    public Figures baseline(Baseline baseline) {
        Figures figures = baselines.get(baseline);
        if (figures == null) {
            throw new IllegalArgumentException("the evaluation did not measure the " + baseline.label()
                    + " baseline; it measured " + baselines.keySet());
        }
        return figures;
    }

    /**
     * The figures to record with a model, by stable name: the model's {@code test.rmse},
     * {@code test.mae}, {@code test.mse}, the baselines' {@code baseline.globalMean.rmse} and
     * {@code baseline.biases.rmse}; then the model's ranking figures as {@code test.} plus the names of
     * {@link RankingResult#toMap()}, and the most-popular and random baselines' NDCG and recall, e.g.
     * {@code baseline.mostPopular.ndcg@10}. Only the figures that were measured.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        model.errors().ifPresent(errors -> {
            metrics.put("test.rmse", errors.rmse());
            metrics.put("test.mae", errors.mae());
            metrics.put("test.mse", errors.mse());
            putErrors(metrics, Baseline.GLOBAL_MEAN, "baseline.globalMean.rmse");
            putErrors(metrics, Baseline.DAMPED_BIASES, "baseline.biases.rmse");
        });
        model.ranking().ifPresent(ranking -> {
            ranking.toMap().forEach((key, value) -> metrics.put("test." + key, value));
            putRanking(metrics, Baseline.MOST_POPULAR, "baseline.mostPopular.", ranking.k());
            putRanking(metrics, Baseline.RANDOM, "baseline.random.", ranking.k());
        });
        return metrics;
    }

    private void putErrors(Map<String, Double> metrics, Baseline baseline, String key) {
        Figures figures = baselines.get(baseline);
        if (figures != null) {
            figures.errors().ifPresent(errors -> metrics.put(key, errors.rmse()));
        }
    }

    private void putRanking(Map<String, Double> metrics, Baseline baseline, String prefix, int k) {
        Figures figures = baselines.get(baseline);
        if (figures != null) {
            figures.ranking().ifPresent(ranking -> {
                metrics.put(prefix + "ndcg@" + k, ranking.ndcg());
                metrics.put(prefix + "recall@" + k, ranking.recall());
            });
        }
    }
}
