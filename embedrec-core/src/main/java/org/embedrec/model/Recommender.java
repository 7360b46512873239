package org.embedrec.model;

import java.util.List;
import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;

/**
 * A fitted, immutable model that scores (user, item) pairs. Every embedrec model implements it;
 * evaluation, recommendation and serving only need this view.
 *
 * <p>Users and items are dense indices of {@link #users()} and {@link #items()}. Items the model
 * never saw in training are not {@linkplain #isKnownItem(int) known} and are never recommended.
 */
public interface Recommender {
    /** What the model knows about its training: ids, catalog, item training counts and info. */
    TrainingFacts trainingFacts();

    /** The user ids the model was trained with. */
    default IdIndex users() {
        return trainingFacts().users();
    }

    /** The item ids the model was trained with. */
    default IdIndex items() {
        return trainingFacts().items();
    }

    /** Titles, years and genres of the items. */
    default ItemCatalog catalog() {
        return trainingFacts().catalog();
    }

    /** The predicted score (a rating for rating models) of {@code user} for {@code item}. */
    float predict(int user, int item);

    /** Writes the score of {@code user} for every item into {@code out} (length = item count). */
    default void scoreAll(int user, float[] out) {
        for (int item = 0; item < out.length; item++) {
            out[item] = predict(user, item);
        }
    }

    /**
     * Writes into {@code out} (length = item count) scores that rank the items for {@code user}
     * exactly as {@link #scoreAll} does but may be on another scale, e.g. before a monotone output
     * function. For ranking only, where it can be cheaper; the default is {@link #scoreAll}.
     */
    default void rankAll(int user, float[] out) {
        scoreAll(user, out);
    }

    /** How many training interactions {@code item} had: its popularity, and 0 for an untrained item. */
    default int itemTrainCount(int item) {
        return trainingFacts().itemTrainCount(item);
    }

    /** Whether the model saw {@code item} in training. */
    default boolean isKnownItem(int item) {
        return itemTrainCount(item) > 0;
    }

    /**
     * Whether {@link #predict} gives ratings on the training data's scale, so that rating errors
     * (RMSE) mean something; false for models that only rank, learned from implicit feedback.
     */
    default boolean predictsRatings() {
        return true;
    }

    /** Kind, hyperparameters, provenance, history and metrics. */
    default ModelInfo info() {
        return trainingFacts().info();
    }

    /** The same model with different provenance (e.g. with test metrics and the split recorded). */
    Recommender withInfo(ModelInfo info);

    /**
     * The {@code n} best items for {@code user}, best first, excluding items for which
     * {@code exclude} is true (typically the ones the user already rated) and unknown items.
     */
    default List<ScoredItem> recommend(int user, int n, IntPredicate exclude) {
        float[] scores = new float[items().size()];
        scoreAll(user, scores);
        return TopN.select(scores, n, item -> !isKnownItem(item) || exclude.test(item));
    }
}
