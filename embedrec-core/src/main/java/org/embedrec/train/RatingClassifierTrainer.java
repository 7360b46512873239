package org.embedrec.train;

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
import org.embedrec.model.RatingClassifierModel;
import org.embedrec.model.TrainingFacts;

/**
 * Trains a {@link RatingClassifierModel}: the deep concatenation network with one logit per
 * distinct training rating, trained on the mean softmax cross-entropy of the true level plus λ per
 * occurrence on the embeddings. The output biases start at the log frequencies of the levels.
 * Validation RMSE (for early stopping) is of the expected rating. The options {@code loss},
 * {@code sigmoid}, {@code rangeLow}, {@code rangeHigh} and {@code features} do not apply.
 */
public final class RatingClassifierTrainer implements RecommenderTrainer<RatingClassifierModel> {
    /** The option keys this trainer uses. */
    public static final Set<String> OPTION_KEYS = NeuralOptions.keysWithout("features", "loss",
            "sigmoid", "rangeLow", "rangeHigh");

    private final NeuralOptions options;

    /** A trainer with the given options (the fields outside {@link #OPTION_KEYS} are ignored). */
    public RatingClassifierTrainer(NeuralOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Options from a config map with only {@link #OPTION_KEYS}; see {@link NeuralOptions#fromMap(Map)}. */
    public static NeuralOptions optionsFromMap(Map<String, ?> map) {
        return NeuralOptions.fromMap(map, OPTION_KEYS, RatingClassifierModel.KIND);
    }

    /** The options of this trainer. */
    public NeuralOptions options() {
        return options;
    }

    @Override
    public String kind() {
        return RatingClassifierModel.KIND;
    }

    @Override
    public Map<String, Object> optionsMap() {
        return options.toMap(OPTION_KEYS);
    }

    /** {@inheritDoc} The levels are {@code train.levels()}; at least two are needed. */
    @Override
    public RatingClassifierModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        float[] levels = train.levels();
        if (levels.length < 2) {
            throw new IllegalArgumentException("the rating classifier needs at least two distinct ratings, got "
                    + java.util.Arrays.toString(levels));
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        NeuralObjective objective = new NeuralObjective(train, validation, options, NeuralObjective.classifier(levels),
                0, new float[0], levels.length, NeuralObjective.levelPriorBias(train, levels), random.split());
        List<EpochRecord> history = objective.run(random.nextLong(), listener);
        ModelInfo info = new ModelInfo(RatingClassifierModel.KIND, optionsMap(), Provenance.of(train.fingerprint()),
                history, Map.of());
        return new RatingClassifierModel(new TrainingFacts(train.users(), catalog, train.itemCounts(), info),
                objective.network(), levels);
    }
}
