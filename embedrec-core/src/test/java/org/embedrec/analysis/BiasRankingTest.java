package org.embedrec.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.ItemBiases;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.family.mf.MatrixFactorizationTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BiasRankingTest {
    private static final int ALWAYS_FIVE = 3;
    private static final int RARE_FIVE = 7;

    /**
     * Random ratings in [1, 4] except that item {@value #ALWAYS_FIVE} is always rated 5, and item
     * {@value #RARE_FIVE}, also always 5, has only its first two ratings kept.
     */
    private static Ratings plantedFavourite(long seed) {
        Ratings random = RatingFixtures.random(seed, 60, 20, 600);
        SplittableRandom values = new SplittableRandom(seed);
        Ratings.Builder builder = Ratings.builder();
        int rareKept = 0;
        for (int row = 0; row < random.size(); row++) {
            int item = random.item(row);
            if (item == RARE_FIVE && rareKept++ >= 2) {
                continue;
            }
            float value = item == ALWAYS_FIVE || item == RARE_FIVE ? 5 : 1 + values.nextInt(4);
            builder.add(random.user(row), item, value, 0);
        }
        return builder.build(random.users(), random.items());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void anItemAlwaysRatedFiveComesFirstAndARareOneIsLeftOut(long seed) {
        Ratings train = plantedFavourite(seed);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults()
                .withDimensions(4).withEpochs(20).withSeed(seed).withSigmoid(false))
                .fit(train, ItemCatalog.untitled(train.items()));
        int[] counts = train.itemCounts();
        assertThat(counts[RARE_FIVE]).isEqualTo(2);

        BiasRanking ranking = BiasRanking.of(model, counts, 5, 3);

        assertThat(ranking.highest().get(0).item()).isEqualTo(ALWAYS_FIVE);
        assertThat(ranking.highest().get(0).title()).isEqualTo("i" + ALWAYS_FIVE);
        assertThat(ranking.highest().get(0).ratings()).isEqualTo(counts[ALWAYS_FIVE]);
        assertThat(ranking.highest()).extracting(BiasRanking.RankedItem::item).doesNotContain(RARE_FIVE);
        assertThat(ranking.lowest()).extracting(BiasRanking.RankedItem::item).doesNotContain(ALWAYS_FIVE, RARE_FIVE);
        assertThat(ranking.eligible()).isEqualTo(19);
    }

    /** Fixed biases: the ranking equals a naive sort of the eligible items. */
    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void rankingMatchesANaiveSortOfTheEligibleItems(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int items = 50;
        float[] bias = new float[items];
        int[] counts = new int[items];
        for (int item = 0; item < items; item++) {
            bias[item] = (float) random.nextGaussian();
            counts[item] = random.nextInt(30);
        }
        ItemBiases biases = new ItemBiases() {
            @Override
            public boolean hasBiases() {
                return true;
            }

            @Override
            public float itemBias(int item) {
                return bias[item];
            }
        };
        BiasRanking ranking = BiasRanking.of(biases, ItemCatalog.untitled(RatingFixtures.ids("m", items)), counts, 10, 5);

        List<Integer> eligible = IntStream.range(0, items).filter(i -> counts[i] >= 10).boxed().toList();
        List<Integer> naiveHigh = eligible.stream().sorted(Comparator.comparingDouble(i -> -bias[i])).limit(5).toList();
        List<Integer> naiveLow = eligible.stream().sorted(Comparator.comparingDouble(i -> bias[i])).limit(5).toList();
        assertThat(ranking.highest()).extracting(BiasRanking.RankedItem::item).containsExactlyElementsOf(naiveHigh);
        assertThat(ranking.lowest()).extracting(BiasRanking.RankedItem::item).containsExactlyElementsOf(naiveLow);
        assertThat(ranking.eligible()).isEqualTo(eligible.size());
        assertThat(ranking.highest()).allMatch(r -> r.title().equals("m" + r.item()) && r.ratings() == counts[r.item()]);
    }

    @Test
    void aModelWithoutBiasesIsRefusedWithAReason() {
        Ratings train = RatingFixtures.random(1, 10, 10, 50);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults()
                .withDimensions(2).withEpochs(1).withBiases(false)).fit(train, ItemCatalog.untitled(train.items()));
        assertThatThrownBy(() -> BiasRanking.of(model, train.itemCounts(), 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no item biases");
    }
}
