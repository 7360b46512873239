package org.embedrec.train;

import java.util.Objects;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;

/**
 * The options every trained model family shares: how long and how it is optimized, how its tables
 * start, its seed and threads, and early stopping. Each family's options record holds one, and its
 * {@link OptionTable} {@linkplain OptionTable#nest nests} {@link #TABLE}, so these keys read the same
 * in every family's config files and flags. The defaults differ between families (each family's
 * {@code Options.defaults()} says), the meaning never does.
 *
 * @param epochs maximum epochs (or sweeps)
 * @param batchSize examples per optimizer step
 * @param optimizer SGD, Adagrad or Adam
 * @param learningRate the learning rate per epoch: constant, steps or decay ({@link LearningRateSchedule})
 * @param initializer how the embedding tables start (biases start at 0)
 * @param initScale the initializer's scale: uniform bound or normal standard deviation
 * @param seed seed of initialization, shuffling and sampling; one thread and one seed give
 *     bit-identical models
 * @param threads training threads; more than one trains Hogwild-style and is not bit-reproducible
 * @param patience epochs without improvement on the validation part before stopping and restoring
 *     the best epoch ({@link #DEFAULT_PATIENCE} in every family's defaults but the tutorial
 *     reproductions); 0 = no validation part and no early stopping: train on all of the training data
 *     for every epoch
 * @param validation the share of each user's training ratings held out as the validation part when
 *     {@code patience} is positive ({@link #validationSplit}; {@link #DEFAULT_VALIDATION} by default)
 */
