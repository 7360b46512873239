package org.embedrec.train;

import java.util.Objects;

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
 *     the best epoch; 0 = train every epoch
 * @param validation the fraction of the training ratings that callers such as {@code train} hold out
 *     as the validation part when {@code patience} is positive
 */
public record TrainingOptions(int epochs, int batchSize, Optimizer optimizer, LearningRateSchedule learningRate,
        Initializer initializer, double initScale, long seed, int threads, int patience, double validation) {
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
            .add("patience", "early stopping: epochs without validation improvement; 0 = off", OptionType.INTEGER,
                    TrainingOptions::patience, TrainingOptions::withPatience)
            .add("validation", "fraction of the training ratings held out for early stopping", OptionType.NUMBER,
                    TrainingOptions::validation, TrainingOptions::withValidation)
            .adjust((options, given) -> !given.contains("epochs") && given.contains("learningRate")
                    && options.learningRate().stepEpochs() > 0 ? options.withEpochs(options.learningRate().stepEpochs())
                    : options);

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
