package org.embedrec.model;

/**
 * A recommender that can also give a vector to an item it never saw in training, from the users who
 * interacted with it, without retraining: the item side of {@link FoldInRecommender}, as implicit's
 * {@code partial_fit_items}. With every user parameter fixed, the item's parameters minimize the
 * model's own training objective restricted to that item. This is how a server places a new item
 * among the trained ones so that it can be recommended and compared.
 *
 * <p>Scores split into a user part and an item part, {@code score = f(offset_u + p_u · q_i + b_i)},
 * with {@code f} the model's output function, never decreasing (so {@code p_u · q_i + b_i} ranks a
 * user's items as the score does): {@link LatentUser} holds {@code p_u} and the per-user
 * constant, {@link LatentItem} holds {@code q_i} and the item's bias. {@link #score} puts them
 * together on the scale of {@link #predict} and {@link #scoreNewUser}, so a folded-in item ranks
 * among the model's items in one list. Implemented by iALS (the exact item solve of its weighted
 * objective), ALS-WR (its training solve for an item) and matrix factorization (the ridge solve of
 * its user fold-in with the roles swapped).
 * Implementations are thread-safe and allocate O(dimensions²) per call.
 */
public interface ItemFoldInRecommender extends FoldInRecommender, EmbeddingModel {
    /**
     * A user as the model scores them against an item.
     *
     * @param factors the user's vector {@code p_u} (length = {@link #dimensions()})
     * @param offset what the model adds for this user whatever the item: the global and user bias, or 0
     */
    record LatentUser(float[] factors, float offset) {
    }

    /**
     * An item as the model scores it.
     *
     * @param factors the item's vector {@code q_i} (length = {@link #dimensions()})
     * @param bias the item's bias, 0 for a model without item biases
     */
    record LatentItem(float[] factors, float bias) {
    }

    /** The trained parameters of {@code user}. */
    LatentUser latentUser(int user);

    /**
     * The parameters of a user fitted to {@code ratings[k]} of {@code items[k]}: the vector
     * {@link #scoreNewUser} scores with.
     *
     * @throws IllegalArgumentException as {@link #scoreNewUser} does
     */
    LatentUser foldInLatentUser(int[] items, float[] ratings);

    /** The trained parameters of {@code item}. */
    LatentItem latentItem(int item);

    /**
     * Fits a new item to {@code ratings[k]} given by the model's users {@code users[k]} (each user once),
     * on the model's {@linkplain #ratingScale() rating scale}: an implicit interaction counts as a
     * {@linkplain #likedRating() like}. The users' parameters stay fixed. An item no user liked (for
     * models that learn from likes) has the zero vector.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a user index is out of range
     *     or a rating is off the rating scale
     */
    LatentItem foldInItem(int[] users, float[] ratings);

    /** The score of {@code user} for {@code item}, on the scale of {@link #predict}. */
    float score(LatentUser user, LatentItem item);
}
