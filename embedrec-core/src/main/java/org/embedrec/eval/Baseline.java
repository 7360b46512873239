package org.embedrec.eval;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.Recommender;

/**
 * The baselines an {@link Evaluation} measures a model against, each fitted on the training part
 * only. Two predict ratings ({@link Baselines}) and two only rank ({@link RankingBaselines}).
 */
public enum Baseline {
    /** Predicts the training mean everywhere ({@link Baselines#globalMean}). */
    GLOBAL_MEAN("global mean", true),
    /** Damped user and item biases ({@link Baselines#biases(Ratings, ItemCatalog)}). */
    DAMPED_BIASES("damped biases", true),
    /** Items by their number of positive training ratings, the same list for everyone ({@link RankingBaselines#mostPopular}). */
    MOST_POPULAR("most popular", false),
    /** A fixed random ranking per user, seeded with {@link #RANDOM_SEED} ({@link RankingBaselines#random}). */
    RANDOM("random", false);

    /** Seed of the random baseline, fixed so that its figures are the same on every run. */
    public static final long RANDOM_SEED = 1;

    private final String label;
    private final boolean predictsRatings;

    Baseline(String label, boolean predictsRatings) {
        this.label = label;
        this.predictsRatings = predictsRatings;
    }

    /** The name of the baseline in tables, e.g. {@code "damped biases"}. */
    public String label() {
        return label;
    }

    /** Whether the baseline predicts ratings (and so has rating errors) rather than only ranking items. */
    public boolean predictsRatings() {
        return predictsRatings;
    }

    /**
     * The baseline fitted on {@code train}; {@code positives} matters to {@link #MOST_POPULAR} only.
     *
     * @throws IllegalArgumentException if {@code catalog} is not aligned with the training items
     */
    public Recommender fit(Ratings train, ItemCatalog catalog, PositiveThreshold positives) {
        return switch (this) {
            case GLOBAL_MEAN -> Baselines.globalMean(train, catalog);
            case DAMPED_BIASES -> Baselines.biases(train, catalog);
            case MOST_POPULAR -> RankingBaselines.mostPopular(train, catalog, positives);
            case RANDOM -> RankingBaselines.random(train, catalog, RANDOM_SEED);
        };
    }
}
