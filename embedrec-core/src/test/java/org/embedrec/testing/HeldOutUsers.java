package org.embedrec.testing;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.embedrec.data.Ratings;

/**
 * Users removed from a data set to test fold-in: who they are, everyone else's ratings to train on,
 * and each item's training rating count as a score (the most-popular ranking to beat).
 *
 * @param users the held-out users, in the order drawn
 * @param train the ratings of every other user
 * @param popularity per item, its number of training ratings
 */
public record HeldOutUsers(int[] users, Ratings train, float[] popularity) {
    /**
     * Draws {@code count} distinct users of {@code all} from {@code random}, which the caller may go
     * on using (e.g. to split each held-out user's ratings).
     */
    public static HeldOutUsers draw(Ratings all, int count, SplittableRandom random) {
        int[] users = random.ints(0, all.userCount()).distinct().limit(count).toArray();
        boolean[] heldOut = new boolean[all.userCount()];
        for (int user : users) {
            heldOut[user] = true;
        }
        Ratings train = all.subset(IntStream.range(0, all.size()).filter(row -> !heldOut[all.user(row)]).toArray());
        int[] counts = train.itemCounts();
        float[] popularity = new float[all.itemCount()];
        for (int item = 0; item < popularity.length; item++) {
            popularity[item] = counts[item];
        }
        return new HeldOutUsers(users, train, popularity);
    }

    /** Shuffles {@code values} in place (Fisher-Yates) with {@code random}. */
    public static void shuffle(int[] values, SplittableRandom random) {
        for (int k = values.length - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int swap = values[k];
            values[k] = values[j];
            values[j] = swap;
        }
    }
}
