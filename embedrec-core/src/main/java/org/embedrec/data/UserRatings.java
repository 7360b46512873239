package org.embedrec.data;

/**
 * A compressed-sparse-row view of {@link Ratings} grouped by user: for user {@code u} the rows
 * {@code row(start(u)) .. row(end(u) - 1)} are that user's ratings, in their original order.
 *
 * <p>Built in two linear passes (counting sort), so it costs two int arrays and no objects.
 */
public final class UserRatings {
    private final Ratings ratings;
    private final int[] offsets;
    private final int[] rows;

    private UserRatings(Ratings ratings, int[] offsets, int[] rows) {
        this.ratings = ratings;
        this.offsets = offsets;
        this.rows = rows;
    }

    static UserRatings of(Ratings ratings) {
        int users = ratings.userCount();
        int[] offsets = new int[users + 1];
        for (int row = 0; row < ratings.size(); row++) {
            offsets[ratings.user(row) + 1]++;
        }
        for (int u = 0; u < users; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] next = offsets.clone();
        int[] rows = new int[ratings.size()];
        for (int row = 0; row < ratings.size(); row++) {
            rows[next[ratings.user(row)]++] = row;
        }
        return new UserRatings(ratings, offsets, rows);
    }

    /** The ratings this view groups. */
    public Ratings ratings() {
        return ratings;
    }

    /** Number of users (the size of the user id index). */
    public int userCount() {
        return offsets.length - 1;
    }

    /** First position of {@code user}'s ratings. */
    public int start(int user) {
        return offsets[user];
    }

    /** One past the last position of {@code user}'s ratings. */
    public int end(int user) {
        return offsets[user + 1];
    }

    /** Number of ratings of {@code user}. */
    public int count(int user) {
        return offsets[user + 1] - offsets[user];
    }

    /** The rating row at CSR position {@code position}. */
    public int row(int position) {
        return rows[position];
    }

    /** The item indices {@code user} rated, in original order. */
    public int[] items(int user) {
        int[] items = new int[count(user)];
        for (int k = 0; k < items.length; k++) {
            items[k] = ratings.item(rows[offsets[user] + k]);
        }
        return items;
    }

    /** The rating rows of {@code user}, in original order. */
    public int[] rows(int user) {
        return java.util.Arrays.copyOfRange(rows, offsets[user], offsets[user + 1]);
    }
}
