package org.embedrec.train;

import java.util.Arrays;
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

    /**
     * Item-factor bytes of one block by default: a quarter of a core's L2 cache, leaving room for the user
     * rows, the examples and an optimizer's state.
     */
    public static final long BLOCK_ITEM_BYTES = 512L << 10;
    /** Below this many bytes of factor tables plus examples, random access stays in cache and blocks gain little. */
    public static final long BLOCKING_THRESHOLD_BYTES = 8L << 20;

    /**
     * The side of the (user block, item block) grid for the blocked example order, chosen from
     * measurements (docs/BENCHMARKS.md): 1 (a plain full shuffle) while the factor tables and the
     * packed examples together stay under {@link #BLOCKING_THRESHOLD_BYTES}; otherwise enough blocks that
     * one block's item rows fit in {@code blockItemBytes}, at least 4 and at most 256. The user rows
     * need not fit: a block visits its ratings by user, so each user row is fetched once per block and
     * stays in L1 across that user's ratings. At ML-25M size this is several times faster than a full
     * shuffle at nearly the same accuracy (docs/BENCHMARKS.md); finer grids cost accuracy, because each
     * user then gets fewer consecutive ratings per block and the order is less random.
     */
    public static int side(int users, int items, int dim, int ratings, long blockItemBytes) {
        long tableBytes = ((long) users + items) * dim * Float.BYTES;
        long exampleBytes = 3L * Integer.BYTES * ratings;
        if (tableBytes + exampleBytes <= BLOCKING_THRESHOLD_BYTES) {
            return 1;
        }
        long itemBytes = (long) items * dim * Float.BYTES;
        return (int) Math.max(4, Math.min(256, (itemBytes + blockItemBytes - 1) / blockItemBytes));
    }

    /** {@link #side(int, int, int, int, long)} with blocks of {@link #BLOCK_ITEM_BYTES} item-factor bytes. */
    public static int side(int users, int items, int dim, int ratings) {
        return side(users, items, dim, ratings, BLOCK_ITEM_BYTES);
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
     * cell). Tells {@code placement} each row's position, so that a trainer writes its packed examples
     * straight into that order, and returns the cell boundaries: {@code side² + 1} starts.
     *
     * <p>Two passes over the rows, the first counting the cells. Rows already grouped by user (users
     * never decrease from one row to the next, as in files sorted by user and every split of them)
     * are placed in row order; otherwise in the order of {@link Ratings#byUser()}, which is built once
     * for it. Both give the same order.
     */
    public static int[] blockByGrid(Ratings train, int side, Placement placement) {
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
        int[] next = Arrays.copyOf(starts, side * side);
        if (groupedByUser) {
            for (int row = 0; row < n; row++) {
                placement.place(next[userCell[train.user(row)] + itemBlock[train.item(row)]]++, row);
            }
        } else {
            UserRatings byUser = train.byUser();
            for (int position = 0; position < n; position++) {
                int row = byUser.row(position);
                placement.place(next[userCell[train.user(row)] + itemBlock[train.item(row)]]++, row);
            }
        }
        return starts;
    }

    /**
     * Reorders each cell of a grid order ({@code examples}, {@code width} ints per example, cells as
     * {@link #blockByGrid} returned them) so that {@code ways} runs take turns: the cell's examples are
     * cut into that many consecutive runs of nearly equal length (the first {@code length % ways} one
     * longer), and the new order is run 0's first example, run 1's first, ..., run 0's second, and so on.
     * Cells shorter than {@code ways} keep their order.
     *
     * <p>In a cell ordered by user, taking turns lets the CPU overlap consecutive updates: in user
     * order each update waits for the previous one to write the same user row, and at d = 64 that
     * wait, not the arithmetic, sets the pace (docs/BENCHMARKS.md). Done one cell at a time through a
     * buffer the size of the longest cell, which stays in cache: 0.15-0.3 s at ML-25M size.
     */
    public static void interleave(int[] examples, int width, int[] starts, int ways) {
        int longest = 0;
        for (int cell = 0; cell + 1 < starts.length; cell++) {
            longest = Math.max(longest, starts[cell + 1] - starts[cell]);
        }
        if (ways <= 1 || longest < ways) {
            return;
        }
        int[] cellExamples = new int[longest * width];
        for (int cell = 0; cell + 1 < starts.length; cell++) {
            int start = starts[cell];
            int length = starts[cell + 1] - start;
            if (length < ways) {
                continue;
            }
            System.arraycopy(examples, start * width, cellExamples, 0, length * width);
            int shortRun = length / ways;
            int longRuns = length % ways;
            int from = 0;
            for (int run = 0; run < ways; run++) {
                int runLength = shortRun + (run < longRuns ? 1 : 0);
                for (int index = 0; index < runLength; index++, from++) {
                    int to = start + (index < shortRun ? index * ways + run : shortRun * ways + run);
                    for (int k = 0; k < width; k++) {
                        examples[to * width + k] = cellExamples[from * width + k];
                    }
                }
            }
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
