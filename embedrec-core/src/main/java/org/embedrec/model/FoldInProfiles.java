package org.embedrec.model;

import java.util.function.IntPredicate;
import org.embedrec.data.ItemCatalog;

/** The argument checks every {@link FoldInRecommender#scoreNewUser} makes, with the same messages. */
final class FoldInProfiles {
    private FoldInProfiles() {
    }

    /**
     * Rejects a profile whose arrays differ in length, that names an item out of range or without
     * training data ({@code known} false), or that has a non-finite rating; messages name the bad
     * index, item id or value.
     */
    static void check(int[] items, float[] ratings, ItemCatalog catalog, IntPredicate known) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException(items.length + " items but " + ratings.length + " ratings");
        }
        for (int k = 0; k < items.length; k++) {
            if (items[k] < 0 || items[k] >= catalog.size()) {
                throw new IllegalArgumentException("item index " + items[k] + " out of range [0, " + catalog.size() + ")");
            }
            if (!known.test(items[k])) {
                throw new IllegalArgumentException("item " + catalog.items().id(items[k])
                        + " was not in the training data: the model has no vector for it");
            }
            if (!Float.isFinite(ratings[k])) {
                throw new IllegalArgumentException("rating " + ratings[k] + " of item " + catalog.items().id(items[k])
                        + " is not finite");
            }
        }
    }
}
