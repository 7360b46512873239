package org.embedrec.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences against a hand-derived gradient (STYLE rule 11). The function is
 * evaluated in float arithmetic, so the step is taken over the float values actually stored.
 */
final class GradientCheck {
    static final float EPS = 1e-2f;
    private static final double RELATIVE_TOLERANCE = 1e-2;
    private static final double ABSOLUTE_TOLERANCE = 1e-3;

    private GradientCheck() {
    }

    /**
     * Asserts {@code analytic[k] == ∂f/∂x[k]} for every {@code k < count} from {@code offset}, and
     * that the check has teeth: the gradient is large enough that its negation would fail.
     */
    static void assertGradient(String name, float[] analytic, int analyticOffset, float[] x, int offset, int count,
            DoubleSupplier f) {
        double worstNegated = 0;
        for (int k = 0; k < count; k++) {
            double numeric = numeric(x, offset + k, f);
            double a = analytic[analyticOffset + k];
            assertThat(mismatch(a, numeric)).as("%s[%d]: analytic %s vs numeric %s", name, k, a, numeric)
                    .isLessThanOrEqualTo(1);
            worstNegated = Math.max(worstNegated, mismatch(-a, numeric));
        }
        assertThat(worstNegated).as("%s: gradient too small for a sign error to show", name).isGreaterThan(1);
    }

    static double numeric(float[] x, int index, DoubleSupplier f) {
        float saved = x[index];
        float plus = saved + EPS;
        float minus = saved - EPS;
        x[index] = plus;
        double valuePlus = f.getAsDouble();
        x[index] = minus;
        double valueMinus = f.getAsDouble();
        x[index] = saved;
        return (valuePlus - valueMinus) / ((double) plus - minus);
    }

    /** The error in units of the tolerance: at most 1 means the two agree. */
    static double mismatch(double analytic, double numeric) {
        return Math.abs(analytic - numeric)
                / (RELATIVE_TOLERANCE * Math.max(Math.abs(analytic), Math.abs(numeric)) + ABSOLUTE_TOLERANCE);
    }

    /** {@code n} uniform values in [-scale, scale]. */
    static float[] random(java.util.SplittableRandom random, int n, double scale) {
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    /** {@code Σ c[k] y[offset + k]}: a scalar whose gradient with respect to y is c. */
    static double weightedSum(float[] c, float[] y, int offset) {
        double sum = 0;
        for (int k = 0; k < c.length; k++) {
            sum += (double) c[k] * y[offset + k];
        }
        return sum;
    }
}
