package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and evaluating learning-rate schedule texts. */
class LearningRateScheduleTest {
    @Test
    void constantRateHoldsForEveryEpoch() {
        LearningRateSchedule schedule = LearningRateSchedule.parse(" 0.01 ");
        assertThat(rates(schedule, 50)).containsOnly(0.01);
        assertThat(schedule.stepEpochs()).isZero();
        assertThat(LearningRateSchedule.constant(0.005).rate(7)).isEqualTo(0.005);
    }

    @Test
    void stepsChangeAtTheirBoundariesAndTheLastRateHolds() {
        LearningRateSchedule schedule = LearningRateSchedule.parse("3@0.01,2@0.001");
        assertThat(rates(schedule, 8))
                .containsExactly(0.01, 0.01, 0.01, 0.001, 0.001, 0.001, 0.001, 0.001);
        assertThat(schedule.stepEpochs()).isEqualTo(5);
        assertThat(LearningRateSchedule.parse("4@0.1").stepEpochs()).isEqualTo(4);
    }

    @Test
    void decayMultipliesByTheFactorEveryEpoch() {
        LearningRateSchedule schedule = LearningRateSchedule.parse("0.01*0.9");
        for (int epoch = 1; epoch <= 10; epoch++) {
            assertThat(schedule.rate(epoch)).isCloseTo(0.01 * Math.pow(0.9, epoch - 1), within(1e-15));
        }
        assertThat(schedule.rate(1)).isEqualTo(0.01);
        assertThat(schedule.stepEpochs()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "0.005", "3@0.01,2@0.001", "1@1,1@0.5,3@0.25", "0.01*0.9", "1e-3*0.5"})
    void toStringParsesBackToTheSameSchedule(String text) {
        LearningRateSchedule schedule = LearningRateSchedule.parse(text);
        LearningRateSchedule again = LearningRateSchedule.parse(schedule.toString());
        assertThat(again).isEqualTo(schedule);
        assertThat(rates(again, 12)).containsExactly(rates(schedule, 12));
    }

    @Test
    void constantSchedulesPrintTheirRate() {
        assertThat(LearningRateSchedule.constant(0.005)).hasToString("0.005");
        assertThat(LearningRateSchedule.parse("0.005")).isEqualTo(LearningRateSchedule.constant(0.005));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0", "-0.1", "NaN", "Infinity", "3@", "@0.1", "0@0.1", "3@0.1@2", "3@-1",
            "3@0.01,x", "0.01*", "*", "*0.9", "0.01*0", "0.01*1.5", "0.01*0.9*0.9"})
    void rejectsBadTextsNamingThem(String text) {
        assertThatThrownBy(() -> LearningRateSchedule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    private static double[] rates(LearningRateSchedule schedule, int epochs) {
        return IntStream.rangeClosed(1, epochs).mapToDouble(schedule::rate).toArray();
    }
}
