package org.embedrec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The top-N lists of many users, as {@link BatchTopN} computes them, in flat arrays: the list of the
 * user at position {@code p} of {@link #users()} has {@link #size(int) size(p)} entries, best first.
 */
public final class RecommendationLists {
    private final int[] users;
    private final int n;
    private final int[] sizes;
    private final int[] items;
    private final float[] scores;

    RecommendationLists(int[] users, int n, int[] sizes, int[] items, float[] scores) {
        this.users = users;
        this.n = n;
        this.sizes = sizes;
        this.items = items;
        this.scores = scores;
    }

    /** How many users the lists are for. */
    public int userCount() {
        return users.length;
    }

    /** The user index at position {@code position}. */
    public int user(int position) {
        return users[position];
    }

    /** The longest a list can be: the requested N, or the number of items if that is smaller. */
    public int n() {
        return n;
    }

    /** The length of the list at {@code position}: N, or fewer when the user has fewer candidates. */
    public int size(int position) {
        return sizes[position];
    }

    /** The item at {@code rank} (0 = best) of the list at {@code position}. */
    public int item(int position, int rank) {
        return items[position * n + checkRank(position, rank)];
    }

    /** The reported score at {@code rank} of the list at {@code position}. */
    public float score(int position, int rank) {
        return scores[position * n + checkRank(position, rank)];
    }

    /** The list at {@code position}, as {@link Recommender#recommend} returns it. */
    public List<ScoredItem> list(int position) {
        List<ScoredItem> list = new ArrayList<>(sizes[position]);
        for (int rank = 0; rank < sizes[position]; rank++) {
            list.add(new ScoredItem(items[position * n + rank], scores[position * n + rank]));
        }
        return Collections.unmodifiableList(list);
    }

    /** The number of recommendations over all lists. */
    public long total() {
        long total = 0;
        for (int size : sizes) {
            total += size;
        }
        return total;
    }

    private int checkRank(int position, int rank) {
        return java.util.Objects.checkIndex(rank, sizes[position]);
    }
}
