package org.embedrec.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.embedrec.family.mf.MatrixFactorizationTrainer;
import org.embedrec.train.RecommenderTrainer;

class TrainersTest {
    @Test
    void presetsAreOverriddenByGivenOptions() {
        RecommenderTrainer<?> dot = Trainers.create("dot", Map.of("dimensions", 8));
        assertThat(dot.kind()).isEqualTo("matrix-factorization");
        assertThat(dot.optionsMap()).contains(entry("biases", false), entry("sigmoid", false), entry("dimensions", 8));
        assertThat(Trainers.create("dot", Map.of("biases", true)).optionsMap()).contains(entry("biases", true));
        assertThat(Trainers.create("mf", Map.of()).optionsMap())
                .isEqualTo(MatrixFactorizationTrainer.Options.defaults().toMap());
    }

    @Test
    void everyNameIsDescribedAndBuildsWithItsPresetAlone() {
        assertThat(Trainers.names()).startsWith("mf", "dot");
        for (String name : Trainers.names()) {
            assertThat(Trainers.describe(name)).isNotBlank();
            assertThat(Trainers.create(name, Map.of()).optionsMap()).isNotEmpty();
        }
    }

    @Test
    void unknownNamesAndOptionsAreNamed() {
        assertThatThrownBy(() -> Trainers.create("svd++", Map.of()))
                .hasMessageContainingAll("unknown model 'svd++'", "mf", "dot");
        assertThatThrownBy(() -> Trainers.create("mf", Map.of("hidden", "10")))
                .hasMessageContaining("unknown matrix-factorization option 'hidden'");
    }
}
