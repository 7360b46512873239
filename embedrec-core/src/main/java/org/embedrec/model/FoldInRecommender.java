package org.embedrec.model;

import org.embedrec.data.RatingScale;

/**
 * A recommender that can score items for a user it never saw in training, from that user's
 * ratings alone, without retraining: the user's representation is fitted against the model's fixed
 * item parameters ("folding in"). This is how a server answers a new visitor who rated a handful of
 * items.
 *
 * <p>Factor models solve a small regularized least-squares problem (see
 * {@link org.embedrec.family.mf.MatrixFactorizationModel}); network models can implement it with a few gradient steps on
 * the user input. Implementations are thread-safe and allocate only O(dimensions²) per call.
 */
public interface FoldInRecommender extends Recommender {
    /**
     * The rating that an item stands for when a visitor only says they liked it: the top of the
     * model's rating scale.
     */
    float likedRating();

    /**
     * The ratings a profile may give: the min..max of the ratings the model was fitted on, as recorded in
     * its {@linkplain Provenance#ratingScale() provenance}, or {@link RatingScale#GENERIC} for a model file
     * written before the range was recorded. {@link #scoreNewUser} refuses a rating off this scale, and the
     * server answers it with a 400 naming the field.
     */
    default RatingScale ratingScale() {
        RatingScale recorded = info().provenance().ratingScale();
        return recorded != null ? recorded : RatingScale.GENERIC;
    }

    /**
     * Fits a new user to {@code ratings[k]} given to {@code items[k]} and writes that user's score
     * for every item into {@code out} (length = item count), on the same scale as
     * {@link #predict(int, int)}. An empty profile gives the scores of an average user.
     *
     * @throws IllegalArgumentException if the arrays differ in length, an item index is out of range
     *     or unknown to the model, or a rating is off the {@linkplain #ratingScale() rating scale}
     */
    void scoreNewUser(int[] items, float[] ratings, float[] out);
}
