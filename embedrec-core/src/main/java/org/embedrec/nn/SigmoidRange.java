package org.embedrec.nn;

/**
 * The tutorials' "sigmoid range" output {@code low + (high - low) σ(z)}: a rating that can never
 * leave {@code (low, high)}. fast.ai widens the range slightly beyond the data's (e.g. [0, 5.5]) so
 * that the extreme ratings remain reachable; embedrec's trainers default to the data's own range.
 *
 * @param low the output as {@code z → -∞}
 * @param high the output as {@code z → +∞}
 */
public record SigmoidRange(float low, float high) {
    /** Checks {@code low < high}, both finite. */
    public SigmoidRange {
        if (!(low < high) || !Float.isFinite(low) || !Float.isFinite(high)) {
            throw new IllegalArgumentException("sigmoid range needs finite low < high, got [" + low + ", " + high + "]");
        }
    }

    /** The rating for the raw output {@code z}. */
    public float apply(float z) {
        return low + (high - low) * Activations.sigmoid(z);
    }

    /** {@code d apply / dz = (high - low) σ(z)(1 - σ(z))}. */
    public float slope(float z) {
        float s = Activations.sigmoid(z);
        return (high - low) * s * (1 - s);
    }

    /** {@code y} scaled to [0, 1]: {@code (y - low) / (high - low)}, the target of binary cross-entropy. */
    public float scale(float y) {
        return (y - low) / (high - low);
    }

    /** The raw output whose rating is {@code y} (clamped to 1%..99% of the range), to start an intercept. */
    public float inverse(double y) {
        double p = Math.min(0.99, Math.max(0.01, (y - low) / (high - low)));
        return (float) Math.log(p / (1 - p));
    }
}
