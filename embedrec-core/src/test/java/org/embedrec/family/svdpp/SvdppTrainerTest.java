package org.embedrec.family.svdpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.ConcurrentTraining;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.train.Optimizer;
import org.embedrec.train.TrainingListener;
import org.junit.jupiter.api.Test;

/** SVD++ training: reproducibility, threads, learning planted structure, and its options' checks. */
class SvdppTrainerTest {
    private static final Ratings PLANTED = RatingFixtures.lowRank(3, 500, 300, 40_000, 4, 0.3);

    private static SvdppModel fit(SvdppTrainer.Options options, Split split) {
        return new SvdppTrainer(options).fit(split.train(), split.test(), ItemCatalog.untitled(split.train().items()),
                TrainingListener.NONE);
    }

    private static double lastRmse(SvdppModel model) {
        java.util.List<EpochRecord> history = model.info().history();
        return history.get(history.size() - 1).metrics().get("rmse");
    }

    /**
     * Two threads that train μ on copies, over halves that call for the same correction (every rating 4,
     * μ starting at 3), must move it about as far as one thread does on one half, not twice as far.
     */
    @Test
    void twoThreadsTogetherMoveTheTrainedMeanAsFarAsOne() throws Exception {
        Ratings ratings = ConcurrentTraining.twoHalvesRatingFour();
        SvdppTrainer.Options options = SvdppTrainer.Options.defaults().withDimensions(4).withTrainMean(true);
        int[][] halves = ConcurrentTraining.halvesRepeated();
        SvdppTrainer.Objective alone = new SvdppTrainer.Objective(ratings, null, options, new SplittableRandom(5));
        alone.global[0] = 3f;
        alone.newWorker(0, 1).train(halves[0], 0, halves[0].length, 0.01f);
        float oneThread = alone.global[0] - 3f;
        assertThat(oneThread).as("μ moves toward 4").isGreaterThan(0.1f);

        SvdppTrainer.Objective shared = new SvdppTrainer.Objective(ratings, null, options, new SplittableRandom(5));
        shared.global[0] = 3f;
        ConcurrentTraining.trainAtOnce(List.of(shared.newWorker(0, 2), shared.newWorker(0, 2)), halves, 0.01f);
        // Summed, the copies' changes would be twice one thread's; had the threads not overlapped, the
        // second would add half of what was left (about 0.75 of it).
        assertThat(shared.global[0] - 3f).isBetween(0.6f * oneThread, 1.3f * oneThread);
    }

    @Test
    void oneThreadAndOneSeedGiveBitIdenticalModelsAndAnotherSeedAnother() {
        Split split = Splits.randomHoldout(PLANTED, 0.1, 1);
        SvdppTrainer.Options options = SvdppTrainer.Options.defaults().withDimensions(8).withEpochs(3);
        SvdppModel.Parameters first = fit(options, split).parameters();
        SvdppModel.Parameters second = fit(options, split).parameters();
        SvdppModel.Parameters other = fit(options.withSeed(7), split).parameters();
        assertThat(second.userFactors()).containsExactly(first.userFactors());
        assertThat(second.itemFactors()).containsExactly(first.itemFactors());
        assertThat(second.implicitFactors()).containsExactly(first.implicitFactors());
        assertThat(second.userImplicit()).containsExactly(first.userImplicit());
        assertThat(second.userBias()).containsExactly(first.userBias());
        assertThat(second.itemBias()).containsExactly(first.itemBias());
        assertThat(other.implicitFactors()).isNotEqualTo(first.implicitFactors());
    }

    @Test
    void learnsPlantedStructureOnOneThreadAndOnTwo() {
        Split split = Splits.randomHoldout(PLANTED, 0.1, 1);
        double meanOnly = 0;
        double mean = split.train().mean();
        for (int row = 0; row < split.test().size(); row++) {
            meanOnly += (split.test().rating(row) - mean) * (split.test().rating(row) - mean);
        }
        meanOnly = Math.sqrt(meanOnly / split.test().size());
        SvdppTrainer.Options options = SvdppTrainer.Options.defaults().withDimensions(8);
        double one = lastRmse(fit(options, split));
        double two = lastRmse(fit(options.withThreads(2), split));
        assertThat(one).as("one thread against the mean's %s", meanOnly).isLessThan(0.6 * meanOnly);
        assertThat(two).as("two threads against one thread's %s", one).isBetween(one - 0.02, one + 0.02);
    }

    @Test
    void refusesOptimizersOtherThanSgdAndBatches() {
        assertThatThrownBy(() -> SvdppTrainer.Options.defaults().withOptimizer(Optimizer.ADAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("optimizer must be SGD, got ADAM");
        assertThatThrownBy(() -> SvdppTrainer.Options.defaults().withBatchSize(64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize must be 1, got 64");
        assertThatThrownBy(() -> SvdppTrainer.Options.defaults().withImplicitL2(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("implicitL2 must be finite and >= 0, got -1.0");
    }
}
