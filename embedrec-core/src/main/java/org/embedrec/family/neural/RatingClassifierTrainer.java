package org.embedrec.family.neural;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.TrainingOptions;
import org.embedrec.model.TrainingFacts;

/**
 * Trains a {@link RatingClassifierModel}: the deep concatenation network with one logit per
 * distinct training rating, trained on the mean softmax cross-entropy of the true level plus λ per
 * occurrence on the embeddings. The output biases start at the log frequencies of the levels.
 * Validation RMSE (for early stopping) is of the expected rating. The options {@code loss},
 * {@code sigmoid}, {@code rangeLow}, {@code rangeHigh} and {@code features} do not apply.
 */
public final class RatingClassifierTrainer extends EpochTrainer<RatingClassifierTrainer.Options, RatingClassifierModel> {
    /** A trainer with the given options. */
    public RatingClassifierTrainer(Options options) {
        super(options, Options.TABLE);
    }

    /** The network's embeddings and layers (see {@link NetworkOptions#parameterCount}). */
    @Override
    protected double parameterCount(int users, int items) {
        return options().network().parameterCount(users, items, 0, 10);
    }

    @Override
    protected double bytesPerExample() {
        return options().network().bytesPerExample(0);
    }

    @Override
    public String kind() {
        return RatingClassifierModel.KIND;
    }

    /** {@inheritDoc} The levels are {@code train.levels()}; at least two are needed. */
    @Override
    protected NeuralObjective<RatingClassifierModel> objective(Ratings train, Ratings validation, ItemCatalog catalog,
            SplittableRandom random) {
        float[] levels = train.levels();
        if (levels.length < 2) {
            throw new IllegalArgumentException("the rating classifier needs at least two distinct ratings, got "
                    + java.util.Arrays.toString(levels));
        }
        return new NeuralObjective<>(train, validation, options().network(), options().training(),
                NeuralObjective.classifier(levels), 0, new float[0], levels.length,
                NeuralObjective.levelPriorBias(train, levels), random,
                (network, info) -> new RatingClassifierModel(
                        new TrainingFacts(train.users(), catalog, train.itemCounts(), info), network, levels));
    }

    /**
     * Hyperparameters of the rating classifier; start from {@link #defaults()} and change them with the
     * withers, or read a config map with {@link #TABLE}.
     *
     * @param network embeddings, hidden layers, dropout, L2
     * @param training epochs, optimizer, learning rate, seed, threads, early stopping
     */
    public record Options(NetworkOptions network, TrainingOptions training) implements NetworkTrainerOptions<Options> {
        public Options {
            java.util.Objects.requireNonNull(network, "network");
            java.util.Objects.requireNonNull(training, "training");
        }

        /** The deep model's network and training defaults. */
        public static Options defaults() {
            return new Options(NetworkOptions.defaults(), NetworkOptions.trainingDefaults());
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(RatingClassifierModel.KIND)
                .nest(NetworkOptions.TABLE, Options::network, Options::withNetwork)
                .nest(TrainingOptions.TABLE, Options::training, Options::withTraining);

        @Override
        public Options withNetwork(NetworkOptions value) {
            return new Options(value, training);
        }

        @Override
        public OptionTable<Options> table() {
            return TABLE;
        }

        @Override
        public Options withTraining(TrainingOptions value) {
            return new Options(network, value);
        }
    }
}
