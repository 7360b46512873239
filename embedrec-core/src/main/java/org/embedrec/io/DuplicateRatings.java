package org.embedrec.io;

import java.util.Arrays;

import org.embedrec.data.Ratings;

/**
 * Finding and merging repeated (user, item) pairs in O(n log n) time without an object per rating:
 * each pair is packed into one {@code long} key, the keys are sorted, and equal neighbours are the
 * repeats (for naming the first repeat). Detecting and merging repeats need no sort: rows are grouped by
 * user with a counting sort.
 */
final class DuplicateRatings {
    private DuplicateRatings() {
    }

    /** The distinct keys (see {@link #key}) that occur more than once, ascending; empty when there are none. */
    static long[] repeatedKeys(Ratings ratings) {
        if (!anyRepeated(ratings)) {
            return new long[0];
        }
        long[] keys = new long[ratings.size()];
        for (int row = 0; row < keys.length; row++) {
            keys[row] = key(ratings, row);
        }
        Arrays.sort(keys);
        // Compacts in place: the write position stays behind the read position.
        int repeated = 0;
        for (int k = 1; k < keys.length; k++) {
            if (keys[k] == keys[k - 1] && (repeated == 0 || keys[repeated - 1] != keys[k])) {
                keys[repeated++] = keys[k];
            }
        }
        return Arrays.copyOf(keys, repeated);
    }

    /**
     * Whether some user rates some item twice, in O(n) time: the items are grouped by user with a
     * counting sort, and an item stamped with the current user has been seen before. This avoids the
     * sort of 25 million keys for files without repeats.
     */
    static boolean anyRepeated(Ratings ratings) {
        int n = ratings.size();
        int[] start = new int[ratings.userCount() + 1];
        for (int row = 0; row < n; row++) {
            start[ratings.user(row) + 1]++;
        }
        for (int user = 0; user < ratings.userCount(); user++) {
            start[user + 1] += start[user];
        }
        int[] next = Arrays.copyOf(start, ratings.userCount());
        int[] itemsByUser = new int[n];
        for (int row = 0; row < n; row++) {
            itemsByUser[next[ratings.user(row)]++] = ratings.item(row);
        }
        int[] seenBy = new int[ratings.itemCount()];
        Arrays.fill(seenBy, -1);
        for (int user = 0; user < ratings.userCount(); user++) {
            for (int k = start[user]; k < start[user + 1]; k++) {
                if (seenBy[itemsByUser[k]] == user) {
                    return true;
                }
                seenBy[itemsByUser[k]] = user;
            }
        }
        return false;
    }

    /**
     * The rows {@code {first, second}} of the repeated pair whose second occurrence comes first in row
     * order, i.e. the first repeat a reader of the file would notice.
     */
    static int[] firstRepeat(Ratings ratings, long[] repeatedKeys) {
        int[] firstRow = new int[repeatedKeys.length];
        Arrays.fill(firstRow, -1);
        for (int row = 0; row < ratings.size(); row++) {
            int k = Arrays.binarySearch(repeatedKeys, key(ratings, row));
            if (k >= 0) {
                if (firstRow[k] >= 0) {
                    return new int[] {firstRow[k], row};
                }
                firstRow[k] = row;
            }
        }
        throw new IllegalArgumentException("no repeated pair among the given keys");
    }

    /** What one merged row of a repeated pair holds. */
    enum Merge {
        /** The last occurrence's value. */
        LAST,
        /** The mean of the values. */
        MEAN,
        /** The sum of the values (the total weight of repeated interactions; their count when each is 1). */
        SUM
    }

    /**
     * The ratings with every repeated pair reduced to one row at the position of its last occurrence,
     * with that occurrence's timestamp and the value {@code how} says (sums and means over the pair's
     * values in row order); the ratings themselves when no pair repeats. Pairs are found in O(n) time, as
     * {@link #anyRepeated} does, not by sorting.
     */
    static Ratings merge(Ratings ratings, Merge how) {
        int n = ratings.size();
        int[] pair = pairs(ratings);
        int pairs = 0;
        for (int p : pair) {
            pairs = Math.max(pairs, p + 1);
        }
        if (pairs == n) {
            return ratings;
        }
        int[] lastRow = new int[pairs];
        double[] sum = how == Merge.LAST ? null : new double[pairs];
        int[] count = how == Merge.MEAN ? new int[pairs] : null;
        for (int row = 0; row < n; row++) {
            int p = pair[row];
            lastRow[p] = row;
            if (sum != null) {
                sum[p] += ratings.rating(row);
            }
            if (count != null) {
                count[p]++;
            }
        }
        int[] user = new int[pairs];
        int[] item = new int[pairs];
        float[] values = new float[pairs];
        long[] time = new long[pairs];
        int size = 0;
        for (int row = 0; row < n; row++) {
            int p = pair[row];
            if (lastRow[p] == row) {
                user[size] = ratings.user(row);
                item[size] = ratings.item(row);
                values[size] = switch (how) {
                    case LAST -> ratings.rating(row);
                    case MEAN -> (float) (sum[p] / count[p]);
                    case SUM -> (float) sum[p];
                };
                time[size] = ratings.timestamp(row);
                size++;
            }
        }
        return Ratings.wrap(ratings.users(), ratings.items(), user, item, values, time);
    }

    /**
     * A number per row naming its (user, item) pair, dense from 0: the rows are grouped by user with a
     * counting sort and each user's items are numbered as they come, with an item stamped by the user
     * that last saw it.
     */
    private static int[] pairs(Ratings ratings) {
        int n = ratings.size();
        int[] rowsByUser = groupedByUser(ratings) ? null : rowsByUser(ratings);
        int[] pair = new int[n];
        int[] seenBy = new int[ratings.itemCount()];
        int[] pairOfItem = new int[ratings.itemCount()];
        Arrays.fill(seenBy, -1);
        int pairs = 0;
        for (int k = 0; k < n; k++) {
            int row = rowsByUser == null ? k : rowsByUser[k];
            int user = ratings.user(row);
            int item = ratings.item(row);
            if (seenBy[item] != user) {
                seenBy[item] = user;
                pairOfItem[item] = pairs++;
            }
            pair[row] = pairOfItem[item];
        }
        return pair;
    }

    /** Whether each user's rows are one run of neighbours, as in logs written user by user. */
    private static boolean groupedByUser(Ratings ratings) {
        boolean[] done = new boolean[ratings.userCount()];
        for (int row = 1; row < ratings.size(); row++) {
            int previous = ratings.user(row - 1);
            if (ratings.user(row) != previous) {
                done[previous] = true;
                if (done[ratings.user(row)]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The rows ordered by user, each user's in row order (a counting sort). */
    private static int[] rowsByUser(Ratings ratings) {
        int n = ratings.size();
        int[] start = new int[ratings.userCount() + 1];
        for (int row = 0; row < n; row++) {
            start[ratings.user(row) + 1]++;
        }
        for (int user = 0; user < ratings.userCount(); user++) {
            start[user + 1] += start[user];
        }
        int[] rows = new int[n];
        for (int row = 0; row < n; row++) {
            rows[start[ratings.user(row)]++] = row;
        }
        return rows;
    }

    /** User index in the high 32 bits, item index in the low 32 bits; both are non-negative. */
    private static long key(Ratings ratings, int row) {
        return ((long) ratings.user(row) << 32) | ratings.item(row);
    }
}
