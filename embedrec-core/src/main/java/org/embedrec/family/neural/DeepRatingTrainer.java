package org.embedrec.family.neural;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.TrainingOptions;
import org.embedrec.family.Trainers;
import org.embedrec.io.MovieLens;
import org.embedrec.model.TrainingFacts;

/**
 * Trains a {@link DeepRatingModel}: mini-batch gradient descent on the mean per-rating loss (MSE,
 * MAE or binary cross-entropy on ratings scaled to [0, 1]) plus λ per occurrence on the embeddings,
 * with dropout on the input and after each hidden layer. Embeddings start normal with standard
 * deviation {@code initScale}; hidden layers He-normal, the output layer Glorot-uniform with its bias
 * at the mean training rating (through the sigmoid range's inverse when it has one).
 *
 * <p>Tuning: the defaults ({@link Options#defaults()}) are measured in docs/BENCHMARKS.md;
 * the presets of {@link org.embedrec.family.Trainers} give the tutorials' architectures. Dropout matters more
 * than depth on MovieLens-sized data; the sigmoid range speeds up early epochs. One thread and one
 * seed give bit-identical models.
 */
public final class DeepRatingTrainer extends EpochTrainer<DeepRatingTrainer.Options, DeepRatingModel> {
    /** A trainer with the given options. */
    public DeepRatingTrainer(Options options) {
        super(options, Options.TABLE);
    }

    /** The network's embeddings and layers (see {@link NetworkOptions#parameterCount}). */
    @Override
    protected double parameterCount(int users, int items) {
        return options().network().parameterCount(users, items, 0, 1);
    }

    @Override
    protected double bytesPerExample() {
        return options().network().bytesPerExample(0);
    }

    @Override
    public String kind() {
        return DeepRatingModel.KIND;
    }

    @Override
    protected NeuralObjective<DeepRatingModel> objective(Ratings train, Ratings validation, ItemCatalog catalog,
            SplittableRandom random) {
        SigmoidRange range = NeuralObjective.sigmoidRange(options().output(), train);
        return new NeuralObjective<>(train, validation, options().network(), options().training(),
                NeuralObjective.regression(options().output().loss(), range), 0, new float[0], 1,
                NeuralObjective.meanRatingBias(train, range), random,
                (network, info) -> new DeepRatingModel(new TrainingFacts(train.users(), catalog, train.itemCounts(), info),
                        network, range, options().output().loss()));
    }

    /**
     * Hyperparameters of the deep model; start from {@link #defaults()} and change them with the withers,
     * or read a config map with {@link #TABLE}. The tutorials' networks are presets of {@code Trainers}.
     *
     * @param network embeddings, hidden layers, dropout, L2
     * @param output linear or sigmoid-range output, and the loss
     * @param training epochs, optimizer, learning rate, seed, threads, early stopping
     */
    public record Options(NetworkOptions network, RegressionOutput output, TrainingOptions training)
            implements NetworkTrainerOptions.Regression<Options> {
        public Options {
            java.util.Objects.requireNonNull(network, "network");
            java.util.Objects.requireNonNull(output, "output");
            java.util.Objects.requireNonNull(training, "training");
        }

        /**
         * The defaults, chosen by experiment on ml-latest-small: {@link NetworkOptions#defaults()}, MSE
         * through the data's sigmoid range, Adam at 0.003 decaying by 0.7 per epoch for 10 epochs of 64.
         * The decaying rate matters most: at a constant rate these networks overfit after about three epochs.
         */
        public static Options defaults() {
            return new Options(NetworkOptions.defaults(), RegressionOutput.defaults(), NetworkOptions.trainingDefaults());
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(DeepRatingModel.KIND)
                .nest(NetworkOptions.TABLE, Options::network, Options::withNetwork)
                .nest(RegressionOutput.TABLE, Options::output, Options::withOutput)
                .nest(TrainingOptions.TABLE, Options::training, Options::withTraining);

        @Override
        public Options withNetwork(NetworkOptions value) {
            return new Options(value, output, training);
        }

        @Override
        public Options withOutput(RegressionOutput value) {
            return new Options(network, value, training);
        }

        @Override
        public OptionTable<Options> table() {
            return TABLE;
        }

        @Override
        public Options withTraining(TrainingOptions value) {
            return new Options(network, output, value);
        }
    }
}
