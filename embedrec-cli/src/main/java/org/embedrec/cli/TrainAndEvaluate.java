package org.embedrec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RatingErrors;
import org.embedrec.model.Recommender;
import org.embedrec.model.ModelInfo;
import org.embedrec.train.RecommenderTrainer;

/**
 * The flow shared by {@code train} and {@code demo}: split, fit with a progress display, evaluate
 * on the test part beside the baselines, and attach the split and the test metrics to the model.
 */
final class TrainAndEvaluate {
    private TrainAndEvaluate() {
    }

    static Recommender run(Dataset data, Path dir, SplitSpec spec, long splitSeed, ModelConfig config,
            PrintStream out, boolean progressBars) {
        RecommenderTrainer<?> trainer = config.trainer();
        boolean earlyStopping = trainer.optionsMap().get("patience") instanceof Number patience && patience.intValue() > 0;
        TrainingData parts = TrainingData.of(data, dir, spec, splitSeed, earlyStopping);
        out.printf(Locale.ROOT, "split %s (seed %d): %,d training, %,d test ratings%s%n", spec, splitSeed,
                parts.all().size(), parts.test().size(),
                earlyStopping ? String.format(Locale.ROOT, " (%,d of the training ratings held out for early stopping)",
                        parts.validation().size()) : "");
        out.println("training " + config.model() + " (" + trainer.kind() + "): " + ModelConfig.describe(trainer.optionsMap()));
        // Without early stopping the test part is shown per epoch to watch for overfitting; nothing is chosen by it.
        var validation = earlyStopping ? parts.validation() : parts.test();
        String label = earlyStopping ? "validation" : "test";
        long start = System.nanoTime();
        Recommender model = trainer.fit(parts.fit(), validation, data.catalog(), new ConsoleProgress(out, progressBars, label));
        double seconds = (System.nanoTime() - start) / 1e9;

        RatingErrors global = Metrics.ratingErrors(Baselines.globalMean(parts.all(), data.catalog()), parts.test());
        RatingErrors biases = Metrics.ratingErrors(Baselines.biases(parts.all(), data.catalog()), parts.test());
        RatingErrors errors = Metrics.ratingErrors(model, parts.test());
        out.printf(Locale.ROOT, "trained in %.2f s; test results on %,d ratings:%n", seconds, errors.count());
        Map<String, RatingErrors> table = new LinkedHashMap<>();
        table.put("global mean", global);
        table.put("damped biases", biases);
        table.put(config.model(), errors);
        out.print(errorTable(table));

        Map<String, Object> recorded = new LinkedHashMap<>(model.info().options());
        recorded.put("cli.model", config.model());
        recorded.putAll(TrainingData.provenance(dir, spec, splitSeed, earlyStopping));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test.rmse", errors.rmse());
        metrics.put("test.mae", errors.mae());
        metrics.put("test.mse", errors.mse());
        metrics.put("baseline.globalMean.rmse", global.rmse());
        metrics.put("baseline.biases.rmse", biases.rmse());
        metrics.put("train.seconds", seconds);
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
