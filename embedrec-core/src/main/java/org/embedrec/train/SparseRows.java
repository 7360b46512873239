package org.embedrec.train;

import java.util.Arrays;

/**
 * One side of a sparse matrix, row-compressed: row {@code r}'s entries are the columns
 * {@code indices[starts[r] .. starts[r + 1])} with the values {@code values[...]} at the same
 * positions. The alternating least-squares trainers solve one row at a time over these, by user and
 * then, through {@link #transpose}, by item; each builds its rows by its own rules (every rating, or
 * the positives merged per pair).
 */
public final class SparseRows {
    /** Where each row starts in {@link #indices} and {@link #values}; one more entry than rows. */
    public final int[] starts;
    /** The column of each entry. */
    public final int[] indices;
    /** The value of each entry. */
    public final float[] values;

    /**
     * The rows given by {@code starts} over {@code indices} and {@code values} (not copied).
     *
     * @throws IllegalArgumentException if the arrays do not fit together
     */
    public SparseRows(int[] starts, int[] indices, float[] values) {
        if (starts.length == 0 || indices.length != values.length || starts[starts.length - 1] != indices.length) {
            throw new IllegalArgumentException("row starts end at " + (starts.length == 0 ? "nothing" : starts[starts.length - 1])
                    + " but there are " + indices.length + " indices and " + values.length + " values");
        }
        this.starts = starts;
        this.indices = indices;
        this.values = values;
    }

    /** The same entries by the other side ({@code columns} rows), each new row's in this side's row order. */
    public SparseRows transpose(int columns) {
        int[] columnStarts = new int[columns + 1];
        for (int index : indices) {
            columnStarts[index + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            columnStarts[c + 1] += columnStarts[c];
        }
        int[] next = Arrays.copyOf(columnStarts, columns);
        int[] rowsOf = new int[indices.length];
        float[] valuesOf = new float[indices.length];
        for (int row = 0; row < rows(); row++) {
            for (int k = starts[row]; k < starts[row + 1]; k++) {
                int slot = next[indices[k]]++;
                rowsOf[slot] = row;
                valuesOf[slot] = values[k];
            }
        }
        return new SparseRows(columnStarts, rowsOf, valuesOf);
    }

    /** The number of rows. */
    public int rows() {
        return starts.length - 1;
    }

    /** The number of entries of {@code row}. */
    public int count(int row) {
        return starts[row + 1] - starts[row];
    }

    /** The number of entries. */
    public int size() {
        return indices.length;
    }
}
