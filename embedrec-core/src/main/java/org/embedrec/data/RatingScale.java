package org.embedrec.data;

/**
 * The ratings a data set or a model accepts: {@code min ≤ r ≤ max}, and when {@code step > 0} also
 * {@code r = min + k·step} for a whole {@code k}. The one rating check of the loaders, the fold-in
 * ({@link org.embedrec.model.FoldInProfiles}) and the server.
 *
 * <ul>
 *   <li>declared: the MovieLens releases have known scales, {@link #HALF_STARS} (0.5–5 in steps of 0.5:
 *       ML-10M, ml-20m, ml-25m, ml-latest) and {@link #STARS} (1–5 in whole steps: ML-100K, ML-1M);
 *   <li>generic: a ratings file of unknown origin accepts any finite value within
 *       ±{@link #ABSURD} ({@link #GENERIC}), and its scale is then what the data holds
 *       ({@link #of(Ratings)});
 *   <li>a model's: the min..max of its training ratings, recorded in its provenance, bounds what a
 *       fold-in profile may give.
 * </ul>
 *
 * @param min the lowest accepted rating
 * @param max the highest accepted rating, {@code ≥ min}
 * @param step the grid of accepted ratings above {@code min}, or 0 for any value in between
 */
public record RatingScale(float min, float max, float step) implements java.io.Serializable {
    /** Beyond this magnitude a rating is taken for a mistake in any data: no rating scale is that wide. */
    public static final float ABSURD = 1e6f;
    /** MovieLens 0.5–5 in half stars. */
    public static final RatingScale HALF_STARS = new RatingScale(0.5f, 5f, 0.5f);
    /** MovieLens 1–5 in whole stars. */
    public static final RatingScale STARS = new RatingScale(1f, 5f, 1f);
    /** Any finite rating not beyond ±{@link #ABSURD}: files of unknown origin. */
    public static final RatingScale GENERIC = new RatingScale(-ABSURD, ABSURD, 0f);

    /** Validates the bounds; messages name the bad values. */
    public RatingScale {
        if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
            throw new IllegalArgumentException("a rating scale needs finite min <= max, got [" + min + ", " + max + "]");
        }
        if (!(step >= 0) || !Float.isFinite(step)) {
            throw new IllegalArgumentException("a rating scale's step must be finite and >= 0, got " + step);
        }
    }

    /** min..max with no step. */
    public static RatingScale between(float min, float max) {
        return new RatingScale(min, max, 0f);
    }

    /** The scale of what {@code ratings} hold: their min..max, no step. */
    public static RatingScale of(Ratings ratings) {
        return between(ratings.min(), ratings.max());
    }

    /** Whether {@code rating} is on this scale; never true for NaN or an infinity. */
    public boolean contains(double rating) {
        if (!(rating >= min && rating <= max)) {
            return false;
        }
        if (step == 0) {
            return true;
        }
        double steps = (rating - min) / step;
        return Math.abs(steps - Math.rint(steps)) < 1e-4;
    }

    /**
     * Why {@code rating} is not on this scale, or {@code null} when it is; e.g. {@code "is outside the
     * rating scale 0.5 to 5 in steps of 0.5"}. A value that overflows a float (1e308) is finite and
     * reported as out of scale, not as "not finite".
     */
    public String problem(double rating) {
        if (Double.isNaN(rating) || Double.isInfinite(rating)) {
            return "is not a finite number";
        }
        return contains(rating) ? null : "is outside the rating scale " + this;
    }

    /** E.g. "0.5 to 5 in steps of 0.5", or "-1000000 to 1000000". */
    @Override
    public String toString() {
        return format(min) + " to " + format(max) + (step > 0 ? " in steps of " + format(step) : "");
    }

    private static String format(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value) : Float.toString(value);
    }
}
