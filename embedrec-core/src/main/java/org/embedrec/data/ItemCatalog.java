package org.embedrec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Descriptions of the items of a data set, aligned with its item {@link IdIndex}: a title, a
 * release year (0 when unknown) and a set of genres per item index.
 *
 * <p>Genres are stored as indices into {@link #genreNames()}, so a multi-hot genre vector or a
 * genre-tag embedding can be built without string lookups. Immutable.
 */
public final class ItemCatalog {
    /** Year value of an item whose release year is unknown. */
    public static final int UNKNOWN_YEAR = 0;

    private final IdIndex items;
    private final String[] titles;
    private final int[] years;
    private final int[][] genres;
    private final List<String> genreNames;

    private ItemCatalog(IdIndex items, String[] titles, int[] years, int[][] genres, List<String> genreNames) {
        this.items = items;
        this.titles = titles;
        this.years = years;
        this.genres = genres;
        this.genreNames = genreNames;
    }

    /** Starts an empty catalog. */
    public static Builder builder() {
        return new Builder();
    }

    /** A catalog for {@code items} that knows nothing but the ids (titles are the ids). */
    public static ItemCatalog untitled(IdIndex items) {
        Builder builder = builder();
        for (String id : items.ids()) {
            builder.add(id, id, UNKNOWN_YEAR, List.of());
        }
        return builder.build();
    }

    /** The item id index this catalog is aligned with. */
    public IdIndex items() {
        return items;
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    /** Title of item {@code item}. */
    public String title(int item) {
        return titles[item];
    }

    /** Release year of item {@code item}, or {@link #UNKNOWN_YEAR}. */
    public int year(int item) {
        return years[item];
    }

    /** Genre indices (into {@link #genreNames()}) of item {@code item}, in the order the source lists them. */
    public int[] genreIndices(int item) {
        return genres[item].clone();
    }

    /** Genre names of item {@code item}, in the order the source lists them. */
    public List<String> genres(int item) {
        List<String> names = new ArrayList<>(genres[item].length);
        for (int g : genres[item]) {
            names.add(genreNames.get(g));
        }
        return names;
    }

    /** All genre names, in index order. */
    public List<String> genreNames() {
        return genreNames;
    }

    /**
     * Items whose title contains {@code fragment}, ignoring case; an exact (case-insensitive) title
     * match comes first. Returns item indices in index order otherwise.
     */
    public int[] search(String fragment) {
        String needle = fragment.toLowerCase(Locale.ROOT).strip();
        List<Integer> exact = new ArrayList<>();
        List<Integer> partial = new ArrayList<>();
        for (int item = 0; item < titles.length; item++) {
            String title = titles[item].toLowerCase(Locale.ROOT);
            if (title.equals(needle)) {
                exact.add(item);
            } else if (title.contains(needle)) {
                partial.add(item);
            }
        }
        exact.addAll(partial);
        return exact.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * This catalog extended to cover every id of {@code index} (in that index's order); ids the
     * catalog does not know get their id as title and no genres. Used when ratings mention items
     * that the item file lacks.
     */
    public ItemCatalog alignedTo(IdIndex index) {
        if (index.equals(items)) {
            return this;
        }
        Builder builder = builder();
        builder.genreNames.addAll(genreNames);
        for (String id : index.ids()) {
            int known = items.tryIndex(id);
            if (known >= 0) {
                builder.add(id, titles[known], years[known], genres(known));
            } else {
                builder.add(id, id, UNKNOWN_YEAR, List.of());
            }
        }
        return builder.build();
    }

    /** Collects items in order; genre names are indexed in first-seen order. */
    public static final class Builder {
        private final IdIndex.Builder items = IdIndex.builder();
        private final List<String> titles = new ArrayList<>();
        private final List<Integer> years = new ArrayList<>();
        private final List<int[]> genres = new ArrayList<>();
        private final List<String> genreNames = new ArrayList<>();

        private Builder() {
        }

        /** Declares a genre name up front so that it gets the next genre index. */
        public Builder genre(String name) {
            genreIndex(name);
            return this;
        }

        /**
         * Adds an item and returns its index.
         *
         * @throws IllegalArgumentException if the id was added before
         */
        public int add(String id, String title, int year, List<String> genreList) {
            Objects.requireNonNull(title, "title");
            int before = items.size();
            int index = items.add(id);
            if (index != before) {
                throw new IllegalArgumentException("duplicate item id '" + id + "'");
            }
            titles.add(title);
            years.add(year);
            int[] g = genreList.stream().mapToInt(this::genreIndex).distinct().toArray();
            genres.add(g);
            return index;
        }

        /** The index of {@code id} if added, else -1. */
        public int tryIndex(String id) {
            return items.tryIndex(id);
        }

        private int genreIndex(String name) {
            int index = genreNames.indexOf(name);
            if (index < 0) {
                genreNames.add(name);
                index = genreNames.size() - 1;
            }
            return index;
        }

        /** Freezes the catalog. */
        public ItemCatalog build() {
            return new ItemCatalog(items.build(), titles.toArray(String[]::new),
                    years.stream().mapToInt(Integer::intValue).toArray(), genres.toArray(int[][]::new),
                    Collections.unmodifiableList(new ArrayList<>(genreNames)));
        }
    }

    @Override
    public String toString() {
        return "ItemCatalog[" + size() + " items, genres " + genreNames + "]";
    }

    /** Whether two catalogs describe the same items identically. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ItemCatalog other && items.equals(other.items) && Arrays.equals(titles, other.titles)
                && Arrays.equals(years, other.years) && Arrays.deepEquals(genres, other.genres)
                && genreNames.equals(other.genreNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, Arrays.hashCode(titles), Arrays.hashCode(years));
    }
}
