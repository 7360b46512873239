package org.embedrec.server.live;

import java.util.List;
import java.util.Objects;

/**
 * What a client says about an item the served models may not know: its title, year and genres. A
 * model places a new item by these genres until users interact with it (cold start).
 *
 * @param id the item's external id
 * @param title the title, or null
 * @param year the year, or null
 * @param genres the genre names, possibly empty
 */
public record ItemMetadata(String id, String title, Integer year, List<String> genres) {
    /** The most genres an item may have. */
    public static final int MAX_GENRES = 32;
    /** The longest title accepted, in characters. */
    public static final int MAX_TITLE_CHARS = 1000;

    /** Checks every field; messages name the field and the value. */
    public ItemMetadata {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > Interaction.MAX_ID_CHARS) {
            throw new IllegalArgumentException("id must be 1 to " + Interaction.MAX_ID_CHARS
                    + " characters, not blank, got " + id.length() + " characters");
        }
        if (title != null && title.length() > MAX_TITLE_CHARS) {
            throw new IllegalArgumentException("title must be at most " + MAX_TITLE_CHARS + " characters, got "
                    + title.length());
        }
        genres = List.copyOf(genres == null ? List.of() : genres);
        if (genres.size() > MAX_GENRES) {
            throw new IllegalArgumentException("at most " + MAX_GENRES + " genres, got " + genres.size());
        }
        for (String genre : genres) {
            if (genre.isBlank() || genre.length() > Interaction.MAX_ID_CHARS) {
                throw new IllegalArgumentException("a genre must be 1 to " + Interaction.MAX_ID_CHARS
                        + " characters, not blank, got " + genre.length() + " characters");
            }
        }
    }
}
