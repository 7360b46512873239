package org.embedrec.cli;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.ScoredItem;

/** A list of scored items as a table: rank, score, id, title and genres. */
final class ItemTable {
    /** What the score column holds, which decides its header and its precision. */
    enum Score {
        /** A rating the user gave: printed as the data holds it ("4.5", "3"). */
        RATING("rating"),
        /** A rating the model predicts: two decimals, finer than any rating scale's step. */
        PREDICTED_RATING("predicted"),
        /** A ranking score, only comparable within one model: three decimals. */
        RANKING_SCORE("score"),
        /** Cosine similarity of item vectors: three decimals. */
        COSINE("cosine");

        private final String header;

        Score(String header) {
            this.header = header;
        }

        String format(float value) {
            return switch (this) {
                case RATING -> new BigDecimal(Float.toString(value)).stripTrailingZeros().toPlainString();
                case PREDICTED_RATING -> String.format(Locale.ROOT, "%.2f", value);
                case RANKING_SCORE, COSINE -> String.format(Locale.ROOT, "%.3f", value);
            };
        }
    }

    private ItemTable() {
    }

    static String of(ItemCatalog catalog, List<ScoredItem> items, Score score) {
        TextTable table = new TextTable("#", score.header, "id", "title", "genres").identifiers(2);
        int rank = 1;
        for (ScoredItem scored : items) {
            table.row(rank++, score.format(scored.score()), catalog.items().id(scored.item()),
                    catalog.title(scored.item()), String.join("|", catalog.genres(scored.item())));
        }
        return table.toString();
    }
}
