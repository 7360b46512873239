package org.embedrec.server.live;

import java.util.Objects;

/**
 * One interaction a client reported: {@code user} did something with {@code item} at
 * {@code timeMillis} (epoch milliseconds). Either an explicit {@code rating}, or an implicit one
 * with an optional {@code weight} (its strength, e.g. the count of plays) and/or an {@code event}
 * type (view, cart, purchase); never a rating together with a weight.
 *
 * @param rating the rating, or null for an implicit interaction
 * @param weight the weight of an implicit interaction (finite, > 0), or null
 * @param event the event type, or null
 */
public record Interaction(String user, String item, Float rating, Float weight, String event, long timeMillis) {
    /** The longest id or event type accepted, in characters. */
    public static final int MAX_ID_CHARS = 256;

    /** Checks every field; messages name the field and the value. */
    public Interaction {
        checkText("user", user, false);
        checkText("item", item, false);
        checkText("event", event, true);
        if (rating != null && weight != null) {
            throw new IllegalArgumentException("give rating or weight, not both (rating " + rating + ", weight "
                    + weight + ")");
        }
        if (rating != null && !Float.isFinite(rating)) {
            throw new IllegalArgumentException("rating must be a finite number, got " + rating);
        }
        if (weight != null && !(weight > 0 && Float.isFinite(weight))) {
            throw new IllegalArgumentException("weight must be a finite number > 0, got " + weight);
        }
    }

    private static void checkText(String field, String value, boolean optional) {
        if (value == null && optional) {
            return;
        }
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException(field + " must be 1 to " + MAX_ID_CHARS + " characters, not blank, got "
                    + value.length() + " characters");
        }
    }

    /** Whether this is an explicit rating. */
    public boolean isRating() {
        return rating != null;
    }
}
