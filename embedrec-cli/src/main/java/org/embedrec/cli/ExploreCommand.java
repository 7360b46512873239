package org.embedrec.cli;

import java.util.concurrent.Callable;
import org.embedrec.data.DatasetSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code embedrec explore}: descriptive statistics of a data set. */
@Command(name = "explore", description = "Describe a data set: counts, density, rating histogram, activity quantiles, top items, crosstab.")
final class ExploreCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Override
    public Integer call() {
        System.out.print(DatasetSummaryText.format(DatasetSummary.of(data.load(System.out))));
        return 0;
    }
}
