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
    private static final Map<String, Preset<?>> PRESETS = new LinkedHashMap<>();

    static {
        preset("mf", "biased matrix factorization with a sigmoid scaled to the rating range (the default)",
                MatrixFactorizationTrainer.Options.TABLE, MatrixFactorizationTrainer.Options.defaults(), Map.of(),
                MatrixFactorizationTrainer::new);
        preset("dot", "the tutorials' plain dot product of user and item embeddings: no biases, linear output",
                MatrixFactorizationTrainer.Options.TABLE, MatrixFactorizationTrainer.Options.defaults(),
                Map.of("biases", false, "sigmoid", false), MatrixFactorizationTrainer::new);
        preset("mf-sgd", "LIBMF-style biased MF: plain SGD, one rating per step, rate 0.01, L2 0.02, linear output, 10 epochs"
                + " (the bench command's default)", MatrixFactorizationTrainer.Options.TABLE,
                MatrixFactorizationTrainer.Options.defaults(), Map.of("optimizer", "SGD", "batchSize", 1,
                        "learningRate", "0.01", "l2", 0.02, "biasL2", 0.02, "epochs", 10, "sigmoid", false), MatrixFactorizationTrainer::new);
        preset("deep", "user and item embeddings concatenated, then dense ReLU layers (embedrec's tuned defaults)",
                DeepRatingTrainer.Options.TABLE, DeepRatingTrainer.Options.defaults(), Map.of(), DeepRatingTrainer::new);
        preset("recommender-net", "the Keras tutorial's RecommenderNet: 50 dimensions, dropout 0.05, Dense 10,"
                + " dropout 0.5, sigmoid range, Adam 0.001", DeepRatingTrainer.Options.TABLE,
                DeepRatingTrainer.Options.defaults(), Map.of("dimensions", 50, "hidden", List.of(10), "inputDropout", 0.05,
                        "hiddenDropout", 0.5, "sigmoid", true, "learningRate", "0.001"), DeepRatingTrainer::new);
        preset("fastai", "fast.ai's collaborative-filtering net: 50 dimensions, dropout 0.3, Dense 70, dropout 0.75,"
                + " sigmoid range [0, 5.5]", DeepRatingTrainer.Options.TABLE, DeepRatingTrainer.Options.defaults(),
                Map.of("dimensions", 50, "hidden", List.of(70), "inputDropout", 0.3, "hiddenDropout", 0.75,
                        "sigmoid", true, "rangeLow", 0.0, "rangeHigh", 5.5), DeepRatingTrainer::new);
        preset("deep-regression", "the lectures' DeepRegressionModel: 64 dimensions, Dense 64, no dropout, linear"
                + " output trained on MAE", DeepRatingTrainer.Options.TABLE, DeepRatingTrainer.Options.defaults(),
                Map.of("dimensions", 64, "hidden", List.of(64), "inputDropout", 0.0, "hiddenDropout", 0.0,
                        "sigmoid", false, "loss", "MAE"), DeepRatingTrainer::new);
        preset("hybrid", "the deep model plus item metadata: popularity and year (quantile-transformed) and genres",
                HybridRatingTrainer.Options.TABLE, HybridRatingTrainer.Options.defaults(), Map.of(),
                HybridRatingTrainer::new);
        preset("classifier", "softmax over the rating levels; predicts the expected rating",
                RatingClassifierTrainer.Options.TABLE, RatingClassifierTrainer.Options.defaults(), Map.of(),
                RatingClassifierTrainer::new);
        preset("bpr", "BPR matrix factorization for implicit feedback (ratings >= 4 as positives by default)",
                BprTrainer.Options.TABLE, BprTrainer.Options.defaults(), Map.of(), BprTrainer::new);
        preset("bpr-genres", "BPR with averaged genre-tag embeddings and an ELU, as the tutorials' triplet model",
                GenreBprTrainer.TABLE, BprTrainer.Options.defaults(), Map.of(), GenreBprTrainer::new);
        preset("bpr-warp", "BPR-MF with WARP-style negatives (redrawn until one outranks the positive) and the 1 - sigmoid loss: better top 10",
                BprTrainer.Options.TABLE, BprTrainer.Options.defaults(),
                Map.of("negatives", NegativeSampling.WARP.name(), "loss", PairwiseLoss.ONE_MINUS_SIGMOID.name()),
                BprTrainer::new);
        preset("bpr-tutorial", "the Keras tutorials' BPR configuration: 100 dims, Adam 0.001, 10 epochs, uniform negatives, 1 - sigmoid loss",
                BprTrainer.Options.TABLE, BprTrainer.Options.tutorial(), Map.of(), BprTrainer::new);
        preset("item-knn", "item-based nearest neighbours: cosine with shrinkage over the users who liked both items",
                org.embedrec.family.knn.ItemKnnTrainer.Options.TABLE, org.embedrec.family.knn.ItemKnnTrainer.Options.defaults(),
                Map.of(), org.embedrec.family.knn.ItemKnnTrainer::new);
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
        return preset(name).create(options);
    }

    /** The known configuration names, in the order of {@link #describe}. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /** One line saying what the named configuration is. */
    public static String describe(String name) {
        return preset(name).description();
    }

    /**
     * The keys the named configuration accepts, each with its one-line description, in table order:
     * what {@code --set}, config files and {@code tune} spaces may name.
     */
    public static Map<String, String> optionKeys(String name) {
        return preset(name).keys();
    }

    /** Whether {@code tune} may draw the named configuration's option {@code key} from a numeric range. */
    public static boolean numericOption(String name, String key) {
        return preset(name).numeric(key);
    }

    private static Preset<?> preset(String name) {
        Preset<?> preset = PRESETS.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", names()));
        }
        return preset;
    }

    private static <O> void preset(String name, String description, OptionTable<O> table, O defaults,
            Map<String, Object> overrides, Function<O, RecommenderTrainer<?>> factory) {
        PRESETS.put(name, new Preset<>(description, table, table.with(defaults, overrides), factory));
    }

    /** A family's table, its options for this name, and its trainer's constructor. */
    private record Preset<O>(String description, OptionTable<O> table, O options, Function<O, RecommenderTrainer<?>> factory) {
        RecommenderTrainer<?> create(Map<String, ?> overrides) {
            return factory.apply(table.with(options, overrides));
        }

        Map<String, String> keys() {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String key : table.keys()) {
                keys.put(key, table.row(key).orElseThrow().description());
            }
            return keys;
        }

        boolean numeric(String key) {
            return table.row(key).map(row -> row.type().numeric()).orElse(false);
        }
    }
}
