package org.embedrec.model;

/** The argument checks of {@link FoldInRecommender#scoreNewUser}, shared by its implementations. */
final class FoldInProfiles {
    private FoldInProfiles() {
    }

    /**
     * Checks a new user's profile against {@code model}: equal lengths, item indices in range and
     * known to the model, finite ratings.
     *
     * @throws IllegalArgumentException naming the offending index, item id or rating
     */
    static void check(Recommender model, int[] items, float[] ratings) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException(items.length + " items but " + ratings.length + " ratings");
        }
        int itemCount = model.items().size();
        for (int k = 0; k < items.length; k++) {
            if (items[k] < 0 || items[k] >= itemCount) {
                throw new IllegalArgumentException("item index " + items[k] + " out of range [0, " + itemCount + ")");
            }
            if (!model.isKnownItem(items[k])) {
                throw new IllegalArgumentException("item " + model.items().id(items[k])
                        + " was not in the training data: the model has no vector for it");
            }
            if (!Float.isFinite(ratings[k])) {
                throw new IllegalArgumentException("rating " + ratings[k] + " of item " + model.items().id(items[k])
                        + " is not finite");
            }
        }
    }
}
