package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.PositiveThreshold;
import org.junit.jupiter.api.Test;
import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Optimizer;

/** BPR options: validation messages, the config-map round trip and its errors. */
class BprOptionsTest {
    @Test
    void mapRoundTripKeepsEveryOption() {
        BprTrainer.Options custom = BprTrainer.Options.defaults().withDimensions(48).withTagDimensions(8).withEpochs(7).withBatchSize(32)
                .withOptimizer(Optimizer.ADAGRAD).withLearningRate(LearningRateSchedule.parse("2@0.01,3@0.001")).withL2(0.02)
                .withItemBias(false).withLoss(PairwiseLoss.ONE_MINUS_SIGMOID).withNegatives(NegativeSampling.POPULARITY)
                .withPopularityExponent(0.5).withPositiveThreshold(PositiveThreshold.ALL).withInitializer(Initializer.UNIFORM, 0.1)
                .withSeed(-3).withThreads(2).withPatience(4);
        for (BprTrainer.Options options : new BprTrainer.Options[] {custom, BprTrainer.Options.defaults(),
            BprTrainer.Options.tutorial()}) {
            assertThat(GenreBprTrainer.TABLE.with(BprTrainer.Options.defaults(), GenreBprTrainer.TABLE.toMap(options)))
                    .isEqualTo(options);
        }
        assertThat(custom.toMap()).as("the bpr table has no genre-model key").doesNotContainKey("tagDimensions");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().with(Map.of("tagDimensions", 8)))
                .hasMessageContaining("unknown bpr option 'tagDimensions'");
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
        BprTrainer.Options options = BprTrainer.Options.defaults().with(map);
        assertThat(options).isEqualTo(BprTrainer.Options.defaults().withDimensions(100)
                .withNegatives(NegativeSampling.UNIFORM_EXCLUDING_POSITIVES).withLoss(PairwiseLoss.ONE_MINUS_SIGMOID)
                .withPositiveThreshold(PositiveThreshold.atLeast(3.5)).withSeed(7).withL2(0));
    }

    @Test
    void fromMapNamesUnknownKeysAndBadValues() {
        Map<String, Object> unknown = new HashMap<>(Map.of("dimension", 10, "lr", 0.1, "epochs", 3));
        assertThatThrownBy(() -> BprTrainer.Options.defaults().with(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension").hasMessageContaining("lr").hasMessageContaining("known options");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().with(Map.of("epochs", 2.5)))
                .hasMessageContaining("'epochs'").hasMessageContaining("2.5").hasMessageContaining("an integer");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().with(Map.of("negatives", "hard")))
                .hasMessageContaining("'negatives'").hasMessageContaining("hard");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().with(Map.of("itemBias", "maybe")))
                .hasMessageContaining("'itemBias'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().with(Map.of("positiveThreshold", "high")))
                .hasMessageContaining("'positiveThreshold'").hasMessageContaining("high");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().with(Map.of("batchSize", 0)))
                .hasMessageContaining("batchSize must be in [1, 1048576], got 0");
    }

    @Test
    void validationNamesTheBadValue() {
        assertThatThrownBy(() -> BprTrainer.Options.defaults().withDimensions(0))
                .hasMessage("dimensions must be in [1, 4096], got 0");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().withL2(-1)).hasMessage("l2 must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> BprTrainer.Options.defaults().withPopularityExponent(3))
                .hasMessage("popularityExponent must be in [0, 2], got 3.0");
        assertThatThrownBy(() -> new GenreBprTrainer(BprTrainer.Options.defaults().withDimensions(16).withTagDimensions(16)))
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
