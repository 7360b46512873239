package org.embedrec.nn;

/**
 * Per-example losses of a rating network with one raw output {@code z}, predicted rating
 * {@code p = z} (linear output) or {@code p = range.apply(z)} (sigmoid range), and target rating
 * {@code y}. Gradients are with respect to {@code z}, so they include the output's slope.
 */
public enum RatingLoss {
    /** Squared error {@code (p - y)²}; {@code ∂/∂z = 2 (p - y) p'(z)}. */
    MSE {
        @Override
        public double value(float z, float y, SigmoidRange range) {
            double e = output(z, range) - y;
            return e * e;
        }

        @Override
        public float gradient(float z, float y, SigmoidRange range) {
            return 2 * (output(z, range) - y) * slope(z, range);
        }
    },
    /** Absolute error {@code |p - y|}; {@code ∂/∂z = sign(p - y) p'(z)}, 0 at the kink. */
    MAE {
        @Override
        public double value(float z, float y, SigmoidRange range) {
            return Math.abs(output(z, range) - y);
        }

        @Override
        public float gradient(float z, float y, SigmoidRange range) {
            return Math.signum(output(z, range) - y) * slope(z, range);
        }
    },
    /**
     * Binary cross-entropy between the sigmoid output {@code s = σ(z)} and the rating scaled to
     * [0, 1], {@code t = (y - low) / (high - low)}: {@code -(t log s + (1 - t) log(1 - s))}, per
     * example (the Keras collaborative-filtering example computes a per-batch scalar by a tensordot
     * by mistake). Computed from the logit as {@code max(z, 0) - t z + log(1 + e^-|z|)} so it never
     * takes the log of 0; {@code ∂/∂z = s - t}. Needs a sigmoid range; its minimum is not 0 for
     * {@code 0 < t < 1} (it is the entropy of {@code t}), which is why its values are not comparable
     * with MSE's.
     */
    BCE {
        @Override
        public double value(float z, float y, SigmoidRange range) {
            double t = requireRange(range).scale(y);
            return Math.max(z, 0) - t * z + Math.log1p(Math.exp(-Math.abs(z)));
        }

        @Override
        public float gradient(float z, float y, SigmoidRange range) {
            return Activations.sigmoid(z) - requireRange(range).scale(y);
        }
    };

    /** The loss of raw output {@code z} for rating {@code y}; {@code range} null means a linear output. */
    public abstract double value(float z, float y, SigmoidRange range);

    /** {@code ∂ value / ∂z}. */
    public abstract float gradient(float z, float y, SigmoidRange range);

    /** The predicted rating for raw output {@code z}. */
    public static float output(float z, SigmoidRange range) {
        return range == null ? z : range.apply(z);
    }

    private static float slope(float z, SigmoidRange range) {
        return range == null ? 1f : range.slope(z);
    }

    private static SigmoidRange requireRange(SigmoidRange range) {
        if (range == null) {
            throw new IllegalStateException("binary cross-entropy needs a sigmoid output range");
        }
        return range;
    }
}
