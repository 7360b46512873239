package org.embedrec.family.neural;

import org.embedrec.nn.RatingLoss;
import org.embedrec.train.TrainerOptions;

/**
 * The options of a neural rating model: its {@link NetworkOptions} and the shared training options.
 * The default methods set the network's options on a copy, so that
 * {@code DeepRatingTrainer.Options.defaults().withDimensions(16).withHidden(8)} reads as one chain.
 *
 * @param <O> the record itself
 */
public interface NetworkTrainerOptions<O extends NetworkTrainerOptions<O>> extends TrainerOptions<O> {
    /** The network's options. */
    NetworkOptions network();

    /** A copy with another network. */
    O withNetwork(NetworkOptions network);

    default O withDimensions(int dimensions) {
        return withNetwork(network().withDimensions(dimensions));
    }

    default O withHidden(int... widths) {
        return withNetwork(network().withHidden(widths));
    }

    /** Dropout on the input and after every hidden layer. */
    default O withDropout(double input, double hidden) {
        return withNetwork(network().withInputDropout(input).withHiddenDropout(hidden));
    }

    default O withL2(double l2) {
        return withNetwork(network().withL2(l2));
    }

    /**
     * The options of a neural model with a rating output ({@link RegressionOutput}).
     *
     * @param <O> the record itself
     */
    interface Regression<O extends Regression<O>> extends NetworkTrainerOptions<O> {
        /** The rating output. */
        RegressionOutput output();

        /** A copy with another output. */
        O withOutput(RegressionOutput output);

        default O withLoss(RatingLoss loss) {
            return withOutput(output().withLoss(loss));
        }

        default O withSigmoid(boolean sigmoid) {
            return withOutput(output().withSigmoid(sigmoid));
        }

        /** The sigmoid output range; NaN ends come from the training data. */
        default O withRange(double low, double high) {
            return withOutput(output().withRange(low, high));
        }
    }
}
