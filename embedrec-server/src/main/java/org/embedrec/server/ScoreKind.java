package org.embedrec.server;

import java.util.Locale;
import org.embedrec.model.Recommender;

/**
 * What a score in an answer is, sent beside it as {@code score_kind} so that a client never shows a
 * ranking score as a rating: a BPR score of 3.91 is a position on a ranking, not "3.91 stars".
 */
public enum ScoreKind {
    /** A rating on the data's scale: predicted by a rating model, or given by a user. */
    RATING,
    /** A score that only orders items for a user (implicit-feedback models: BPR, iALS, EASE, item-kNN). */
    RANKING,
    /** The cosine similarity of two item vectors, in [-1, 1]. */
    SIMILARITY;

    /** The kind of {@code model}'s predictions: ratings when it predicts ratings, else ranking scores. */
    public static ScoreKind of(Recommender model) {
        return model.predictsRatings() ? RATING : RANKING;
    }

    /** The name on the wire: {@code rating}, {@code ranking} or {@code similarity}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
