package org.embedrec.synth;

import java.util.SplittableRandom;

/**
 * How many ratings each user gives: every user gets the minimum, and the rest of the total is
 * shared out in proportion to heavy-tailed (log-normal) activity weights, each user capped at the
 * size of the catalog.
 *
 * <p>The log-normal spread {@value #ACTIVITY_SIGMA} matches ml-latest-small, where users give at
 * least 20, a median of 71, a mean of 149 and at most 2,391 ratings, and the top 10% of users give
 * 46% of all ratings. The exact shares are rounded by cumulative rounding (the count of user
 * {@code u} is {@code round(S(u)) - round(S(u - 1))} for the running sum {@code S}), which keeps every
 * count within one of its exact share and the total exactly as requested, without sorting.
 */
final class UserActivity {
    static final double ACTIVITY_SIGMA = 1.36;

    private UserActivity() {
    }

    /** Rating counts per user, summing to {@code options.ratings()}, each in [min, items]. */
    static int[] counts(SyntheticMovieLens.Options options, SplittableRandom random) {
        return counts(options.users(), options.ratings(), options.minRatingsPerUser(), options.items(), random);
    }

    /**
     * Counts per user (of ratings, events, ...), summing to {@code total}, each in
     * [{@code minimum}, {@code maximum}]; the caller guarantees
     * {@code users * minimum <= total <= users * maximum}.
     */
    static int[] counts(int users, long total, int minimum, int maximum, SplittableRandom random) {
        double capacity = maximum - minimum;
        double[] weight = new double[users];
        for (int u = 0; u < users; u++) {
            weight[u] = StrictMath.exp(ACTIVITY_SIGMA * SyntheticMovieLens.gaussian(random));
        }
        double[] share = waterFill(weight, total - (long) users * minimum, capacity);
        int[] counts = new int[users];
        double running = 0;
        long roundedBefore = 0;
        for (int u = 0; u < users; u++) {
            running += share[u];
            long rounded = Math.round(running);
            counts[u] = minimum + (int) Math.min(capacity, Math.max(0, rounded - roundedBefore));
            roundedBefore = rounded;
        }
        correctRoundingDrift(counts, total, minimum, maximum);
        return counts;
    }

    /**
     * Shares {@code budget} in proportion to {@code weight} with no share above {@code capacity}:
     * users whose proportional share would exceed it are fixed at the cap and the rest is shared
     * again among the others, until nobody exceeds it. The caller guarantees
     * {@code budget <= users * capacity}.
     */
    private static double[] waterFill(double[] weight, long budget, double capacity) {
        int users = weight.length;
        double[] share = new double[users];
        boolean[] capped = new boolean[users];
        boolean changed = true;
        while (changed) {
            changed = false;
            double remaining = budget;
            double weightSum = 0;
            for (int u = 0; u < users; u++) {
                if (capped[u]) {
                    remaining -= capacity;
                } else {
                    weightSum += weight[u];
                }
            }
            for (int u = 0; u < users; u++) {
                if (!capped[u]) {
                    share[u] = weightSum > 0 ? remaining * weight[u] / weightSum : 0;
                    if (share[u] > capacity) {
                        share[u] = capacity;
                        capped[u] = true;
                        changed = true;
                    }
                }
            }
        }
        return share;
    }

    /** Floating-point sums can be off by a rating or so on huge totals; add or take the difference. */
    private static void correctRoundingDrift(int[] counts, long total, int minimum, int maximum) {
        long sum = 0;
        for (int count : counts) {
            sum += count;
        }
        for (int u = 0; sum != total; u = (u + 1) % counts.length) {
            if (sum < total && counts[u] < maximum) {
                counts[u]++;
                sum++;
            } else if (sum > total && counts[u] > minimum) {
                counts[u]--;
                sum--;
            }
        }
    }
}
