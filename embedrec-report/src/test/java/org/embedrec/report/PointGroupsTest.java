package org.embedrec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.embedrec.data.ItemCatalog;
import org.junit.jupiter.api.Test;

class PointGroupsTest {
    @Test
    void mainGenresAreOrderedByFrequencyWithRareOnesAndNoGenreInOther() {
        ItemCatalog.Builder builder = ItemCatalog.builder();
        List<String> firstGenres = new ArrayList<>();
        // Genre g0 is the first genre of 12 items, g1 of 11, ..., g11 of 1; two items have no genre.
        for (int g = 0; g < 12; g++) {
            for (int k = 0; k < 12 - g; k++) {
                firstGenres.add("g" + g);
            }
        }
        int id = 0;
        for (String genre : firstGenres) {
            builder.add(String.valueOf(id++), "t", 2000, List.of(genre, "g0"));
        }
        builder.add(String.valueOf(id++), "t", 2000, List.of());
        builder.add(String.valueOf(id++), "t", 2000, List.of("(no genres listed)"));
        ItemCatalog catalog = builder.build();
        int[] items = java.util.stream.IntStream.range(0, catalog.size()).toArray();

        PointGroups groups = PointGroups.byMainGenre(catalog, items);

        // Seven genres get colours of their own (the palette's eight less grey for "other").
        assertThat(groups.names()).containsExactly("g0", "g1", "g2", "g3", "g4", "g5", "g6", "other");
        for (int p = 0; p < items.length; p++) {
            String expected = p < firstGenres.size() && groups.names().contains(firstGenres.get(p)) ? firstGenres.get(p) : "other";
            assertThat(groups.names().get(groups.group()[p])).as("item %d", p).isEqualTo(expected);
        }
    }

    @Test
    void popularityBucketsArePowersOfTen() {
        int[] counts = {1, 9, 10, 99, 100, 999, 1000, 5000};
        PointGroups groups = PointGroups.byPopularity(counts, new int[] {7, 0, 1, 2, 3, 4, 5, 6});
        assertThat(groups.group()).containsExactly(3, 0, 0, 1, 1, 2, 2, 3);
        assertThat(groups.names()).hasSize(4);
    }
}
