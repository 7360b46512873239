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
     * (and stopping early on them when the options ask for it).
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

    /** Trains on {@code train} without validation data. */
    default M fit(Ratings train, ItemCatalog catalog) {
        return fit(train, null, catalog, TrainingListener.NONE);
    }
}
