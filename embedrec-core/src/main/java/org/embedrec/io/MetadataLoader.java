package org.embedrec.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.UserAttributes;
import org.embedrec.io.rows.RowSource;

/**
 * Reads item or user metadata from rows with named columns (a {@code products.csv}, a {@code movies.csv},
 * a {@code users.csv}, a query): an id, an optional title, and categorical and numeric columns whose values
 * become categories. Items ({@link #loadItems}) become an {@link ItemCatalog}, whose categories are the
 * "genres" that {@code bpr-genres}, {@code hybrid} and every listing use, with an optional year; users
 * ({@link #loadUsers}) become {@link UserAttributes}, shown wherever a user is shown. Both go through one
 * reader, so their columns are resolved, split and validated alike.
 *
 * <p>A categorical column may be multi-valued: {@code Comedy|Drama} holds two values, split at the
 * {@linkplain Options#separator() separator}. An item's categories from one categorical column are its
 * values ({@code Comedy}); from several, and a user's always, each is prefixed by its column
 * ({@code brand=Acme}, {@code favourite_category=Books}) so that equal values of different columns stay
 * apart. An empty value, or MovieLens's {@code (no genres listed)}, means none.
 *
 * <p>A numeric column (a price, an age) becomes categories too: each value falls in one of the column's
 * quartiles over the file, {@code price=Q1} (lowest quarter) to {@code price=Q4}, so that feature-aware
 * models see "cheap" and "expensive" without a scale of their own. An empty value means none; a value
 * that is not a finite number is an error.
 *
 * <p>Without a title column items are titled by their ids. Without a year column an item's year is read
 * from a title ending in a year in parentheses, "Heat (1995)", else unknown. Rows are indexed in order; an
 * empty or repeated id, or a year that is not an integer, is an error naming the source, the line, the
 * column and the value; an unknown column is an error listing the header found.
 */
public final class MetadataLoader {
    private static final String NO_CATEGORIES = "(no genres listed)";

    /**
     * Which columns hold what.
     *
     * @param id the id column; null takes the interactions' item (user) column when present, else {@code item}
     *     ({@code user}), else {@code id}, else the first column
     * @param title the title column; null takes {@code title} when present, {@value InteractionLoader#NONE} none
     * @param year the year column of items; null takes {@code year} when present, {@value InteractionLoader#NONE} none
     * @param categories the categorical columns; null takes, for items, {@code genres} and {@code category} where
     *     present, for users every column but the id and title
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
    public MetadataLoader(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Reads an item catalog.
     *
     * @param itemColumn the interactions' item column name, the id column's default when the source has it
     * @throws DataFormatException for an unknown column, a bad row or a source without rows
     */
    public ItemCatalog loadItems(RowSource rows, String itemColumn) {
        Table table = read(rows, itemColumn, "item");
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int item = 0; item < table.ids().size(); item++) {
            catalog.add(table.ids().get(item), table.titles().get(item), table.years().get(item), table.categories().get(item));
        }
        return catalog.build();
    }

    /**
     * Reads user attributes: each user's categories, and a title (a name) when there is a title column.
     *
     * @param userColumn the interactions' user column name, the id column's default when the source has it
     * @throws DataFormatException for an unknown column, a bad row or a source without rows
     */
    public UserAttributes loadUsers(RowSource rows, String userColumn) {
        Table table = read(rows, userColumn, "user");
        List<List<String>> attributes = new ArrayList<>();
        for (int user = 0; user < table.ids().size(); user++) {
            List<String> shown = new ArrayList<>();
            if (!table.titles().get(user).equals(table.ids().get(user))) {
                shown.add(table.titleColumn() + "=" + table.titles().get(user));
            }
            shown.addAll(table.categories().get(user));
            attributes.add(shown);
        }
        return new UserAttributes(IdIndex.of(table.ids()), attributes);
    }

    /** The rows read: ids in row order, their titles (the id without one), years and categories. */
    private record Table(List<String> ids, List<String> titles, List<Integer> years, List<List<String>> categories,
                         String titleColumn) {
    }

    /** Reads the rows of {@code kind} ("item" or "user"), the id column defaulting to {@code idColumn}. */
    private Table read(RowSource rows, String idColumn, String kind) {
        boolean users = kind.equals("user");
        List<String> header = rows.columns();
        int id = column(rows, options.id(), idColumn != null && header.contains(idColumn) ? idColumn
                : header.contains(kind) ? kind : header.contains("id") ? "id" : header.get(0), true);
        int title = column(rows, options.title(), "title", false);
        int year = users ? -1 : column(rows, options.year(), "year", false);
        List<String> categoryNames = options.categories() != null ? options.categories()
                : header.stream().filter(name -> users ? !name.equals(header.get(id)) && (title < 0 || !name.equals(header.get(title)))
                        && !options.numeric().contains(name) : name.equals("genres") || name.equals("category")).toList();
        int[] categories = new int[categoryNames.size()];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = column(rows, categoryNames.get(c), null, true);
        }
        int[] numeric = new int[options.numeric().size()];
        for (int c = 0; c < numeric.length; c++) {
            numeric[c] = column(rows, options.numeric().get(c), null, true);
        }
        boolean prefixed = users || categories.length != 1 || numeric.length != 0;
        Pattern split = Pattern.compile(Pattern.quote(options.separator()));
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> titles = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        List<List<String>> itemCategories = new ArrayList<>();
        float[][] values = new float[numeric.length][16];
        while (rows.next()) {
            String itemId = rows.value(id);
            if (itemId == null || itemId.isEmpty()) {
                throw error(rows, id, itemId, "is missing (no " + kind + " id)");
            }
            if (!seen.add(itemId)) {
                throw error(rows, id, itemId, "appears twice (each " + kind + " needs one row)");
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
            } else if (!users) {
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
                        found.add(prefixed ? categoryNames.get(c) + "=" + category : category);
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
            throw new DataFormatException(Path.of(rows.name()), rows.name() + " lists no " + kind + "s");
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
        return new Table(ids, titles, years, itemCategories, title < 0 ? "title" : header.get(title));
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
