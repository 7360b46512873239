package org.embedrec.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.eval.Evaluation;
import org.embedrec.eval.EvaluationReport;
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
        ModelContext context = ModelContext.load(flags.model, flags.dataSpec(), System.out);
        if (!context.hasData()) {
            throw new IllegalArgumentException("evaluate needs the training data: pass --data DIR");
        }
        TrainingData parts = context.parts();
        Provenance provenance = context.model().info().provenance();
        String split = provenance.split();
        String name = provenance.configuration() != null ? provenance.configuration() : context.model().info().kind();
        boolean rates = context.model().predictsRatings();
        Evaluation evaluation = Evaluation.of(parts.all(), parts.test(), context.catalog());
        PositiveThreshold positives = null;
        if (rates) {
            evaluation = evaluation.withRatingErrors();
        }
        if (ranking || !rates) {
            positives = threshold(context);
            evaluation = evaluation.withRanking(positives, k);
        }
        EvaluationReport report = evaluation.evaluate(context.model());
        if (rates) {
            System.out.printf(Locale.ROOT, "test results on %,d ratings (split %s):%n", report.testRatings(), split);
            System.out.print(EvaluationTables.errors(report, name));
            if (positives == null) {
                return 0;
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "split %s: %s", split, EvaluationTables.rankingHeading(report, positives));
        System.out.print(EvaluationTables.ranking(report, name));
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
