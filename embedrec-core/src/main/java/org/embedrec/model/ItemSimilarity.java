package org.embedrec.model;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A recommender that can say which items are most like a given one: by cosine of item vectors for
 * an {@link EmbeddingModel}, by the kept neighbour lists for item-kNN. What {@code similar} and the
 * server's similar-items route ask for.
 */
public interface ItemSimilarity extends Recommender {
    /**
     * The {@code n} items most similar to {@code item}, best first, excluding {@code item} itself and
     * items unknown to the model.
     */
    default List<ScoredItem> similarItems(int item, int n) {
        return similarItems(item, n, other -> false);
    }

    /**
     * Like {@link #similarItems(int, int)}, also excluding items for which {@code exclude} is true
     * (e.g. items with few ratings, whose representations are mostly noise).
     */
    List<ScoredItem> similarItems(int item, int n, IntPredicate exclude);
}
