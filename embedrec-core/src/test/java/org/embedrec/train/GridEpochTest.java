package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One thread on the cells of a grid: each epoch every cell once, whole and in its own order, the cells in a random order. */
class GridEpochTest {
    /** Cell starts of a 3 × 3 grid with cells of different sizes, one of them empty. */
    private static final int[] STARTS = {0, 5, 5, 12, 20, 21, 30, 44, 50, 61};

    /** A fake grid model that records the examples of every train call. */
    private static final class Recording implements Trainable {
        final List<int[]> calls = new ArrayList<>();

        @Override
        public int exampleCount() {
            return STARTS[STARTS.length - 1];
        }

        @Override
        public int[] blockStarts() {
            return STARTS;
        }

        @Override
        public boolean blocksFormGrid() {
            return true;
        }

        @Override
        public Map<String, float[]> parameters() {
            return Map.of();
        }

        @Override
        public Worker newWorker(long seed, int threads) {
            return (order, from, to, rate) -> {
                assertThat(order).as("a grid's epochs have no order array").isNull();
                calls.add(IntStream.range(from, to).toArray());
                return 0;
            };
        }

        @Override
        public Map<String, Double> validate() {
            return Map.of();
        }
    }

    @Test
    void eachEpochTrainsEveryCellOnceInItsOwnOrderAndTheCellsInARandomOrder() {
        Recording model = new Recording();
        int epochs = 6;

        TrainingLoop.run(model, new TrainingLoop.Settings(epochs, 1, 11, LearningRateSchedule.constant(0.1), 0, "rmse"),
                TrainingListener.NONE);

        List<List<Integer>> cellOrders = new ArrayList<>();
        int call = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            List<Integer> cells = new ArrayList<>();
            for (int trained = 0; trained < model.exampleCount(); call++) {
                int[] examples = model.calls.get(call);
                int cell = cellOf(examples[0]);
                for (int k = 0; k < examples.length; k++) {
                    assertThat(examples[k]).as("epoch %d, call %d, place %d", epoch, call, k).isEqualTo(STARTS[cell] + k);
                }
                assertThat(examples.length).as("a call trains a whole cell").isEqualTo(STARTS[cell + 1] - STARTS[cell]);
                assertThat(cells).as("epoch %d trains cell %d once", epoch, cell).doesNotContain(cell);
                cells.add(cell);
                trained += examples.length;
            }
            assertThat(cells).hasSize(8); // the nine cells but the empty one
            cellOrders.add(cells);
        }
        assertThat(call).isEqualTo(model.calls.size());
        assertThat(cellOrders.stream().distinct().count()).as("the cell order changes from epoch to epoch").isGreaterThan(1);
    }

    private static int cellOf(int example) {
        int cell = 0;
        while (STARTS[cell + 1] <= example) {
            cell++;
        }
        return cell;
    }
}
