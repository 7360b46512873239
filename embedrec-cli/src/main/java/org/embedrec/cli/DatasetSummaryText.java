package org.embedrec.cli;

import java.util.List;
import java.util.Locale;
import org.embedrec.data.DatasetSummary;
import org.embedrec.data.DatasetSummary.ItemStat;
import org.embedrec.data.DatasetSummary.Quantiles;
import org.embedrec.data.IdIndex;

/** {@code explore}'s text form of a {@link DatasetSummary}: fixed-width sections, one after another. */
final class DatasetSummaryText {
    private DatasetSummaryText() {
    }

    /** The whole summary as a multi-line plain-text report with fixed-width tables. */
    static String format(DatasetSummary summary) {
        int ratingCount = summary.ratingCount();
        StringBuilder out = new StringBuilder();
        out.append("Data set ").append(summary.name()).append('\n');
        line(out, "  ratings  %,12d\n", ratingCount);
        line(out, "  users    %,12d\n", summary.userCount());
        if (summary.itemCount() == summary.items().size()) {
            line(out, "  items    %,12d\n", summary.itemCount());
        } else {
            // The load line counts the catalog; here only items with a rating count.
            line(out, "  items    %,12d rated, of %,d in the catalog\n", summary.itemCount(), summary.items().size());
        }
        line(out, "  density  %11.4f%%\n", 100 * summary.density());
        line(out, "  rating   min %s  max %s  mean %.4f\n", number(summary.minRating()), number(summary.maxRating()),
                summary.meanRating());

        out.append("\nRating histogram\n");
        line(out, "  %8s %12s %7s\n", "rating", "count", "share");
        summary.ratingHistogram().forEach((level, count) ->
                line(out, "  %8s %,12d %6.2f%%\n", number(level), count, 100.0 * count / ratingCount));

        out.append("\nRatings per user and per item\n");
        line(out, "  %-5s %8s %8s %8s %8s %8s %8s %8s\n", "", "min", "25%", "median", "75%", "90%", "99%", "max");
        quantileRow(out, "user", summary.ratingsPerUser());
        quantileRow(out, "item", summary.ratingsPerItem());

        out.append("\nMost rated items\n");
        line(out, "  %4s %-10s %8s %6s  %s\n", "rank", "item", "ratings", "mean", "title");
        List<ItemStat> topItems = summary.topItems();
        for (int rank = 0; rank < topItems.size(); rank++) {
            ItemStat stat = topItems.get(rank);
            line(out, "  %4d %-10s %,8d %6.3f  %s\n", rank + 1, summary.items().id(stat.item()), stat.count(),
                    stat.meanRating(), stat.title());
        }

        appendCrosstab(out, summary);
        return out.toString();
    }

    private static void appendCrosstab(StringBuilder out, DatasetSummary summary) {
        IdIndex users = summary.users();
        IdIndex items = summary.items();
        int[] rowUsers = summary.crosstabUsers();
        double[][] crosstab = summary.crosstab();
        out.append("\nRatings of the most active users (rows) for the most rated items (columns)\n");
        line(out, "  %-8s", "user");
        for (int item : summary.crosstabItems()) {
            line(out, " %6s", clip(items.id(item), 6));
        }
        out.append('\n');
        for (int row = 0; row < rowUsers.length; row++) {
            StringBuilder cells = new StringBuilder();
            line(cells, "  %-8s", clip(users.id(rowUsers[row]), 8));
            for (double cell : crosstab[row]) {
                line(cells, " %6s", Double.isNaN(cell) ? "" : number(cell));
            }
            // Trailing blanks are empty cells; dropping them keeps the text diff-friendly.
            out.append(cells.toString().stripTrailing()).append('\n');
        }
        // The columns are ids to stay narrow; the key names them.
        out.append("  columns:\n");
        for (int item : summary.crosstabItems()) {
            line(out, "  %8s  %s\n", clip(items.id(item), 8), summary.title(item));
        }
    }

    private static void quantileRow(StringBuilder out, String label, Quantiles q) {
        line(out, "  %-5s %8s %8s %8s %8s %8s %8s %8s\n", label, number(q.min()), number(q.p25()),
                number(q.median()), number(q.p75()), number(q.p90()), number(q.p99()), number(q.max()));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args));
    }

    /** A number without a useless ".0" (counts and half-star ratings read naturally). */
    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0$", "");
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
