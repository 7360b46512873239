package org.embedrec.train;

import java.util.SplittableRandom;

/**
 * Hands out the cells of a blocked epoch (see {@link Trainable#blockStarts()}: a {@code side × side}
 * grid of user blocks × item blocks, row-major) to several training threads, as LIBMF's scheduler does:
 * each cell once per epoch, in random order, and never a cell whose user block or item block another
 * thread is training, so no two threads write the same factor rows at the same time. A thread asks
 * for its next cell when it has finished the last one, so a faster core simply trains more cells
 * (a fixed split would leave it waiting for the slower one).
 */
final class BlockScheduler {
    private final int side;
    private final boolean[] done;
    private final boolean[] rowBusy;
    private final boolean[] columnBusy;
    private final SplittableRandom random;
    private int remaining;
    private boolean stopped;

    BlockScheduler(int[] blockStarts, SplittableRandom random) {
        int cells = blockStarts.length - 1;
        this.side = (int) Math.round(Math.sqrt(cells));
        if (side * side != cells) {
            throw new IllegalArgumentException("blocks must form a square grid, got " + cells);
        }
        this.done = new boolean[cells];
        this.rowBusy = new boolean[side];
        this.columnBusy = new boolean[side];
        this.random = random;
        this.remaining = cells;
    }

    /**
     * Releases {@code finished} (a cell this thread got from here, or -1 at the start) and returns the
     * next cell for this thread, chosen uniformly among the free ones, waiting while every remaining
     * cell shares a row or column with a running one; -1 once every cell has been handed out, or
     * after {@link #stop}.
     */
    synchronized int next(int finished) throws InterruptedException {
        if (finished >= 0) {
            rowBusy[finished / side] = false;
            columnBusy[finished % side] = false;
            notifyAll();
        }
        while (remaining > 0 && !stopped) {
            int chosen = -1;
            int candidates = 0;
            for (int cell = 0; cell < done.length; cell++) {
                if (!done[cell] && !rowBusy[cell / side] && !columnBusy[cell % side]
                        && random.nextInt(++candidates) == 0) {
                    chosen = cell;
                }
            }
            if (chosen >= 0) {
                done[chosen] = true;
                rowBusy[chosen / side] = true;
                columnBusy[chosen % side] = true;
                remaining--;
                return chosen;
            }
            wait();
        }
        return -1;
    }

    /** Hands out no more cells: a thread failed, and the others must not wait for the rows it holds. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
