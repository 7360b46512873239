package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The paired tests against scipy 1.17 on a fixed sample and against a naive reference on random ones. */
class PairedTestTest {
    private static final double NAN = Double.NaN;

    @Test
    void matchesScipyOnASampleWithTiesAndAZeroDifference() {
        // scipy.stats.ttest_rel(a, b): statistic 2.171240593367238, pvalue 0.05266314470852397;
        // scipy.stats.wilcoxon(a, b, method='approx', zero_method='wilcox', correction=False):
        // pvalue 0.07530413361253725, zstatistic -1.7786075001862567 (from min(W+, W-), hence the sign).
        // The NaN users are left out, as a metric that skips them would.
        PerUser a = PerUser.of(new double[] {0.5, 0.2, 0.9, 0.0, 0.4, 0.4, NAN, 0.7, 0.1, 0.3, 0.8, 0.6, 0.2, 0.3});
        PerUser b = PerUser.of(new double[] {0.4, 0.2, 0.5, 0.1, 0.3, 0.6, 0.9, 0.2, 0.1, 0.3, 0.3, 0.2, 0.1, NAN});

        PairedTest test = PairedTest.of(a, b);

        assertThat(test.users()).isEqualTo(12);
        assertThat(test.t()).isCloseTo(2.171240593367238, within(1e-12));
        assertThat(test.tPValue()).isCloseTo(0.05266314470852397, within(1e-9));
        assertThat(test.wilcoxonZ()).isCloseTo(1.7786075001862567, within(1e-12));
        assertThat(test.wilcoxonPValue()).isCloseTo(0.07530413361253725, within(2e-8));
        assertThat(test.meanDifference()).isCloseTo(1.8 / 12, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesANaiveReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 20 + random.nextInt(300);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int u = 0; u < n; u++) {
            a[u] = random.nextInt(8) / 8.0;   // coarse values: ties and zero differences
            b[u] = random.nextInt(8) / 8.0 + (seed % 2 == 0 ? 0.05 : 0);
        }
        PairedTest test = PairedTest.of(PerUser.of(a), PerUser.of(b));

        // t by the textbook formula
        double meanDiff = 0;
        for (int u = 0; u < n; u++) {
            meanDiff += (a[u] - b[u]) / n;
        }
        double ss = 0;
        for (int u = 0; u < n; u++) {
            ss += Math.pow(a[u] - b[u] - meanDiff, 2);
        }
        double t = meanDiff / Math.sqrt(ss / (n - 1) / n);
        assertThat(test.t()).isCloseTo(t, within(1e-9));
        assertThat(test.tPValue()).isCloseTo(2 * Distributions.studentTCdf(-Math.abs(t), n - 1), within(1e-12));

        // Wilcoxon: the rank of each |d| as 1 + (number smaller) + (number equal - 1) / 2, quadratic
        double wPlus = 0;
        int nonZero = 0;
        double ties = 0;
        for (int u = 0; u < n; u++) {
            double d = a[u] - b[u];
            if (d == 0) {
                continue;
            }
            nonZero++;
            int smaller = 0;
            int equal = 0;
            for (int v = 0; v < n; v++) {
                double e = a[v] - b[v];
                if (e != 0 && Math.abs(e) < Math.abs(d)) {
                    smaller++;
                } else if (e != 0 && Math.abs(e) == Math.abs(d)) {
                    equal++;
                }
            }
            if (d > 0) {
                wPlus += 1 + smaller + (equal - 1) / 2.0;
            }
            ties += (equal * (double) equal * equal - equal) / equal;   // each member adds (t^3 - t) / t
        }
        double variance = nonZero * (nonZero + 1) * (2.0 * nonZero + 1) / 24 - ties / 48;
        double z = (wPlus - nonZero * (nonZero + 1) / 4.0) / Math.sqrt(variance);
        assertThat(test.wilcoxonZ()).isCloseTo(z, within(1e-9));
        assertThat(test.wilcoxonPValue()).isCloseTo(2 * Distributions.normalCdf(-Math.abs(z)), within(1e-12));
    }

    @Test
    void identicalModelsDoNotDiffer() {
        PerUser a = PerUser.of(new double[] {0.1, 0.5, 0.3, 0.3});
        PairedTest test = PairedTest.of(a, a);

        assertThat(test.t()).isZero();
        assertThat(test.tPValue()).isEqualTo(1);
        assertThat(test.wilcoxonZ()).isNaN();
        assertThat(test.wilcoxonPValue()).isNaN();
    }

    @Test
    void aConstantShiftIsCertain() {
        PairedTest test = PairedTest.of(PerUser.of(new double[] {0.5, 0.6, 0.7}), PerUser.of(new double[] {0.4, 0.5, 0.6}));
        assertThat(test.tPValue()).isZero();
        assertThat(test.t()).isInfinite();
    }

    @Test
    void needsTwoCommonUsersOfOneIndex() {
        assertThatThrownBy(() -> PairedTest.of(PerUser.of(new double[] {1, NAN}), PerUser.of(new double[] {NAN, 1})))
                .hasMessageContaining("at least two users").hasMessageContaining("got 0");
        assertThatThrownBy(() -> PairedTest.of(PerUser.of(new double[] {1, 2}), PerUser.of(new double[] {1, 2, 3})))
                .hasMessageContaining("2 and 3 users");
    }
}
