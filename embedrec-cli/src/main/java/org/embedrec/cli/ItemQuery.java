package org.embedrec.cli;

import java.util.Locale;
import org.embedrec.data.ItemCatalog;

/**
 * Resolves an item reference typed by a user: an exact item id; else a title fragment matching one
 * title; else the one title equal to it apart from case and release year ("alien" is "Alien (1979)").
 * Anything else is an error that lists the candidates. The command line, the page and the API follow
 * this one rule; when an exact title wins over other titles containing the words, a note on
 * {@code out} names them, so the choice is never silent.
 */
final class ItemQuery {
    private static final int LISTED = 10;

    private ItemQuery() {
    }

    /** Whether {@code title} is {@code query}, ignoring case and a trailing release year "(1979)". */
    static boolean sameTitle(String title, String query) {
        String wanted = query.strip();
        return title.equalsIgnoreCase(wanted) || title.replaceFirst("\\s*\\(\\d{4}\\)\\s*$", "").equalsIgnoreCase(wanted);
    }

    static int resolve(ItemCatalog catalog, String query, java.io.PrintStream out) {
        int byId = catalog.items().tryIndex(query.strip());
        if (byId >= 0) {
            return byId;
        }
        int[] matches = catalog.search(query);
        if (matches.length == 0) {
            throw new IllegalArgumentException("no item has the id or a title containing '" + query + "'");
        }
        int exact = -1;
        int exactCount = 0;
        for (int item : matches) {
            if (sameTitle(catalog.title(item), query)) {
                exact = item;
                exactCount++;
            }
        }
        if (matches.length == 1) {
            return matches[0];
        }
        if (exactCount == 1) {
            out.printf(Locale.ROOT, "'%s' is %s (id %s); %d other titles contain it, pick one by id if you meant it:%n",
                    query, catalog.title(exact), catalog.items().id(exact), matches.length - 1);
            int listed = 0;
            for (int k = 0; k < matches.length && listed < LISTED; k++) {
                if (matches[k] != exact) {
                    out.printf(Locale.ROOT, "  %-8s %s%n", catalog.items().id(matches[k]), catalog.title(matches[k]));
                    listed++;
                }
            }
            return exact;
        }
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                "'%s' is ambiguous: %d titles contain it; use an id or a longer title:", query, matches.length));
        for (int k = 0; k < Math.min(LISTED, matches.length); k++) {
            message.append(System.lineSeparator()).append(String.format(Locale.ROOT, "  %-8s %s",
                    catalog.items().id(matches[k]), catalog.title(matches[k])));
        }
        if (matches.length > LISTED) {
            message.append(System.lineSeparator()).append("  ... and ").append(matches.length - LISTED).append(" more");
        }
        throw new IllegalArgumentException(message.toString());
    }
}
