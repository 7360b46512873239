package org.embedrec.train;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.embedrec.nn.Dropout;
import org.embedrec.nn.RatingLoss;

/**
 * Hyperparameters of the neural rating models ({@link DeepRatingTrainer}, {@link HybridRatingTrainer},
 * {@link RatingClassifierTrainer}); build with {@link #builder()}, start from {@link #defaults()} or
 * a tutorial's {@link #preset(String)}, or read a config file's map with {@link #fromMap(Map)}. Each
 * trainer uses a subset of the fields (its {@code OPTION_KEYS}) and records only those.
 *
 * @param dimensions width of the user and of the item embeddings
 * @param hidden widths of the hidden Dense + ReLU layers, input side first (may be empty)
 * @param inputDropout dropout rate on the concatenated input, in [0, 1)
 * @param hiddenDropout dropout rate after every hidden ReLU, in [0, 1)
 * @param loss training loss of the rating models (not the classifier); BCE needs {@code sigmoid}
 * @param sigmoid whether the rating output is {@code low + (high - low) σ(z)} (not the classifier)
 * @param rangeLow low end of the sigmoid range; NaN = the training data's minimum rating
 * @param rangeHigh high end of the sigmoid range; NaN = the training data's maximum rating
 * @param features the item metadata the hybrid model uses (only the hybrid model)
 * @param epochs maximum epochs
 * @param batchSize ratings per optimizer step
 * @param optimizer optimizer of every parameter (sparse rows for embeddings, one dense step for the MLP)
 * @param schedule learning rate per epoch
 * @param l2 λ on the user and item embeddings, per occurrence of a row (as in matrix factorization)
 * @param initScale standard deviation of the normal initialization of the embeddings
 * @param seed seed of initialization, shuffling and dropout
 * @param threads training threads; 1 gives bit-identical models for one seed
 * @param patience early stopping patience in epochs on validation RMSE; 0 = off
 */
