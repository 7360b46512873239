package org.embedrec.model;

import java.util.BitSet;
import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.RatingScale;

/** The argument checks every {@link FoldInRecommender#scoreNewUser} makes, with the same messages. */
public final class FoldInProfiles {
    private FoldInProfiles() {
    }

    /** {@link #check(int[], float[], IdIndex, IntPredicate, RatingScale)} against {@code model}'s items and scale. */
    public static void check(FoldInRecommender model, int[] items, float[] ratings) {
        check(items, ratings, model.items(), model::isKnownItem, model.ratingScale());
    }

    /** {@link #check(int[], float[], IdIndex, IntPredicate, RatingScale)} with the generic scale. */
    public static void check(int[] items, float[] ratings, IdIndex itemIds, IntPredicate known) {
        check(items, ratings, itemIds, known, RatingScale.GENERIC);
    }

    /**
     * Rejects a profile whose arrays differ in length or that has a rating off {@code scale}, naming the
     * item and the rating; for models whose own fold-in checks the items.
     */
    public static void checkRatings(int[] items, float[] ratings, IdIndex itemIds, RatingScale scale) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException(items.length + " items but " + ratings.length + " ratings");
        }
        for (int k = 0; k < items.length; k++) {
            String problem = scale.problem(ratings[k]);
            if (problem != null) {
                String item = items[k] >= 0 && items[k] < itemIds.size() ? itemIds.id(items[k]) : "index " + items[k];
                throw new IllegalArgumentException("rating " + ratings[k] + " of item " + item + " " + problem
                        + (scale == RatingScale.GENERIC ? "" : " (the range of the model's training ratings)"));
            }
        }
    }

    /**
     * Rejects a profile whose arrays differ in length, that names an item out of range or without
     * training data ({@code known} false), or that has a rating off {@code scale}.
     *
     * @throws IllegalArgumentException naming the offending index, item id or rating
     */
    public static void check(int[] items, float[] ratings, IdIndex itemIds, IntPredicate known, RatingScale scale) {
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
        }
        checkRatings(items, ratings, itemIds, scale);
    }

    /**
     * Rejects an item's raters whose arrays differ in length, that name a user index out of range or
     * twice, or give a rating off {@code scale}: the checks of {@link ItemFoldInRecommender#foldInItem}.
     *
     * @throws IllegalArgumentException naming the offending user and rating
     */
    public static void checkRaters(int[] users, float[] ratings, IdIndex userIds, RatingScale scale) {
        if (users.length != ratings.length) {
            throw new IllegalArgumentException(users.length + " users but " + ratings.length + " ratings");
        }
        BitSet seen = new BitSet(userIds.size());
        for (int k = 0; k < users.length; k++) {
            if (users[k] < 0 || users[k] >= userIds.size()) {
                throw new IllegalArgumentException("user index " + users[k] + " out of range [0, " + userIds.size() + ")");
            }
            if (seen.get(users[k])) {
                throw new IllegalArgumentException("user " + userIds.id(users[k]) + " is given twice; give each rater once");
            }
            seen.set(users[k]);
            String problem = scale.problem(ratings[k]);
            if (problem != null) {
                throw new IllegalArgumentException("rating " + ratings[k] + " by user " + userIds.id(users[k]) + " "
                        + problem + (scale == RatingScale.GENERIC ? "" : " (the range of the model's training ratings)"));
            }
        }
    }
}
