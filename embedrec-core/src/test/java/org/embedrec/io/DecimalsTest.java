package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {
    /** Random decimals in the shapes rating files use, each parsed inside a longer line. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesBitForBitWithFloatParseFloat(long seed) {
        Random random = new Random(seed);
        for (int trial = 0; trial < 20_000; trial++) {
            String number = randomDecimal(random);
            String line = "u1,i9," + number + ",123";
            float expected = Float.parseFloat(number);
            float actual = Decimals.parseFloat(line, 6, 6 + number.length());
            assertThat(Float.floatToRawIntBits(actual)).as(number).isEqualTo(Float.floatToRawIntBits(expected));
        }
    }

    private static String randomDecimal(Random random) {
        StringBuilder s = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0 -> s.append('-');
            case 1 -> s.append('+');
            default -> { }
        }
        int intDigits = random.nextInt(6);
        int fractionDigits = intDigits == 0 ? 1 + random.nextInt(9) : random.nextInt(9);
        for (int d = 0; d < intDigits; d++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        if (fractionDigits > 0 || random.nextBoolean()) {
            s.append('.');
        }
        for (int d = 0; d < fractionDigits; d++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(10) == 0) {
            s.append('e').append(random.nextInt(20) - 10);
        }
        return s.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e39", "12345678.5", "0.000000001"})
    void longOrSpecialNumbersFollowFloatParseFloat(String number) {
        float parsed = Decimals.parseFloat(number, 0, number.length());
        assertThat(Float.floatToRawIntBits(parsed)).isEqualTo(Float.floatToRawIntBits(Float.parseFloat(number)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "abc", "4f", "3.5d", "0x1p3", "1..5", "1,5", "four", "nan"})
    void rejectsWhatIsNotADecimalNumber(String text) {
        assertThatThrownBy(() -> Decimals.parseFloat(text, 0, text.length())).isInstanceOf(NumberFormatException.class);
    }
}
