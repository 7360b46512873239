package org.embedrec.family.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.nn.QuantileTransform;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.TrainingOptions;

/**
 * Trains a {@link HybridRatingModel}: the deep concatenation model with the item features of
 * {@link Options#features()} (see {@link ItemFeature}) appended to the input. The features are
 * computed once per fit from the training ratings and the catalog only: popularity is the item's
 * training rating count, and both quantile transforms are fitted on the training rows, so nothing
 * about held-out ratings leaks into the model. Training is otherwise as in {@link DeepRatingTrainer}.
 */
public final class HybridRatingTrainer extends EpochTrainer<HybridRatingTrainer.Options, HybridRatingModel> {
    /** A trainer with the given options. */
    public HybridRatingTrainer(Options options) {
        super(options, Options.TABLE);
    }

    /** The network's embeddings and layers (see {@link NetworkOptions#parameterCount}). */
    @Override
    protected double parameterCount(int users, int items) {
        return options().network().parameterCount(users, items, 64, 1);
    }

    @Override
    protected double bytesPerExample() {
        return options().network().bytesPerExample(64);
    }

    @Override
    public String kind() {
        return HybridRatingModel.KIND;
    }

    @Override
    protected NeuralObjective<HybridRatingModel> objective(Ratings train, Ratings validation, ItemCatalog catalog,
            SplittableRandom random) {
        FeatureTable features = FeatureTable.of(train, catalog, options().features());
        SigmoidRange range = NeuralObjective.sigmoidRange(options().output(), train);
        return new NeuralObjective<>(train, validation, options().network(), options().training(),
                NeuralObjective.regression(options().output().loss(), range), features.names().size(), features.values(),
                1, NeuralObjective.meanRatingBias(train, range), random,
                (network, info) -> new HybridRatingModel(
                        new TrainingFacts(train.users(), catalog, train.itemCounts(), info), network, range,
                        options().output().loss(), features.names()));
    }

    /**
     * Hyperparameters of the hybrid model: the deep model's and the item features.
     *
     * @param network embeddings, hidden layers, dropout, L2
     * @param output linear or sigmoid-range output, and the loss
     * @param features the item metadata appended to the input; at least one
     * @param training epochs, optimizer, learning rate, seed, threads, early stopping
     */
    public record Options(NetworkOptions network, RegressionOutput output, Set<ItemFeature> features,
            TrainingOptions training) implements NetworkTrainerOptions.Regression<Options> {
        public Options {
            java.util.Objects.requireNonNull(network, "network");
            java.util.Objects.requireNonNull(output, "output");
            if (features.isEmpty()) {
                throw new IllegalArgumentException("the hybrid model needs at least one item feature of "
                        + List.of(ItemFeature.values()) + "; without features use the deep model");
            }
            features = Set.copyOf(java.util.EnumSet.copyOf(features));
            java.util.Objects.requireNonNull(training, "training");
        }

        /** The deep model's defaults with every feature. */
        public static Options defaults() {
            return new Options(NetworkOptions.defaults(), RegressionOutput.defaults(),
                    java.util.EnumSet.allOf(ItemFeature.class), NetworkOptions.trainingDefaults());
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(HybridRatingModel.KIND)
                .nest(NetworkOptions.TABLE, Options::network, Options::withNetwork)
                .nest(RegressionOutput.TABLE, Options::output, Options::withOutput)
                .add("features", "item metadata: POPULARITY, YEAR, GENRES (comma-separated)",
                        OptionType.choices(ItemFeature.class), Options::features, Options::withFeatures)
                .nest(TrainingOptions.TABLE, Options::training, Options::withTraining);

        @Override
        public Options withNetwork(NetworkOptions value) {
            return new Options(value, output, features, training);
        }

        @Override
        public Options withOutput(RegressionOutput value) {
            return new Options(network, value, features, training);
        }

        public Options withFeatures(Set<ItemFeature> value) {
            return new Options(network, output, value, training);
        }

        @Override
        public OptionTable<Options> table() {
            return TABLE;
        }

        @Override
        public Options withTraining(TrainingOptions value) {
            return new Options(network, output, features, value);
        }
    }

    /**
     * The item feature table: {@code values} is {@code [items, names.size()]} row-major, columns in
     * the order popularity, year, year_unknown, genre:NAME… (each present when its feature is chosen).
     */
    record FeatureTable(float[] values, List<String> names) {
        static FeatureTable of(Ratings train, ItemCatalog catalog, Set<ItemFeature> chosen) {
            int items = catalog.size();
            List<String> names = new ArrayList<>();
            List<float[]> columns = new ArrayList<>();
            if (chosen.contains(ItemFeature.POPULARITY)) {
                int[] counts = train.itemCounts();
                float[] perRow = new float[train.size()];
                for (int row = 0; row < perRow.length; row++) {
                    perRow[row] = counts[train.item(row)];
                }
                QuantileTransform transform = QuantileTransform.fit(perRow);
                float[] column = new float[items];
                for (int item = 0; item < items; item++) {
                    column[item] = transform.apply(counts[item]);
                }
                names.add("popularity");
                columns.add(column);
            }
            if (chosen.contains(ItemFeature.YEAR)) {
                float[] knownYears = new float[train.size()];
                int known = 0;
                for (int row = 0; row < train.size(); row++) {
                    int year = catalog.year(train.item(row));
                    if (year != ItemCatalog.UNKNOWN_YEAR) {
                        knownYears[known++] = year;
                    }
                }
                QuantileTransform transform = known == 0 ? null
                        : QuantileTransform.fit(java.util.Arrays.copyOf(knownYears, known));
                float[] column = new float[items];
                float[] unknown = new float[items];
                for (int item = 0; item < items; item++) {
                    int year = catalog.year(item);
                    boolean missing = year == ItemCatalog.UNKNOWN_YEAR || transform == null;
                    // The middle quantile keeps unknown years neutral; the flag lets the network treat them apart.
                    column[item] = missing ? 0.5f : transform.apply(year);
                    unknown[item] = missing ? 1f : 0f;
                }
                names.add("year");
                columns.add(column);
                names.add("year_unknown");
                columns.add(unknown);
            }
            if (chosen.contains(ItemFeature.GENRES)) {
                List<String> genres = catalog.genreNames();
                for (int g = 0; g < genres.size(); g++) {
                    float[] column = new float[items];
                    for (int item = 0; item < items; item++) {
                        for (int genre : catalog.genreIndices(item)) {
                            if (genre == g) {
                                column[item] = 1f;
                            }
                        }
                    }
                    names.add("genre:" + genres.get(g));
                    columns.add(column);
                }
            }
            int width = names.size();
            float[] values = new float[items * width];
            for (int c = 0; c < width; c++) {
                float[] column = columns.get(c);
                for (int item = 0; item < items; item++) {
                    values[item * width + c] = column[item];
                }
            }
            return new FeatureTable(values, List.copyOf(names));
        }
    }
}
