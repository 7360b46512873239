package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The distribution functions against reference values from scipy 1.17 ({@code stats.t.cdf},
 * {@code stats.norm.cdf}, {@code special.betainc}), and the t distribution against its closed forms
 * for one and two degrees of freedom.
 */
class DistributionsTest {

    @ParameterizedTest
    @CsvSource({
        // t, degrees, scipy stats.t.cdf(t, df), scipy 2 * stats.t.sf(|t|, df)
        "0.5, 1, 0.6475836176504333, 0.7048327646991335",
        "1.0, 3, 0.8044988905221148, 0.3910022189557705",
        "2.228138851986, 10, 0.9749999999999883, 0.050000000000023255",
        "-1.7, 7, 0.0664644483912776, 0.1329288967825552",
        "3.5, 25, 0.9991172523428216, 0.0017654953143569536",
        "0.1, 200, 0.5397777537478394, 0.920444492504321",
        "-4.2, 4, 0.0068479051525482245, 0.013695810305096449",
        "1.3, 2.5, 0.8497566053646458, 0.3004867892707083",
    })
    void studentTMatchesScipy(double t, double degrees, double cdf, double twoSided) {
        assertThat(Distributions.studentTCdf(t, degrees)).isCloseTo(cdf, within(1e-9));
        assertThat(Distributions.studentTTwoSided(t, degrees)).isCloseTo(twoSided, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource({"-3.0", "-0.4", "0", "0.7", "2.5", "12"})
    void studentTMatchesItsClosedFormsForOneAndTwoDegrees(double t) {
        assertThat(Distributions.studentTCdf(t, 1)).isCloseTo(0.5 + Math.atan(t) / Math.PI, within(1e-10));
        assertThat(Distributions.studentTCdf(t, 2)).isCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), within(1e-10));
    }

    @ParameterizedTest
    @CsvSource({
        // z, scipy stats.norm.cdf(z), scipy 2 * stats.norm.sf(|z|)
        "0, 0.5, 1.0",
        "0.5, 0.6914624612740131, 0.6170750774519738",
        "1.959963984540054, 0.975, 0.05",
        "-1.2, 0.11506967022170822, 0.23013934044341644",
        "3.0, 0.9986501019683699, 0.0026997960632601866",
        "-4.5, 3.3976731247300535e-06, 6.795346249460107e-06",
    })
    void normalMatchesScipyToTheFitsPrecision(double z, double cdf, double twoSided) {
        assertThat(Distributions.normalCdf(z)).isCloseTo(cdf, within(2e-7 * Math.max(cdf, 1e-3)));
        assertThat(Distributions.normalTwoSided(z)).isCloseTo(twoSided, within(2e-7 * twoSided));
    }

    @ParameterizedTest
    @CsvSource({
        // x, a, b, scipy special.betainc(a, b, x)
        "0.3, 2, 3, 0.34829999999999994",
        "0.9, 0.5, 0.5, 0.7951672353008665",
        "0.05, 10, 0.5, 1.761178743259099e-14",
        "0.7, 30, 2, 0.00022539340290692218",
        "0, 2, 3, 0",
        "1, 2, 3, 1",
    })
    void incompleteBetaMatchesScipy(double x, double a, double b, double expected) {
        assertThat(Distributions.regularizedIncompleteBeta(x, a, b)).isCloseTo(expected, within(1e-9 * Math.max(expected, 1e-5)));
    }
}
