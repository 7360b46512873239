package org.embedrec.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.embedrec.data.ItemCatalog;
import org.embedrec.io.rows.RowSource;

/**
 * Reads an item catalog from rows with named columns (a {@code products.csv}, a {@code movies.csv}, a
 * query): an id, an optional title, an optional year, and categorical columns whose values become the
 * item's categories, the "genres" that {@code bpr-genres}, {@code hybrid} and every listing use.
 *
 * <p>A categorical column may be multi-valued: {@code Comedy|Drama} holds two values, split at the
 * {@linkplain Options#separator() separator}. With one categorical column the categories are its values
 * ({@code Comedy}); with several, each is prefixed by its column ({@code brand=Acme}) so that equal values
 * of different columns stay apart. An empty value, or MovieLens's {@code (no genres listed)}, means none.
 *
 * <p>A numeric column (a price, a duration) becomes categories too: each item's value falls in one of the
 * column's quartiles over the file, {@code price=Q1} (lowest quarter) to {@code price=Q4}, so that
 * feature-aware models see "cheap" and "expensive" without a scale of their own. An empty value means
 * none; a value that is not a finite number is an error.
 *
 * <p>Without a title column items are titled by their ids. Without a year column the year is read from a
 * title ending in a year in parentheses, "Heat (1995)", else unknown. Items are indexed in row order; an
 * empty or repeated id, or a year that is not an integer, is an error naming the source, the line, the
 * column and the value.
 */
public final class ItemMetadataLoader {
    private static final String NO_CATEGORIES = "(no genres listed)";

    /**
     * Which columns hold what.
     *
     * @param id the id column; null takes {@code item}, else {@code id}, else the first column
     * @param title the title column; null takes {@code title} when present, {@value InteractionLoader#NONE} none
     * @param year the year column; null takes {@code year} when present, {@value InteractionLoader#NONE} none
     * @param categories the categorical columns; null takes {@code genres} and {@code category} where present
     * @param separator splits multi-valued categorical values, e.g. "|"
     * @param numeric the numeric columns, binned into quartile categories; null or empty for none
     */
    public record Options(String id, String title, String year, List<String> categories, String separator,
                          List<String> numeric) {
        /** Checks the separator. */
        public Options {
            Objects.requireNonNull(separator, "separator");
            if (separator.isEmpty()) {
                throw new IllegalArgumentException("the separator of multi-valued columns must not be empty");
            }
            categories = categories == null ? null : List.copyOf(categories);
            numeric = numeric == null ? List.of() : List.copyOf(numeric);
        }

        /** Every column by default, values split at "|". */
        public static Options defaults() {
            return new Options(null, null, null, null, "|", List.of());
        }
    }

    private final Options options;

