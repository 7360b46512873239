package org.embedrec.report;

import java.util.List;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;

/**
 * How many held-out liked items reach their user's top-K list, per item-popularity bucket (the
 * buckets of {@link PointGroups#byPopularity}).
 *
 * @param names bucket names
 * @param held held-out liked items per bucket (users without a list left out)
 * @param hits those of them in their user's list
 */
record HitRates(List<String> names, long[] held, long[] hits) {
    /**
     * @param lists each user's top-K list (item indices), null for users not evaluated
     * @param itemCounts training ratings per item
     */
    static HitRates byPopularity(int[][] lists, Ratings test, PositiveThreshold positives, int[] itemCounts) {
        PointGroups buckets = PointGroups.byPopularity(itemCounts, java.util.stream.IntStream.range(0, itemCounts.length).toArray());
        long[] held = new long[buckets.names().size()];
        long[] hits = new long[buckets.names().size()];
        for (int row = 0; row < test.size(); row++) {
            int[] list = lists[test.user(row)];
            if (list == null || !positives.isPositive(test.rating(row))) {
                continue;
            }
            int item = test.item(row);
            int bucket = buckets.group()[item];
            held[bucket]++;
            for (int listed : list) {
                if (listed == item) {
                    hits[bucket]++;
                    break;
                }
            }
        }
        return new HitRates(buckets.names(), held, hits);
    }
}
