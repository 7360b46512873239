package org.embedrec.family.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.embedrec.train.ExampleGrid;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.testing.ConcurrentTraining;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.family.mf.MatrixFactorizationTrainer.MfWorker;
import org.embedrec.family.mf.MatrixFactorizationTrainer.Objective;
import org.embedrec.family.mf.MatrixFactorizationTrainer.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Optimizer;
import org.embedrec.train.TrainingListener;
import org.embedrec.train.TrainingLoop;

/** The fused plain-SGD path and the blocked (user block, item block) example order. */
class BlockedSgdTest {
    private static Options sgd(int epochs, long seed) {
        return Options.defaults().withDimensions(8).withEpochs(epochs).withOptimizer(Optimizer.SGD).withBatchSize(1).withLearningRate(0.02)
                .withL2(0.02).withBiasL2(0.01).withSigmoid(false).withSeed(seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 17, 99})
    void theFusedStepEqualsAnSgdStepOfTheMiniBatchPath(int row) {
        Ratings ratings = RatingFixtures.random(7, 20, 15, 120);
        Objective fused = new Objective(ratings, null, null, sgd(1, 3), new SplittableRandom(11));
        Objective general = new Objective(ratings, null, null, sgd(1, 3), new SplittableRandom(11));
        float rate = 0.05f;
        new MfWorker(fused, 1).train(new int[] {row}, 0, 1, rate);
        MfWorker worker = new MfWorker(general, 1);
        worker.accumulate(row, 1f);
        worker.users.flush(general.userUpdater, rate, 1);
        worker.items.flush(general.itemUpdater, rate, 1);
        worker.userBiases.flush(general.userBiasUpdater, rate, 1);
        worker.itemBiases.flush(general.itemBiasUpdater, rate, 1);
        worker.global.flush(general.globalUpdater, rate, 1);
        assertClose(fused.userFactors, general.userFactors);
        assertClose(fused.itemFactors, general.itemFactors);
        assertClose(fused.userBias, general.userBias);
        assertClose(fused.itemBias, general.itemBias);
        assertClose(fused.global, general.global);
        assertThat(fused.userFactors).isNotEqualTo(new Objective(ratings, null, null, sgd(1, 3), new SplittableRandom(11)).userFactors);
    }

    /**
     * Two threads that train the global bias on copies, each over data that calls for the same correction
     * (every rating 4, the bias starting at 3), must together move it by that correction, not by twice it.
     */
    @Test
    void twoThreadsTogetherCorrectTheGlobalBiasOnce() throws Exception {
        Ratings ratings = ConcurrentTraining.twoHalvesRatingFour();
        Objective objective = new Objective(ratings, null, null, sgd(1, 5).withBiases(false), new SplittableRandom(5), 1);
        objective.global[0] = 3f;
        ConcurrentTraining.trainAtOnce(List.of(objective.newWorker(0, 2), objective.newWorker(0, 2)),
                ConcurrentTraining.halvesRepeated(), 0.01f);
        // Summed, the two copies' changes would leave it near 5; one thread alone would stop near 4; if the
        // threads happened not to overlap, the second would add half of the remaining correction (3.75).
        assertThat(objective.global[0]).isBetween(3.6f, 4.3f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64})
    void withoutTrainMeanTheGlobalBiasStaysTheTrainingMean(int batchSize) {
        Ratings ratings = RatingFixtures.lowRank(6, 80, 60, 2000, 3, 0.1);
        Options options = sgd(3, 6).withBatchSize(batchSize).withTrainMean(false);
        Objective objective = new Objective(ratings, null, null, options, new SplittableRandom(6), 4);
        float[] before = objective.userFactors.clone();
        TrainingLoop.run(objective, new TrainingLoop.Settings(3, 1, 6, LearningRateSchedule.constant(0.02), 0, "rmse"),
                new TrainingListener() {
                });
        assertThat(objective.global[0]).isEqualTo((float) ratings.mean());
        assertThat(objective.userFactors).as("the rest trains").isNotEqualTo(before);
        Objective trained = new Objective(ratings, null, null, options.withTrainMean(true), new SplittableRandom(6), 4);
        TrainingLoop.run(trained, new TrainingLoop.Settings(3, 1, 6, LearningRateSchedule.constant(0.02), 0, "rmse"),
                new TrainingListener() {
                });
        assertThat(trained.global[0]).as("with trainMean it moves").isNotEqualTo((float) ratings.mean());
    }

