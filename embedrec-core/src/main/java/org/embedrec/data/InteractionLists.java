package org.embedrec.data;

import java.util.Arrays;

/**
 * Row lists of a binary user × item matrix, the form the closed-form models (item-kNN, EASE) build
 * their co-occurrence counts from: each row is an ascending array of distinct column indices.
 */
public final class InteractionLists {
    private InteractionLists() {
    }

    /** Each user's distinct items in {@code ratings}, ascending, indexed by user. */
    public static int[][] byUser(Ratings ratings) {
        int users = ratings.userCount();
        int[] sizes = new int[users];
        for (int row = 0; row < ratings.size(); row++) {
            sizes[ratings.user(row)]++;
        }
        int[][] byUser = new int[users][];
        for (int user = 0; user < users; user++) {
            byUser[user] = new int[sizes[user]];
        }
        int[] next = new int[users];
        for (int row = 0; row < ratings.size(); row++) {
            int user = ratings.user(row);
            byUser[user][next[user]++] = ratings.item(row);
        }
        for (int user = 0; user < users; user++) {
            int[] items = byUser[user];
            Arrays.sort(items);
            int distinct = 0;
            for (int k = 0; k < items.length; k++) {
                if (k == 0 || items[k] != items[k - 1]) {
                    items[distinct++] = items[k];
                }
            }
            byUser[user] = Arrays.copyOf(items, distinct);
        }
        return byUser;
    }

    /** The transpose of ascending row lists over {@code columns} columns: each column's rows, ascending. */
    public static int[][] transpose(int[][] rows, int columns) {
        int[] sizes = new int[columns];
        for (int[] row : rows) {
            for (int column : row) {
                sizes[column]++;
            }
        }
        int[][] byColumn = new int[columns][];
        for (int column = 0; column < columns; column++) {
            byColumn[column] = new int[sizes[column]];
        }
        int[] next = new int[columns];
        for (int row = 0; row < rows.length; row++) {
            for (int column : rows[row]) {
                byColumn[column][next[column]++] = row;
            }
        }
        return byColumn;
    }
}
