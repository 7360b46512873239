package org.embedrec.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RatingErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code embedrec evaluate}: test metrics of a saved model on the split it was trained with. */
@Command(name = "evaluate", description = "Evaluate a model on the test part of the split it was trained with, beside the baselines.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelFlags flags;

    @Override
    public Integer call() throws Exception {
        ModelContext context = ModelContext.load(flags.model, flags.data, System.out);
        if (!context.hasData()) {
            throw new IllegalArgumentException("evaluate needs the training data: pass --data DIR");
        }
        TrainingData parts = context.parts();
        Map<String, RatingErrors> results = new LinkedHashMap<>();
        results.put("global mean", Metrics.ratingErrors(Baselines.globalMean(parts.all(), context.catalog()), parts.test()));
        results.put("damped biases", Metrics.ratingErrors(Baselines.biases(parts.all(), context.catalog()), parts.test()));
        results.put(String.valueOf(context.model().info().options().getOrDefault("cli.model", context.model().info().kind())),
                Metrics.ratingErrors(context.model(), parts.test()));
        System.out.printf(Locale.ROOT, "test results on %,d ratings (split %s):%n", parts.test().size(),
                context.model().info().options().get("cli.split"));
        System.out.print(TrainAndEvaluate.errorTable(results));
        return 0;
    }
}
