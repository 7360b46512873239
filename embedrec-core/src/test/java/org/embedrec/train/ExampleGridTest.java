package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocked (user block, item block) example order: the grid's size, its cells, and the loop's blocked shuffle. */
class ExampleGridTest {
    @Test
    void theGridSideIsOneWhileTablesAndExamplesFitInCacheAndFollowsTheItemTableAfter() {
        assertThat(ExampleGrid.side(671, 9_066, 64, 90_000)).as("ml-latest-small").isEqualTo(1);
        assertThat(ExampleGrid.side(6_040, 3_700, 64, 900_000)).as("ML-1M").isEqualTo(4);
        int side = ExampleGrid.side(162_000, 59_000, 64, 22_500_000);
        assertThat(side).as("ML-25M").isEqualTo(29);
        // One block's item rows fit the budget, and one block fewer would not.
        assertThat((59_000 + side - 1) / side * 64L * 4).isLessThanOrEqualTo(ExampleGrid.BLOCK_ITEM_BYTES);
        assertThat((59_000 + side - 2) / (side - 1) * 64L * 4).isGreaterThan(ExampleGrid.BLOCK_ITEM_BYTES);
        assertThat(ExampleGrid.side(10_000_000, 1_000_000, 128, 100_000_000)).isEqualTo(256);
        // Blocks of 1 MiB: ceil(59,000 · 256 B / 1 MiB).
        assertThat(ExampleGrid.side(162_000, 59_000, 64, 22_500_000, 1L << 20)).as("ML-25M, 1 MiB blocks").isEqualTo(15);
        assertThat(ExampleGrid.side(6_040, 3_700, 64, 900_000, 1L << 20)).as("ML-1M, 1 MiB blocks").isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void blockingIsAPermutationGroupedByGridCellThenUser(long seed) {
        Ratings ratings = RatingFixtures.random(seed, 50, 30, 600);
        assertGridOrder(ratings, 4);
    }

    /** Rows already grouped by user take the one-pass path, which must give the same order as the per-user view. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rowsGroupedByUserGiveTheSameOrderAsThePerUserView(long seed) {
        Ratings shuffled = RatingFixtures.random(seed, 50, 30, 600);
        int[] byUser = new int[shuffled.size()];
        for (int position = 0; position < byUser.length; position++) {
            byUser[position] = shuffled.byUser().row(position);
        }
        Ratings grouped = shuffled.subset(byUser);
        assertThat(java.util.stream.IntStream.range(1, shuffled.size()).anyMatch(row -> shuffled.user(row) < shuffled.user(row - 1)))
                .as("the fixture is not grouped by user, so it takes the per-user view").isTrue();
        int side = 4;
        int[] groupedRows = assertGridOrder(grouped, side);
        int[] shuffledRows = assertGridOrder(shuffled, side);
        for (int k = 0; k < groupedRows.length; k++) {
            // Row r of the grouped data is row byUser[r] of the shuffled data.
            assertThat(byUser[groupedRows[k]]).as("position %d", k).isEqualTo(shuffledRows[k]);
        }
    }

    /** Checks the grid order of {@code ratings} and returns the row at each position. */
    private static int[] assertGridOrder(Ratings ratings, int side) {
        int[] rows = new int[ratings.size()];
        Arrays.fill(rows, -1);
        int[] starts = ExampleGrid.blockByGrid(ratings, side, (position, row) -> {
            assertThat(rows[position]).as("position %d is given once", position).isEqualTo(-1);
            rows[position] = row;
        });
        assertThat(starts).hasSize(side * side + 1);
        assertThat(starts[0]).isZero();
        assertThat(starts[side * side]).isEqualTo(ratings.size());
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            assertThat(sorted[k]).isEqualTo(k);
        }
        for (int cell = 0; cell < side * side; cell++) {
            for (int k = starts[cell]; k < starts[cell + 1]; k++) {
                int row = rows[k];
                assertThat(ratings.user(row) * side / 50).isEqualTo(cell / side);
                assertThat(ratings.item(row) * side / 30).isEqualTo(cell % side);
                if (k > starts[cell]) {
                    int previous = rows[k - 1];
                    // By user, then by row.
                    assertThat(ratings.user(row) > ratings.user(previous)
                            || ratings.user(row) == ratings.user(previous) && row > previous).as("position %d", k).isTrue();
                }
            }
        }
        return rows;
    }

    /** With several ways, each cell's rows are cut into nearly equal runs that take turns. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7})
    void interleavedCellsTakeTheirRunsInTurn(int ways) {
        Ratings ratings = RatingFixtures.random(ways, 50, 30, 600);
        int side = 4;
        int[] plain = new int[ratings.size()];
        int[] starts = ExampleGrid.blockByGrid(ratings, side, (position, row) -> plain[position] = row);
        // Two ints per example, to check that the examples move whole.
        int[] examples = new int[2 * plain.length];
        for (int k = 0; k < plain.length; k++) {
            examples[2 * k] = plain[k];
            examples[2 * k + 1] = -plain[k];
        }
        ExampleGrid.interleave(examples, 2, starts, ways);
        for (int cell = 0; cell < side * side; cell++) {
            // The naive way: cut the cell into runs, then deal one example of each run in turn.
            int length = starts[cell + 1] - starts[cell];
            List<List<Integer>> runs = new ArrayList<>();
            int from = starts[cell];
            for (int run = 0; run < ways; run++) {
                int size = length < ways ? (run == 0 ? length : 0) : length / ways + (run < length % ways ? 1 : 0);
                runs.add(new ArrayList<>());
                for (int k = from; k < from + size; k++) {
                    runs.get(run).add(plain[k]);
                }
                from += size;
            }
            List<Integer> expected = new ArrayList<>();
            for (int index = 0; expected.size() < length; index++) {
                for (List<Integer> run : runs) {
                    if (index < run.size()) {
                        expected.add(run.get(index));
                    }
                }
            }
            for (int k = 0; k < length; k++) {
                int position = starts[cell] + k;
                assertThat(examples[2 * position]).as("cell %d, place %d", cell, k).isEqualTo(expected.get(k));
                assertThat(examples[2 * position + 1]).isEqualTo(-expected.get(k));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void theBlockedShuffleMovesWholeBlocksAndKeepsTheirInsideOrder(long seed) {
        int[] starts = {0, 3, 3, 10, 11, 20};
        int[] order = new int[20];
        TrainingLoop.shuffle(order, starts, new SplittableRandom(seed));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < 20; k++) {
            assertThat(sorted[k]).isEqualTo(k);
        }
        int[] other = new int[20];
        TrainingLoop.shuffle(other, starts, new SplittableRandom(seed + 10));
        TrainingLoop.shuffle(order, starts, new SplittableRandom(seed));
        int position = 0;
        while (position < order.length) {
            int block = blockOf(order[position], starts);
            int size = starts[block + 1] - starts[block];
            for (int k = position; k < position + size; k++) {
                assertThat(order[k]).as("position %d keeps the block's order", k).isEqualTo(starts[block] + k - position);
            }
            position += size;
        }
    }

    private static int blockOf(int example, int[] starts) {
        int block = 0;
        while (starts[block + 1] <= example) {
            block++;
        }
        return block;
    }

}
