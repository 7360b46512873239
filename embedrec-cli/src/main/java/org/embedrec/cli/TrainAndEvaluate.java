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
import org.embedrec.model.MatrixFactorizationModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.train.MatrixFactorizationTrainer;

/**
 * The flow shared by {@code train} and {@code demo}: split, fit with a progress display, evaluate
 * on the test part beside the baselines, and attach the split and the test metrics to the model.
 */
final class TrainAndEvaluate {
    private TrainAndEvaluate() {
    }

    static MatrixFactorizationModel run(Dataset data, Path dir, SplitSpec spec, long splitSeed,
            MatrixFactorizationTrainer.Options options, PrintStream out, boolean progressBars) {
        boolean earlyStopping = options.patience() > 0;
        TrainingData parts = TrainingData.of(data, dir, spec, splitSeed, earlyStopping);
        out.printf(Locale.ROOT, "split %s (seed %d): %,d training, %,d test ratings%s%n", spec, splitSeed,
                parts.all().size(), parts.test().size(),
                earlyStopping ? String.format(Locale.ROOT, " (%,d of the training ratings held out for early stopping)",
                        parts.validation().size()) : "");
        out.printf(Locale.ROOT, "training matrix factorization: %d dimensions, %s %s, batch %d, l2 %s, biases %s, %s output, %d thread(s)%n",
                options.dimensions(), options.optimizer(), options.schedule(), options.batchSize(), options.l2(),
                options.biases() ? "on" : "off", options.sigmoid() ? "sigmoid-range" : "linear", options.threads());
        // Without early stopping the test part is shown per epoch to watch for overfitting; nothing is chosen by it.
        var validation = earlyStopping ? parts.validation() : parts.test();
        String label = earlyStopping ? "validation" : "test";
        long start = System.nanoTime();
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(options).fit(parts.fit(), validation,
                data.catalog(), new ConsoleProgress(out, progressBars, label));
        double seconds = (System.nanoTime() - start) / 1e9;

        RatingErrors global = Metrics.ratingErrors(Baselines.globalMean(parts.all(), data.catalog()), parts.test());
        RatingErrors biases = Metrics.ratingErrors(Baselines.biases(parts.all(), data.catalog()), parts.test());
        RatingErrors mf = Metrics.ratingErrors(model, parts.test());
        out.printf(Locale.ROOT, "trained in %.2f s; test results on %,d ratings:%n", seconds, mf.count());
        out.print(errorTable(Map.of("global mean", global, "damped biases", biases, "matrix factorization", mf)));

        Map<String, Object> recorded = new LinkedHashMap<>(model.info().options());
        recorded.putAll(TrainingData.provenance(dir, spec, splitSeed, earlyStopping));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test.rmse", mf.rmse());
        metrics.put("test.mae", mf.mae());
        metrics.put("test.mse", mf.mse());
        metrics.put("baseline.globalMean.rmse", global.rmse());
        metrics.put("baseline.biases.rmse", biases.rmse());
        metrics.put("train.seconds", seconds);
        ModelInfo info = model.info();
        return model.withInfo(new ModelInfo(info.kind(), recorded, info.dataFingerprint(), info.history(), metrics));
    }

    static String errorTable(Map<String, RatingErrors> results) {
        TextTable table = new TextTable("model", "RMSE", "MAE", "MSE");
        for (String name : new String[] {"global mean", "damped biases", "matrix factorization"}) {
            RatingErrors e = results.get(name);
            if (e != null) {
                table.row(name, fmt(e.rmse()), fmt(e.mae()), fmt(e.mse()));
            }
        }
        return table.toString();
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
