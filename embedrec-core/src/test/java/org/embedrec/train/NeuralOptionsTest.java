package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.embedrec.nn.RatingLoss;
import org.junit.jupiter.api.Test;

/** Options of the neural models: validation, presets, and the config-file map in both directions. */
class NeuralOptionsTest {
    @Test
    void toMapAndFromMapRoundTripEveryField() {
        NeuralOptions options = NeuralOptions.builder().dimensions(12).hidden(40, 20).dropout(0.1, 0.2)
                .loss(RatingLoss.BCE).sigmoid(true).range(0.5, 5.5).features(List.of(ItemFeature.GENRES)).epochs(7)
                .batchSize(128).optimizer(Optimizer.ADAGRAD).schedule(LearningRateSchedule.parse("2@0.01,3@0.001"))
                .l2(0.02).initScale(0.1).seed(9).threads(2).patience(3).build();
        assertThat(NeuralOptions.fromMap(options.toMap())).isEqualTo(options);
        assertThat(NeuralOptions.fromMap(NeuralOptions.defaults().toMap())).isEqualTo(NeuralOptions.defaults());
    }

    @Test
    void fromMapAcceptsConfigFileSpellings() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hidden", "64, 32");
        map.put("features", List.of("popularity", "year"));
        map.put("loss", "mae");
        map.put("learningRate", 0.01);
        map.put("epochs", 5L);
        map.put("rangeLow", "data");
        NeuralOptions options = NeuralOptions.fromMap(map);
        assertThat(options.hidden()).containsExactly(64, 32);
        assertThat(options.features()).containsExactlyInAnyOrder(ItemFeature.POPULARITY, ItemFeature.YEAR);
        assertThat(options.loss()).isEqualTo(RatingLoss.MAE);
        assertThat(options.schedule().rate(3)).isEqualTo(0.01);
        assertThat(options.epochs()).isEqualTo(5);
        assertThat(Double.isNaN(options.rangeLow())).isTrue();
        assertThat(NeuralOptions.fromMap(Map.of("hidden", 16)).hidden()).containsExactly(16);
    }

    @Test
    void fromMapNamesUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> NeuralOptions.fromMap(Map.of("dimension", 8, "hiden", 3, "epochs", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown neural options 'dimension', 'hiden'");
        assertThatThrownBy(() -> NeuralOptions.fromMap(Map.of("epochs", 2.5)))
                .hasMessageContaining("'epochs'").hasMessageContaining("2.5").hasMessageContaining("an integer");
        assertThatThrownBy(() -> NeuralOptions.fromMap(Map.of("loss", "huber")))
                .hasMessageContaining("'loss'").hasMessageContaining("'huber'");
        assertThatThrownBy(() -> NeuralOptions.fromMap(Map.of("inputDropout", 1.0)))
                .hasMessageContaining("inputDropout must be in [0, 1), got 1.0");
    }

    @Test
    void eachTrainerAcceptsAndRecordsOnlyItsOwnKeys() {
        assertThatThrownBy(() -> DeepRatingTrainer.optionsFromMap(Map.of("features", "genres")))
                .hasMessageContaining("unknown deep option 'features'");
        assertThatThrownBy(() -> RatingClassifierTrainer.optionsFromMap(Map.of("loss", "mse", "sigmoid", true)))
                .hasMessageContaining("unknown rating-classifier options 'loss', 'sigmoid'");
        assertThat(HybridRatingTrainer.optionsFromMap(Map.of("features", "genres")).features())
                .containsExactly(ItemFeature.GENRES);
        NeuralOptions defaults = NeuralOptions.defaults();
        assertThat(new DeepRatingTrainer(defaults).optionsMap().keySet()).isEqualTo(DeepRatingTrainer.OPTION_KEYS)
                .doesNotContain("features");
        assertThat(new RatingClassifierTrainer(defaults).optionsMap().keySet())
                .isEqualTo(RatingClassifierTrainer.OPTION_KEYS).doesNotContain("loss", "sigmoid");
        assertThat(new HybridRatingTrainer(defaults).optionsMap().keySet()).isEqualTo(NeuralOptions.KEYS);
        assertThatThrownBy(() -> new HybridRatingTrainer(defaults.toBuilder().features(Set.of()).build()))
                .hasMessageContaining("at least one item feature");
    }

    @Test
    void presetsAreTheTutorialsArchitectures() {
        NeuralOptions keras = NeuralOptions.preset("recommender-net");
        assertThat(keras.dimensions()).isEqualTo(50);
        assertThat(keras.hidden()).containsExactly(10);
        assertThat(keras.inputDropout()).isEqualTo(0.05);
        assertThat(keras.hiddenDropout()).isEqualTo(0.5);
        NeuralOptions fastai = NeuralOptions.preset("fastai");
        assertThat(fastai.hidden()).containsExactly(70);
        assertThat(fastai.inputDropout()).isEqualTo(0.3);
        assertThat(fastai.hiddenDropout()).isEqualTo(0.75);
        assertThat(fastai.rangeHigh()).isEqualTo(5.5);
        NeuralOptions lectures = NeuralOptions.preset("deep-regression");
        assertThat(lectures.hidden()).containsExactly(64);
        assertThat(lectures.sigmoid()).isFalse();
        assertThatThrownBy(() -> NeuralOptions.preset("resnet")).hasMessageContaining("unknown preset 'resnet'")
                .hasMessageContaining("fastai");
    }

    @Test
    void validationNamesTheBadValue() {
        assertThatThrownBy(() -> NeuralOptions.builder().hidden(32, 0).build())
                .hasMessageContaining("hidden layer widths must be in [1, 65536], got [32, 0]");
        assertThatThrownBy(() -> NeuralOptions.builder().loss(RatingLoss.BCE).sigmoid(false).build())
                .hasMessageContaining("BCE needs the sigmoid output");
        assertThatThrownBy(() -> NeuralOptions.builder().range(5, 1).build())
                .hasMessageContaining("rangeLow must be < rangeHigh, got [5.0, 1.0]");
        assertThatThrownBy(() -> NeuralOptions.builder().dimensions(0).build()).hasMessageContaining("got 0");
    }
}
