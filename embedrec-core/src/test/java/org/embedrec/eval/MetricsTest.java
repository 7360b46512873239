package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.BiasModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rating error metrics against exact known answers and a naive reference. */
class MetricsTest {
    private static final IdIndex USERS = RatingFixtures.ids("u", 2);
    private static final IdIndex ITEMS = RatingFixtures.ids("i", 3);
    private static final ModelInfo INFO = new ModelInfo("test-biases", Map.of(), Provenance.of("none"), List.of(), Map.of());

    /** Predicts 3 + b_u + b_i with b_u = (0.5, -1) and b_i = (0, 1, -0.5). */
    private static BiasModel knownModel() {
        return new BiasModel(new TrainingFacts(USERS, ItemCatalog.untitled(ITEMS), new int[] {1, 1, 1}, INFO), 3f,
                new float[] {0.5f, -1f}, new float[] {0f, 1f, -0.5f});
    }

    @Test
    void knownAnswer() {
        Ratings test = Ratings.builder()
                .add(0, 0, 4f, 0) // predicted 3.5, error -0.5
                .add(0, 1, 4f, 0) // predicted 4.5, error 0.5
                .add(1, 2, 1f, 0) // predicted 1.5, error 0.5
                .add(1, 0, 3f, 0) // predicted 2.0, error -1
                .build(USERS, ITEMS);
        RatingErrors errors = Metrics.ratingErrors(knownModel(), test);
        assertThat(errors.count()).isEqualTo(4);
        assertThat(errors.mse()).isEqualTo(1.75 / 4);
        assertThat(errors.rmse()).isEqualTo(Math.sqrt(1.75 / 4));
        assertThat(errors.mae()).isEqualTo(2.5 / 4);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesANaiveComputation(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Ratings test = RatingFixtures.random(seed, 7, 9, 1 + random.nextInt(60));
        float[] userBias = new float[7];
        float[] itemBias = new float[9];
        for (int u = 0; u < userBias.length; u++) {
            userBias[u] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < itemBias.length; i++) {
            itemBias[i] = (float) (random.nextDouble() * 2 - 1);
        }
        BiasModel model = new BiasModel(new TrainingFacts(test.users(), ItemCatalog.untitled(test.items()), new int[9],
                INFO), 3.3f, userBias, itemBias);
        double squared = 0;
        double absolute = 0;
        for (int row = 0; row < test.size(); row++) {
            double predicted = 3.3f + userBias[test.user(row)] + itemBias[test.item(row)];
            double error = predicted - test.rating(row);
            squared += error * error;
            absolute += Math.abs(error);
        }
        RatingErrors errors = Metrics.ratingErrors(model, test);
        assertThat(errors.count()).isEqualTo(test.size());
        assertThat(errors.mse()).isCloseTo(squared / test.size(), within(1e-5));
        assertThat(errors.rmse()).isCloseTo(Math.sqrt(squared / test.size()), within(1e-5));
        assertThat(errors.mae()).isCloseTo(absolute / test.size(), within(1e-5));
    }

    @Test
    void rejectsRatingsWithOtherIdIndices() {
        Ratings otherUsers = Ratings.builder().add(0, 0, 4f, 0).build(RatingFixtures.ids("v", 2), ITEMS);
        Ratings otherItems = Ratings.builder().add(0, 0, 4f, 0).build(USERS, RatingFixtures.ids("i", 4));
        assertThatThrownBy(() -> Metrics.ratingErrors(knownModel(), otherUsers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id indices");
        assertThatThrownBy(() -> Metrics.ratingErrors(knownModel(), otherItems))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 items");
    }

    @Test
    void rejectsAnEmptyTestSet() {
        Ratings empty = Ratings.builder().build(USERS, ITEMS);
        assertThatThrownBy(() -> Metrics.ratingErrors(knownModel(), empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
