package org.embedrec.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain fixed-width text table: left-aligned first column, right-aligned others. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
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
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                String cell = c < row.length ? row[c] : "";
                String pad = " ".repeat(widths[c] - cell.length());
                out.append(c == 0 ? cell + pad : "  " + pad + cell);
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
