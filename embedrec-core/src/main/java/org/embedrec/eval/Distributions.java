package org.embedrec.eval;

/**
 * The distribution functions the paired tests need: Student's t and the standard normal, through the
 * regularized incomplete beta function (continued fraction, modified Lentz) and the complementary
 * error function (Chebyshev fit, fractional error below 1.2e-7). After Press et al., Numerical
 * Recipes, 2nd ed., §6.1, §6.2, §6.4.
 */
public final class Distributions {
    private static final double[] LANCZOS = {76.18009172947146, -86.50532032941677, 24.01409824083091,
        -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};

    private Distributions() {
    }

    /**
     * P(T ≤ t) for Student's t with {@code degrees} degrees of freedom.
     *
     * @throws IllegalArgumentException if {@code degrees} is not positive
     */
    public static double studentTCdf(double t, double degrees) {
        if (!(degrees > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be positive, got " + degrees);
        }
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double tail = 0.5 * regularizedIncompleteBeta(degrees / (degrees + t * t), degrees / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    /** Two-sided p-value of a t statistic: P(|T| ≥ |t|). */
    public static double studentTTwoSided(double t, double degrees) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return regularizedIncompleteBeta(degrees / (degrees + t * t), degrees / 2, 0.5);
    }

    /** Φ(z), the standard normal distribution function. */
    public static double normalCdf(double z) {
        return z >= 0 ? 1 - 0.5 * erfc(z / Math.sqrt(2)) : 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
    public static double normalTwoSided(double z) {
        return Double.isNaN(z) ? Double.NaN : erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** erfc(x) for x ≥ 0 (and by symmetry below), fractional error below 1.2e-7. */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double value = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? value : 2 - value;
    }

    /**
     * I_x(a, b), the regularized incomplete beta function.
     *
     * @throws IllegalArgumentException if x is outside [0, 1] or a, b are not positive
     */
    public static double regularizedIncompleteBeta(double x, double a, double b) {
        if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("need 0 <= x <= 1 and a, b > 0, got x " + x + ", a " + a + ", b " + b);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    /** ln Γ(x) for x > 0 (Lanczos, relative error about 2e-10). */
    static double logGamma(double x) {
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double series = 1.000000000190015;
        for (double c : LANCZOS) {
            series += c / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * series / x);
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x " + x + ", a " + a + ", b " + b);
    }
}