public record TrainingOptions(int epochs, int batchSize, Optimizer optimizer, LearningRateSchedule learningRate,
        Initializer initializer, double initScale, long seed, int threads, int patience, double validation) {
    /**
     * Epochs without improvement before early stopping ends a run, in the families' defaults: on
     * ml-latest-small {@code mf}'s validation RMSE bottoms out around epoch 6 of 20 and then wanders
     * within ±0.001, so 3 epochs end a run soon after its best without stopping on one noisy epoch.
     */
    public static final int DEFAULT_PATIENCE = 3;

    /** The share of each user's training ratings held out for validation by default: 5%. */
    public static final double DEFAULT_VALIDATION = 0.05;

    /**
     * Users with fewer training ratings than this hold none out for validation ({@link #validationSplit}):
     * taking one of a handful of ratings would weaken the very vector being validated.
     */
    public static final int VALIDATION_MIN_USER_RATINGS = 10;

    /** Checks every value; messages name the offending one. */
    public TrainingOptions {
        require(epochs >= 1 && epochs <= 1_000_000, "epochs must be in [1, 1000000], got " + epochs);
        require(batchSize >= 1 && batchSize <= 1 << 20, "batchSize must be in [1, 1048576], got " + batchSize
                + " (examples per optimizer step; typical batches are 1 to 4096)");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(learningRate, "learningRate");
        Objects.requireNonNull(initializer, "initializer");
        require(initScale > 0 && Double.isFinite(initScale), "initScale must be finite and > 0, got " + initScale);
        require(threads >= 1 && threads <= 1024, "threads must be in [1, 1024], got " + threads);
        require(patience >= 0, "patience must be >= 0, got " + patience);
        require(validation > 0 && validation < 1, "validation must be in (0, 1), got " + validation);
    }

    /**
     * The keys of these options. Setting {@code learningRate} to a step schedule ({@code 3@0.01,2@0.001})
     * without {@code epochs} also sets {@code epochs} to the schedule's total.
     */
    public static final OptionTable<TrainingOptions> TABLE = new OptionTable<TrainingOptions>("training")
            .add("epochs", "maximum epochs", OptionType.INTEGER, TrainingOptions::epochs, TrainingOptions::withEpochs)
            .add("batchSize", "examples per optimizer step", OptionType.INTEGER, TrainingOptions::batchSize,
                    TrainingOptions::withBatchSize)
            .add("optimizer", "SGD, ADAGRAD, ADAM or ADAM_DENSE (Keras dense Adam)", OptionType.choice(Optimizer.class), TrainingOptions::optimizer,
                    TrainingOptions::withOptimizer)
            .add("learningRate", "learning rate: 0.005 (constant), 3@0.01,2@0.001 (steps) or 0.01*0.9 (decay per epoch)",
                    OptionType.text(LearningRateSchedule::parse), TrainingOptions::learningRate,
                    TrainingOptions::withLearningRate)
            .add("initializer", "UNIFORM, NORMAL or HE_NORMAL", OptionType.choice(Initializer.class),
                    TrainingOptions::initializer, TrainingOptions::withInitializer)
            .add("initScale", "uniform bound or normal standard deviation of the initializer", OptionType.NUMBER,
                    TrainingOptions::initScale, TrainingOptions::withInitScale)
            .add("seed", "seed of initialization, shuffling and sampling", OptionType.LONG, TrainingOptions::seed,
                    TrainingOptions::withSeed)
            .add("threads", "training threads; 1 is bit-reproducible", OptionType.INTEGER, TrainingOptions::threads,
                    TrainingOptions::withThreads)
            .add("patience", "early stopping with restore-best: epochs without validation improvement; 0 = off"
                    + " (no validation part)", OptionType.INTEGER, TrainingOptions::patience, TrainingOptions::withPatience)
            .add("validation", "share of each user's training ratings held out to validate every epoch (users with"
                    + " fewer than " + VALIDATION_MIN_USER_RATINGS + " give none)", OptionType.NUMBER,
                    TrainingOptions::validation, TrainingOptions::withValidation)
            .adjust((options, given) -> !given.contains("epochs") && given.contains("learningRate")
                    && options.learningRate().stepEpochs() > 0 ? options.withEpochs(options.learningRate().stepEpochs())
                    : options);

    /** Whether a fit holds out a validation part and stops early on it: {@code patience > 0}. */
    public boolean earlyStopping() {
        return patience > 0;
    }

    /**
     * The validation part these options hold out of {@code train}, as the test side of a split whose
     * training side is what the model fits: {@link Splits#stratifiedHoldout stratified per user}, each
     * user with at least {@link #VALIDATION_MIN_USER_RATINGS} ratings giving {@code round(c · validation)}
     * of their {@code c} (at most {@code c − 1}), chosen uniformly from a stream of {@code seed}; users
     * with fewer give none. So the part is about {@code validation} of the ratings and every user keeps
     * the same share of their ratings for training. Callers decide whether to use it
     * ({@link #earlyStopping()}); {@code RecommenderTrainer.fit(train, catalog)} does when it is on.
     */
    public Split validationSplit(Ratings train, long seed) {
        return validationSplit(train, validation, seed);
    }

    /** {@link #validationSplit(Ratings, long)} with the share {@code validation}, for callers that only have the number. */
    public static Split validationSplit(Ratings train, double validation, long seed) {
        return Splits.stratifiedHoldout(train, validation, VALIDATION_MIN_USER_RATINGS, seed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(value, batchSize, optimizer, learningRate, initializer, initScale, seed, threads,
                patience, validation);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(epochs, value, optimizer, learningRate, initializer, initScale, seed, threads,
                patience, validation);
    }

    public TrainingOptions withOptimizer(Optimizer value) {
        return new TrainingOptions(epochs, batchSize, value, learningRate, initializer, initScale, seed, threads,
                patience, validation);
    }

    public TrainingOptions withLearningRate(LearningRateSchedule value) {
        return new TrainingOptions(epochs, batchSize, optimizer, value, initializer, initScale, seed, threads,
                patience, validation);
    }

    public TrainingOptions withInitializer(Initializer value) {
        return new TrainingOptions(epochs, batchSize, optimizer, learningRate, value, initScale, seed, threads,
                patience, validation);
    }

    public TrainingOptions withInitScale(double value) {
        return new TrainingOptions(epochs, batchSize, optimizer, learningRate, initializer, value, seed, threads,
                patience, validation);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(epochs, batchSize, optimizer, learningRate, initializer, initScale, value, threads,
                patience, validation);
    }

    public TrainingOptions withThreads(int value) {
        return new TrainingOptions(epochs, batchSize, optimizer, learningRate, initializer, initScale, seed, value,
                patience, validation);
    }

    public TrainingOptions withPatience(int value) {
        return new TrainingOptions(epochs, batchSize, optimizer, learningRate, initializer, initScale, seed, threads,
                value, validation);
    }

    public TrainingOptions withValidation(double value) {
        return new TrainingOptions(epochs, batchSize, optimizer, learningRate, initializer, initScale, seed, threads,
                patience, value);
    }
}
