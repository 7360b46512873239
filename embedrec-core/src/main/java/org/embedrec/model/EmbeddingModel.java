package org.embedrec.model;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A recommender whose items live in a vector space: the item representation it scores with.
 * Similar items are nearest neighbours by cosine similarity.
 */
public interface EmbeddingModel extends ItemSimilarity {
    /** Length of an item vector. */
    int dimensions();

    /** A copy of the vector of {@code item}. */
    float[] itemVector(int item);

    /** {@inheritDoc} By cosine similarity of item vectors. */
    @Override
    List<ScoredItem> similarItems(int item, int n, IntPredicate exclude);
}
