package org.embedrec.model;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * What the ranking models share once their vectors are built: {@code score(u, i) = user[u] · item[i]
 * (+ bias[i])}, scoring every item of a user, and cosine nearest neighbours of item vectors. Each
 * model owns one and exposes its own parameters; a {@link DotProductModel} also ranks with it, through
 * {@link BatchTopN}, which reads the item vectors in the kernel's layout (its packed items,
 * built on first use: a second copy of the item table).
 */
public final class DotProductScorer {
    private final int dim;
    private final float[] userVectors;
    private final float[] itemVectors;
    private final float[] itemBias;
    private final TrainingFacts facts;
    private volatile float[] unitItemVectors;
    private volatile PackedItems packedItems;

    /**
     * @param facts the model's users and items; items with no training interactions are unknown
     * @param itemBias per-item bias added to every score, or {@code null}
     */
    public DotProductScorer(TrainingFacts facts, int dim, float[] userVectors, float[] itemVectors, float[] itemBias) {
        this.facts = Objects.requireNonNull(facts, "facts");
        int users = facts.users().size();
        int items = facts.catalog().size();
        if (dim < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dim);
        }
        checkLength("user vectors", userVectors, (long) users * dim);
        checkLength("item vectors", itemVectors, (long) items * dim);
        if (itemBias != null) {
            checkLength("item bias", itemBias, items);
        }
        this.dim = dim;
        this.userVectors = userVectors;
        this.itemVectors = itemVectors;
        this.itemBias = itemBias;
    }

    public static void checkLength(String name, float[] array, long expected) {
        Objects.requireNonNull(array, name);
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " values, expected " + expected);
        }
    }

    public int dimensions() {
        return dim;
    }

    public boolean isKnownItem(int item) {
        return facts.itemTrainCount(item) > 0;
    }

    public float score(int user, int item) {
        Objects.checkIndex(user, userVectors.length / dim);
        Objects.checkIndex(item, facts.catalog().size());
        float s = Vectors.dot(userVectors, user * dim, itemVectors, item * dim, dim);
        return itemBias == null ? s : s + itemBias[item];
    }

    public void scoreAll(int user, float[] out) {
        Objects.checkIndex(user, userVectors.length / dim);
        scoreAll(userVectors, user * dim, out);
    }

    /** Scores every item for the user vector {@code vectors[offset .. offset + dim)}, as {@link #score} does. */
    public void scoreAll(float[] vectors, int offset, float[] out) {
        for (int item = 0; item < out.length; item++) {
            float s = Vectors.dot(vectors, offset, itemVectors, item * dim, dim);
            out[item] = itemBias == null ? s : s + itemBias[item];
        }
    }

    /** The user vectors, row-major, shared (not copied): callers must not write to them. */
    public float[] userVectors() {
        return userVectors;
    }

    /** The item vectors, row-major, shared (not copied): callers must not write to them. */
    public float[] itemVectors() {
        return itemVectors;
    }

    /** The item biases, shared (not copied), or {@code null} when scores have none: callers must not write to them. */
    public float[] itemBias() {
        return itemBias;
    }

    /** The item table packed for the scoring kernel {@code kernel}, built once per scorer (for the kernel this JVM uses). */
    PackedItems packedItems(ScoringKernel kernel) {
        PackedItems packed = packedItems;
        if (packed == null || packed.width() != kernel.width()) {
            packed = PackedItems.pack(kernel.width(), itemVectors, itemBias, facts.catalog().size(), dim, this::isKnownItem);
            if (kernel == ScoringKernel.CHOSEN) {
                packedItems = packed;
            }
        }
        return packed;
    }

    public float[] itemVector(int item) {
        Objects.checkIndex(item, facts.catalog().size());
        return java.util.Arrays.copyOfRange(itemVectors, item * dim, item * dim + dim);
    }

    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        int items = facts.catalog().size();
        Objects.checkIndex(item, items);
        float[] unit = unitItemVectors;
        if (unit == null) {
            unit = Vectors.normalizedRows(itemVectors, items, dim);
            unitItemVectors = unit;
        }
        float[] similarity = new float[items];
        for (int other = 0; other < items; other++) {
            similarity[other] = Vectors.dot(unit, item * dim, unit, other * dim, dim);
        }
        return TopN.select(similarity, n, other -> other == item || !isKnownItem(other) || exclude.test(other));
    }
}
