package org.embedrec.family.bpr;

/**
 * How a BPR trainer draws the negative item {@code j} for a (user, positive item) pair. Every
 * sampler but {@link #UNIFORM_ALL_ITEMS} draws among the items with training data.
 */
public enum NegativeSampling {
    /**
     * Uniform over the items, as the tutorials do; it sometimes draws one of the user's own
     * positives, which then gives no gradient (a zero margin on the item itself) or a wrong one.
     */
    UNIFORM,
    /**
     * Uniform over every item of the catalogue, with or without training data, positives included:
     * the Keras triplet tutorial's {@code randint(num_items)}, which also pushes down the items that
     * only appear in the test part. The {@code bpr-tutorial} preset uses it.
     */
    UNIFORM_ALL_ITEMS,
    /** Uniform over the items that are not among the user's training positives (by rejection). */
    UNIFORM_EXCLUDING_POSITIVES,
    /**
     * Proportional to {@code interactions(j)^exponent} (word2vec's unigram^0.75 idea), excluding the
     * user's positives: popular items are pushed down more often, which counters the popularity
     * bias uniform sampling leaves and gives harder negatives. Exponent 0 is uniform.
     */
    POPULARITY,
    /**
     * WARP-style (Weston, Bengio and Usunier, 2011, as LightFM does it): uniform over the items that
     * are not the user's positives, redrawn until a negative violates the margin, {@code s(u, j) >
     * s(u, i) − 1}, at most {@link PairwiseObjective#WARP_TRIALS} times; a triplet without a violator
     * is skipped. The gradient is weighted by {@code ln(1 + ⌊(n − 1)/T⌋) / ln n} for a violator
     * found on draw {@code T} among {@code n} items: a positive that many items outscore (found at
     * once) weighs most. Harder negatives, at up to that many score evaluations per triplet.
     */
    WARP
}