    private static void assertClose(float[] actual, float[] expected) {
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("index %d", k).isCloseTo(expected[k], within(1e-6f));
        }
    }

    /**
     * The blocked order's plain loop (with a fixed global bias one {@code FactorKernels.biasedSquaredSgd} call)
     * and the shuffled order's gathering loop make the same steps, at a width the vector kernels take
     * whole (64) and one they do not.
     */
    @ParameterizedTest
    @CsvSource({"true, 8", "false, 8", "true, 64", "false, 64"})
    void theGatheringLoopAndThePlainLoopGiveTheSameModel(boolean trainMean, int dim) {
        Ratings ratings = RatingFixtures.lowRank(8, 80, 60, 3000, 3, 0.1);
        Options options = sgd(1, 8).withTrainMean(trainMean).withDimensions(dim);
        Objective plain = new Objective(ratings, null, null, options, new SplittableRandom(8), 4);
        Objective gathered = new Objective(ratings, null, null, options, new SplittableRandom(8), 4);
        int[] order = new int[ratings.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = order.length - 1 - k; // any order; the two loops must follow it alike
        }
        double plainLoss = new MatrixFactorizationTrainer.FusedSgd(plain, 1, false).train(order, 0, order.length, 0.02f);
        double gatheredLoss = new MatrixFactorizationTrainer.FusedSgd(gathered, 1, true).train(order, 0, order.length, 0.02f);
        assertThat(plain.userFactors).containsExactly(gathered.userFactors);
        assertThat(plain.itemFactors).containsExactly(gathered.itemFactors);
        assertThat(plain.userBias).containsExactly(gathered.userBias);
        assertThat(plain.global).containsExactly(gathered.global);
        assertThat(plainLoss).isEqualTo(gatheredLoss);
        assertThat(plain.userFactors).isNotEqualTo(new Objective(ratings, null, null, options, new SplittableRandom(8), 4).userFactors);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void blockedFusedTrainingIsBitReproducibleOnOneThread(long seed) {
        Ratings ratings = RatingFixtures.lowRank(seed, 80, 60, 2000, 3, 0.1);
        float[] first = trainBlocked(ratings, seed, 4);
        float[] second = trainBlocked(ratings, seed, 4);
        assertThat(first).containsExactly(second);
    }

    private static float[] trainBlocked(Ratings ratings, long seed, int side) {
        Objective objective = new Objective(ratings, null, null, sgd(5, seed), new SplittableRandom(seed), side);
        TrainingLoop.run(objective, new TrainingLoop.Settings(5, 1, seed, LearningRateSchedule.constant(0.02), 0, "rmse"),
                new TrainingListener() {
                });
        float[] all = Arrays.copyOf(objective.userFactors, objective.userFactors.length + objective.itemFactors.length);
        System.arraycopy(objective.itemFactors, 0, all, objective.userFactors.length, objective.itemFactors.length);
        return all;
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 4})
    void blockingDoesNotHurtQualityOnOneThreadOrTwo(long seed) {
        // 40,000 training ratings: enough for the loop to run two threads (see TrainingLoop.PROGRESS_BLOCK).
        Ratings ratings = RatingFixtures.lowRank(seed, 300, 200, 50_000, 4, 0.2);
        Split split = Splits.randomHoldout(ratings, 0.2, seed);
        double plain = testRmse(split, seed, 1, 1, true);
        double blocked = testRmse(split, seed, 8, 1, true);
        assertThat(blocked).isLessThan(plain * 1.02);
        // Two threads take the cells from the scheduler (no two at once in one block row or column).
        assertThat(testRmse(split, seed, 8, 2, true)).isLessThan(plain * 1.03);
        // With the global bias fixed, each cell's runs of users take turns (FusedSgd.INTERLEAVED_RUNS).
        assertThat(testRmse(split, seed, 8, 1, false)).isLessThan(plain * 1.02);
        assertThat(testRmse(split, seed, 8, 2, false)).isLessThan(plain * 1.03);
        // Both learn: far better than predicting the mean.
        double mean = split.train().mean();
        double meanRmse = 0;
        for (int row = 0; row < split.test().size(); row++) {
            meanRmse += Math.pow(split.test().rating(row) - mean, 2);
        }
        meanRmse = Math.sqrt(meanRmse / split.test().size());
        assertThat(blocked).isLessThan(0.7 * meanRmse);
    }

    private static double testRmse(Split split, long seed, int side, int threads, boolean trainMean) {
        Options options = sgd(30, seed).withTrainMean(trainMean);
        Objective objective = new Objective(split.train(), null, null, options, new SplittableRandom(seed), side);
        TrainingLoop.run(objective, new TrainingLoop.Settings(30, threads, seed, options.training().learningRate(), 0, "rmse"),
                new TrainingListener() {
                });
        double squared = 0;
        for (int row = 0; row < split.test().size(); row++) {
            double error = objective.predict(split.test().user(row), split.test().item(row)) - split.test().rating(row);
            squared += error * error;
        }
        return Math.sqrt(squared / split.test().size());
    }
}
