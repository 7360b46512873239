package org.embedrec.cli;

import java.util.List;
import java.util.Locale;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.ScoredItem;

/** A list of scored items as a table: rank, score, id, title and genres. */
final class ItemTable {
    private ItemTable() {
    }

    static String of(ItemCatalog catalog, List<ScoredItem> items, String scoreName) {
        TextTable table = new TextTable("#", scoreName, "id", "title", "genres");
        int rank = 1;
        for (ScoredItem scored : items) {
            table.row(rank++, String.format(Locale.ROOT, "%.3f", scored.score()), catalog.items().id(scored.item()),
                    catalog.title(scored.item()), String.join("|", catalog.genres(scored.item())));
        }
        return table.toString();
    }
}
