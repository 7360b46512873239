package org.embedrec.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Percentile bootstrap confidence intervals of a per-user mean: the users are the sample, so the
 * interval says how much the figure would move on another draw of users of the same kind (Efron and
 * Tibshirani 1993, ch. 13). Each of the resamples draws as many users as were evaluated, with
 * replacement, from a {@link SplittableRandom} seeded with the given seed, and takes the (weighted)
 * mean of their values; the interval's ends are the {@code (1 − level)/2} and {@code (1 + level)/2}
 * quantiles of the resampled means, interpolated linearly between order statistics (numpy's default).
 *
 * <p>One seed gives one sequence of draws, so two metrics (or two models) on the same users are
 * resampled the same way and every interval is reproducible. Cost: resamples × users.
 */
public final class Bootstrap {
    /** Resamples when none are given. */
    public static final int DEFAULT_RESAMPLES = 1000;
    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 20_251_202L;
    /** The confidence level when none is given. */
    public static final double DEFAULT_LEVEL = 0.95;

    private Bootstrap() {
    }

    /**
     * A confidence interval.
     *
     * @param lower lower end
     * @param upper upper end
     * @param level confidence level, e.g. 0.95
     */
    public record Interval(double lower, double upper, double level) {
        /** The interval of a monotone increasing function of the figure (e.g. RMSE from MSE's interval). */
        public Interval map(DoubleUnaryOperator increasing) {
            return new Interval(increasing.applyAsDouble(lower), increasing.applyAsDouble(upper), level);
        }
    }

    /** {@link #interval(PerUser, int, double, long)} with 1,000 resamples, 95% and the default seed. */
    public static Interval interval(PerUser values) {
        return interval(values, DEFAULT_RESAMPLES, DEFAULT_LEVEL, DEFAULT_SEED);
    }

    /**
     * The percentile interval of {@code values.mean()} over the users that have a value.
     *
     * @param resamples number of bootstrap resamples, {@code >= 1}
     * @param level confidence level, in (0, 1)
     * @return the interval; both ends NaN when no user has a value
     * @throws IllegalArgumentException if {@code resamples} or {@code level} is out of range
     */
    public static Interval interval(PerUser values, int resamples, double level, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("need at least one resample, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the confidence level must be in (0, 1), got " + level);
        }
        int[] users = values.users();
        int n = users.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, level);
        }
        double[] value = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            value[i] = values.value(users[i]);
            weight[i] = values.weight(users[i]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            double weights = 0;
            for (int draw = 0; draw < n; draw++) {
                int i = random.nextInt(n);
                sum += weight[i] * value[i];
                weights += weight[i];
            }
            means[r] = sum / weights;
        }
        Arrays.sort(means);
        return new Interval(quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2), level);
    }

    /** The q-quantile of ascending {@code sorted}, linear between order statistics at (length − 1)·q. */
    static double quantile(double[] sorted, double q) {
        double position = (sorted.length - 1) * q;
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
