package org.embedrec.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.eval.RatingErrors;
import org.embedrec.model.ImplicitFeedbackModel;
import org.embedrec.model.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec evaluate}: test metrics of a saved model on the split it was trained with. Rating
 * models print their rating errors (and ranking metrics with {@code --ranking}); ranking models print
 * ranking metrics.
 */
@Command(name = "evaluate", description = "Evaluate a model on the test part of the split it was trained with, beside the baselines.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelFlags flags;

    @Option(names = "--ranking", description = "also rank the test items (precision, recall, NDCG, MAP, MRR, AUC ...) beside the"
            + " most-popular and random baselines; always on for models that only rank, such as bpr")
    boolean ranking;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "list length of the ranking metrics (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--positive-threshold", paramLabel = "T|all",
            description = "test ratings >= T are relevant; 'all' = every test rating (default: the model's own threshold, else 4)")
    String positiveThreshold;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
        ModelContext context = ModelContext.load(flags.model, flags.data, System.out);
        if (!context.hasData()) {
            throw new IllegalArgumentException("evaluate needs the training data: pass --data DIR");
        }
        TrainingData parts = context.parts();
        Provenance provenance = context.model().info().provenance();
        String split = provenance.split();
        String name = provenance.configuration() != null ? provenance.configuration() : context.model().info().kind();
        if (context.model().predictsRatings()) {
            Map<String, RatingErrors> results = new LinkedHashMap<>();
            results.put("global mean", Metrics.ratingErrors(Baselines.globalMean(parts.all(), context.catalog()), parts.test()));
            results.put("damped biases", Metrics.ratingErrors(Baselines.biases(parts.all(), context.catalog()), parts.test()));
            results.put(name, Metrics.ratingErrors(context.model(), parts.test()));
            System.out.printf(Locale.ROOT, "test results on %,d ratings (split %s):%n", parts.test().size(), split);
            System.out.print(TrainAndEvaluate.errorTable(results));
            if (!ranking) {
                return 0;
            }
            System.out.println();
        }
        PositiveThreshold positives = threshold(context);
        double[] seconds = new double[2];
        Map<String, RankingResult> results = RankingReport.evaluate(name, context.model(), parts.all(), parts.test(),
                context.catalog(), positives, k, seconds);
        System.out.printf(Locale.ROOT, "split %s: %s", split,
                RankingReport.heading(results, positives, parts.test().size(), seconds));
        System.out.print(RankingReport.table(results));
        return 0;
    }

    private PositiveThreshold threshold(ModelContext context) {
        if (positiveThreshold != null) {
            return PositiveThreshold.parse(positiveThreshold);
        }
        return context.model() instanceof ImplicitFeedbackModel implicit ? implicit.positiveThreshold()
                : PositiveThreshold.DEFAULT;
    }
}
