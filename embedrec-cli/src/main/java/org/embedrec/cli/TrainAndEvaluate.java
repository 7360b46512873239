package org.embedrec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.embedrec.data.Dataset;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.SplitSpec;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.eval.RatingErrors;
import org.embedrec.model.Recommender;
import org.embedrec.model.ModelInfo;
import org.embedrec.train.RecommenderTrainer;

/**
 * The flow shared by {@code train} and {@code demo}: split, fit with a progress display, evaluate
 * on the test part beside the baselines, and attach the model name, the split and the test metrics
 * to the model.
 */
final class TrainAndEvaluate {
    private TrainAndEvaluate() {
    }

    /**
     * Trains {@code config} on the split and prints its test results: rating errors beside the
     * global-mean and bias baselines for rating models, ranking metrics (top {@code k}) beside the
     * random and most-popular baselines for models that learn from implicit feedback.
     */
    static Recommender run(Dataset data, Path dir, SplitSpec spec, long splitSeed, ModelConfig config, int k,
            PrintStream out, boolean progressBars) {
        RecommenderTrainer<?> trainer = config.trainer();
        Optional<PositiveThreshold> implicit = trainer.positiveThreshold();
        boolean earlyStopping = trainer.optionsMap().get("patience") instanceof Number patience && patience.intValue() > 0;
        TrainingData parts = TrainingData.of(data, dir, spec, splitSeed, earlyStopping);
        out.printf(Locale.ROOT, "split %s (seed %d): %,d training, %,d test ratings%s%n", spec, splitSeed,
                parts.all().size(), parts.test().size(),
                earlyStopping ? String.format(Locale.ROOT, " (%,d of the training ratings held out for early stopping)",
                        parts.validation().size()) : "");
        out.println("training " + config.model() + " (" + trainer.kind() + "): " + ModelConfig.describe(trainer.optionsMap()));
        // Without early stopping a rating model shows its test error per epoch to watch for overfitting
        // (nothing is chosen by it); ranking all test users every epoch would cost more than training.
        var validation = earlyStopping ? parts.validation() : implicit.isEmpty() ? parts.test() : null;
        String label = earlyStopping ? "validation" : "test";
        long start = System.nanoTime();
        long cpuStart = RankingReport.cpuNanos();
        Recommender model = trainer.fit(parts.fit(), validation, data.catalog(), new ConsoleProgress(out, progressBars, label));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (RankingReport.cpuNanos() - cpuStart) / 1e9;
        // With one thread the loop trains on this thread, so its CPU time is the training's cost even on a busy machine.
        String cpu = Integer.valueOf(1).equals(trainer.optionsMap().get("threads"))
                ? String.format(Locale.ROOT, " (%.2f s CPU)", cpuSeconds) : "";

        Map<String, Double> metrics = new LinkedHashMap<>();
        if (implicit.isPresent()) {
            double[] rankingSeconds = new double[2];
            Map<String, RankingResult> results = RankingReport.evaluate(config.model(), model, parts.all(), parts.test(),
                    data.catalog(), implicit.get(), k, rankingSeconds);
            out.printf(Locale.ROOT, "trained in %.2f s%s; %s", seconds, cpu,
                    RankingReport.heading(results, implicit.get(), parts.test().size(), rankingSeconds));
            out.print(RankingReport.table(results));
            metrics.putAll(RankingReport.metrics(config.model(), results));
        } else {
            RatingErrors global = Metrics.ratingErrors(Baselines.globalMean(parts.all(), data.catalog()), parts.test());
            RatingErrors biases = Metrics.ratingErrors(Baselines.biases(parts.all(), data.catalog()), parts.test());
            RatingErrors errors = Metrics.ratingErrors(model, parts.test());
            out.printf(Locale.ROOT, "trained in %.2f s%s; test results on %,d ratings:%n", seconds, cpu, errors.count());
            Map<String, RatingErrors> table = new LinkedHashMap<>();
            table.put("global mean", global);
            table.put("damped biases", biases);
            table.put(config.model(), errors);
            out.print(errorTable(table));
            metrics.put("test.rmse", errors.rmse());
            metrics.put("test.mae", errors.mae());
            metrics.put("test.mse", errors.mse());
            metrics.put("baseline.globalMean.rmse", global.rmse());
            metrics.put("baseline.biases.rmse", biases.rmse());
        }
        metrics.put("train.seconds", seconds);

        Map<String, Object> recorded = new LinkedHashMap<>(model.info().options());
        recorded.put("cli.model", config.model());
        recorded.putAll(TrainingData.provenance(dir, spec, splitSeed, earlyStopping));
        ModelInfo info = model.info();
        return model.withInfo(new ModelInfo(info.kind(), recorded, info.dataFingerprint(), info.history(), metrics));
    }

    /** Rating errors as a table, one row per model in the map's order. */
    static String errorTable(Map<String, RatingErrors> results) {
        TextTable table = new TextTable("model", "RMSE", "MAE", "MSE");
        results.forEach((name, e) -> table.row(name, fmt(e.rmse()), fmt(e.mae()), fmt(e.mse())));
        return table.toString();
    }
    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
