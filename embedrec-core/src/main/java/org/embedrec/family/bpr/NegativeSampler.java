package org.embedrec.family.bpr;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;

/**
 * Draws negative items for BPR training per {@link NegativeSampling}. Immutable and shared by
 * training threads; each thread passes its own random stream.
 */
final class NegativeSampler {
    /** Draws before a sampler that excludes positives gives up and keeps the last draw (a user who liked almost everything). */
    private static final int MAX_TRIES = 32;

    private final NegativeSampling kind;
    private final int[] items;
    private final double[] cumulative;
    private final int[] positiveOffsets;
    private final int[] positiveItems;

    /**
     * @param positives the training examples (user, positive item)
     * @param interactions training interactions per item; the items with any are the sampling universe
     *     (every item for {@link NegativeSampling#UNIFORM_ALL_ITEMS})
     */
    NegativeSampler(NegativeSampling kind, double exponent, Ratings positives, int[] interactions) {
        this.kind = kind;
        this.items = java.util.stream.IntStream.range(0, interactions.length)
                .filter(i -> kind == NegativeSampling.UNIFORM_ALL_ITEMS || interactions[i] > 0).toArray();
        if (items.length == 0) {
            throw new IllegalArgumentException("no item has training data to sample negatives from");
        }
        if (kind == NegativeSampling.POPULARITY) {
            cumulative = new double[items.length];
            double sum = 0;
            for (int k = 0; k < items.length; k++) {
                sum += Math.pow(interactions[items[k]], exponent);
                cumulative[k] = sum;
            }
        } else {
            cumulative = null;
        }
        UserRatings byUser = positives.byUser();
        positiveOffsets = new int[byUser.userCount() + 1];
        positiveItems = new int[positives.size()];
        for (int user = 0; user < byUser.userCount(); user++) {
            int[] liked = byUser.items(user);
            Arrays.sort(liked);
            System.arraycopy(liked, 0, positiveItems, byUser.start(user), liked.length);
            positiveOffsets[user + 1] = byUser.end(user);
        }
    }

    /** The number of items negatives are drawn from. */
    int itemCount() {
        return items.length;
    }

    /** A negative item for {@code user}. */
    int sample(int user, SplittableRandom random) {
        if (kind == NegativeSampling.UNIFORM || kind == NegativeSampling.UNIFORM_ALL_ITEMS) {
            return items[random.nextInt(items.length)];
        }
        int item = draw(random);
        for (int tries = 1; tries < MAX_TRIES && isPositive(user, item); tries++) {
            item = draw(random);
        }
        return item;
    }

    private int draw(SplittableRandom random) {
        if (cumulative == null) {
            return items[random.nextInt(items.length)];
        }
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int k = Arrays.binarySearch(cumulative, target);
        k = k >= 0 ? k + 1 : -k - 1;
        return items[Math.min(k, items.length - 1)];
    }

    /** Whether {@code item} is one of {@code user}'s training positives. */
    boolean isPositive(int user, int item) {
        return Arrays.binarySearch(positiveItems, positiveOffsets[user], positiveOffsets[user + 1], item) >= 0;
    }
}
