package org.embedrec.family.neural;

/**
 * The item metadata the hybrid model can use. Every numeric feature goes through a quantile
 * transform fitted on the training ratings only (so no test information leaks in).
 */
public enum ItemFeature {
    /**
     * The item's number of training ratings, as its quantile among the training rows (each rating
     * counts its item's popularity once, as in the tutorial's {@code QuantileTransformer} fitted on
     * the rating table): one column {@code popularity}.
     */
    POPULARITY,
    /**
     * The release year's quantile among the training rows whose item has a known year, plus a flag
     * column; items of unknown year get quantile 0.5 and flag 1: columns {@code year} and
     * {@code year_unknown}.
     */
    YEAR,
    /** Multi-hot genres: one 0/1 column {@code genre:NAME} per genre of the catalog. */
    GENRES
}
