package org.embedrec.train;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;

/**
 * The {@code fit} every trainer built on the shared epoch loop makes: check the inputs, split one
 * random stream from the seed for the parameters and one for the loop, run {@link TrainingLoop}
 * (threads, divergence checks, listeners, early stopping and restoring the best epoch), then build
 * the immutable model with its provenance. A family supplies only its objective.
 *
 * @param <O> the family's options
 * @param <M> the model it fits
 */
public abstract class EpochTrainer<O extends TrainerOptions<O>, M extends Recommender> implements RecommenderTrainer<M> {
    private final O options;
    private final OptionTable<O> table;

    /**
     * @param options the options to train with
     * @param table the family's option table, which records the options in the model file
     */
    protected EpochTrainer(O options, OptionTable<O> table) {
        this.options = Objects.requireNonNull(options, "options");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The options of this trainer. */
    public O options() {
        return options;
    }

    @Override
    public Optional<TrainingOptions> training() {
        return Optional.of(options.training());
    }

    @Override
    public Map<String, Object> optionsMap() {
        return table.toMap(options);
    }

    /**
     * The parameters being trained with the gradient of the objective, able to build the fitted model
     * from their current values.
     */
    public interface Objective<M> extends Trainable {
        /**
         * The fitted model with the current parameters, called once, when training is done: the model may
         * take the parameter arrays themselves, since nothing trains them afterwards.
         *
         * @param train the ratings it was trained on (users, items, item counts)
         * @param catalog the items' descriptions
         */
        M model(Ratings train, ItemCatalog catalog, ModelInfo info);
    }

    /**
     * A fresh objective for this fit.
     *
     * @param random the stream that initializes the parameters
     */
    protected abstract Objective<M> objective(Ratings train, Ratings validation, ItemCatalog catalog,
            SplittableRandom random);

    /** The validation metric early stopping watches; lower is better. */
    protected String monitor() {
        return "rmse";
    }

    /**
     * The first epochs early stopping never keeps nor counts toward the patience (Keras's
     * {@code start_from_epoch}); 0 by default. For a model whose first epochs score well on the
     * monitor for a reason that later epochs first undo (BPR's first epoch ranks by popularity).
     */
    protected int warmupEpochs() {
        return 0;
    }

    /**
     * How many floats the trained parameters hold for {@code users} × {@code items}: the family's
     * tables and layers. The default assumes 65 per user and per item.
     */
    protected double parameterCount(int users, int items) {
        return 65.0 * ((double) users + items);
    }

    /** Working bytes one example of a batch takes on one thread (inputs, activations, gradients); default 1 KiB. */
    protected double bytesPerExample() {
        return 1024;
    }

    /**
     * The parameters four times over (the weights, their gradient and up to two optimizer slots, Adam's
     * moments) plus a gradient per further thread, a batch of {@link #bytesPerExample()} per thread, and
     * 32 bytes per rating for the shuffled example order and the validation scores.
     */
    @Override
    public long estimatedBytes(int users, int items, long ratings) {
        TrainingOptions training = options.training();
        double parameters = parameterCount(users, items);
        return RecommenderTrainer.saturatedBytes(4.0 * parameters * (3 + training.threads())
                + (double) training.batchSize() * training.threads() * bytesPerExample() + 32.0 * ratings);
    }

    @Override
    public final M fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        RecommenderTrainer.checkMemory(this, train);
        // The model records the data's fingerprint, a pass over every rating, computed on another thread: with
        // one training thread beside the epochs, which leave the second core idle, with more beside the set-up,
        // which leaves it partly idle (ML-25M size, median of four runs: 0.4 s shorter training on one thread,
        // 0.15 s on two; docs/BENCHMARKS.md).
        boolean besideEpochs = options.training().threads() == 1;
        CompletableFuture<String> fingerprint = besideEpochs ? null : CompletableFuture.supplyAsync(train::fingerprint);
        SplittableRandom random = new SplittableRandom(options.training().seed());
        Objective<M> objective = objective(train, validation, catalog, random.split());
        if (besideEpochs) {
            fingerprint = CompletableFuture.supplyAsync(train::fingerprint);
        }
        List<EpochRecord> history = TrainingLoop.run(objective,
                TrainingLoop.Settings.of(options.training(), random.nextLong(), monitor(), warmupEpochs()), listener);
        fingerprint.join();
        return objective.model(train, catalog,
                new ModelInfo(kind(), optionsMap(), Provenance.of(train), history, Map.of()));
    }
}
