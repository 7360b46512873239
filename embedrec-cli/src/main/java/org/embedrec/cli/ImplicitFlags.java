package org.embedrec.cli;

import org.embedrec.data.PositiveThreshold;
import org.embedrec.train.BprTrainer;
import org.embedrec.train.NegativeSampling;
import org.embedrec.train.PairwiseLoss;
import picocli.CommandLine.Option;

/**
 * Flags of the implicit-feedback (BPR) models; unset flags keep the library defaults. The shared
 * training flags ({@code --dimensions}, {@code --epochs}, {@code --learning-rate}, ...) also apply.
 */
final class ImplicitFlags {
    @Option(names = "--positive-threshold", paramLabel = "T|all",
            description = "ratings >= T are the positive interactions BPR learns from and ranking metrics count as relevant; 'all' = every rating (default 4)")
    String positiveThreshold;

    @Option(names = "--negatives", paramLabel = "NAME",
            description = "negative sampling: UNIFORM (the tutorials), UNIFORM_EXCLUDING_POSITIVES or POPULARITY (default UNIFORM_EXCLUDING_POSITIVES)")
    NegativeSampling negatives;

    @Option(names = "--popularity-exponent", paramLabel = "E", description = "exponent of POPULARITY sampling (default 0.75)")
    Double popularityExponent;

    @Option(names = "--pairwise-loss", paramLabel = "NAME", description = "BPR (-log sigmoid) or ONE_MINUS_SIGMOID (the tutorials) (default BPR)")
    PairwiseLoss loss;

    @Option(names = "--tag-dimensions", paramLabel = "D", description = "width of the genre tag part of bpr-genres vectors (default 16)")
    Integer tagDimensions;

    @Option(names = "--no-item-bias", description = "no per-item bias in BPR scores (the tutorials' model)")
    boolean noItemBias;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "list length of the ranking metrics (default ${DEFAULT-VALUE})")
    int k;

    /** The positive threshold given, or the default. */
    PositiveThreshold threshold() {
        return positiveThreshold == null ? BprTrainer.Options.defaults().positiveThreshold()
                : PositiveThreshold.parse(positiveThreshold);
    }

    /** The BPR options: library defaults, then the shared training flags, then these flags. */
    BprTrainer.Options toOptions(TrainingFlags training) {
        training.rejectRatingModelFlags();
        BprTrainer.Options.Builder b = BprTrainer.Options.builder();
        if (training.dimensions != null) {
            b.dimensions(training.dimensions);
        }
        if (training.epochs != null) {
            b.epochs(training.epochs);
        }
        if (training.batchSize != null) {
            b.batchSize(training.batchSize);
        }
        if (training.optimizer != null) {
            b.optimizer(training.optimizer);
        }
        if (training.schedule != null) {
            var parsed = org.embedrec.train.LearningRateSchedule.parse(training.schedule);
            b.schedule(parsed);
            if (training.epochs == null && parsed.stepEpochs() > 0) {
                b.epochs(parsed.stepEpochs());
            }
        }
        if (training.l2 != null) {
            b.l2(training.l2);
        }
        BprTrainer.Options defaults = BprTrainer.Options.defaults();
        if (training.initializer != null || training.initScale != null) {
            b.initializer(training.initializer != null ? training.initializer : defaults.initializer(),
                    training.initScale != null ? training.initScale : defaults.initScale());
        }
        if (training.seed != null) {
            b.seed(training.seed);
        }
        if (training.threads != null) {
            b.threads(training.threads);
        }
        if (training.patience != null) {
            b.patience(training.patience);
        }
        b.positiveThreshold(threshold()).itemBias(!noItemBias);
        if (negatives != null) {
            b.negatives(negatives);
        }
        if (popularityExponent != null) {
            b.popularityExponent(popularityExponent);
        }
        if (loss != null) {
            b.loss(loss);
        }
        if (tagDimensions != null) {
            b.tagDimensions(tagDimensions);
        }
        return b.build();
    }

    /** Fails naming the implicit-model flags given, for the rating model. */
    void rejectForRatingModel() {
        java.util.List<String> given = new java.util.ArrayList<>();
        if (positiveThreshold != null) {
            given.add("--positive-threshold");
        }
        if (negatives != null) {
            given.add("--negatives");
        }
        if (popularityExponent != null) {
            given.add("--popularity-exponent");
        }
        if (loss != null) {
            given.add("--pairwise-loss");
        }
        if (tagDimensions != null) {
            given.add("--tag-dimensions");
        }
        if (noItemBias) {
            given.add("--no-item-bias");
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + " only apply to --model bpr and bpr-genres");
        }
    }

    /** The list length, checked. */
    int k() {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
        return k;
    }
}
