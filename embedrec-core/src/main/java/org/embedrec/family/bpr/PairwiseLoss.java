package org.embedrec.family.bpr;

/**
 * Losses on the score margin {@code x = s(u, i) - s(u, j)} of a positive item {@code i} over a
 * negative item {@code j}; both decrease as the positive moves ahead.
 */
public enum PairwiseLoss {
    /**
     * {@code -log σ(x)}, the BPR paper's loss (Rendle et al., 2009). Its gradient {@code -σ(-x)}
     * stays large for badly ordered pairs, so it learns faster and ranks better; the default.
     */
    BPR {
        @Override
        public double value(float x) {
            // log(1 + e^-x), computed without overflow for large |x|.
            return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
        }

        @Override
        public float derivative(float x) {
            return (float) -sigmoid(-x);
        }
    },
    /**
     * {@code 1 - σ(x)}, the Keras triplet tutorials' loss. Bounded, and its gradient
     * {@code -σ(x)(1 - σ(x))} vanishes for badly ordered pairs as well as for well ordered ones.
     */
    ONE_MINUS_SIGMOID {
        @Override
        public double value(float x) {
            return 1 - sigmoid(x);
        }

        @Override
        public float derivative(float x) {
            double s = sigmoid(x);
            return (float) (-s * (1 - s));
        }
    };

    /** The loss at margin {@code x}. */
    public abstract double value(float x);

    /** d loss / d x. */
    public abstract float derivative(float x);

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
