package org.embedrec.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.PositiveThreshold;
import picocli.CommandLine.Option;

/**
 * Flags of the implicit-feedback (BPR) models and of ranking evaluation; unset flags keep the
 * model's defaults. The shared training flags ({@code --dimensions}, {@code --epochs}, ...) also apply.
 */
final class ImplicitFlags {
    @Option(names = "--positive-threshold", paramLabel = "T|all",
            description = "ratings >= T are the positive interactions BPR learns from and ranking metrics count as relevant; 'all' = every rating (default 4)")
    String positiveThreshold;

    @Option(names = "--negatives", paramLabel = "NAME",
            description = "negative sampling: UNIFORM, UNIFORM_ALL_ITEMS (the tutorials: every item, with or without training data), UNIFORM_EXCLUDING_POSITIVES, POPULARITY or WARP (redrawn until one outranks the positive; default UNIFORM_EXCLUDING_POSITIVES)")
    String negatives;

    @Option(names = "--popularity-exponent", paramLabel = "E", description = "exponent of POPULARITY sampling (default 0.75)")
    String popularityExponent;

    @Option(names = "--pairwise-loss", paramLabel = "NAME", description = "BPR (-log sigmoid) or ONE_MINUS_SIGMOID (the tutorials) (default BPR)")
    String loss;

    @Option(names = "--tag-dimensions", paramLabel = "D", description = "width of the genre tag part of bpr-genres vectors (default 16)")
    String tagDimensions;

    @Option(names = "--no-item-bias", description = "no per-item bias in BPR scores (the tutorials' model)")
    boolean noItemBias;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "list length of the ranking metrics (default ${DEFAULT-VALUE})")
    int k;

    /** The positive threshold given, or the BPR default; also what ranking metrics count as relevant. */
    PositiveThreshold threshold() {
        return positiveThreshold == null ? PositiveThreshold.DEFAULT
                : PositiveThreshold.parse(positiveThreshold);
    }

    /** The options set by these flags, under their config-file keys. */
    Map<String, Object> flagOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        TrainingFlags.putIfGiven(options, "positiveThreshold", positiveThreshold);
        TrainingFlags.putIfGiven(options, "negatives", negatives);
        TrainingFlags.putIfGiven(options, "popularityExponent", popularityExponent);
        TrainingFlags.putIfGiven(options, "loss", loss);
        TrainingFlags.putIfGiven(options, "tagDimensions", tagDimensions);
        if (noItemBias) {
            options.put("itemBias", false);
        }
        return options;
    }

    /** The list length, checked. */
    int k() {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
        return k;
    }
}
