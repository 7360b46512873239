package org.embedrec.train;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.DeepRatingModel;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.nn.SigmoidRange;

/**
 * Trains a {@link DeepRatingModel}: mini-batch gradient descent on the mean per-rating loss (MSE,
 * MAE or binary cross-entropy on ratings scaled to [0, 1]) plus λ per occurrence on the embeddings,
 * with dropout on the input and after each hidden layer. Embeddings start normal with standard
 * deviation {@code initScale}; hidden layers He-normal, the output layer Glorot-uniform with its bias
 * at the mean training rating (through the sigmoid range's inverse when it has one).
 *
 * <p>Tuning: the defaults ({@link NeuralOptions#defaults()}) are measured in docs/BENCHMARKS.md;
 * {@link NeuralOptions#preset(String)} gives the tutorials' architectures. Dropout matters more
 * than depth on MovieLens-sized data; the sigmoid range speeds up early epochs. One thread and one
 * seed give bit-identical models.
 */
public final class DeepRatingTrainer implements RecommenderTrainer<DeepRatingModel> {
    /** The option keys this trainer uses: every key but {@code features}. */
    public static final Set<String> OPTION_KEYS = NeuralOptions.keysWithout("features");

    private final NeuralOptions options;

    /** A trainer with the given options ({@link NeuralOptions#features()} is ignored). */
    public DeepRatingTrainer(NeuralOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Options from a config map with only {@link #OPTION_KEYS}; see {@link NeuralOptions#fromMap(Map)}. */
    public static NeuralOptions optionsFromMap(Map<String, ?> map) {
        return NeuralOptions.fromMap(map, OPTION_KEYS, DeepRatingModel.KIND);
    }

    /** The options of this trainer. */
    public NeuralOptions options() {
        return options;
    }

    @Override
    public String kind() {
        return DeepRatingModel.KIND;
    }

    @Override
    public Map<String, Object> optionsMap() {
        return options.toMap(OPTION_KEYS);
    }

    @Override
    public DeepRatingModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        SigmoidRange range = NeuralObjective.sigmoidRange(options, train);
        SplittableRandom random = new SplittableRandom(options.seed());
        NeuralObjective objective = new NeuralObjective(train, validation, options,
                NeuralObjective.regression(options.loss(), range), 0, new float[0], 1,
                NeuralObjective.meanRatingBias(train, range), random.split());
        List<EpochRecord> history = objective.run(random.nextLong(), listener);
        ModelInfo info = new ModelInfo(DeepRatingModel.KIND, optionsMap(), Provenance.of(train.fingerprint()), history,
                Map.of());
        return new DeepRatingModel(new TrainingFacts(train.users(), catalog, train.itemCounts(), info),
                objective.network(), range, options.loss());
    }
}
