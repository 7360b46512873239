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

    /** Receives the place of every row in the grid order; see {@link #blockByGrid}. */
    @FunctionalInterface
    public interface Placement {
        /** Row {@code row} of the ratings goes to {@code position} of the grid order. */
        void place(int position, int row);
    }

    /**
     * Puts the training rows in grid order: grouped by cell (user range × item range), each cell's rows
     * ordered by user and then by row (so the user's factor row stays in L1 across its ratings in the
     * cell), or with {@code ways > 1} cut into that many consecutive runs that take turns (see
     * {@link #interleaved}). Tells {@code placement} each row's position, so that a trainer writes its
     * packed examples straight into that order, and returns the cell boundaries: {@code side² + 1} starts.
     *
     * <p>Taking turns lets the CPU overlap consecutive updates: in plain user order each update waits
     * for the previous one to write the same user row, and at d = 64 that wait, not the arithmetic,
     * sets the pace (docs/BENCHMARKS.md).
     *
     * <p>Two passes over the rows, the first counting the cells. Rows already grouped by user (users
     * never decrease from one row to the next, as in files sorted by user and every split of them)
     * are placed in row order; otherwise in the order of {@link Ratings#byUser()}, which is built once
     * for it. Both give the same order.
     */
    public static int[] blockByGrid(Ratings train, int side, int ways, Placement placement) {
        int n = train.size();
        int[] userCell = blockOf(train.userCount(), side);
        int[] itemBlock = blockOf(train.itemCount(), side);
        for (int user = 0; user < userCell.length; user++) {
            userCell[user] *= side;
        }
        int[] starts = new int[side * side + 1];
        boolean groupedByUser = true;
        int previousUser = 0;
        for (int row = 0; row < n; row++) {
            int user = train.user(row);
            groupedByUser &= user >= previousUser;
            previousUser = user;
            starts[userCell[user] + itemBlock[train.item(row)] + 1]++;
        }
        for (int c = 0; c < side * side; c++) {
            starts[c + 1] += starts[c];
        }
        Turns turns = new Turns(starts, ways);
        if (groupedByUser) {
            for (int row = 0; row < n; row++) {
                placement.place(turns.next(userCell[train.user(row)] + itemBlock[train.item(row)]), row);
            }
        } else {
            UserRatings byUser = train.byUser();
            for (int position = 0; position < n; position++) {
                int row = byUser.row(position);
                placement.place(turns.next(userCell[train.user(row)] + itemBlock[train.item(row)]), row);
            }
        }
        return starts;
    }

    /**
     * The positions of each cell's rows, handed out as the rows arrive in user order: the cell is cut into
     * {@code ways} consecutive runs of nearly equal length (the first {@code length % ways} one longer)
     * that take turns, run 0's first row, run 1's first, ..., run 0's second, and so on. Cells shorter
     * than {@code ways} keep their order. Counters per cell, so no division per row.
     */
    private static final class Turns {
        private final int[] starts;
        private final int[] ways;
        private final int[] shortRun;
        private final int[] longRuns;
        private final int[] run;
        private final int[] index;

        Turns(int[] starts, int ways) {
            int cells = starts.length - 1;
            this.starts = starts;
            this.ways = new int[cells];
            this.shortRun = new int[cells];
            this.longRuns = new int[cells];
            this.run = new int[cells];
            this.index = new int[cells];
            for (int cell = 0; cell < cells; cell++) {
                int length = starts[cell + 1] - starts[cell];
                this.ways[cell] = length < ways ? 1 : ways;
                shortRun[cell] = length / this.ways[cell];
                longRuns[cell] = length % this.ways[cell];
            }
        }

        /** The position of the next row of {@code cell}. */
        int next(int cell) {
            int r = run[cell];
            int i = index[cell];
            int shortLength = shortRun[cell];
            int position = starts[cell] + (i < shortLength ? i * ways[cell] + r : shortLength * ways[cell] + r);
            i++;
            if (i == shortLength + (r < longRuns[cell] ? 1 : 0)) {
                i = 0;
                run[cell] = r + 1;
            }
            index[cell] = i;
            return position;
        }
    }

    /** The block of each of {@code count} indices when they are cut into {@code side} ranges: {@code index · side / count}. */
    private static int[] blockOf(int count, int side) {
        int[] block = new int[count];
        for (int index = 0; index < count; index++) {
            block[index] = (int) ((long) index * side / count);
        }
        return block;
    }
}
