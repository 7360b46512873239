package org.embedrec.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One metric's value for every user index, the figures an aggregate is the mean of: what confidence
 * intervals ({@link Bootstrap}) and paired tests ({@link PairedTest}) work on. A user the metric skips
 * (no relevant test item, no test rating) has NaN.
 *
 * <p>Most metrics are plain means over the users. Rating errors are means over test ratings, so a
 * user's MSE or MAE carries the user's number of test ratings as its weight, and the aggregate is
 * the weighted mean Σ w·v / Σ w.
 */
public final class PerUser {
    private final double[] values;
    private final double[] weights;

    private PerUser(double[] values, double[] weights) {
        this.values = values;
        this.weights = weights;
    }

    /**
     * Unweighted per-user values, indexed by user, NaN for skipped users; the array is copied.
     */
    public static PerUser of(double[] values) {
        return new PerUser(values.clone(), null);
    }

    /**
     * Per-user values with weights (e.g. the user's number of test ratings); both arrays are copied.
     *
     * @throws IllegalArgumentException if the lengths differ or a weight of an evaluated user is not positive and finite
     */
    public static PerUser weighted(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException("values and weights differ in length: " + values.length + " vs " + weights.length);
        }
        for (int user = 0; user < values.length; user++) {
            if (!Double.isNaN(values[user]) && !(weights[user] > 0 && Double.isFinite(weights[user]))) {
                throw new IllegalArgumentException("user " + user + " has value " + values[user] + " but weight " + weights[user]);
            }
        }
        return new PerUser(values.clone(), weights.clone());
    }

    /**
     * The mean over several runs on the same users (e.g. one per training seed): each user's mean over
     * the runs that evaluated them, NaN when none did; weights are those of the first run that has the user.
     *
     * @throws IllegalArgumentException if there is no run or the runs differ in length
     */
    public static PerUser average(List<PerUser> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to average: no run");
        }
        int users = runs.get(0).length();
        boolean weighted = runs.get(0).weights != null;
        double[] sums = new double[users];
        double[] weights = new double[users];
        int[] counts = new int[users];
        for (PerUser run : runs) {
            if (run.length() != users) {
                throw new IllegalArgumentException("runs cover " + users + " and " + run.length() + " users");
            }
            for (int user = 0; user < users; user++) {
                if (!Double.isNaN(run.values[user])) {
                    sums[user] += run.values[user];
                    if (counts[user]++ == 0) {
                        weights[user] = run.weight(user);
                    }
                }
            }
        }
        double[] means = new double[users];
        for (int user = 0; user < users; user++) {
            means[user] = counts[user] == 0 ? Double.NaN : sums[user] / counts[user];
        }
        return weighted ? new PerUser(means, weights) : new PerUser(means, null);
    }

    /** Number of user indices (evaluated or not). */
    public int length() {
        return values.length;
    }

    /** User {@code user}'s value, NaN when the metric skips the user. */
    public double value(int user) {
        return values[user];
    }

    /** User {@code user}'s weight: 1 for unweighted metrics. */
    public double weight(int user) {
        return weights == null ? 1 : weights[user];
    }

    /** Whether the values carry weights other than 1. */
    public boolean isWeighted() {
        return weights != null;
    }

    /** The indices of the users with a value, ascending. */
    public int[] users() {
        return IntStream.range(0, values.length).filter(user -> !Double.isNaN(values[user])).toArray();
    }

    /**
     * The (weighted) mean over the users with a value, summed in user order: for ranking metrics the
     * same number, bit for bit, as the aggregate; NaN when no user has a value.
     */
    public double mean() {
        double sum = 0;
        double weight = 0;
        int count = 0;
        for (int user = 0; user < values.length; user++) {
            if (!Double.isNaN(values[user])) {
                if (weights == null) {
                    sum += values[user];
                } else {
                    sum += weights[user] * values[user];
                    weight += weights[user];
                }
                count++;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        return weights == null ? sum / count : sum / weight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerUser other && Arrays.equals(values, other.values) && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(values), Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
        return "PerUser[" + users().length + " of " + values.length + " users, mean " + mean() + (isWeighted() ? ", weighted]" : "]");
    }
}
