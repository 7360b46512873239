package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.PositiveThreshold;
import org.junit.jupiter.api.Test;

/** BPR options: validation messages, the config-map round trip and its errors. */
class BprOptionsTest {
    @Test
    void mapRoundTripKeepsEveryOption() {
        BprTrainer.Options custom = BprTrainer.Options.builder().dimensions(48).tagDimensions(8).epochs(7).batchSize(32)
                .optimizer(Optimizer.ADAGRAD).schedule(LearningRateSchedule.parse("2@0.01,3@0.001")).l2(0.02)
                .itemBias(false).loss(PairwiseLoss.ONE_MINUS_SIGMOID).negatives(NegativeSampling.POPULARITY)
                .popularityExponent(0.5).positiveThreshold(PositiveThreshold.ALL).initializer(Initializer.UNIFORM, 0.1)
                .seed(-3).threads(2).patience(4).build();
        for (BprTrainer.Options options : new BprTrainer.Options[] {custom, BprTrainer.Options.defaults(),
            BprTrainer.Options.tutorial()}) {
            assertThat(BprTrainer.Options.fromMap(options.toMap())).isEqualTo(options);
        }
        assertThat(custom.toMap()).containsEntry("positiveThreshold", "all").containsEntry("negatives", "POPULARITY");
    }

    @Test
    void fromMapTakesConfigFileSpellingsAndKeepsDefaultsForAbsentKeys() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dimensions", 100);
        map.put("negatives", "uniform-excluding-positives");
        map.put("loss", "one_minus_sigmoid");
        map.put("positiveThreshold", 3.5);
        map.put("seed", 7L);
        map.put("l2", 0);
        BprTrainer.Options options = BprTrainer.Options.fromMap(map);
        assertThat(options).isEqualTo(BprTrainer.Options.builder().dimensions(100)
                .negatives(NegativeSampling.UNIFORM_EXCLUDING_POSITIVES).loss(PairwiseLoss.ONE_MINUS_SIGMOID)
                .positiveThreshold(PositiveThreshold.atLeast(3.5)).seed(7).l2(0).build());
    }

    @Test
    void fromMapNamesUnknownKeysAndBadValues() {
        Map<String, Object> unknown = new HashMap<>(Map.of("dimension", 10, "lr", 0.1, "epochs", 3));
        assertThatThrownBy(() -> BprTrainer.Options.fromMap(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension").hasMessageContaining("lr").hasMessageContaining("known options");
        assertThatThrownBy(() -> BprTrainer.Options.fromMap(Map.of("epochs", 2.5)))
                .hasMessageContaining("'epochs'").hasMessageContaining("2.5").hasMessageContaining("an integer");
        assertThatThrownBy(() -> BprTrainer.Options.fromMap(Map.of("negatives", "hard")))
                .hasMessageContaining("'negatives'").hasMessageContaining("hard");
        assertThatThrownBy(() -> BprTrainer.Options.fromMap(Map.of("itemBias", "maybe")))
                .hasMessageContaining("'itemBias'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> BprTrainer.Options.fromMap(Map.of("positiveThreshold", "high")))
                .hasMessageContaining("'positiveThreshold'").hasMessageContaining("high");
        assertThatThrownBy(() -> BprTrainer.Options.fromMap(Map.of("batchSize", 0)))
                .hasMessageContaining("batchSize must be >= 1, got 0");
    }

    @Test
    void validationNamesTheBadValue() {
        assertThatThrownBy(() -> BprTrainer.Options.builder().dimensions(0).build())
                .hasMessage("dimensions must be in [1, 4096], got 0");
        assertThatThrownBy(() -> BprTrainer.Options.builder().l2(-1).build()).hasMessage("l2 must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> BprTrainer.Options.builder().popularityExponent(3).build())
                .hasMessage("popularityExponent must be in [0, 2], got 3.0");
        assertThatThrownBy(() -> new GenreBprTrainer(BprTrainer.Options.builder().dimensions(16).tagDimensions(16).build()))
                .hasMessageContaining("tagDimensions 16 and dimensions 16");
    }

    @Test
    void positiveThresholdParsesAndSelects() {
        assertThat(PositiveThreshold.parse(" ALL ")).isEqualTo(PositiveThreshold.ALL);
        assertThat(PositiveThreshold.parse("4")).isEqualTo(PositiveThreshold.DEFAULT);
        assertThat(PositiveThreshold.parse(PositiveThreshold.atLeast(3.5).toString())).isEqualTo(PositiveThreshold.atLeast(3.5));
        assertThat(PositiveThreshold.DEFAULT.isPositive(4f)).isTrue();
        assertThat(PositiveThreshold.DEFAULT.isPositive(3.5f)).isFalse();
        assertThatThrownBy(() -> PositiveThreshold.parse("four")).hasMessageContaining("'four'");
    }
}