    /** A loader with these options. */
    public ItemMetadataLoader(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Reads the catalog.
     *
     * @param itemColumn the interactions' item column name, the id column's default when the source has it
     * @throws DataFormatException for an unknown column, a bad row or a source without rows
     */
    public ItemCatalog load(RowSource rows, String itemColumn) {
        List<String> header = rows.columns();
        int id = column(rows, options.id(), itemColumn != null && header.contains(itemColumn) ? itemColumn
                : header.contains("item") ? "item" : header.contains("id") ? "id" : header.get(0), true);
        int title = column(rows, options.title(), "title", false);
        int year = column(rows, options.year(), "year", false);
        List<String> categoryNames = options.categories() != null ? options.categories()
                : header.stream().filter(name -> name.equals("genres") || name.equals("category")).toList();
        int[] categories = new int[categoryNames.size()];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = column(rows, categoryNames.get(c), null, true);
        }
        int[] numeric = new int[options.numeric().size()];
        for (int c = 0; c < numeric.length; c++) {
            numeric[c] = column(rows, options.numeric().get(c), null, true);
        }
        Pattern split = Pattern.compile(Pattern.quote(options.separator()));
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> titles = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        List<List<String>> itemCategories = new ArrayList<>();
        float[][] values = new float[numeric.length][16];
        while (rows.next()) {
            String itemId = rows.value(id);
            if (itemId == null || itemId.isEmpty()) {
                throw error(rows, id, itemId, "is missing (no item id)");
            }
            if (!seen.add(itemId)) {
                throw error(rows, id, itemId, "appears twice (each item needs one row)");
            }
            String itemTitle = title < 0 ? null : rows.value(title);
            if (itemTitle == null || itemTitle.isBlank()) {
                itemTitle = itemId;
            }
            int itemYear = ItemCatalog.UNKNOWN_YEAR;
            if (year >= 0) {
                String text = rows.value(year);
                if (text != null && !text.isEmpty()) {
                    try {
                        itemYear = Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw error(rows, year, text, "is not a year (an integer)");
                    }
                }
            } else {
                itemYear = ReleaseYears.fromTitle(itemTitle);
            }
            List<String> found = new ArrayList<>();
            for (int c = 0; c < categories.length; c++) {
                String text = rows.value(categories[c]);
                if (text == null || text.isBlank() || text.equals(NO_CATEGORIES)) {
                    continue;
                }
                for (String value : split.split(text)) {
                    String category = value.strip();
                    if (!category.isEmpty()) {
                        found.add(categories.length == 1 && numeric.length == 0 ? category : categoryNames.get(c) + "=" + category);
                    }
                }
            }
            int item = ids.size();
            for (int c = 0; c < numeric.length; c++) {
                if (item == values[c].length) {
                    values[c] = Arrays.copyOf(values[c], item * 2);
                }
                values[c][item] = number(rows, numeric[c]);
            }
            ids.add(itemId);
            titles.add(itemTitle.strip());
            years.add(itemYear);
            itemCategories.add(found);
        }
        if (ids.isEmpty()) {
            throw new DataFormatException(Path.of(rows.name()), rows.name() + " lists no items");
        }
        for (int c = 0; c < numeric.length; c++) {
            float[] cuts = quartileCuts(Arrays.copyOf(values[c], ids.size()));
            for (int item = 0; item < ids.size(); item++) {
                float value = values[c][item];
                if (!Float.isNaN(value)) {
                    int quartile = 1;
                    while (quartile < 4 && value > cuts[quartile - 1]) {
                        quartile++;
                    }
                    itemCategories.get(item).add(options.numeric().get(c) + "=Q" + quartile);
                }
            }
        }
        for (int item = 0; item < ids.size(); item++) {
            catalog.add(ids.get(item), titles.get(item), years.get(item), itemCategories.get(item));
        }
        return catalog.build();
    }

    /** The value of a numeric column, NaN when empty. */
    private static float number(RowSource rows, int column) {
        String text = rows.value(column);
        if (text == null || text.isEmpty()) {
            return Float.NaN;
        }
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw error(rows, column, text, "is not a number");
        }
        if (!Float.isFinite(value)) {
            throw error(rows, column, text, "is not a finite number");
        }
        return value;
    }

    /**
     * The upper bounds of the first three quartiles of the non-NaN {@code values}: a value {@code <= cuts[0]}
     * is in Q1, {@code <= cuts[1]} in Q2, {@code <= cuts[2]} in Q3, any larger in Q4 (nearest-rank quantiles).
     */
    static float[] quartileCuts(float[] values) {
        float[] present = new float[values.length];
        int count = 0;
        for (float value : values) {
            if (!Float.isNaN(value)) {
                present[count++] = value;
            }
        }
        Arrays.sort(present, 0, count);
        float[] cuts = new float[3];
        for (int q = 1; q <= 3; q++) {
            cuts[q - 1] = count == 0 ? Float.POSITIVE_INFINITY : present[Math.max(0, (int) Math.ceil(q * count / 4.0) - 1)];
        }
        return cuts;
    }

    /** The index of the column named {@code given} (else {@code fallback}); -1 when optional and absent. */
    private static int column(RowSource rows, String given, String fallback, boolean required) {
        if (InteractionLoader.NONE.equals(given)) {
            return -1;
        }
        String name = given != null ? given : fallback;
        int index = name == null ? -1 : rows.columns().indexOf(name);
        if (index < 0 && (given != null || required)) {
            throw new DataFormatException(Path.of(rows.name()), rows.name() + ": no column \"" + name
                    + "\"; the header found: " + String.join(",", rows.columns()));
        }
        return index;
    }

    private static DataFormatException error(RowSource rows, int column, String value, String problem) {
        return new DataFormatException(Path.of(rows.name()), InteractionLoader.badValue(rows, column, value, problem));
    }
}
