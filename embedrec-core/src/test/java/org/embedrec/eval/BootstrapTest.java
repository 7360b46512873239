package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bootstrap intervals against a naive reference that builds every resample as a list. */
class BootstrapTest {

    /** The spec, literally: the same draws, each resample a list, numpy's linear percentile of the sorted means. */
    static double[] naive(double[] values, double[] weights, int resamples, double level, long seed) {
        List<Integer> users = new ArrayList<>();
        for (int u = 0; u < values.length; u++) {
            if (!Double.isNaN(values[u])) {
                users.add(u);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            List<Integer> resample = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                resample.add(users.get(random.nextInt(users.size())));
            }
            double sum = resample.stream().mapToDouble(u -> weights[u] * values[u]).sum();
            double weight = resample.stream().mapToDouble(u -> weights[u]).sum();
            means[r] = sum / weight;
        }
        Arrays.sort(means);
        return new double[] {percentile(means, 100 * (1 - level) / 2), percentile(means, 100 * (1 + level) / 2)};
    }

    /** numpy.percentile(sorted, p) with the default linear method. */
    private static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p / 100;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void matchesTheNaiveReference(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(200);
        double[] values = new double[n];
        double[] weights = new double[n];
        for (int u = 0; u < n; u++) {
            values[u] = random.nextInt(5) == 0 ? Double.NaN : random.nextDouble();
            weights[u] = seed % 2 == 0 ? 1 : 1 + random.nextInt(30);
        }
        values[0] = 0.5;
        PerUser perUser = seed % 2 == 0 ? PerUser.of(values) : PerUser.weighted(values, weights);
        int resamples = 50 + random.nextInt(500);
        double level = seed % 3 == 0 ? 0.9 : 0.95;

        Bootstrap.Interval interval = Bootstrap.interval(perUser, resamples, level, seed * 7);

        double[] want = naive(values, weights, resamples, level, seed * 7);
        assertThat(interval.lower()).isCloseTo(want[0], within(1e-12));
        assertThat(interval.upper()).isCloseTo(want[1], within(1e-12));
        assertThat(interval.level()).isEqualTo(level);
        assertThat(interval.lower()).isLessThanOrEqualTo(interval.upper());
    }

    @Test
    void isAboutTheNormalIntervalOfAMeanOnManyUsers() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 4000;
        double[] values = new double[n];
        for (int u = 0; u < n; u++) {
            values[u] = random.nextDouble();   // uniform: sd 1/sqrt(12)
        }
        PerUser perUser = PerUser.of(values);
        Bootstrap.Interval interval = Bootstrap.interval(perUser);
        double halfWidth = 1.959964 / Math.sqrt(12 * n);

        assertThat(interval.lower()).isCloseTo(perUser.mean() - halfWidth, within(0.15 * halfWidth));
        assertThat(interval.upper()).isCloseTo(perUser.mean() + halfWidth, within(0.15 * halfWidth));
    }

    @Test
    void isReproducibleAndMapsThroughMonotoneFunctions() {
        PerUser perUser = PerUser.weighted(new double[] {0.81, 1.44, Double.NaN, 0.25, 2.25}, new double[] {3, 1, 1, 2, 5});
        Bootstrap.Interval mse = Bootstrap.interval(perUser);

        assertThat(Bootstrap.interval(perUser)).isEqualTo(mse);
        Bootstrap.Interval rmse = mse.map(Math::sqrt);
        assertThat(rmse.lower()).isEqualTo(Math.sqrt(mse.lower()));
        assertThat(rmse.upper()).isEqualTo(Math.sqrt(mse.upper()));
        assertThat(Math.sqrt(perUser.mean())).isBetween(rmse.lower(), rmse.upper());
    }

    @Test
    void noUsersGiveNoIntervalAndBadArgumentsAreNamed() {
        Bootstrap.Interval none = Bootstrap.interval(PerUser.of(new double[] {Double.NaN}));
        assertThat(none.lower()).isNaN();
        assertThat(none.upper()).isNaN();
        PerUser one = PerUser.of(new double[] {1});
        assertThatThrownBy(() -> Bootstrap.interval(one, 0, 0.95, 1)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Bootstrap.interval(one, 10, 1.0, 1)).hasMessageContaining("got 1.0");
    }

    @Test
    void perUserMeansAndAveragesOverRuns() {
        PerUser first = PerUser.of(new double[] {0.2, Double.NaN, 0.6, Double.NaN});
        PerUser second = PerUser.of(new double[] {0.4, 0.3, Double.NaN, Double.NaN});

        PerUser average = PerUser.average(List.of(first, second));

        assertThat(average.value(0)).isCloseTo(0.3, within(1e-15));
        assertThat(average.value(1)).isEqualTo(0.3);
        assertThat(average.value(2)).isEqualTo(0.6);
        assertThat(average.value(3)).isNaN();
        assertThat(average.users()).containsExactly(0, 1, 2);
        assertThat(first.mean()).isEqualTo((0.2 + 0.6) / 2);
        assertThat(PerUser.weighted(new double[] {1, 4}, new double[] {3, 1}).mean()).isEqualTo(7.0 / 4);
        assertThatThrownBy(() -> PerUser.weighted(new double[] {1}, new double[] {0})).hasMessageContaining("weight 0.0");
    }
}
