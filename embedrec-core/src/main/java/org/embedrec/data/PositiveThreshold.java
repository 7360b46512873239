package org.embedrec.data;

import java.util.Locale;

/**
 * Which explicit ratings count as positive ("liked") interactions when a model learns from, or is
 * evaluated on, implicit feedback: ratings {@code >= value}, or every interaction ({@link #ALL}).
 * The tutorials use rating ≥ 4.
 *
 * @param value the smallest positive rating; {@code -Infinity} means every interaction
 */
public record PositiveThreshold(double value) {
    /** Every interaction is positive, whatever its rating. */
    public static final PositiveThreshold ALL = new PositiveThreshold(Double.NEGATIVE_INFINITY);

    /** The tutorials' threshold: ratings of 4 and above. */
    public static final PositiveThreshold DEFAULT = new PositiveThreshold(4);

    /** Rejects NaN and +Infinity, which would make nothing positive. */
    public PositiveThreshold {
        if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("positive threshold must be a number or 'all', got " + value);
        }
    }

    /** Ratings {@code >= value} are positive. */
    public static PositiveThreshold atLeast(double value) {
        return new PositiveThreshold(value);
    }

    /**
     * Parses {@code "all"} or a number, the forms {@link #toString()} writes.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static PositiveThreshold parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        if (trimmed.equals("all")) {
            return ALL;
        }
        try {
            return new PositiveThreshold(Double.parseDouble(trimmed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("positive threshold must be a number (e.g. 4) or 'all', got '" + text + "'", e);
        }
    }

    /** Whether every interaction is positive. */
    public boolean isAll() {
        return value == Double.NEGATIVE_INFINITY;
    }

    /** Whether {@code rating} is positive. */
    public boolean isPositive(float rating) {
        return rating >= value;
    }

    /**
     * The lowest rating that counts as positive, as a float (1 when every rating does): what a
     * folded-in visitor gives an item to say they liked it.
     */
    public float lowestPositive() {
        if (isAll()) {
            return 1f;
        }
        float rating = (float) value;
        return rating < value ? Math.nextUp(rating) : rating;
    }

    /** The positive rows of {@code ratings}, in order, sharing its id indices. */
    public Ratings positives(Ratings ratings) {
        if (isAll()) {
            return ratings;
        }
        int count = 0;
        for (int row = 0; row < ratings.size(); row++) {
            if (isPositive(ratings.rating(row))) {
                count++;
            }
        }
        int[] rows = new int[count];
        int next = 0;
        for (int row = 0; row < ratings.size(); row++) {
            if (isPositive(ratings.rating(row))) {
                rows[next++] = row;
            }
        }
        return ratings.subset(rows);
    }

    /** {@code "all"} or the number, e.g. {@code "4.0"}. */
    @Override
    public String toString() {
        return isAll() ? "all" : Double.toString(value);
    }
}
