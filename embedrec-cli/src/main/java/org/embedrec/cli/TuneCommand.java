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
import org.embedrec.family.Preset;
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
 *
 * <p>The options as given (the preset's defaults and the flags) are always scored first, as the
 * baseline trial, on the same validation and with the same early stopping: the winner is never worse
 * on validation than what the user would have trained without tuning. Without {@code --space} the
 * model's own search space is used ({@link Preset#defaultSearchSpace}), ranges around its defaults.
 * A trial's score is its best epoch's validation RMSE, the epoch its config is saved with.
 */
@Command(name = "tune", description = "Search a model's options on validation data, then train the best on the whole training part and test it once.")
final class TuneCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Mixin
    TrainingFlags training;

    @Option(names = "--space", paramLabel = "SPACE",
            description = "options to search, e.g. 'dimensions=32,64;l2=0.05,0.1' (grid or random) or 'l2=0.01..1:log'"
                    + " (random only); default: the model's own space around its defaults (train --show-options)")
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

    /** One scored point of the search; trial 0 is the baseline, the options as given. */
    record Trial(Map<String, Object> point, int index, double validationRmse, int bestEpoch, double seconds) {
        String describe() {
            return ModelConfig.describe(point) + (index == 0 ? " (the options as given)" : "");
        }
    }

    @Override
    public Integer call() throws Exception {
        ModelConfig base = training.toConfig();
        Preset<?> preset = Trainers.preset(base.model());
        SearchSpace searchSpace = space != null ? SearchSpace.parse(space) : preset.defaultSearchSpace()
                .orElseThrow(() -> new IllegalArgumentException(base.model() + " has no default search space; give one"
                        + " with --space (its options: " + String.join(", ", preset.keys().keySet()) + ")"));
        Trainers.check(searchSpace, base.model());
        boolean earlyStopping = preset.keys().containsKey("patience");
        Map<String, Object> baseline = baseline(base, searchSpace);
        List<Map<String, Object>> points = new ArrayList<>();
        for (Map<String, Object> point : points(searchSpace)) {
            // a bad option name or value fails before any training; the baseline itself is not trained twice
            if (!base.with(point).trainer().optionsMap().equals(base.trainer().optionsMap())) {
                points.add(point);
            }
        }
        PrintStream console = System.out;
        AtomicFiles.checkWritable(out); // before the whole search, not after
        Dataset dataset = data.load(console);
        SplitSpec spec = SplitSpec.parse(split);
        if (dataset.implicit()) {
            throw new IllegalArgumentException("tune scores trials by validation RMSE, which needs ratings, but " + dataset.name()
                    + " holds implicit interactions (no rating column); compare ranking models with compare --configs instead");
        }
        Split outer = DataLoader.split(data.spec(), spec, dataset.ratings(), splitSeed);
        List<Split> scoring = folds != null ? Splits.kFold(outer.train(), folds, splitSeed + 1)
                : List.of(Splits.randomHoldout(outer.train(), validation, splitSeed + 1));
        console.printf(Locale.ROOT, "tuning %s over %s: the options as given, then %d trials, each scored on %s of the"
                + " %,d training ratings%n", base.model(), searchSpace, points.size(),
                folds != null ? folds + " folds" : String.format(Locale.ROOT, "a %.0f%% validation holdout", 100 * validation),
                outer.train().size());

        List<Trial> trials = new ArrayList<>();
        Trial given = score(base, baseline, 0, scoring, dataset, earlyStopping);
        trials.add(given);
        console.printf(Locale.ROOT, "trial 0/%d, the options as given, %s: validation RMSE %.4f (best epoch %d, %.1f s)%n",
                points.size(), ModelConfig.describe(baseline), given.validationRmse(), given.bestEpoch(), given.seconds());
        for (int t = 0; t < points.size(); t++) {
            Trial trial = score(base, points.get(t), t + 1, scoring, dataset, earlyStopping);
            trials.add(trial);
            console.printf(Locale.ROOT, "trial %d/%d %s: validation RMSE %.4f (best epoch %d, %.1f s)%n", t + 1,
                    points.size(), ModelConfig.describe(trial.point()), trial.validationRmse(), trial.bestEpoch(),
                    trial.seconds());
        }
        trials.sort(Comparator.comparingDouble(Trial::validationRmse)); // stable: the baseline wins ties
        console.println();
        console.print(table(trials));

        Trial best = trials.get(0);
        console.printf(Locale.ROOT, "%nvalidation RMSE: %.4f for the options as given, %.4f for the best (%+.4f)%n",
                given.validationRmse(), best.validationRmse(), best.validationRmse() - given.validationRmse());
        if (base.with(best.point()).trainer().optionsMap().get("epochs") instanceof Number maxEpochs
                && best.bestEpoch() >= maxEpochs.intValue()) {
            console.printf(Locale.ROOT, "note: the best trial was still improving at its last epoch (%d); more epochs"
                    + " (--epochs) may do better%n", maxEpochs.intValue());
        }
        Map<String, Object> fixed = new LinkedHashMap<>(best.point());
        fixed.put("epochs", best.bestEpoch());
        if (earlyStopping) {
            fixed.put("patience", 0);
        }
        ModelConfig winner = base.with(fixed);
        Recommender model = winner.trainer().fit(outer.train(), null, dataset.catalog(), TrainingListener.NONE);
        double testRmse = Metrics.ratingErrors(model, outer.test()).rmse();
        console.printf(Locale.ROOT, "best: %s, %d epochs; trained on the whole training part: test RMSE %.4f on %,d ratings%n",
                best.describe(), best.bestEpoch(), testRmse, outer.test().size());
        winner.write(out);
        console.println("saved the best configuration to " + out + " (use: embedrec train --config " + out + ")");
        return 0;
    }

    /** The options as given, at the space's keys: the point the search must beat. */
    private static Map<String, Object> baseline(ModelConfig base, SearchSpace searchSpace) {
        Map<String, Object> given = base.trainer().optionsMap();
        Map<String, Object> point = new LinkedHashMap<>();
        for (String key : searchSpace.keys()) {
            point.put(key, given.get(key));
        }
        return point;
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

    /**
     * Mean validation RMSE and mean best epoch of one point over the scoring splits. A fit's score is
     * its best epoch's validation RMSE (the epoch early stopping keeps, and the one the winner is saved
     * with), read from its history; a fit without per-epoch validation figures is scored as it ends.
     */
    private Trial score(ModelConfig base, Map<String, Object> point, int index, List<Split> scoring,
            Dataset dataset, boolean earlyStopping) {
        Map<String, Object> trialOptions = new LinkedHashMap<>(point);
        if (earlyStopping) {
            trialOptions.put("patience", trialPatience);
        }
        ModelConfig config = base.with(trialOptions);
        double rmse = 0;
        double epochs = 0;
        long start = System.nanoTime();
        for (Split part : scoring) {
            Ratings fit = part.train();
            Recommender model = config.trainer().fit(fit, part.test(), dataset.catalog(), TrainingListener.NONE);
            EpochRecord best = bestEpoch(model.info().history());
            Double recorded = best == null ? null : best.metrics().get("rmse");
            rmse += (recorded != null ? recorded : Metrics.ratingErrors(model, part.test()).rmse()) / scoring.size();
            epochs += (best == null ? 1 : best.epoch()) / (double) scoring.size();
        }
        return new Trial(point, index, rmse, (int) Math.max(1, Math.round(epochs)), (System.nanoTime() - start) / 1e9);
    }

    /** The epoch with the lowest validation loss (the one early stopping kept), or null without a history. */
    private static EpochRecord bestEpoch(List<EpochRecord> history) {
        EpochRecord best = null;
        for (EpochRecord epoch : history) {
            if (best == null || epoch.validationLoss() < best.validationLoss()) {
                best = epoch;
            }
        }
        return best;
    }

    private static String table(List<Trial> trials) {
        TextTable table = new TextTable("rank", "options", "validation RMSE", "best epoch", "seconds", "trial");
        for (int rank = 0; rank < trials.size(); rank++) {
            Trial trial = trials.get(rank);
            table.row(rank + 1, ModelConfig.describe(trial.point()), String.format(Locale.ROOT, "%.4f", trial.validationRmse()),
                    trial.bestEpoch(), String.format(Locale.ROOT, "%.1f", trial.seconds()),
                    trial.index() == 0 ? "0 (as given)" : String.valueOf(trial.index()));
        }
        return table.toString();
    }
}
