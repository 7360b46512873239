package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedrec.data.Dataset;
import org.embedrec.data.DatasetSummary;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.junit.jupiter.api.Test;

/** {@code explore}'s text form of a data set summary. */
class DatasetSummaryTextTest {
    /**
     * Four rating users (u5 has none) and five rated movies (m6 has none). Counts per user 4, 3, 2, 2
     * (u3 and u4 tie); per movie 3, 3, 3, 1, 1 (m1..m3 tie, m4 and m5 tie). Rows are interleaved.
     */
    private static Dataset small() {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int m = 1; m <= 6; m++) {
            catalog.add("m" + m, "Movie " + m + " (200" + m + ")", 2000 + m, List.of());
        }
        ItemCatalog movies = catalog.build();
        IdIndex users = IdIndex.of(List.of("u1", "u2", "u3", "u4", "u5"));
        Ratings ratings = Ratings.builder()
                .add(0, 0, 4, 10).add(1, 0, 5, 11).add(2, 0, 3, 12).add(3, 1, 0.5f, 13)
                .add(0, 1, 3.5f, 14).add(1, 1, 3.5f, 15).add(2, 2, 4.5f, 16).add(0, 2, 5, 17)
                .add(1, 2, 2, 18).add(3, 4, 3, 19).add(0, 3, 1, 20)
                .build(users, movies.items());
        return new Dataset("small", ratings, movies);
    }

    @Test
    void everySectionIsFixedWidthText() {
        String text = DatasetSummaryText.format(DatasetSummary.of(small(), 3));

        assertThat(text).startsWith("Data set small\n");
        assertThat(text).contains(
                "  ratings            11\n",
                "  users               4\n",
                "  density      55.0000%\n",
                "  rating   min 0.5  max 5  mean 3.1818\n",
                "       3.5            2  18.18%\n",
                "  user         2        2      2.5     3.25      3.7     3.97        4\n",
                "     1 m1                3  4.000  Movie 1 (2001)\n",
                "     3 m3                3  3.833  Movie 3 (2003)\n",
                "  u4                 0.5                    3\n",
                "  items               5 rated, of 6 in the catalog\n");
        // Movie 4 is not among the top three, so it appears only in the crosstab's column key.
        assertThat(text).endsWith("  columns:\n"
                + "        m1  Movie 1 (2001)\n"
                + "        m2  Movie 2 (2002)\n"
                + "        m3  Movie 3 (2003)\n"
                + "        m4  Movie 4 (2004)\n"
                + "        m5  Movie 5 (2005)\n");
    }

    @Test
    void emptyDataIsFormattedRatherThanFailing() {
        IdIndex none = IdIndex.of(List.of());
        String text = DatasetSummaryText.format(DatasetSummary.of(Dataset.of("empty", Ratings.builder().build(none, none))));

        assertThat(text).contains("  ratings             0\n");
    }
}
