package org.embedrec.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Made-up movie titles in MovieLens style: a leading article moved to the end ("Silent River,
 * The"), "a.k.a." alternative titles, subtitles, lists with commas, a few accented letters and a
 * few titles with double quotes. About 30% contain a comma (MovieLens: 23%), so a CSV reader
 * that ignores quoting breaks on them.
 */
final class SyntheticTitles {
    private static final List<String> ADJECTIVES = List.of(
            "Silent", "Dark", "Last", "Broken", "Golden", "Hidden", "Lost", "Crimson", "Quiet", "Wild",
            "Frozen", "Burning", "Distant", "Secret", "Electric", "Midnight", "Bitter", "Savage", "Gentle",
            "Endless", "Hollow", "Iron", "Velvet", "Lonely", "Restless", "Final", "Invisible", "Forgotten",
            "Eternal", "Little", "Northern", "Sweet", "Strange", "Blue", "Red", "Sleeping", "Dancing");
    private static final List<String> NOUNS = List.of(
            "River", "Road", "City", "Kingdom", "Garden", "Heart", "Storm", "Mirror", "Empire", "Harbor",
            "Station", "Frontier", "Summer", "Winter", "Island", "Promise", "Shadow", "Horizon", "Letter",
            "Machine", "Witness", "Stranger", "Valley", "Tower", "Orchard", "Lighthouse", "Carnival",
            "Detective", "Mountain", "Symphony", "Bridge", "Train", "Secret", "Hotel", "Game", "Dream");
    private static final List<String> PLACES = List.of(
            "Paris", "Tokyo", "Brooklyn", "Montana", "Rome", "Havana", "Cairo", "Berlin", "Oslo", "Bombay",
            "Texas", "Vienna", "Lisbon", "Zürich", "São Paulo", "Kraków", "Reykjavík", "Marseille");
    private static final List<String> NAMES = List.of(
            "Jack", "Lola", "Harry", "Amélie", "Zoë", "Marty", "Ingrid", "Frank", "Rosa", "Kenji", "Björn",
            "Nadia", "Otto", "Lucía", "Sam", "Margot", "Ivan", "Chloé");

    private SyntheticTitles() {
    }

    /** One title without its release year. */
    static String title(SplittableRandom random) {
        int pattern = random.nextInt(100);
        if (pattern < 30) {
            return adjective(random) + " " + noun(random);
        } else if (pattern < 44) {
            return adjective(random) + " " + noun(random) + ", The";
        } else if (pattern < 49) {
            return noun(random) + " in " + place(random) + ", A";
        } else if (pattern < 58) {
            return name(random) + " and the " + adjective(random) + " " + noun(random);
        } else if (pattern < 66) {
            return noun(random) + " of " + place(random);
        } else if (pattern < 73) {
            return adjective(random) + " " + noun(random) + ": " + name(random) + "'s " + noun(random);
        } else if (pattern < 79) {
            return noun(random) + "s, " + noun(random) + "s and " + noun(random) + "s";
        } else if (pattern < 85) {
            return adjective(random) + " " + noun(random) + " " + (2 + random.nextInt(3));
        } else if (pattern < 90) {
            return name(random);
        } else if (pattern < 95) {
            return noun(random) + ", The (a.k.a. " + adjective(random) + " " + noun(random) + ")";
        } else if (pattern < 98) {
            return name(random) + " of " + place(random);
        } else {
            // Real releases contain titles with double quotes, e.g. "Great Performances" Cats (1998).
            return "\"" + adjective(random) + " " + noun(random) + "\" " + name(random);
        }
    }

    private static String adjective(SplittableRandom random) {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
    }

    private static String noun(SplittableRandom random) {
        return NOUNS.get(random.nextInt(NOUNS.size()));
    }

    private static String place(SplittableRandom random) {
        return PLACES.get(random.nextInt(PLACES.size()));
    }

    private static String name(SplittableRandom random) {
        return NAMES.get(random.nextInt(NAMES.size()));
    }
}
