package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sparse gradient buffer: per-row sums within a batch, one update per touched row, then empty. */
class GradientBufferTest {
    private record Update(int row, float[] gradient, float rate, long step) {
    }

    /** A row updater that records what it is asked to apply. */
    private static final class Recorder implements RowUpdater {
        final List<Update> updates = new ArrayList<>();
        private final int width;

        Recorder(int width) {
            this.width = width;
        }

        @Override
        public void update(int row, float[] grad, int offset, float rate, long step) {
            updates.add(new Update(row, Arrays.copyOfRange(grad, offset, offset + width), rate, step));
        }
    }

    @Test
    void rowsAccumulatedTwiceAreSummedAndFlushedOnce() {
        GradientBuffer buffer = new GradientBuffer(10, 2, 4);
        add(buffer, 7, 1f, 2f);
        add(buffer, 3, 10f, 20f);
        add(buffer, 7, 0.5f, -4f);
        Recorder recorder = new Recorder(2);
        buffer.flush(recorder, 0.25f, 9);

        assertThat(recorder.updates).hasSize(2);
        Update seven = recorder.updates.stream().filter(u -> u.row() == 7).findFirst().orElseThrow();
        Update three = recorder.updates.stream().filter(u -> u.row() == 3).findFirst().orElseThrow();
        assertThat(seven.gradient()).containsExactly(1.5f, -2f);
        assertThat(three.gradient()).containsExactly(10f, 20f);
        assertThat(recorder.updates).allSatisfy(u -> {
            assertThat(u.rate()).isEqualTo(0.25f);
            assertThat(u.step()).isEqualTo(9);
        });
    }

    @Test
    void flushClearsTheBufferForTheNextBatch() {
        GradientBuffer buffer = new GradientBuffer(10, 2, 4);
        add(buffer, 7, 1f, 2f);
        buffer.flush(new Recorder(2), 1f, 1);

        Recorder empty = new Recorder(2);
        buffer.flush(empty, 1f, 2);
        assertThat(empty.updates).isEmpty();

        add(buffer, 7, 3f, 4f);
        Recorder next = new Recorder(2);
        buffer.flush(next, 1f, 3);
        assertThat(next.updates).singleElement().satisfies(u -> {
            assertThat(u.row()).isEqualTo(7);
            assertThat(u.gradient()).containsExactly(3f, 4f); // not 4, 6: the old sum is gone
        });
    }

    @Test
    void growsBeyondTheExpectedRowsWithoutLosingSums() {
        GradientBuffer buffer = new GradientBuffer(50, 3, 1);
        for (int round = 0; round < 2; round++) {
            for (int row = 0; row < 50; row += 5) {
                add(buffer, row, row + 1, -row - 1, 1f);
            }
        }
        Recorder recorder = new Recorder(3);
        buffer.flush(recorder, 1f, 1);

        assertThat(recorder.updates).extracting(Update::row).containsExactlyInAnyOrder(0, 5, 10, 15, 20, 25, 30, 35, 40, 45);
        assertThat(recorder.updates).allSatisfy(
                u -> assertThat(u.gradient()).containsExactly(2f * (u.row() + 1), -2f * (u.row() + 1), 2f));
    }

    private static void add(GradientBuffer buffer, int row, float... values) {
        int offset = buffer.offset(row);
        float[] gradient = buffer.gradient();
        for (int k = 0; k < values.length; k++) {
            gradient[offset + k] += values[k];
        }
    }
}
