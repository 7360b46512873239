package org.embedrec.model;

import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;

/** The argument checks every {@link FoldInRecommender#scoreNewUser} makes, with the same messages. */
public final class FoldInProfiles {
    private FoldInProfiles() {
    }

    /** {@link #check(int[], float[], IdIndex, IntPredicate)} against {@code model}'s items. */
    public static void check(Recommender model, int[] items, float[] ratings) {
        check(items, ratings, model.items(), model::isKnownItem);
    }

    /**
     * Rejects a profile whose arrays differ in length, that names an item out of range or without
     * training data ({@code known} false), or that has a non-finite rating.
     *
     * @throws IllegalArgumentException naming the offending index, item id or rating
     */
    public static void check(int[] items, float[] ratings, IdIndex itemIds, IntPredicate known) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException(items.length + " items but " + ratings.length + " ratings");
        }
        for (int k = 0; k < items.length; k++) {
            if (items[k] < 0 || items[k] >= itemIds.size()) {
                throw new IllegalArgumentException("item index " + items[k] + " out of range [0, " + itemIds.size() + ")");
            }
            if (!known.test(items[k])) {
                throw new IllegalArgumentException("item " + itemIds.id(items[k])
                        + " was not in the training data: the model has no vector for it");
            }
            if (!Float.isFinite(ratings[k])) {
                throw new IllegalArgumentException("rating " + ratings[k] + " of item " + itemIds.id(items[k])
                        + " is not finite");
            }
        }
    }
}
