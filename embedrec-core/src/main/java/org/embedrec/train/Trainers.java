package org.embedrec.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The named model configurations a user can ask for ({@code train --model NAME}, {@code compare
 * --models a,b}, config files): each name is a model family plus preset options, such as the
 * tutorials' networks. Options given by the user override the preset's.
 */
public final class Trainers {
    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    static {
        preset("mf", "biased matrix factorization with a sigmoid scaled to the rating range (the default)",
                Map.of(), options -> new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.fromMap(options)));
        preset("dot", "the tutorials' plain dot product of user and item embeddings: no biases, linear output",
                Map.of("biases", false, "sigmoid", false),
                options -> new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.fromMap(options)));
        preset("deep", "user and item embeddings concatenated, then dense ReLU layers (embedrec's tuned defaults)",
                Map.of(), options -> new DeepRatingTrainer(DeepRatingTrainer.optionsFromMap(options)));
        for (String name : NeuralOptions.PRESETS) {
            preset(name, "the tutorials' " + name + " network: " + describe(NeuralOptions.preset(name)),
                    neuralOverrides(NeuralOptions.preset(name)),
                    options -> new DeepRatingTrainer(DeepRatingTrainer.optionsFromMap(options)));
        }
        preset("hybrid", "the deep model plus item metadata: popularity and year (quantile-transformed) and genres",
                Map.of(), options -> new HybridRatingTrainer(HybridRatingTrainer.optionsFromMap(options)));
        preset("classifier", "softmax over the rating levels; predicts the expected rating",
                Map.of(), options -> new RatingClassifierTrainer(RatingClassifierTrainer.optionsFromMap(options)));
        preset("bpr", "BPR matrix factorization for implicit feedback (ratings >= 4 as positives by default)",
                Map.of(), options -> new BprTrainer(BprTrainer.Options.fromMap(options)));
        preset("bpr-genres", "BPR with averaged genre-tag embeddings and an ELU, as the tutorials' triplet model",
                Map.of(), options -> new GenreBprTrainer(BprTrainer.Options.fromMap(options)));
        preset("bpr-warp", "BPR-MF with WARP-style negatives (redrawn until one outranks the positive) and the 1 - sigmoid loss: better top 10",
                Map.of("negatives", NegativeSampling.WARP.name(), "loss", PairwiseLoss.ONE_MINUS_SIGMOID.name()),
                options -> new BprTrainer(BprTrainer.Options.fromMap(options)));
        preset("bpr-tutorial", "the Keras tutorials' BPR configuration: 100 dims, Adam 0.001, 10 epochs, uniform negatives, 1 - sigmoid loss",
                BprTrainer.Options.tutorial().toMap(), options -> new BprTrainer(BprTrainer.Options.fromMap(options)));
    }

    private Trainers() {
    }

    /**
     * A trainer for the named configuration with {@code options} over its preset.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), or
     *     for an unknown or invalid option
     */
    public static RecommenderTrainer<?> create(String name, Map<String, ?> options) {
        Preset preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", names()));
        }
        Map<String, Object> merged = new LinkedHashMap<>(preset.options());
        merged.putAll(options);
        return preset.factory().apply(merged);
    }

    /** The known configuration names, in the order of {@link #describe}. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /** One line saying what the named configuration is. */
    public static String describe(String name) {
        Preset preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'");
        }
        return preset.description();
    }

    /** The options of a neural preset that differ from the deep model's defaults. */
    private static Map<String, Object> neuralOverrides(NeuralOptions preset) {
        Map<String, Object> defaults = NeuralOptions.defaults().toMap(DeepRatingTrainer.OPTION_KEYS);
        Map<String, Object> overrides = new LinkedHashMap<>();
        preset.toMap(DeepRatingTrainer.OPTION_KEYS).forEach((key, value) -> {
            if (!value.equals(defaults.get(key))) {
                overrides.put(key, value);
            }
        });
        return overrides;
    }

    private static String describe(NeuralOptions options) {
        return "dimensions " + options.dimensions() + ", hidden " + options.hidden() + ", dropout "
                + options.inputDropout() + "/" + options.hiddenDropout();
    }

    private static void preset(String name, String description, Map<String, Object> options,
            Function<Map<String, ?>, RecommenderTrainer<?>> factory) {
        PRESETS.put(name, new Preset(description, options, factory));
    }

    private record Preset(String description, Map<String, Object> options,
            Function<Map<String, ?>, RecommenderTrainer<?>> factory) {
    }
}
