package org.embedrec.family.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.embedrec.nn.RatingLoss;
import org.junit.jupiter.api.Test;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Optimizer;
import org.embedrec.family.Trainers;

/** Options of the neural models: validation, presets, and the config-file map in both directions. */
class NeuralOptionsTest {
    @Test
    void mapsRoundTripEveryField() {
        HybridRatingTrainer.Options options = HybridRatingTrainer.Options.defaults().withDimensions(12).withHidden(40, 20)
                .withDropout(0.1, 0.2).withLoss(RatingLoss.BCE).withSigmoid(true).withRange(0.5, 5.5)
                .withFeatures(Set.of(ItemFeature.GENRES)).withEpochs(7).withBatchSize(128)
                .withOptimizer(Optimizer.ADAGRAD).withLearningRate(LearningRateSchedule.parse("2@0.01,3@0.001"))
                .withL2(0.02).withInitScale(0.1).withSeed(9).withThreads(2).withPatience(3);
        assertThat(HybridRatingTrainer.Options.defaults().with(options.toMap())).isEqualTo(options);
        DeepRatingTrainer.Options deep = DeepRatingTrainer.Options.defaults().withHidden().withLoss(RatingLoss.MAE);
        assertThat(DeepRatingTrainer.Options.defaults().with(deep.toMap())).isEqualTo(deep);
        RatingClassifierTrainer.Options classifier = RatingClassifierTrainer.Options.defaults().withDimensions(5);
        assertThat(RatingClassifierTrainer.Options.defaults().with(classifier.toMap())).isEqualTo(classifier);
    }

    @Test
    void mapsAcceptConfigFileSpellings() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hidden", "64, 32");
        map.put("features", List.of("popularity", "year"));
        map.put("loss", "mae");
        map.put("learningRate", 0.01);
        map.put("epochs", 5L);
        map.put("rangeLow", "data");
        HybridRatingTrainer.Options options = HybridRatingTrainer.Options.defaults().with(map);
        assertThat(options.network().hidden()).containsExactly(64, 32);
        assertThat(options.features()).containsExactlyInAnyOrder(ItemFeature.POPULARITY, ItemFeature.YEAR);
        assertThat(options.output().loss()).isEqualTo(RatingLoss.MAE);
        assertThat(options.training().learningRate().rate(3)).isEqualTo(0.01);
        assertThat(options.training().epochs()).isEqualTo(5);
        assertThat(Double.isNaN(options.output().rangeLow())).isTrue();
        assertThat(DeepRatingTrainer.Options.defaults().with(Map.of("hidden", 16)).network().hidden()).containsExactly(16);
    }

    @Test
    void mapsNameUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().with(Map.of("dimension", 8, "hiden", 3, "epochs", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown deep options 'dimension', 'hiden'");
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().with(Map.of("epochs", 2.5)))
                .hasMessageContaining("'epochs'").hasMessageContaining("2.5").hasMessageContaining("an integer");
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().with(Map.of("loss", "huber")))
                .hasMessageContaining("'loss'").hasMessageContaining("'huber'");
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().with(Map.of("inputDropout", 1.0)))
                .hasMessageContaining("inputDropout must be in [0, 1), got 1.0");
    }

    @Test
    void eachTrainerAcceptsAndRecordsOnlyItsOwnKeys() {
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().with(Map.of("features", "genres")))
                .hasMessageContaining("unknown deep option 'features'");
        assertThatThrownBy(() -> RatingClassifierTrainer.Options.defaults().with(Map.of("loss", "mse", "sigmoid", true)))
                .hasMessageContaining("unknown rating-classifier options 'loss', 'sigmoid'");
        assertThat(new DeepRatingTrainer(DeepRatingTrainer.Options.defaults()).optionsMap().keySet())
                .isEqualTo(Set.copyOf(DeepRatingTrainer.Options.TABLE.keys())).doesNotContain("features");
        assertThat(new RatingClassifierTrainer(RatingClassifierTrainer.Options.defaults()).optionsMap().keySet())
                .doesNotContain("loss", "sigmoid", "features");
        assertThat(new HybridRatingTrainer(HybridRatingTrainer.Options.defaults()).optionsMap().keySet())
                .contains("features", "loss", "hidden", "epochs");
        assertThatThrownBy(() -> HybridRatingTrainer.Options.defaults().withFeatures(Set.of()))
                .hasMessageContaining("at least one item feature");
    }

    @Test
    void presetsAreTheTutorialsArchitectures() {
        DeepRatingTrainer.Options keras = ((DeepRatingTrainer) Trainers.create("recommender-net", Map.of())).options();
        assertThat(keras.network()).isEqualTo(new NetworkOptions(50, List.of(10), 0.05, 0.5, 0));
        assertThat(keras.training().learningRate()).isEqualTo(LearningRateSchedule.constant(0.001));
        DeepRatingTrainer.Options fastai = ((DeepRatingTrainer) Trainers.create("fastai", Map.of())).options();
        assertThat(fastai.network()).isEqualTo(new NetworkOptions(50, List.of(70), 0.3, 0.75, 0));
        assertThat(fastai.output().rangeHigh()).isEqualTo(5.5);
        DeepRatingTrainer.Options lectures = ((DeepRatingTrainer) Trainers.create("deep-regression", Map.of())).options();
        assertThat(lectures.network().hidden()).containsExactly(64);
        assertThat(lectures.output().sigmoid()).isFalse();
        assertThat(lectures.output().loss()).isEqualTo(RatingLoss.MAE);
    }

    @Test
    void validationNamesTheBadValue() {
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().withHidden(32, 0))
                .hasMessageContaining("hidden layer widths must be in [1, 65536], got [32, 0]");
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().withLoss(RatingLoss.BCE).withSigmoid(false))
                .hasMessageContaining("BCE needs the sigmoid output");
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().withRange(5, 1))
                .hasMessageContaining("rangeLow must be < rangeHigh, got [5.0, 1.0]");
        assertThatThrownBy(() -> DeepRatingTrainer.Options.defaults().withDimensions(0)).hasMessageContaining("got 0");
    }
}
