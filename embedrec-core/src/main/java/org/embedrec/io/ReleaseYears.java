package org.embedrec.io;

import org.embedrec.data.ItemCatalog;

/** Release years of movies, parsed from MovieLens titles and release dates. */
final class ReleaseYears {
    private ReleaseYears() {
    }

    /**
     * The year in a title's trailing parentheses: 1995 for "Toy Story (1995)", 1994 (the first year) for
     * "Babylon 5 (1994-1998)" or "(2007-)"; trailing spaces are ignored. {@link ItemCatalog#UNKNOWN_YEAR}
     * when the title does not end in such a year.
     */
    static int fromTitle(String title) {
        String trimmed = title.strip();
        int open = trimmed.lastIndexOf('(');
        if (open < 0 || !trimmed.endsWith(")")) {
            return ItemCatalog.UNKNOWN_YEAR;
        }
        String inside = trimmed.substring(open + 1, trimmed.length() - 1).strip();
        boolean yearRange = inside.length() > 4 && (inside.charAt(4) == '-' || inside.charAt(4) == '\u2013');
        return inside.length() == 4 || yearRange ? fourDigits(inside, 0) : ItemCatalog.UNKNOWN_YEAR;
    }

    /**
     * The year of an ML-100K release date such as "01-Jan-1995" (its last four characters, after a
     * dash), or of a bare year such as "1995"; {@link ItemCatalog#UNKNOWN_YEAR} for anything else,
     * including the empty dates of a few ML-100K movies.
     */
    static int fromReleaseDate(String date) {
        String trimmed = date.strip();
        int start = trimmed.length() - 4;
        if (start < 0 || (start > 0 && trimmed.charAt(start - 1) != '-')) {
            return ItemCatalog.UNKNOWN_YEAR;
        }
        return fourDigits(trimmed, start);
    }

    private static int fourDigits(String text, int start) {
        int year = 0;
        for (int i = start; i < start + 4; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return ItemCatalog.UNKNOWN_YEAR;
            }
            year = year * 10 + (c - '0');
        }
        return year;
    }
}
