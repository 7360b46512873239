package org.embedrec.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.embedrec.data.ItemCatalog;

/**
 * A colouring of map points: a group index per point and the group names, for
 * {@link Charts#groupedScatter}.
 *
 * @param group group index per point
 * @param names group names, at most {@link Charts#PALETTE} length
 */
public record PointGroups(int[] group, List<String> names) {
    public PointGroups {
        names = List.copyOf(names);
    }

    /**
     * Groups items by their first genre: the most frequent genres each get a colour, the rest (and
     * items without genres) share "other".
     */
    public static PointGroups byMainGenre(ItemCatalog catalog, int[] items) {
        Map<String, Integer> frequency = new TreeMap<>();
        for (int item : items) {
            frequency.merge(mainGenre(catalog, item), 1, Integer::sum);
        }
        frequency.remove("other");
        List<String> names = new ArrayList<>(frequency.keySet());
        names.sort(Comparator.comparing((String g) -> -frequency.get(g)).thenComparing(g -> g));
        names = new ArrayList<>(names.subList(0, Math.min(names.size(), Charts.PALETTE.length - 1)));
        names.add("other");
        int[] group = new int[items.length];
        for (int p = 0; p < items.length; p++) {
            int at = names.indexOf(mainGenre(catalog, items[p]));
            group[p] = at < 0 ? names.size() - 1 : at;
        }
        return new PointGroups(group, names);
    }

    private static String mainGenre(ItemCatalog catalog, int item) {
        List<String> genres = catalog.genres(item);
        return genres.isEmpty() || genres.get(0).startsWith("(") ? "other" : genres.get(0);
    }

    /** Groups items by training rating count in powers of ten: 1-9, 10-99, 100-999, 1000+ ratings. */
    public static PointGroups byPopularity(int[] itemCounts, int[] items) {
        List<String> names = List.of("1-9 ratings", "10-99 ratings", "100-999 ratings", "1000+ ratings");
        int[] group = new int[items.length];
        for (int p = 0; p < items.length; p++) {
            int count = itemCounts[items[p]];
            group[p] = count < 10 ? 0 : count < 100 ? 1 : count < 1000 ? 2 : 3;
        }
        return new PointGroups(group, names);
    }
}
