package org.embedrec.train;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.Recommender;

/**
 * Trains one kind of recommender with fixed options. Every model family has one; commands that
 * train several families side by side ({@code compare}, {@code tune}) only see this interface.
 *
 * @param <M> the model type it produces
 */
public interface RecommenderTrainer<M extends Recommender> {
    /** The model kind it trains, as written in model files, e.g. {@code "matrix-factorization"}. */
    String kind();

    /**
     * For trainers that learn from implicit feedback: which ratings count as positive interactions
     * (and so as relevant when the model is evaluated by ranking). Empty for rating models.
     */
    default Optional<PositiveThreshold> positiveThreshold() {
        return Optional.empty();
    }

    /**
     * The shared training options (epochs, seed, threads, early stopping, ...), for trainers that run
     * the epoch loop; empty for closed-form trainers.
     */
    default Optional<TrainingOptions> training() {
        return Optional.empty();
    }

    /** The options as JSON-friendly values (numbers, strings, booleans, lists), recorded in the model file. */
    Map<String, Object> optionsMap();

    /**
     * Trains on {@code train}, reporting validation metrics on {@code validation} after every epoch
     * (and stopping early on them when the options ask for it). The validation part is the caller's
     * choice here: {@code null} means none, so no early stopping whatever the options say.
     *
     * @param validation held-out ratings with the same id indices, or {@code null}
     * @param catalog descriptions of the items, aligned with {@code train.items()}
     */
    M fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener);

    /**
     * The checks every {@code fit} makes on its inputs: non-empty training data, a catalog aligned
     * with its items, and validation data (if any) over the same id indices.
     */
    static void checkInputs(Ratings train, Ratings validation, ItemCatalog catalog) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(catalog, "catalog");
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty rating set");
        }
        if (!catalog.items().equals(train.items())) {
            throw new IllegalArgumentException("the catalog is not aligned with the training items");
        }
        if (validation != null && (!validation.users().equals(train.users()) || !validation.items().equals(train.items()))) {
            throw new IllegalArgumentException("validation ratings must share the training data's id indices");
        }
    }

    /**
     * The heap a fit on {@code users} × {@code items} with {@code ratings} ratings will allocate, in
     * bytes: parameters, optimizer state, per-thread gradients and batch buffers, and per-rating working
     * arrays, beyond the ratings themselves. An estimate erring high; families override it with their
     * own sizes. The default assumes 64 floats per user and per item and 64 bytes per rating.
     */
    default long estimatedBytes(int users, int items, long ratings) {
        return saturatedBytes(4.0 * 64 * ((double) users + items) * 3 + 64.0 * ratings);
    }

    /** A byte count computed in doubles (so huge options cannot overflow), clamped to {@link Long#MAX_VALUE}. */
    static long saturatedBytes(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
    }

    /**
     * Refuses to start a fit whose {@linkplain #estimatedBytes estimated memory} exceeds what the heap
     * can still give ({@link Runtime#maxMemory()} less what is in use), before anything is allocated, so
     * that oversized options fail with the estimate and the heap size instead of an
     * {@link OutOfMemoryError} minutes in.
     *
     * @throws IllegalArgumentException with the estimate, the free and the maximum heap
     */
    static void checkMemory(RecommenderTrainer<?> trainer, Ratings train) {
        long needed = trainer.estimatedBytes(train.userCount(), train.itemCount(), train.size());
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (needed <= free) {
            return;
        }
        System.gc(); // only on the way to a refusal: garbage is not a reason to refuse
        free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (needed > free) {
            throw new IllegalArgumentException("training " + trainer.kind() + " on " + train.userCount() + " users, "
                    + train.itemCount() + " items and " + train.size() + " ratings needs an estimated "
                    + megabytes(needed) + " of heap, but the Java heap has " + megabytes(free) + " free of "
                    + megabytes(runtime.maxMemory()) + " at most (-Xmx); choose smaller dimensions, hidden layers,"
                    + " batch size or fewer threads, or give Java more heap (JAVA_OPTS=-Xmx...)");
        }
    }

    private static String megabytes(long bytes) {
        return bytes == Long.MAX_VALUE ? "more than 8 EiB" : String.format(java.util.Locale.ROOT, "%,d MiB", (bytes + (1 << 20) - 1) >> 20);
    }

    /**
     * Trains on {@code train} with the options' own validation: when early stopping is on
     * ({@link TrainingOptions#earlyStopping()}, the default of every epoch-loop family), the model fits
     * {@code train} less a seeded validation part stratified per user
     * ({@link TrainingOptions#validationSplit}, seeded by the options' seed), which is scored after every
     * epoch and whose best epoch is kept; otherwise, and for trainers without epochs, it fits all of
     * {@code train}. Use {@link #fit(Ratings, Ratings, ItemCatalog, TrainingListener)} to choose the
     * validation part yourself.
     */
    default M fit(Ratings train, ItemCatalog catalog) {
        java.util.Optional<TrainingOptions> stopping = training().filter(TrainingOptions::earlyStopping);
        if (stopping.isEmpty()) {
            return fit(train, null, catalog, TrainingListener.NONE);
        }
        org.embedrec.data.Split parts = stopping.get().validationSplit(train, stopping.get().seed());
        return fit(parts.train(), parts.test(), catalog, TrainingListener.NONE);
    }
}