public record NeuralOptions(int dimensions, List<Integer> hidden, double inputDropout, double hiddenDropout,
        RatingLoss loss, boolean sigmoid, double rangeLow, double rangeHigh, Set<ItemFeature> features, int epochs,
        int batchSize, Optimizer optimizer, LearningRateSchedule schedule, double l2, double initScale, long seed,
        int threads, int patience) {
    /** The tutorials' architectures, by name: see {@link #preset(String)}. */
    public static final List<String> PRESETS = List.of("recommender-net", "fastai", "deep-regression");

    /** Validates every value; messages name the offending one. */
    public NeuralOptions {
        require(dimensions >= 1 && dimensions <= 4096, "dimensions must be in [1, 4096], got " + dimensions);
        hidden = List.copyOf(hidden);
        for (int width : hidden) {
            require(width >= 1 && width <= 65_536, "hidden layer widths must be in [1, 65536], got " + hidden);
        }
        Dropout.checkRate("inputDropout", inputDropout);
        Dropout.checkRate("hiddenDropout", hiddenDropout);
        Objects.requireNonNull(loss, "loss");
        require(loss != RatingLoss.BCE || sigmoid, "loss BCE needs the sigmoid output (sigmoid=true)");
        require(Double.isNaN(rangeLow) || Double.isNaN(rangeHigh) || rangeLow < rangeHigh,
                "rangeLow must be < rangeHigh, got [" + rangeLow + ", " + rangeHigh + "]");
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        require(l2 >= 0 && Double.isFinite(l2), "l2 must be finite and >= 0, got " + l2);
        require(initScale > 0 && Double.isFinite(initScale), "initScale must be > 0, got " + initScale);
        require(threads >= 1, "threads must be >= 1, got " + threads);
        require(patience >= 0, "patience must be >= 0, got " + patience);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The defaults, chosen by experiment on ml-latest-small (docs/BENCHMARKS.md): 32 dimensions, one
     * hidden layer of 32, dropout 0.3 on the input and 0.5 after the hidden layer, sigmoid range of
     * the data, MSE, Adam at 0.003 decaying by 0.7 per epoch, 10 epochs of batches of 64, no L2. The
     * decaying rate matters most: at a constant rate these networks overfit after about three epochs.
     */
    public static NeuralOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The tutorials' architectures (other fields at their defaults):
     * <ul>
     *   <li>{@code recommender-net} (Keras tutorial): 50 dimensions, dropout 0.05, Dense 10, dropout 0.5,
     *       sigmoid range, Adam at 0.001;
     *   <li>{@code fastai} (fast.ai's collaborative-filtering net): 50 dimensions, dropout 0.3, Dense 70,
     *       dropout 0.75, sigmoid range [0, 5.5] (wider than the data, so 5 stars stay reachable);
     *   <li>{@code deep-regression} (the lectures' DeepRegressionModel): 64 dimensions, Dense 64, no
     *       dropout, linear output trained on MAE.
     * </ul>
     *
     * @throws IllegalArgumentException naming the unknown preset and the known ones
     */
    public static NeuralOptions preset(String name) {
        Builder builder = builder();
        switch (name) {
            case "recommender-net" -> builder.dimensions(50).hidden(10).dropout(0.05, 0.5).sigmoid(true)
                    .learningRate(0.001);
            case "fastai" -> builder.dimensions(50).hidden(70).dropout(0.3, 0.75).sigmoid(true).range(0, 5.5);
            case "deep-regression" -> builder.dimensions(64).hidden(64).dropout(0, 0).sigmoid(false).loss(RatingLoss.MAE);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + PRESETS);
        }
        return builder.build();
    }

    /** These options as a JSON-compatible map (stored in model files); {@link #fromMap} reads it back. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dimensions", dimensions);
        map.put("hidden", hidden);
        map.put("inputDropout", inputDropout);
        map.put("hiddenDropout", hiddenDropout);
        map.put("loss", loss.name());
        map.put("sigmoid", sigmoid);
        map.put("rangeLow", Double.isNaN(rangeLow) ? "data" : rangeLow);
        map.put("rangeHigh", Double.isNaN(rangeHigh) ? "data" : rangeHigh);
        map.put("features", features.stream().sorted().map(Enum::name).toList());
        map.put("epochs", epochs);
        map.put("batchSize", batchSize);
        map.put("optimizer", optimizer.name());
        map.put("learningRate", schedule.toString());
        map.put("l2", l2);
        map.put("initScale", initScale);
        map.put("seed", seed);
        map.put("threads", threads);
        map.put("patience", patience);
        return map;
    }

    /** Every key of {@link #toMap()}. */
    public static final Set<String> KEYS = Set.copyOf(defaults().toMap().keySet());

    /** {@link #toMap()} restricted to {@code keys} (a trainer's own keys), in the same order. */
    public Map<String, Object> toMap(Set<String> keys) {
        Map<String, Object> map = toMap();
        map.keySet().retainAll(keys);
        return map;
    }

    /** {@link #KEYS} without {@code removed}: the keys of a trainer that does not use them. */
    static Set<String> keysWithout(String... removed) {
        Set<String> keys = new TreeSet<>(KEYS);
        keys.removeAll(List.of(removed));
        return Set.copyOf(keys);
    }

    /**
     * Options from a map such as a parsed JSON or YAML config file: keys as in {@link #toMap()}, any
     * subset, the rest at their defaults. Numbers may be any {@link Number}; enums are names in any
     * case; {@code hidden} and {@code features} are lists, comma-separated strings or single values;
     * {@code learningRate} is a number or a schedule text; {@code rangeLow}/{@code rangeHigh} are numbers
     * or {@code "data"}.
     *
     * @throws IllegalArgumentException naming unknown keys, or a key whose value has the wrong type
     */
    public static NeuralOptions fromMap(Map<String, ?> map) {
        return fromMap(map, KEYS, "neural");
    }

    /** {@link #fromMap(Map)} accepting only {@code allowed} keys; {@code model} names the model in errors. */
    static NeuralOptions fromMap(Map<String, ?> map, Set<String> allowed, String model) {
        Set<String> unknown = new TreeSet<>(map.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + model + " option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(key -> "'" + key + "'").toList())
                    + "; known options: " + String.join(", ", new TreeSet<>(allowed)));
        }
        OptionValues values = new OptionValues(model, map);
        Builder b = builder();
        values.integer("dimensions").ifPresent(b::dimensions);
        values.integers("hidden").ifPresent(widths -> b.hidden(widths.stream().mapToInt(Integer::intValue).toArray()));
        values.number("inputDropout").ifPresent(value -> b.inputDropout = value);
        values.number("hiddenDropout").ifPresent(value -> b.hiddenDropout = value);
        values.choice("loss", RatingLoss.class).ifPresent(b::loss);
        values.flag("sigmoid").ifPresent(b::sigmoid);
        b.rangeLow = rangeEnd(values, "rangeLow", b.rangeLow);
        b.rangeHigh = rangeEnd(values, "rangeHigh", b.rangeHigh);
        values.choices("features", ItemFeature.class).ifPresent(b::features);
        values.integer("epochs").ifPresent(b::epochs);
        values.integer("batchSize").ifPresent(b::batchSize);
        values.choice("optimizer", Optimizer.class).ifPresent(b::optimizer);
        values.parsed("learningRate", LearningRateSchedule::parse).ifPresent(b::schedule);
        values.number("l2").ifPresent(b::l2);
        values.number("initScale").ifPresent(b::initScale);
        values.longInteger("seed").ifPresent(b::seed);
        values.integer("threads").ifPresent(b::threads);
        values.integer("patience").ifPresent(b::patience);
        values.rejectUnread();
        return b.build();
    }

    private static double rangeEnd(OptionValues values, String key, double otherwise) {
        if (values.text(key).filter("data"::equals).isPresent()) {
            return Double.NaN;
        }
        return values.number(key).orElse(otherwise);
    }

    /** Mutable holder for building {@link NeuralOptions}; every setter returns the builder. */
    public static final class Builder {
        private int dimensions = 32;
        private List<Integer> hidden = List.of(32);
        private double inputDropout = 0.3;
        private double hiddenDropout = 0.5;
        private RatingLoss loss = RatingLoss.MSE;
        private boolean sigmoid = true;
        private double rangeLow = Double.NaN;
        private double rangeHigh = Double.NaN;
        private Set<ItemFeature> features = EnumSet.allOf(ItemFeature.class);
        private int epochs = 10;
        private int batchSize = 64;
        private Optimizer optimizer = Optimizer.ADAM;
        private LearningRateSchedule schedule = LearningRateSchedule.parse("0.003*0.7");
        private double l2 = 0.0;
        private double initScale = 0.05;
        private long seed = 42;
        private int threads = 1;
        private int patience;

        private Builder() {
        }

        private Builder(NeuralOptions o) {
            dimensions = o.dimensions;
            hidden = o.hidden;
            inputDropout = o.inputDropout;
            hiddenDropout = o.hiddenDropout;
            loss = o.loss;
            sigmoid = o.sigmoid;
            rangeLow = o.rangeLow;
            rangeHigh = o.rangeHigh;
            features = o.features;
            epochs = o.epochs;
            batchSize = o.batchSize;
            optimizer = o.optimizer;
            schedule = o.schedule;
            l2 = o.l2;
            initScale = o.initScale;
            seed = o.seed;
            threads = o.threads;
            patience = o.patience;
        }

        public Builder dimensions(int value) {
            dimensions = value;
            return this;
        }

        /** Hidden layer widths, input side first; none for a linear model on the concatenation. */
        public Builder hidden(int... widths) {
            hidden = Arrays.stream(widths).boxed().toList();
            return this;
        }

        /** Dropout on the input and after every hidden layer. */
        public Builder dropout(double input, double hiddenLayers) {
            inputDropout = input;
            hiddenDropout = hiddenLayers;
            return this;
        }

        public Builder loss(RatingLoss value) {
            loss = value;
            return this;
        }

        public Builder sigmoid(boolean value) {
            sigmoid = value;
            return this;
        }

        /** The sigmoid output range; NaN ends come from the training data. */
        public Builder range(double low, double high) {
            rangeLow = low;
            rangeHigh = high;
            return this;
        }

        public Builder features(Collection<ItemFeature> value) {
            features = value.isEmpty() ? Set.of() : EnumSet.copyOf(value);
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder optimizer(Optimizer value) {
            optimizer = value;
            return this;
        }

        public Builder learningRate(double value) {
            schedule = LearningRateSchedule.constant(value);
            return this;
        }

        public Builder schedule(LearningRateSchedule value) {
            schedule = value;
            return this;
        }

        public Builder l2(double value) {
            l2 = value;
            return this;
        }

        public Builder initScale(double value) {
            initScale = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder patience(int value) {
            patience = value;
            return this;
        }

        /** Validates and builds the options. */
        public NeuralOptions build() {
            return new NeuralOptions(dimensions, hidden, inputDropout, hiddenDropout, loss, sigmoid, rangeLow, rangeHigh,
                    features, epochs, batchSize, optimizer, schedule, l2, initScale, seed, threads, patience);
        }
    }
}
