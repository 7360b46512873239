package org.embedrec.family.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.List;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.embedrec.train.TrainingListener;

/** The hybrid model's item features: training data only, unknown years, chosen columns only. */
class HybridFeatureTableTest {
    /** Items 0..3 rated 4, 2, 1 and 0 times; item 1 has no known year. */
    private static Ratings train(IdIndex items) {
        Ratings.Builder builder = Ratings.builder();
        int[] counts = {4, 2, 1, 0};
        int user = 0;
        for (int item = 0; item < counts.length; item++) {
            for (int k = 0; k < counts[item]; k++) {
                builder.add(user, item, 1 + user % 5, 0);
                user++;
            }
        }
        return builder.build(RatingFixtures.ids("u", user), items);
    }

    private static ItemCatalog catalog() {
        ItemCatalog.Builder builder = ItemCatalog.builder();
        builder.add("m0", "A (1990)", 1990, List.of("Drama"));
        builder.add("m1", "B", ItemCatalog.UNKNOWN_YEAR, List.of("Comedy", "Drama"));
        builder.add("m2", "C (2000)", 2000, List.of());
        builder.add("m3", "D (2010)", 2010, List.of("Comedy"));
        return builder.build();
    }

    @Test
    void columnsFollowTheTrainingRowsAndTheCatalog() {
        ItemCatalog catalog = catalog();
        Ratings train = train(catalog.items());
        HybridRatingTrainer.FeatureTable table = HybridRatingTrainer.FeatureTable.of(train, catalog,
                EnumSet.allOf(ItemFeature.class));
        assertThat(table.names()).containsExactly("popularity", "year", "year_unknown", "genre:Drama", "genre:Comedy");
        int width = table.names().size();
        float[] v = table.values();
        // Popularity quantiles over the 7 training rows, whose item counts are 4,4,4,4,2,2,1.
        assertThat(v[0 * width]).isCloseTo((3 + 6) / 2f / 6, within(1e-6f));
        assertThat(v[1 * width]).isCloseTo((1 + 2) / 2f / 6, within(1e-6f));
        assertThat(v[2 * width]).isCloseTo(0f, within(1e-6f));
        assertThat(v[3 * width]).as("never rated in training: below every training row").isZero();
        // Years over the training rows of known-year items: 1990 x4, 2000 x1; item 3 (2010) is above them all.
        assertThat(v[0 * width + 1]).isCloseTo((0 + 3) / 2f / 4, within(1e-6f));
        assertThat(v[1 * width + 1]).isEqualTo(0.5f);
        assertThat(v[1 * width + 2]).isEqualTo(1f);
        assertThat(v[0 * width + 2]).isZero();
        assertThat(v[3 * width + 1]).isEqualTo(1f);
        // Genres multi-hot.
        assertThat(new float[] {v[1 * width + 3], v[1 * width + 4], v[2 * width + 3], v[2 * width + 4]})
                .containsExactly(1f, 1f, 0f, 0f);
    }

    @Test
    void onlyTheChosenFeaturesAndOnlyTrainingData() {
        ItemCatalog catalog = catalog();
        Ratings train = train(catalog.items());
        HybridRatingTrainer.FeatureTable genres = HybridRatingTrainer.FeatureTable.of(train, catalog,
                EnumSet.of(ItemFeature.GENRES));
        assertThat(genres.names()).containsExactly("genre:Drama", "genre:Comedy");
        // Fitted on the training rows only: validation ratings of item 3 do not make it popular.
        Ratings.Builder heldOut = Ratings.builder();
        for (int user = 0; user < train.userCount(); user++) {
            heldOut.add(user, 3, 5, 0);
        }
        Ratings validation = heldOut.build(train.users(), train.items());
        HybridRatingModel model = new HybridRatingTrainer(HybridRatingTrainer.Options.defaults().withDimensions(2).withHidden(2).withEpochs(1)
                .withFeatures(EnumSet.of(ItemFeature.POPULARITY, ItemFeature.YEAR)))
                .fit(train, validation, catalog, TrainingListener.NONE);
        HybridRatingTrainer.FeatureTable expected = HybridRatingTrainer.FeatureTable.of(train, catalog,
                EnumSet.of(ItemFeature.POPULARITY, ItemFeature.YEAR));
        assertThat(model.featureNames()).isEqualTo(expected.names());
        assertThat(model.itemFeatures(3)).containsExactly(0f, 1f, 0f);
        assertThat(model.network().itemFeatures()).containsExactly(expected.values());
    }
}
