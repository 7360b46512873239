package org.embedrec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plain fixed-width text table. The first column (what each row is about) is left-aligned; of the
 * others, columns of numbers are right-aligned so their digits line up, and text (titles, names,
 * ids) is left-aligned, as people read it. No line ends in spaces.
 */
final class TextTable {
    /** A number as the tables print one: optional sign, digits with grouping commas, decimals, exponent, percent. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?[\\d,]*\\.?\\d+(?:[eE][-+]?\\d+)?%?");

    private final List<String[]> rows = new ArrayList<>();
    private final java.util.BitSet identifiers = new java.util.BitSet();

    TextTable(String... header) {
        rows.add(header);
    }

    /** Marks {@code column} as holding identifiers: left-aligned even when they look like numbers. */
    TextTable identifiers(int column) {
        identifiers.set(column);
        return this;
    }

    TextTable row(Object... cells) {
        String[] text = new String[cells.length];
        for (int k = 0; k < cells.length; k++) {
            text[k] = String.valueOf(cells[k]);
        }
        rows.add(text);
        return this;
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns && c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            numeric[c] = c > 0 && !identifiers.get(c) && isNumeric(c);
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = c < row.length ? row[c] : "";
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** Whether every body cell of column {@code c} is a number or a dash for "none" (and one at least a number). */
    private boolean isNumeric(int c) {
        boolean any = false;
        for (String[] row : rows.subList(1, rows.size())) {
            String cell = c < row.length ? row[c].strip() : "";
            if (NUMBER.matcher(cell).matches()) {
                any = true;
            } else if (!cell.isEmpty() && !cell.equals("-")) {
                return false;
            }
        }
        return any;
    }
}
