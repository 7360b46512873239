package org.embedrec.train;

import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;

/**
 * The blocked order in which trainers visit the examples of data too large for the cache: a grid of
 * (user block, item block) cells, visited in random order, each cell by user, as FPSG and LIBMF do.
 * Matrix factorization visits its ratings and BPR its positives this way.
 */
public final class ExampleGrid {
    private ExampleGrid() {
    }

    /** Item-factor bytes of one block: a quarter of a core's L2 cache, leaving room for the user rows and examples. */
    public static final long BLOCK_ITEM_BYTES = 512L << 10;
    /** Below this many bytes of factor tables plus examples, random access stays in cache and blocks gain little. */
    public static final long BLOCKING_THRESHOLD_BYTES = 8L << 20;

    /**
     * The side of the (user block, item block) grid for the blocked example order, chosen from
     * measurements (docs/BENCHMARKS.md): 1 (a plain full shuffle) while the factor tables and the
     * packed examples together stay under {@link #BLOCKING_THRESHOLD_BYTES}; otherwise enough blocks that
     * one block's item rows fit in {@link #BLOCK_ITEM_BYTES}, at least 4 and at most 256. The user rows
     * need not fit: a block visits its ratings by user, so each user row is fetched once per block and
     * stays in L1 across that user's ratings. At ML-25M size this is several times faster than a full
     * shuffle at nearly the same accuracy (docs/BENCHMARKS.md); finer grids cost accuracy, because each
     * user then gets fewer consecutive ratings per block and the order is less random.
     */
    public static int side(int users, int items, int dim, int ratings) {
        long tableBytes = ((long) users + items) * dim * Float.BYTES;
        long exampleBytes = 3L * Integer.BYTES * ratings;
        if (tableBytes + exampleBytes <= BLOCKING_THRESHOLD_BYTES) {
            return 1;
        }
        long itemBytes = (long) items * dim * Float.BYTES;
        return (int) Math.max(4, Math.min(256, (itemBytes + BLOCK_ITEM_BYTES - 1) / BLOCK_ITEM_BYTES));
    }

    /**
     * The training rows grouped by grid cell (user range × item range), each cell's rows ordered by
     * user and then by row (so the user's factor row stays in L1 across its ratings in the cell), and
     * the cell boundaries: {@code {rows, starts}} with {@code side² + 1} starts.
     */
    public static int[][] blockByGrid(Ratings train, int side) {
        int n = train.size();
        // Two stable counting sorts: by user, then by cell, so each cell lists its ratings by user.
        UserRatings byUser = train.byUser();
        int[] starts = new int[side * side + 1];
        long users = train.userCount();
        long items = train.itemCount();
        for (int row = 0; row < n; row++) {
            starts[cell(train, row, side, users, items) + 1]++;
        }
        for (int c = 0; c < side * side; c++) {
            starts[c + 1] += starts[c];
        }
        int[] next = java.util.Arrays.copyOf(starts, side * side);
        int[] rows = new int[n];
        for (int position = 0; position < n; position++) {
            int row = byUser.row(position);
            rows[next[cell(train, row, side, users, items)]++] = row;
        }
        return new int[][] {rows, starts};
    }

    private static int cell(Ratings train, int row, int side, long users, long items) {
        return (int) (train.user(row) * side / users) * side + (int) (train.item(row) * side / items);
    }
}
