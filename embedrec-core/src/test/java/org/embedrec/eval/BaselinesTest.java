package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.model.BiasModel;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The global-mean and damped-bias baselines on generated data with planted effects. */
class BaselinesTest {
    private static final int USERS = 60;
    private static final int ITEMS = 15;
    private static final int BEST_ITEM = 0;

    /**
     * Users rate 8 random items each: {@link #BEST_ITEM} always 5; the rest 3 plus a user offset in
     * {-1, 0, 1} plus noise in {-1, 0, 1}, clamped to [1, 5].
     */
    private static Ratings planted(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Ratings.Builder builder = Ratings.builder();
        for (int u = 0; u < USERS; u++) {
            int offset = u % 3 - 1;
            boolean[] rated = new boolean[ITEMS];
            for (int count = 0; count < 8; ) {
                int item = random.nextInt(ITEMS);
                if (rated[item]) {
                    continue;
                }
                rated[item] = true;
                count++;
                int rating = item == BEST_ITEM ? 5 : Math.max(1, Math.min(5, 3 + offset + random.nextInt(3) - 1));
                builder.add(u, item, rating, 0);
            }
        }
        return builder.build(RatingFixtures.ids("u", USERS), RatingFixtures.ids("i", ITEMS));
    }

    @Test
    void globalMeanPredictsTheMeanEverywhere() {
        Ratings train = RatingFixtures.random(2, 10, 12, 70);
        double sum = 0;
        for (int row = 0; row < train.size(); row++) {
            sum += train.rating(row);
        }
        BiasModel model = Baselines.globalMean(train, ItemCatalog.untitled(train.items()));
        for (int u = 0; u < 10; u++) {
            for (int i = 0; i < 12; i++) {
                assertThat(model.predict(u, i)).isEqualTo((float) (sum / 70));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void biasesFindThePlantedItemAndBeatTheGlobalMean(long seed) {
        Split split = Splits.randomHoldout(planted(seed), 0.2, seed);
        ItemCatalog catalog = ItemCatalog.untitled(split.train().items());
        BiasModel biases = Baselines.biases(split.train(), catalog);

        for (int item = 0; item < ITEMS; item++) {
            if (item != BEST_ITEM) {
                assertThat(biases.itemBias(BEST_ITEM)).as("item %d", item).isGreaterThan(biases.itemBias(item));
            }
        }
        double biasRmse = Metrics.ratingErrors(biases, split.test()).rmse();
        double meanRmse = Metrics.ratingErrors(Baselines.globalMean(split.train(), catalog), split.test()).rmse();
        assertThat(biasRmse).isLessThan(0.9 * meanRmse);
    }

    @Test
    void withoutUserBiasesItemBiasesAreDampedMeanResiduals() {
        Ratings train = planted(4);
        BiasModel model = Baselines.biases(train, ItemCatalog.untitled(train.items()), 1e12, 10);
        double mean = train.mean();
        double[] sums = new double[ITEMS];
        int[] counts = new int[ITEMS];
        for (int row = 0; row < train.size(); row++) {
            sums[train.item(row)] += train.rating(row) - mean;
            counts[train.item(row)]++;
        }
        for (int item = 0; item < ITEMS; item++) {
            assertThat((double) model.itemBias(item)).as("item %d", item).isCloseTo(sums[item] / (10 + counts[item]),
                    within(1e-6));
        }
        assertThat(model.global()).isEqualTo((float) mean);
        assertThat(model.userBias(0)).isCloseTo(0f, within(1e-9f));
    }

    @Test
    void rejectsNegativeDampingNamingIt() {
        Ratings train = planted(1);
        assertThatThrownBy(() -> Baselines.biases(train, ItemCatalog.untitled(train.items()), -1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
    }
}
