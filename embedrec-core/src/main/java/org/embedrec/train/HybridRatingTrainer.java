package org.embedrec.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.HybridRatingModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.nn.QuantileTransform;
import org.embedrec.nn.SigmoidRange;

/**
 * Trains a {@link HybridRatingModel}: the deep concatenation model with the item features of
 * {@link NeuralOptions#features()} (see {@link ItemFeature}) appended to the input. The features are
 * computed once per fit from the training ratings and the catalog only: popularity is the item's
 * training rating count, and both quantile transforms are fitted on the training rows, so nothing
 * about held-out ratings leaks into the model. Training is otherwise as in {@link DeepRatingTrainer}.
 */
public final class HybridRatingTrainer implements RecommenderTrainer<HybridRatingModel> {
    /** The option keys this trainer uses: all of them. */
    public static final Set<String> OPTION_KEYS = NeuralOptions.KEYS;

    private final NeuralOptions options;

    /** A trainer with the given options; {@link NeuralOptions#features()} must not be empty. */
    public HybridRatingTrainer(NeuralOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        if (options.features().isEmpty()) {
            throw new IllegalArgumentException("the hybrid model needs at least one item feature of "
                    + List.of(ItemFeature.values()) + "; without features use the deep model");
        }
    }

    /** Options from a config map; see {@link NeuralOptions#fromMap(Map)}. */
    public static NeuralOptions optionsFromMap(Map<String, ?> map) {
        return NeuralOptions.fromMap(map, OPTION_KEYS, HybridRatingModel.KIND);
    }

    /** The options of this trainer. */
    public NeuralOptions options() {
        return options;
    }

    @Override
    public String kind() {
        return HybridRatingModel.KIND;
    }

    @Override
    public Map<String, Object> optionsMap() {
        return options.toMap();
    }

    @Override
    public HybridRatingModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        FeatureTable features = FeatureTable.of(train, catalog, options.features());
        SigmoidRange range = NeuralObjective.sigmoidRange(options, train);
        SplittableRandom random = new SplittableRandom(options.seed());
        NeuralObjective objective = new NeuralObjective(train, validation, options,
                NeuralObjective.regression(options.loss(), range), features.names().size(), features.values(), 1,
                NeuralObjective.meanRatingBias(train, range), random.split());
        List<EpochRecord> history = objective.run(random.nextLong(), listener);
        ModelInfo info = new ModelInfo(HybridRatingModel.KIND, optionsMap(), Provenance.of(train.fingerprint()), history,
                Map.of());
        return new HybridRatingModel(new TrainingFacts(train.users(), catalog, train.itemCounts(), info),
                objective.network(), range, options.loss(), features.names());
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
