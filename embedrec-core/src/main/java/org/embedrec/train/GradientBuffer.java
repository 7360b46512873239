package org.embedrec.train;

import java.util.Arrays;

/**
 * Accumulates the gradient of one mini-batch for one parameter table, row by row, so that the
 * optimizer then updates each touched row once: a sparse gradient. One buffer per table per
 * training thread; {@link #flush} applies and clears it.
 */
public final class GradientBuffer {
    private final int width;
    private final int[] slotOfRow;
    private int[] rowOfSlot;
    private float[] gradient;
    private int slots;

    public GradientBuffer(int rows, int width, int expectedRowsPerBatch) {
        this.width = width;
        this.slotOfRow = new int[rows];
        Arrays.fill(slotOfRow, -1);
        int capacity = Math.max(1, expectedRowsPerBatch);
        this.rowOfSlot = new int[capacity];
        this.gradient = new float[capacity * width];
    }

    /** The offset in {@link #gradient()} where the gradient of {@code row} accumulates. */
    public int offset(int row) {
        int slot = slotOfRow[row];
        if (slot < 0) {
            if (slots == rowOfSlot.length) {
                rowOfSlot = Arrays.copyOf(rowOfSlot, slots * 2);
                gradient = Arrays.copyOf(gradient, slots * 2 * width);
            }
            slot = slots++;
            slotOfRow[row] = slot;
            rowOfSlot[slot] = row;
        }
        return slot * width;
    }

    /** The accumulation array; valid until the next {@link #offset} call may grow it. */
    public float[] gradient() {
        return gradient;
    }

    /** Applies every accumulated row gradient with {@code updater}, clears the buffer and ends the step ({@link RowUpdater#finishStep}). */
    public void flush(RowUpdater updater, float rate, long step) {
        for (int slot = 0; slot < slots; slot++) {
            int row = rowOfSlot[slot];
            updater.update(row, gradient, slot * width, rate, step);
            slotOfRow[row] = -1;
        }
        Arrays.fill(gradient, 0, slots * width, 0f);
        slots = 0;
        updater.finishStep(rate, step);
    }
}
