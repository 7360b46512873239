package org.embedrec.nn;

import java.util.Arrays;

/**
 * Maps a value to its quantile in the data the transform was fitted on, in [0, 1], like
 * scikit-learn's {@code QuantileTransformer} with a uniform output: the fit keeps up to
 * {@value #MAX_KNOTS} evenly spaced order statistics (knots); a value is placed between its two
 * neighbouring knots by linear interpolation, values equal to a run of tied knots get the middle of
 * the run, and values outside the fitted range are clamped to 0 or 1. Robust to the heavy tail of
 * item popularity and to skewed release years. Fit it on training data only, so that no test
 * information leaks into the features. Immutable.
 */
public final class QuantileTransform {
    /** Most knots kept (scikit-learn's default {@code n_quantiles}). */
    public static final int MAX_KNOTS = 1000;

    private final float[] knots;

    private QuantileTransform(float[] knots) {
        this.knots = knots;
    }

    /** Fits the transform on {@code values} (at least one, all finite). */
    public static QuantileTransform fit(float[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot fit a quantile transform on no values");
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        if (!Float.isFinite(sorted[0]) || !Float.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("quantile transform values must be finite, got "
                    + sorted[0] + " .. " + sorted[sorted.length - 1]);
        }
        int count = Math.min(MAX_KNOTS, sorted.length);
        float[] knots = new float[count];
        for (int k = 0; k < count; k++) {
            knots[k] = count == 1 ? sorted[0] : sorted[(int) Math.round((double) k * (sorted.length - 1) / (count - 1))];
        }
        return new QuantileTransform(knots);
    }

    /** A transform over previously fitted knots (ascending), e.g. read back from a model file. */
    public static QuantileTransform ofKnots(float[] knots) {
        for (int k = 1; k < knots.length; k++) {
            if (!(knots[k - 1] <= knots[k])) {
                throw new IllegalArgumentException("quantile knots must ascend, got " + knots[k - 1] + " before " + knots[k]);
            }
        }
        if (knots.length == 0) {
            throw new IllegalArgumentException("a quantile transform needs at least one knot");
        }
        return new QuantileTransform(knots.clone());
    }

    /** The knots, ascending (a copy). */
    public float[] knots() {
        return knots.clone();
    }

    /** The quantile of {@code x} in [0, 1]. */
    public float apply(float x) {
        int last = knots.length - 1;
        if (x < knots[0]) {
            return 0f;
        }
        if (x > knots[last]) {
            return 1f;
        }
        if (last == 0) {
            return 0.5f;
        }
        int below = lastBelow(x);
        if (knots[below] == x) {
            return (firstAtOrAbove(x) + below) / 2f / last;
        }
        float fraction = (x - knots[below]) / (knots[below + 1] - knots[below]);
        return (below + fraction) / last;
    }

    /** Index of the last knot {@code <= x} (x >= knots[0]). */
    private int lastBelow(float x) {
        int low = 0;
        int high = knots.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (knots[mid] <= x) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Index of the first knot {@code >= x}. */
    private int firstAtOrAbove(float x) {
        int low = 0;
        int high = knots.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (knots[mid] >= x) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
