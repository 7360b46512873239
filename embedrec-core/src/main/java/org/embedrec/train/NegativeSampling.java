package org.embedrec.train;

/**
 * How a BPR trainer draws the negative item {@code j} for a (user, positive item) pair. Every
 * sampler draws among the items with training data.
 */
public enum NegativeSampling {
    /**
     * Uniform over the items, as the tutorials do; it sometimes draws one of the user's own
     * positives, which then gives no gradient (a zero margin on the item itself) or a wrong one.
     */
    UNIFORM,
    /** Uniform over the items that are not among the user's training positives (by rejection). */
    UNIFORM_EXCLUDING_POSITIVES,
    /**
     * Proportional to {@code interactions(j)^exponent} (word2vec's unigram^0.75 idea), excluding the
     * user's positives: popular items are pushed down more often, which counters the popularity
     * bias uniform sampling leaves and gives harder negatives. Exponent 0 is uniform.
     */
    POPULARITY
}
