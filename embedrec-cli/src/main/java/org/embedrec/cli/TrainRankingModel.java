package org.embedrec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.eval.RankingResult;
import org.embedrec.model.BprModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.GenreBprModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.train.BprTrainer;
import org.embedrec.train.GenreBprTrainer;
import org.embedrec.train.RecommenderTrainer;

/**
 * The {@code train} flow of the implicit-feedback models ({@code bpr}, {@code bpr-genres}): split, fit
 * on the positive training ratings, rank the test part beside the most-popular and random
 * baselines, and attach the split and the test metrics to the model.
 */
final class TrainRankingModel {
    private TrainRankingModel() {
    }

    /** The trainer of {@code kind} ({@code bpr} or {@code bpr-genres}). */
    static RecommenderTrainer<? extends EmbeddingModel> trainer(String kind, BprTrainer.Options options) {
        return kind.equals(GenreBprModel.KIND) ? new GenreBprTrainer(options) : new BprTrainer(options);
    }

    static EmbeddingModel run(Dataset data, Path dir, SplitSpec spec, long splitSeed,
            RecommenderTrainer<? extends EmbeddingModel> trainer, BprTrainer.Options options, int k, PrintStream out,
            boolean progressBars) {
        String kind = trainer.kind();
        boolean earlyStopping = options.patience() > 0;
        TrainingData parts = TrainingData.of(data, dir, spec, splitSeed, earlyStopping);
        out.printf(Locale.ROOT, "split %s (seed %d): %,d training, %,d test ratings%s%n", spec, splitSeed,
                parts.all().size(), parts.test().size(),
                earlyStopping ? String.format(Locale.ROOT, " (%,d of the training ratings held out for early stopping on NDCG@%d)",
                        parts.validation().size(), org.embedrec.eval.RankingMetrics.DEFAULT_K) : "");
        out.printf(Locale.ROOT, "training %s: %d dimensions%s, %s loss, %s negatives, positives: rating %s, %s %s, batch %d,"
                + " l2 %s, item bias %s, %d thread(s)%n", kind, options.dimensions(),
                kind.equals(GenreBprModel.KIND) ? " (" + options.tagDimensions() + " for genre tags)" : "", options.loss(),
                options.negatives(), options.positiveThreshold().isAll() ? "any" : ">= " + options.positiveThreshold().value(),
                options.optimizer(), options.schedule(), options.batchSize(), options.l2(), options.itemBias() ? "on" : "off",
                options.threads());
        long start = System.nanoTime();
        long cpuStart = RankingReport.cpuNanos();
        EmbeddingModel model = trainer.fit(parts.fit(), earlyStopping ? parts.validation() : null, data.catalog(),
                new ConsoleProgress(out, progressBars, "validation"));
        double seconds = (System.nanoTime() - start) / 1e9;
        // With one thread the loop trains on this thread, so its CPU time is the training's cost even on a busy machine.
        String cpu = options.threads() == 1
                ? String.format(Locale.ROOT, " (%.2f s CPU)", (RankingReport.cpuNanos() - cpuStart) / 1e9) : "";

        double[] rankingSeconds = new double[2];
        Map<String, RankingResult> results = RankingReport.evaluate(kind, model, parts.all(), parts.test(), data.catalog(),
                options.positiveThreshold(), k, rankingSeconds);
        out.printf(Locale.ROOT, "trained in %.2f s%s; %s", seconds, cpu,
                RankingReport.heading(results, options.positiveThreshold(), parts.test().size(), rankingSeconds));
        out.print(RankingReport.table(results));

        Map<String, Object> recorded = new LinkedHashMap<>(trainer.optionsMap());
        recorded.putAll(TrainingData.provenance(dir, spec, splitSeed, earlyStopping));
        Map<String, Double> metrics = RankingReport.metrics(kind, results);
        metrics.put("train.seconds", seconds);
        return withProvenance(model, recorded, metrics);
    }

    private static EmbeddingModel withProvenance(EmbeddingModel model, Map<String, Object> options,
            Map<String, Double> metrics) {
        if (model instanceof BprModel bpr) {
            ModelInfo info = bpr.info();
            return bpr.withInfo(new ModelInfo(info.kind(), options, info.dataFingerprint(), info.history(), metrics));
        }
        GenreBprModel genres = (GenreBprModel) model;
        ModelInfo info = genres.info();
        return genres.withInfo(new ModelInfo(info.kind(), options, info.dataFingerprint(), info.history(), metrics));
    }
}
