package org.embedrec.model;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Nearest items by cosine similarity of item vectors, for models whose vectors are a fixed table.
 * The unit-length table is computed on first use. Thread-safe.
 */
public final class CosineNeighbours {
    private final Supplier<float[]> vectors;
    private final int items;
    private volatile float[] unit;

    /** Over an {@code [items, dim]} table produced by {@code vectors} on first use (at most a few times). */
    public CosineNeighbours(Supplier<float[]> vectors, int items) {
        this.vectors = vectors;
        this.items = items;
    }

    /** The {@code n} items nearest {@code item}, best first, skipping {@code item} and items where {@code skip} holds. */
    public List<ScoredItem> nearest(int item, int n, IntPredicate skip) {
        java.util.Objects.checkIndex(item, items);
        float[] table = unit;
        if (table == null) {
            float[] raw = vectors.get();
            table = Vectors.normalizedRows(raw, items, raw.length / items);
            unit = table;
        }
        int dim = table.length / items;
        float[] similarity = new float[items];
        for (int other = 0; other < items; other++) {
            similarity[other] = Vectors.dot(table, item * dim, table, other * dim, dim);
        }
        return TopN.select(similarity, n, other -> other == item || skip.test(other));
    }
}
