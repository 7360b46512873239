package org.embedrec.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.io.DataSpec;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.eval.Baseline;
import org.embedrec.eval.Evaluation;
import org.embedrec.eval.EvaluationReport;
import org.embedrec.model.Recommender;
import org.embedrec.data.SplitSpec;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.eval.RatingErrors;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.train.RecommenderTrainer;

/**
 * The flow shared by {@code train} and {@code demo}: split, fit with a progress display (epochs
 * scored on the validation part only), evaluate on the test part once, beside the baselines, and
 * attach the model name, the split and the test metrics to the model.
 */
final class TrainAndEvaluate {
    private TrainAndEvaluate() {
    }

    /**
     * Trains {@code config} on the split and prints its test results: rating errors beside the
     * global-mean and bias baselines for rating models, ranking metrics (top {@code k}) beside the
     * random and most-popular baselines for models that learn from implicit feedback.
     */
    static Recommender run(Dataset data, DataSpec source, SplitSpec spec, long splitSeed, ModelConfig given, int k,
            PrintStream out, boolean progressBars) {
        ModelConfig config = ImplicitData.adapt(given, data);
        return run(data, source, spec, splitSeed, config, config.trainer(), k, out, progressBars);
    }

    /** {@link #run} with {@code trainer} standing for the one {@code config} makes (tests watch what it is given). */
    static Recommender run(Dataset data, DataSpec source, SplitSpec spec, long splitSeed, ModelConfig config,
            RecommenderTrainer<?> trainer, int k, PrintStream out, boolean progressBars) {
        double validationFraction = TrainingData.validationFraction(trainer);
        boolean earlyStopping = validationFraction > 0;
        TrainingData parts = TrainingData.of(data, source, spec, splitSeed, validationFraction);
        out.printf(Locale.ROOT, "split %s (seed %d): %,d training, %,d test ratings%s%n", spec, splitSeed,
                parts.all().size(), parts.test().size(),
                earlyStopping ? String.format(Locale.ROOT, " (%,d of the training ratings, %.0f%% of each user's, held out"
                        + " as the validation part for early stopping)", parts.validation().size(), 100 * validationFraction)
                        : "");
        Recommender model = fitAndEvaluate(parts, data.catalog(), config, trainer, k, out, progressBars);
        ModelInfo info = model.info();
        Provenance provenance = TrainingData.record(info.provenance(), source, spec, splitSeed, earlyStopping)
                .withConfiguration(config.model());
        return model.withInfo(info.withProvenance(provenance));
    }

    /**
     * Fits {@code trainer} on {@code parts.fit()} (watching {@code parts.validation()}), then evaluates
     * it on the test part beside the baselines and prints the results; the model records the test
     * metrics and the training time.
     */
    static Recommender fitAndEvaluate(TrainingData parts, ItemCatalog catalog, ModelConfig config,
            RecommenderTrainer<?> trainer, int k, PrintStream out, boolean progressBars) {
        Optional<PositiveThreshold> implicit = trainer.positiveThreshold();
        out.print("training " + config.model() + " (" + trainer.kind() + "), options:\n" + ModelConfig.block(trainer.optionsMap(), 100));
        // The test part is scored once, below: never per epoch, where watching it would be choosing by it.
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        Recommender model = trainer.fit(parts.fit(), parts.validation(), catalog, new ConsoleProgress(out, progressBars));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
        // With one thread the loop trains on this thread, so its CPU time is the training's cost even on a busy machine.
        String cpu = trainer.training().map(training -> training.threads() == 1).orElse(true)
                ? String.format(Locale.ROOT, " (%.2f s CPU)", cpuSeconds) : "";

        Evaluation evaluation = Evaluation.of(parts.all(), parts.test(), catalog);
        EvaluationReport report;
        if (implicit.isPresent()) {
            report = evaluation.withRanking(implicit.get(), k).evaluate(model);
            out.printf(Locale.ROOT, "trained in %.2f s%s; %s", seconds, cpu, EvaluationTables.rankingHeading(report, implicit.get()));
            out.print(EvaluationTables.ranking(report, config.model()));
        } else {
            report = evaluation.withRatingErrors().evaluate(model);
            out.printf(Locale.ROOT, "trained in %.2f s%s; test results on %,d ratings:%n", seconds, cpu,
                    report.model().errors().orElseThrow().count());
            out.print(EvaluationTables.errors(report, config.model()));
            String warning = worseThanGlobalMean(report, config.model());
            if (warning != null) {
                out.flush();
                System.err.println(warning);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(report.metrics());
        metrics.put("train.seconds", seconds);
        return model.withInfo(model.info().withMetrics(metrics));
    }

    /**
     * The warning for a rating model whose test RMSE is worse than predicting the training mean for
     * every rating, or {@code null}: such a model diverged or is badly tuned, and would otherwise be
     * saved and served without a word.
     */
    static String worseThanGlobalMean(EvaluationReport report, String model) {
        if (!report.baselines().containsKey(Baseline.GLOBAL_MEAN) || report.model().errors().isEmpty()) {
            return null;
        }
        double rmse = report.model().errors().get().rmse();
        double baseline = report.baseline(Baseline.GLOBAL_MEAN).errors().map(RatingErrors::rmse).orElse(Double.NaN);
        if (!(rmse > baseline)) {
            return null;
        }
        return String.format(Locale.ROOT, "warning: %s is WORSE than the global-mean baseline on the test ratings"
                + " (RMSE %.4f against %.4f): it probably diverged or is badly tuned; try a smaller learning rate"
                + " before using this model", model, rmse, baseline);
    }

    /** CPU time of the calling thread in nanoseconds. */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
