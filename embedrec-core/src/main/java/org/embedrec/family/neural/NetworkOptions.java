package org.embedrec.family.neural;

import java.util.List;
import org.embedrec.nn.Dropout;
import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Optimizer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.TrainingOptions;

/**
 * The network of every neural rating model ({@link DeepRatingTrainer}, {@link HybridRatingTrainer},
 * {@link RatingClassifierTrainer}): embeddings, hidden layers, dropout and the L2 on the embeddings.
 *
 * @param dimensions width of the user and of the item embeddings
 * @param hidden widths of the hidden Dense + ReLU layers, input side first (may be empty)
 * @param inputDropout dropout rate on the concatenated input, in [0, 1)
 * @param hiddenDropout dropout rate after every hidden ReLU, in [0, 1)
 * @param l2 λ on the user and item embeddings, per occurrence of a row (as in matrix factorization)
 */
public record NetworkOptions(int dimensions, List<Integer> hidden, double inputDropout, double hiddenDropout,
        double l2) {
    /** Validates every value; messages name the offending one. */
    public NetworkOptions {
        if (dimensions < 1 || dimensions > 4096) {
            throw new IllegalArgumentException("dimensions must be in [1, 4096], got " + dimensions);
        }
        hidden = List.copyOf(hidden);
        for (int width : hidden) {
            if (width < 1 || width > 65_536) {
                throw new IllegalArgumentException("hidden layer widths must be in [1, 65536], got " + hidden);
            }
        }
        Dropout.checkRate("inputDropout", inputDropout);
        Dropout.checkRate("hiddenDropout", hiddenDropout);
        if (!(l2 >= 0 && Double.isFinite(l2))) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
    }

    /**
     * The defaults, chosen by experiment on ml-latest-small (docs/NEURAL_MODELS.md): 32 dimensions,
     * one hidden layer of 32, dropout 0.3 on the input and 0.5 after the hidden layer, no L2.
     */
    public static NetworkOptions defaults() {
        return new NetworkOptions(32, List.of(32), 0.3, 0.5, 0.0);
    }

    /**
     * The shared training options of the neural models: Adam at 0.003 decaying by 0.7 per epoch, at most
     * 10 epochs of 64, early stopping with restore-best on a 5% per-user validation part.
     */
    static TrainingOptions trainingDefaults() {
        return new TrainingOptions(10, 64, Optimizer.ADAM, LearningRateSchedule.parse("0.003*0.7"), Initializer.NORMAL,
                0.05, 42, 1, TrainingOptions.DEFAULT_PATIENCE, TrainingOptions.DEFAULT_VALIDATION);
    }

    /** The keys of these options, nested in each neural model's table. */
    public static final OptionTable<NetworkOptions> TABLE = new OptionTable<NetworkOptions>("network")
            .add("dimensions", "width of the user and of the item embeddings", OptionType.INTEGER,
                    NetworkOptions::dimensions, NetworkOptions::withDimensions)
            .add("hidden", "widths of the hidden ReLU layers, input side first, e.g. 64,32 (may be empty)",
                    OptionType.INTEGERS, NetworkOptions::hidden, NetworkOptions::withHidden)
            .add("inputDropout", "dropout rate on the concatenated embeddings", OptionType.NUMBER,
                    NetworkOptions::inputDropout, NetworkOptions::withInputDropout)
            .add("hiddenDropout", "dropout rate after every hidden layer", OptionType.NUMBER,
                    NetworkOptions::hiddenDropout, NetworkOptions::withHiddenDropout)
            .add("l2", "L2 on the embeddings, per rating", OptionType.NUMBER, NetworkOptions::l2, NetworkOptions::withL2);

    public NetworkOptions withDimensions(int value) {
        return new NetworkOptions(value, hidden, inputDropout, hiddenDropout, l2);
    }

    public NetworkOptions withHidden(List<Integer> value) {
        return new NetworkOptions(dimensions, value, inputDropout, hiddenDropout, l2);
    }

    /** Hidden layer widths, input side first; none for a linear model on the concatenation. */
    public NetworkOptions withHidden(int... widths) {
        return withHidden(java.util.Arrays.stream(widths).boxed().toList());
    }

    public NetworkOptions withInputDropout(double value) {
        return new NetworkOptions(dimensions, hidden, value, hiddenDropout, l2);
    }

    public NetworkOptions withHiddenDropout(double value) {
        return new NetworkOptions(dimensions, hidden, inputDropout, value, l2);
    }

    public NetworkOptions withL2(double value) {
        return new NetworkOptions(dimensions, hidden, inputDropout, hiddenDropout, value);
    }

    /**
     * How many floats a network of these options holds for {@code users} × {@code items} with
     * {@code extraInputs} item features beside the two embeddings and {@code outputs} outputs: the
     * embedding tables, then every dense layer's weights and biases.
     */
    public double parameterCount(int users, int items, int extraInputs, int outputs) {
        double count = ((double) users + items) * dimensions;
        double width = 2.0 * dimensions + extraInputs;
        for (int next : hidden) {
            count += (width + 1) * next;
            width = next;
        }
        return count + (width + 1) * outputs;
    }

    /** Working bytes of one example: every layer's input, pre-activation, gradient and dropout mask. */
    public double bytesPerExample(int extraInputs) {
        double widths = 2.0 * dimensions + extraInputs + 1;
        for (int width : hidden) {
            widths += width;
        }
        return 16.0 * widths;
    }
}
