package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scheduler of blocked epochs on several threads: every cell once, and never two cells of one row or column at once. */
class BlockSchedulerTest {
    private static int[] grid(int side) {
        int[] starts = new int[side * side + 1];
        for (int cell = 0; cell < side * side; cell++) {
            starts[cell + 1] = starts[cell] + cell % 3;
        }
        return starts;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void threadsGetEveryCellOnceAndNeverShareARowOrColumn(int threads) throws Exception {
        int side = 7;
        BlockScheduler scheduler = new BlockScheduler(grid(side), new SplittableRandom(threads));
        int[] handedOut = new int[side * side];
        int[] rowsRunning = new int[side];
        int[] columnsRunning = new int[side];
        List<String> clashes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int cell = scheduler.next(-1); cell >= 0; ) {
                        synchronized (handedOut) {
                            handedOut[cell]++;
                            if (++rowsRunning[cell / side] > 1 || ++columnsRunning[cell % side] > 1) {
                                clashes.add("cell " + cell);
                            }
                        }
                        Thread.yield();
                        synchronized (handedOut) {
                            rowsRunning[cell / side]--;
                            columnsRunning[cell % side]--;
                        }
                        cell = scheduler.next(cell);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(clashes).isEmpty();
        assertThat(handedOut).containsOnly(1);
    }

    @Test
    void oneThreadGetsTheCellsInARandomOrderThatFollowsTheSeed() throws Exception {
        int[] first = drain(new BlockScheduler(grid(5), new SplittableRandom(1)));
        assertThat(drain(new BlockScheduler(grid(5), new SplittableRandom(1)))).containsExactly(first);
        assertThat(drain(new BlockScheduler(grid(5), new SplittableRandom(2)))).isNotEqualTo(first);
        assertThat(first).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 25).toArray());
    }

    private static int[] drain(BlockScheduler scheduler) throws InterruptedException {
        int[] cells = new int[25];
        int count = 0;
        for (int cell = scheduler.next(-1); cell >= 0; cell = scheduler.next(cell)) {
            cells[count++] = cell;
        }
        assertThat(count).isEqualTo(25);
        return cells;
    }

    @Test
    void stoppingReleasesAThreadWaitingForARowAnotherThreadHolds() throws Exception {
        // A 2 × 2 grid with two cells running: the other two share a row or column with them.
        BlockScheduler busy = new BlockScheduler(grid(2), new SplittableRandom(3));
        int held = busy.next(-1);
        int second = busy.next(-1);
        assertThat(second / 2).as("a free cell shares neither row nor column").isNotEqualTo(held / 2);
        assertThat(second % 2).isNotEqualTo(held % 2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> waiting = pool.submit(() -> busy.next(-1));
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
            busy.stop();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBlocksMustFormASquareGrid() {
        assertThatThrownBy(() -> new BlockScheduler(new int[] {0, 1, 2, 3}, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square grid, got 3");
    }
}
