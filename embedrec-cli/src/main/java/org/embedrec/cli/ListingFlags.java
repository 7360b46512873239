package org.embedrec.cli;

import picocli.CommandLine.Option;

/** How many items a listing command shows, and the minimum training ratings an item needs to be listed. */
final class ListingFlags {
    /** The default of {@code --count} and {@code --min-ratings}, also used by {@code demo}. */
    static final int DEFAULT = 10;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10", description = "how many items (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "only list items with at least N training ratings; rarer items have noisy vectors (default ${DEFAULT-VALUE})")
    int minRatings;

    /** The count, checked. */
    int count() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        return count;
    }
}
