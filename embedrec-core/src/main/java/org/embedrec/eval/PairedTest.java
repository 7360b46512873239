package org.embedrec.eval;

import java.util.Arrays;

/**
 * Whether two models differ on the same users: a paired t-test and a Wilcoxon signed-rank test of
 * the per-user differences {@code d_u = a_u − b_u} over the users both have a value for.
 *
 * <ul>
 *   <li><b>t</b> = mean(d) / (sd(d) / √n), sd with n − 1; the two-sided p-value is from Student's t
 *       with n − 1 degrees of freedom ({@link Distributions#studentTTwoSided}). When every difference
 *       is equal, p is 1 if they are all 0, else 0.
 *   <li><b>Wilcoxon</b>: zero differences are dropped (Wilcoxon's convention, scipy's default), the
 *       others ranked by |d| with tied ranks averaged; W⁺ is the sum of the positive differences' ranks;
 *       z = (W⁺ − n'(n'+1)/4) / √(n'(n'+1)(2n'+1)/24 − Σ(t³ − t)/48) over the n' non-zero differences
 *       and tie groups of size t, without continuity correction; the p-value is two-sided normal. Good
 *       for the hundreds of users of an evaluation, not for a handful. NaN with no non-zero difference.
 * </ul>
 *
 * @param users users both sides have a value for
 * @param meanDifference mean of a − b
 * @param t the t statistic
 * @param tPValue two-sided p-value of the paired t-test
 * @param wilcoxonZ the normal statistic of the signed-rank test
 * @param wilcoxonPValue its two-sided p-value
 */
public record PairedTest(int users, double meanDifference, double t, double tPValue, double wilcoxonZ,
        double wilcoxonPValue) {

    /**
     * Both tests of {@code a} against {@code b} (unweighted, whatever their weights).
     *
     * @throws IllegalArgumentException if they cover different user indices or fewer than two users in common
     */
    public static PairedTest of(PerUser a, PerUser b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("the per-user figures cover " + a.length() + " and " + b.length() + " users");
        }
        double[] d = new double[a.length()];
        int n = 0;
        for (int user = 0; user < a.length(); user++) {
            if (!Double.isNaN(a.value(user)) && !Double.isNaN(b.value(user))) {
                d[n++] = a.value(user) - b.value(user);
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("a paired test needs at least two users with both figures, got " + n);
        }
        d = Arrays.copyOf(d, n);
        double mean = 0;
        for (double x : d) {
            mean += x;
        }
        mean /= n;
        double squares = 0;
        for (double x : d) {
            squares += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t;
        double tP;
        if (sd == 0) {
            t = mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
            tP = mean == 0 ? 1 : 0;
        } else {
            t = mean / (sd / Math.sqrt(n));
            tP = Distributions.studentTTwoSided(t, n - 1);
        }
        double z = wilcoxonZ(d);
        return new PairedTest(n, mean, t, tP, z, Distributions.normalTwoSided(z));
    }

    /** The signed-rank statistic's z, as in the class comment; NaN when every difference is 0. */
    static double wilcoxonZ(double[] differences) {
        double[] nonZero = Arrays.stream(differences).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        if (n == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(Math.abs(nonZero[x]), Math.abs(nonZero[y])));
        double positiveRanks = 0;
        double ties = 0;
        for (int start = 0; start < n;) {
            int end = start + 1;
            while (end < n && Math.abs(nonZero[order[end]]) == Math.abs(nonZero[order[start]])) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0;   // mean of ranks start+1 .. end
            for (int i = start; i < end; i++) {
                if (nonZero[order[i]] > 0) {
                    positiveRanks += rank;
                }
            }
            double size = end - start;
            ties += size * size * size - size;
            start = end;
        }
        double expected = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24 - ties / 48;
        return variance == 0 ? 0 : (positiveRanks - expected) / Math.sqrt(variance);
    }
}
