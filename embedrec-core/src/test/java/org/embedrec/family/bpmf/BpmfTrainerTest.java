package org.embedrec.family.bpmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.data.UserRatings;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.train.TrainingListener;
import org.junit.jupiter.api.Test;

class BpmfTrainerTest {
    private static final Ratings RATINGS = RatingFixtures.lowRank(4, 120, 80, 3000, 3, 0.3);
    private static final ItemCatalog CATALOG = ItemCatalog.untitled(RATINGS.items());
    private static final BpmfTrainer.Options SMALL = BpmfTrainer.Options.defaults().withDimensions(6).withSamples(40)
            .withBurnIn(10).withKeptSamples(6);

    @Test
    void oneAndTwoThreadsGiveBitIdenticalModels() {
        BpmfModel one = new BpmfTrainer(SMALL.withThreads(1)).fit(RATINGS, CATALOG);
        BpmfModel two = new BpmfTrainer(SMALL.withThreads(2)).fit(RATINGS, CATALOG);
        assertThat(two.userVectors()).containsExactly(one.userVectors());
        assertThat(two.itemVectors()).containsExactly(one.itemVectors());
        assertThat(two.userBiases()).containsExactly(one.userBiases());
        assertThat(two.itemBiases()).containsExactly(one.itemBiases());
        assertThat(two.samples().itemBiases()).containsExactly(one.samples().itemBiases());
        assertThat(two.samples().userPriorPrecisions()).containsExactly(one.samples().userPriorPrecisions());
        assertThat(two.samples().precisions()).containsExactly(one.samples().precisions());
    }

    @Test
    void anotherSeedGivesAnotherModel() {
        BpmfModel one = new BpmfTrainer(SMALL).fit(RATINGS, CATALOG);
        BpmfModel other = new BpmfTrainer(SMALL.withSeed(43)).fit(RATINGS, CATALOG);
        assertThat(other.itemVectors()).isNotEqualTo(one.itemVectors());
    }

    @Test
    void keepsTheLastSampleAndEveryThinningthBeforeIt() {
        BpmfTrainer trainer = new BpmfTrainer(SMALL.withBurnIn(2).withKeptSamples(3).withSamples(10));
        List<Integer> kept = new ArrayList<>();
        for (int sample = 1; sample <= 10; sample++) {
            int slot = trainer.keptSlot(sample);
            if (slot >= 0) {
                assertThat(slot).isEqualTo(kept.size());
                kept.add(sample);
            }
        }
        assertThat(kept).containsExactly(6, 8, 10);
    }

    @Test
    void beatsTheDampedBiasBaselineOnPlantedLowRankData() {
        Split split = Splits.randomHoldout(RATINGS, 0.2, 1);
        BpmfModel model = new BpmfTrainer(SMALL).fit(split.train(), CATALOG);
        double rmse = Metrics.ratingErrors(model, split.test()).rmse();
        double baseline = Metrics.ratingErrors(Baselines.biases(split.train(), CATALOG), split.test()).rmse();
        assertThat(rmse).as("BPMF vs damped biases %s", baseline).isLessThan(0.8 * baseline);
    }

    @Test
    void theLastValidationRmseIsTheFittedModelsAndEachSampleIsReported() {
        Split split = Splits.randomHoldout(RATINGS, 0.2, 1);
        List<EpochRecord> records = new ArrayList<>();
        BpmfModel model = new BpmfTrainer(SMALL).fit(split.train(), split.test(), CATALOG, new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord record) {
                records.add(record);
            }
        });
        assertThat(records).hasSize(SMALL.samples()).extracting(EpochRecord::epoch).startsWith(1, 2, 3);
        assertThat(records.get(records.size() - 1).metrics().get("rmse"))
                .isCloseTo(Metrics.ratingErrors(model, split.test()).rmse(), within(1e-5));
        assertThat(model.info().history()).hasSize(SMALL.samples());
    }

    /**
     * A trained user's vector is the posterior mean given each kept sample, exactly what fold-in
     * computes: folding in a training user's own ratings gives back their scores (up to the float
     * rounding of the stored hyperparameters).
     */
    @Test
    void foldingInATrainingUsersRatingsGivesBackTheirScores() {
        BpmfModel model = new BpmfTrainer(SMALL).fit(RATINGS, CATALOG);
        UserRatings byUser = RATINGS.byUser();
        float[] trained = new float[CATALOG.size()];
        float[] folded = new float[CATALOG.size()];
        for (int user = 0; user < 10; user++) {
            int count = byUser.count(user);
            int[] items = new int[count];
            float[] values = new float[count];
            for (int k = 0; k < count; k++) {
                int row = byUser.row(byUser.start(user) + k);
                items[k] = RATINGS.item(row);
                values[k] = RATINGS.rating(row);
            }
            model.scoreAll(user, trained);
            model.scoreNewUser(items, values, folded);
            for (int item = 0; item < trained.length; item++) {
                assertThat(folded[item]).as("user %d, item %d", user, item).isCloseTo(trained[item], within(2e-4f));
            }
        }
    }

    @Test
    void withoutBiasesTheBiasesAreZeroAndTheModelStillFits() {
        Split split = Splits.randomHoldout(RATINGS, 0.2, 1);
        BpmfModel model = new BpmfTrainer(SMALL.withBiases(false)).fit(split.train(), CATALOG);
        assertThat(model.hasBiases()).isFalse();
        assertThat(model.userBiases()).containsOnly(0f);
        assertThat(model.itemBiases()).containsOnly(0f);
        double baseline = Metrics.ratingErrors(Baselines.biases(split.train(), CATALOG), split.test()).rmse();
        assertThat(Metrics.ratingErrors(model, split.test()).rmse()).isLessThan(baseline);
    }

    @Test
    void sampledPrecisionEndsNearTheInverseNoiseOfTheFit() {
        BpmfModel model = new BpmfTrainer(SMALL.withSamplePrecision(true)).fit(RATINGS, CATALOG);
        double mse = model.info().history().get(SMALL.samples() - 1).trainLoss();
        for (float alpha : model.samples().precisions()) {
            assertThat((double) alpha).isCloseTo(1 / mse, within(0.3 / mse));
        }
    }

    @Test
    void optionsNameTheirLimits() {
        assertThatThrownBy(() -> SMALL.withBurnIn(40)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("burnIn must be in [0, samples) = [0, 40), got 40");
        assertThatThrownBy(() -> SMALL.withKeptSamples(31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keptSamples must be in [1, samples - burnIn] = [1, 30], got 31");
        assertThatThrownBy(() -> SMALL.withPrecision(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("precision must be finite and > 0, got 0.0");
    }
}
