package org.embedrec.train;

/** Regression losses on one prediction {@code p} and its target {@code y}. */
public enum Loss {
    /** Squared error {@code (p - y)²}. */
    MSE {
        @Override
        public double value(float p, float y) {
            double e = p - y;
            return e * e;
        }

        @Override
        public float derivative(float p, float y) {
            return 2 * (p - y);
        }
    },
    /** Absolute error {@code |p - y|}; its derivative at 0 is taken as 0. */
    MAE {
        @Override
        public double value(float p, float y) {
            return Math.abs(p - y);
        }

        @Override
        public float derivative(float p, float y) {
            return Math.signum(p - y);
        }
    };

    /** The loss of prediction {@code p} for target {@code y}. */
    public abstract double value(float p, float y);

    /** d loss / d p. */
    public abstract float derivative(float p, float y);
}
