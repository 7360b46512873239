package org.embedrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The split syntax: canonical text round trips, aliases, errors that list the valid forms, and delegation to {@link Splits}. */
class SplitSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"random:0.1", "user:0.2", "last:1", "last:12", "temporal:0.25", "ml100k:u1", "ml100k:ub",
            "random:0.0001", "user:0.999"})
    void canonicalTextRoundTrips(String text) {
        SplitSpec spec = SplitSpec.parse(text);

        assertThat(spec.toString()).isEqualTo(text);
        assertThat(SplitSpec.parse(spec.toString())).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "  Random:0.10 |random:0.1",
        "USER:.2|user:0.2",
        "per-user:0.2|user:0.2",
        "random:1e-1|random:0.1",
        "temporal: 0.3|temporal:0.3",
        "ML100K:UA|ml100k:ua"})
    void otherSpellingsReadAsTheCanonicalForm(String text, String canonical) {
        assertThat(SplitSpec.parse(text)).hasToString(canonical).isEqualTo(SplitSpec.parse(canonical));
    }

    @Test
    void eachKindIsItsOwnType() {
        assertThat(SplitSpec.parse("random:0.1")).isEqualTo(new SplitSpec.Random(0.1));
        assertThat(SplitSpec.parse("user:0.2")).isEqualTo(new SplitSpec.PerUser(0.2));
        assertThat(SplitSpec.parse("last:3")).isEqualTo(new SplitSpec.LastN(3));
        assertThat(SplitSpec.parse("temporal:0.2")).isEqualTo(new SplitSpec.Temporal(0.2));
        assertThat(SplitSpec.parse("ml100k:u5")).isEqualTo(new SplitSpec.Predefined("u5"));
        assertThat(SplitSpec.parse(SplitSpec.DEFAULT)).isEqualTo(new SplitSpec.Random(0.1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "random:abc|bad split 'random:abc': the fraction must be a number in (0, 1), got 'abc'",
        "random:1.5|bad split 'random:1.5': the fraction must be a number in (0, 1), got '1.5'",
        "user:0|bad split 'user:0': the fraction must be a number in (0, 1), got '0'",
        "temporal:NaN|bad split 'temporal:NaN': the fraction must be a number in (0, 1), got 'nan'",
        "last:0|bad split 'last:0': N must be an integer >= 1, got '0'",
        "last:1.5|bad split 'last:1.5': N must be an integer >= 1, got '1.5'",
        "ml100k:u6|bad split 'ml100k:u6': ML-100K splits are [u1, u2, u3, u4, u5, ua, ub]"})
    void badValuesAreNamed(String text, String message) {
        assertThatThrownBy(() -> SplitSpec.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "random:", "", "nope:1"})
    void unknownFormsListTheValidOnes(String text) {
        assertThatThrownBy(() -> SplitSpec.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'").hasMessageEndingWith(SplitSpec.SYNTAX);
    }

    @Test
    void typesCheckTheirValues() {
        assertThatThrownBy(() -> new SplitSpec.Random(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test fraction must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new SplitSpec.LastN(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("N must be an integer >= 1, got 0");
        assertThatThrownBy(() -> new SplitSpec.Predefined("u0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("u0");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void applyGivesTheSplitsOfSplits(long seed) {
        Ratings ratings = SplitsTest.generate(seed);

        assertSameSplit(SplitSpec.parse("random:0.2").apply(ratings, seed), Splits.randomHoldout(ratings, 0.2, seed));
        assertSameSplit(SplitSpec.parse("user:0.3").apply(ratings, seed), Splits.perUserHoldout(ratings, 0.3, seed));
        assertSameSplit(SplitSpec.parse("last:2").apply(ratings, seed), Splits.perUserLastN(ratings, 2));
        assertSameSplit(SplitSpec.parse("temporal:0.2").apply(ratings, seed), Splits.temporalFraction(ratings, 0.2));
    }

    @Test
    void predefinedSplitsAreNotComputed() {
        assertThatThrownBy(() -> SplitSpec.parse("ml100k:u1").apply(SplitsTest.generate(1), 1))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("u1.base");
    }

    private static void assertSameSplit(Split actual, Split expected) {
        for (Ratings[] parts : new Ratings[][] {{actual.train(), expected.train()}, {actual.test(), expected.test()}}) {
            assertThat(parts[0].size()).isEqualTo(parts[1].size());
            for (int row = 0; row < parts[0].size(); row++) {
                assertThat(parts[0].user(row)).isEqualTo(parts[1].user(row));
                assertThat(parts[0].item(row)).isEqualTo(parts[1].item(row));
                assertThat(parts[0].timestamp(row)).isEqualTo(parts[1].timestamp(row));
            }
        }
    }
}
