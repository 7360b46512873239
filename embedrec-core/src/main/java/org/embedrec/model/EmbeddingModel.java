package org.embedrec.model;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A recommender whose items live in a vector space: the item representation it scores with.
 * Similar items are nearest neighbours by cosine similarity.
 */
public interface EmbeddingModel extends Recommender {
    /** Length of an item vector. */
    int dimensions();

    /** A copy of the vector of {@code item}. */
    float[] itemVector(int item);

    /**
     * The {@code n} items most similar to {@code item} by cosine similarity of item vectors, best
     * first, excluding {@code item} itself and items unknown to the model.
     */
    default List<ScoredItem> similarItems(int item, int n) {
        return similarItems(item, n, other -> false);
    }

    /**
     * Like {@link #similarItems(int, int)}, also excluding items for which {@code exclude} is true
     * (e.g. items with few ratings, whose vectors are mostly noise).
     */
    List<ScoredItem> similarItems(int item, int n, IntPredicate exclude);
}
