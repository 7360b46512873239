package org.embedrec.train;

/**
 * The options record of a model family: its own hyperparameters plus the shared
 * {@link TrainingOptions}. The default methods set the shared options on a copy, so that
 * {@code Options.defaults().withEpochs(5).withSeed(7)} reads as one chain.
 *
 * @param <O> the record itself
 */
public interface TrainerOptions<O extends TrainerOptions<O>> {
    /** The table of these options' keys (the record's {@code TABLE}). */
    OptionTable<O> table();

    /** These options as JSON values by key, as config and model files store them. */
    @SuppressWarnings("unchecked")
    default java.util.Map<String, Object> toMap() {
        return table().toMap((O) this);
    }

    /**
     * A copy with the options in {@code values} set, by key (see {@link OptionTable#with}).
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    @SuppressWarnings("unchecked")
    default O with(java.util.Map<String, ?> values) {
        return table().with((O) this, values);
    }

    /** The shared training options. */
    TrainingOptions training();

    /** A copy with other training options. */
    O withTraining(TrainingOptions training);

    default O withEpochs(int epochs) {
        return withTraining(training().withEpochs(epochs));
    }

    default O withBatchSize(int batchSize) {
        return withTraining(training().withBatchSize(batchSize));
    }

    default O withOptimizer(Optimizer optimizer) {
        return withTraining(training().withOptimizer(optimizer));
    }

    default O withLearningRate(double rate) {
        return withTraining(training().withLearningRate(LearningRateSchedule.constant(rate)));
    }

    default O withLearningRate(LearningRateSchedule schedule) {
        return withTraining(training().withLearningRate(schedule));
    }

    default O withInitializer(Initializer initializer, double scale) {
        return withTraining(training().withInitializer(initializer).withInitScale(scale));
    }

    default O withInitScale(double scale) {
        return withTraining(training().withInitScale(scale));
    }

    default O withSeed(long seed) {
        return withTraining(training().withSeed(seed));
    }

    default O withThreads(int threads) {
        return withTraining(training().withThreads(threads));
    }

    default O withPatience(int patience) {
        return withTraining(training().withPatience(patience));
    }
}
