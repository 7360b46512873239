package org.embedrec.io.rows;

import java.util.List;
import java.util.Objects;

/**
 * Columns of a whole source read at once instead of row by row (see {@link ColumnarSource}): each
 * requested column dictionary-encoded, as the distinct values in order of first appearance and one
 * code per row into them, and optionally one column of integers.
 *
 * <p>A dictionary value is the text {@link RowSource#value} would give for it ({@code null} for a
 * missing value), so a loader validates each distinct value once, with the same rules as row by row.
 *
 * @param rows the number of rows
 * @param dictionaries per requested column, its distinct values in order of first appearance
 * @param codes per requested column, the index into its dictionary of each row's value, in row order (the
 *     reader of the columns owns these arrays, as the integers: it may overwrite them)
 * @param integers the integer column's value per row, in row order, or null when none was requested
 */
public record EncodedColumns(int rows, List<List<String>> dictionaries, List<int[]> codes, long[] integers) {
    /** Checks that every column has one code per row and that every code lies in its dictionary. */
    public EncodedColumns {
        dictionaries = List.copyOf(dictionaries.stream().map(java.util.Collections::unmodifiableList).toList());
        codes = List.copyOf(codes);
        if (dictionaries.size() != codes.size()) {
            throw new IllegalArgumentException(dictionaries.size() + " dictionaries but " + codes.size() + " code columns");
        }
        if (integers != null && integers.length != rows) {
            throw new IllegalArgumentException("the integer column has " + integers.length + " values for " + rows + " rows");
        }
        for (int c = 0; c < codes.size(); c++) {
            int[] column = Objects.requireNonNull(codes.get(c), "codes");
            int size = dictionaries.get(c).size();
            if (column.length != rows) {
                throw new IllegalArgumentException("code column " + c + " has " + column.length + " codes for " + rows + " rows");
            }
            for (int row = 0; row < rows; row++) {
                if (column[row] < 0 || column[row] >= size) {
                    throw new IllegalArgumentException("code column " + c + ", row " + (row + 1) + ": code " + column[row]
                            + " outside its dictionary of " + size + " values");
                }
            }
        }
    }
}
