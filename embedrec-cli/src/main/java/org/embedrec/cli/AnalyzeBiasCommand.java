package org.embedrec.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.embedrec.analysis.BiasRanking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embedrec analyze bias}: items with the highest and lowest learned bias. */
@Command(name = "bias", description = "List the items with the highest and lowest learned bias among items with enough ratings.")
final class AnalyzeBiasCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true, description = "a model file")
    Path model;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "items at each end (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "only rank items with at least N training ratings (default ${DEFAULT-VALUE})")
    int minRatings;

    @Override
    public Integer call() throws Exception {
        AnalysisTarget target = AnalysisTarget.load(model);
        BiasRanking ranking = BiasRanking.of(target.model(), target.itemCounts(), minRatings, count);
        System.out.printf(Locale.ROOT, "%,d items with at least %d training ratings%n", ranking.eligible(), minRatings);
        print("highest bias:", ranking.highest());
        print("lowest bias:", ranking.lowest());
        return 0;
    }

    private static void print(String heading, List<BiasRanking.RankedItem> items) {
        TextTable table = new TextTable("title", "ratings", "bias");
        for (BiasRanking.RankedItem item : items) {
            table.row(item.title(), item.ratings(), String.format(Locale.ROOT, "%.4f", item.bias()));
        }
        System.out.println(heading);
        System.out.print(table);
    }
}
