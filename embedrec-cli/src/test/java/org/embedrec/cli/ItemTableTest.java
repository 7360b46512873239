package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.ScoredItem;
import org.junit.jupiter.api.Test;

/** Golden output: the layout of the tables {@code recommend} and {@code similar} print. */
class ItemTableTest {
    private static ItemCatalog catalog() {
        ItemCatalog.Builder builder = ItemCatalog.builder();
        builder.add("260", "Star Wars: Episode IV - A New Hope (1977)", 1977, List.of("Action", "Adventure", "Sci-Fi"));
        builder.add("1", "Toy Story (1995)", 1995, List.of("Adventure", "Animation"));
        builder.add("104374", "About Time (2013)", 2013, List.of("Drama"));
        return builder.build();
    }

    @Test
    void similarItemsLeftAlignTextAndRightAlignNumbers() {
        String table = ItemTable.of(catalog(), List.of(new ScoredItem(1, 0.91234f), new ScoredItem(0, -0.05f),
                new ScoredItem(2, 0.5f)), ItemTable.Score.COSINE);
        assertThat(table.lines()).containsExactly(
                "#  cosine  id      title                                      genres",
                "1   0.912  1       Toy Story (1995)                           Adventure|Animation",
                "2  -0.050  260     Star Wars: Episode IV - A New Hope (1977)  Action|Adventure|Sci-Fi",
                "3   0.500  104374  About Time (2013)                          Drama");
    }

    @Test
    void ratingsKeepTheDataPrecisionAndPredictionsTwoDecimals() {
        List<ScoredItem> items = List.of(new ScoredItem(0, 4.5f), new ScoredItem(1, 3f));
        assertThat(ItemTable.of(catalog(), items, ItemTable.Score.RATING).lines()).containsExactly(
                "#  rating  id   title                                      genres",
                "1     4.5  260  Star Wars: Episode IV - A New Hope (1977)  Action|Adventure|Sci-Fi",
                "2       3  1    Toy Story (1995)                           Adventure|Animation");
        assertThat(ItemTable.of(catalog(), items, ItemTable.Score.PREDICTED_RATING).lines()).element(1)
                .isEqualTo("1       4.50  260  Star Wars: Episode IV - A New Hope (1977)  Action|Adventure|Sci-Fi");
    }
}
