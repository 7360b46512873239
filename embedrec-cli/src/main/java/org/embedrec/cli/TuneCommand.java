package org.embedrec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.data.Splits;
import org.embedrec.eval.Metrics;
import org.embedrec.family.Trainers;
import org.embedrec.io.AtomicFiles;
import org.embedrec.io.DataLoader;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.Recommender;
import org.embedrec.train.SearchSpace;
import org.embedrec.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec tune}: grid or random search over a model's options. Every choice is made on the
 * training part of the split only (a validation holdout or k folds of it), with early stopping per
 * trial; the test part is used once, to report the winner. The winner is saved as a config file
 * with its epoch count fixed to where early stopping found the best validation error, so
 * {@code train --config} reproduces it without needing a validation part.
 */
@Command(name = "tune", description = "Search a model's options on validation data, then train the best on the whole training part and test it once.")
final class TuneCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Mixin
    TrainingFlags training;

    @Option(names = "--space", paramLabel = "SPACE", required = true,
            description = "options to search, e.g. 'dimensions=32,64;l2=0.05,0.1' (grid or random) or 'l2=0.01..1:log' (random only)")
    String space;

    @Option(names = "--search", paramLabel = "KIND", description = "grid or random (default: grid when the space is all lists)")
    String search;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "20", description = "random search trials (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--search-seed", paramLabel = "SEED", defaultValue = "1", description = "seed of random search (default ${DEFAULT-VALUE})")
    long searchSeed;

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = SplitSpec.DEFAULT, description = SplitSpec.SYNTAX + " (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "42", description = "seed of random splits (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "0.1",
            description = "fraction of the training part held out to score trials (default ${DEFAULT-VALUE})")
    double validation;

    @Option(names = "--folds", paramLabel = "K", description = "score trials by K-fold cross-validation on the training part instead")
    Integer folds;

    @Option(names = "--trial-patience", paramLabel = "P", defaultValue = "2",
            description = "early stopping patience within each trial; 0 trains every epoch (default ${DEFAULT-VALUE})")
    int trialPatience;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "best.yaml",
            description = "config file for the best options (.yaml or .json; default ${DEFAULT-VALUE})")
    Path out;

    /** One scored point of the search. */
    record Trial(Map<String, Object> point, double validationRmse, int bestEpoch, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        ModelConfig base = training.toConfig();
        SearchSpace searchSpace = SearchSpace.parse(space);
        Trainers.check(searchSpace, base.model());
        List<Map<String, Object>> points = points(searchSpace);
        for (Map<String, Object> point : points) {
            base.with(point).trainer(); // a bad option name or value fails before any training
        }
        PrintStream console = System.out;
        AtomicFiles.checkWritable(out); // before the whole search, not after
        Dataset dataset = data.load(console);
        SplitSpec spec = SplitSpec.parse(split);
        if (dataset.implicit()) {
            throw new IllegalArgumentException("tune scores trials by validation RMSE, which needs ratings, but " + dataset.name()
                    + " holds implicit interactions (no rating column); compare ranking models with compare --models instead");
        }
        Split outer = DataLoader.split(data.spec(), spec, dataset.ratings(), splitSeed);
        List<Split> scoring = folds != null ? Splits.kFold(outer.train(), folds, splitSeed + 1)
                : List.of(Splits.randomHoldout(outer.train(), validation, splitSeed + 1));
        console.printf(Locale.ROOT, "tuning %s over %s: %d trials, each scored on %s of the %,d training ratings%n",
                base.model(), searchSpace, points.size(),
                folds != null ? folds + " folds" : String.format(Locale.ROOT, "a %.0f%% validation holdout", 100 * validation),
                outer.train().size());

        List<Trial> trials = new ArrayList<>();
        for (int t = 0; t < points.size(); t++) {
            Trial trial = score(base, points.get(t), scoring, dataset);
            trials.add(trial);
            console.printf(Locale.ROOT, "trial %d/%d %s: validation RMSE %.4f (best epoch %d, %.1f s)%n", t + 1,
                    points.size(), ModelConfig.describe(trial.point()), trial.validationRmse(), trial.bestEpoch(),
                    trial.seconds());
        }
        trials.sort(Comparator.comparingDouble(Trial::validationRmse));
        console.println();
        console.print(table(trials));

        Trial best = trials.get(0);
        Map<String, Object> fixed = new LinkedHashMap<>(best.point());
        fixed.put("epochs", best.bestEpoch());
        fixed.put("patience", 0);
        ModelConfig winner = base.with(fixed);
        Recommender model = winner.trainer().fit(outer.train(), null, dataset.catalog(), TrainingListener.NONE);
        double testRmse = Metrics.ratingErrors(model, outer.test()).rmse();
        console.printf(Locale.ROOT, "%nbest: %s, %d epochs; trained on the whole training part: test RMSE %.4f on %,d ratings%n",
                ModelConfig.describe(best.point()), best.bestEpoch(), testRmse, outer.test().size());
        winner.write(out);
        console.println("saved the best configuration to " + out + " (use: embedrec train --config " + out + ")");
        return 0;
    }

    private List<Map<String, Object>> points(SearchSpace searchSpace) {
        String kind = search != null ? search.toLowerCase(Locale.ROOT) : searchSpace.isGrid() ? "grid" : "random";
        switch (kind) {
            case "grid":
                return searchSpace.grid();
            case "random":
                if (trials < 1) {
                    throw new IllegalArgumentException("--trials must be >= 1, got " + trials);
                }
                SplittableRandom random = new SplittableRandom(searchSeed);
                List<Map<String, Object>> points = new ArrayList<>();
                for (int t = 0; t < trials; t++) {
                    points.add(searchSpace.sample(random));
                }
                return points;
            default:
                throw new IllegalArgumentException("--search must be grid or random, got '" + search + "'");
        }
    }

    /** Mean validation RMSE and mean best epoch of one point over the scoring splits. */
    private Trial score(ModelConfig base, Map<String, Object> point, List<Split> scoring, Dataset dataset) {
        Map<String, Object> trialOptions = new LinkedHashMap<>(point);
        trialOptions.put("patience", trialPatience);
        ModelConfig config = base.with(trialOptions);
        double rmse = 0;
        double epochs = 0;
        long start = System.nanoTime();
        for (Split part : scoring) {
            Ratings fit = part.train();
            Recommender model = config.trainer().fit(fit, part.test(), dataset.catalog(), TrainingListener.NONE);
            rmse += Metrics.ratingErrors(model, part.test()).rmse() / scoring.size();
            epochs += bestEpoch(model.info().history()) / (double) scoring.size();
        }
        return new Trial(point, rmse, (int) Math.max(1, Math.round(epochs)), (System.nanoTime() - start) / 1e9);
    }

    /** The epoch with the lowest validation loss: the one early stopping kept. */
    private static int bestEpoch(List<EpochRecord> history) {
        EpochRecord best = history.get(0);
        for (EpochRecord epoch : history) {
            if (epoch.validationLoss() < best.validationLoss()) {
                best = epoch;
            }
        }
        return best.epoch();
    }

    private static String table(List<Trial> trials) {
        TextTable table = new TextTable("rank", "options", "validation RMSE", "best epoch", "seconds");
        for (int rank = 0; rank < trials.size(); rank++) {
            Trial trial = trials.get(rank);
            table.row(rank + 1, ModelConfig.describe(trial.point()), String.format(Locale.ROOT, "%.4f", trial.validationRmse()),
                    trial.bestEpoch(), String.format(Locale.ROOT, "%.1f", trial.seconds()));
        }
        return table.toString();
    }
}
