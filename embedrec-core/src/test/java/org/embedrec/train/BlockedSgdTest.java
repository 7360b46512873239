package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.train.MatrixFactorizationTrainer.MfWorker;
import org.embedrec.train.MatrixFactorizationTrainer.Objective;
import org.embedrec.train.MatrixFactorizationTrainer.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused plain-SGD path and the blocked (user block, item block) example order. */
class BlockedSgdTest {
    private static Options sgd(int epochs, long seed) {
        return Options.defaults().withDimensions(8).withEpochs(epochs).withOptimizer(Optimizer.SGD).withBatchSize(1).withLearningRate(0.02)
                .withL2(0.02).withBiasL2(0.01).withSigmoid(false).withSeed(seed);
    }

    @Test
    void theGridSideIsOneWhileTablesAndExamplesFitInCacheAndFollowsTheItemTableAfter() {
        assertThat(MatrixFactorizationTrainer.gridSide(671, 9_066, 64, 90_000)).as("ml-latest-small").isEqualTo(1);
        assertThat(MatrixFactorizationTrainer.gridSide(6_040, 3_700, 64, 900_000)).as("ML-1M").isEqualTo(4);
        int side = MatrixFactorizationTrainer.gridSide(162_000, 59_000, 64, 22_500_000);
        assertThat(side).as("ML-25M").isEqualTo(29);
        // One block's item rows fit the budget, and one block fewer would not.
        assertThat((59_000 + side - 1) / side * 64L * 4).isLessThanOrEqualTo(MatrixFactorizationTrainer.BLOCK_ITEM_BYTES);
        assertThat((59_000 + side - 2) / (side - 1) * 64L * 4).isGreaterThan(MatrixFactorizationTrainer.BLOCK_ITEM_BYTES);
        assertThat(MatrixFactorizationTrainer.gridSide(10_000_000, 1_000_000, 128, 100_000_000)).isEqualTo(256);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void blockingIsAPermutationGroupedByGridCellThenUser(long seed) {
        Ratings ratings = RatingFixtures.random(seed, 50, 30, 600);
        int side = 4;
        int[][] blocked = MatrixFactorizationTrainer.blockByGrid(ratings, side);
        int[] rows = blocked[0];
        int[] starts = blocked[1];
        assertThat(starts).hasSize(side * side + 1);
        assertThat(starts[0]).isZero();
        assertThat(starts[side * side]).isEqualTo(ratings.size());
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            assertThat(sorted[k]).isEqualTo(k);
        }
        for (int cell = 0; cell < side * side; cell++) {
            for (int k = starts[cell]; k < starts[cell + 1]; k++) {
                int row = rows[k];
                assertThat(ratings.user(row) * side / 50).isEqualTo(cell / side);
                assertThat(ratings.item(row) * side / 30).isEqualTo(cell % side);
                if (k > starts[cell]) {
                    int previous = rows[k - 1];
                    // By user, then by row.
                    assertThat(ratings.user(row) > ratings.user(previous)
                            || ratings.user(row) == ratings.user(previous) && row > previous).as("position %d", k).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void theBlockedShuffleMovesWholeBlocksAndKeepsTheirInsideOrder(long seed) {
        int[] starts = {0, 3, 3, 10, 11, 20};
        int[] order = new int[20];
        TrainingLoop.shuffle(order, starts, new SplittableRandom(seed));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < 20; k++) {
            assertThat(sorted[k]).isEqualTo(k);
        }
        int[] other = new int[20];
        TrainingLoop.shuffle(other, starts, new SplittableRandom(seed + 10));
        TrainingLoop.shuffle(order, starts, new SplittableRandom(seed));
        int position = 0;
        while (position < order.length) {
            int block = blockOf(order[position], starts);
            int size = starts[block + 1] - starts[block];
            for (int k = position; k < position + size; k++) {
                assertThat(order[k]).as("position %d keeps the block's order", k).isEqualTo(starts[block] + k - position);
            }
            position += size;
        }
    }

    private static int blockOf(int example, int[] starts) {
        int block = 0;
        while (starts[block + 1] <= example) {
            block++;
        }
        return block;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 17, 99})
    void theFusedStepEqualsAnSgdStepOfTheMiniBatchPath(int row) {
        Ratings ratings = RatingFixtures.random(7, 20, 15, 120);
        Objective fused = new Objective(ratings, null, null, sgd(1, 3), new SplittableRandom(11));
        Objective general = new Objective(ratings, null, null, sgd(1, 3), new SplittableRandom(11));
        float rate = 0.05f;
        new MfWorker(fused).train(new int[] {row}, 0, 1, rate);
        MfWorker worker = new MfWorker(general);
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

    private static void assertClose(float[] actual, float[] expected) {
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("index %d", k).isCloseTo(expected[k], within(1e-6f));
        }
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
    void blockingDoesNotHurtQuality(long seed) {
        Ratings ratings = RatingFixtures.lowRank(seed, 300, 200, 20_000, 4, 0.2);
        Split split = Splits.randomHoldout(ratings, 0.2, seed);
        double plain = testRmse(split, seed, 1);
        double blocked = testRmse(split, seed, 8);
        assertThat(blocked).isLessThan(plain * 1.02);
        // Both learn: far better than predicting the mean.
        double mean = split.train().mean();
        double meanRmse = 0;
        for (int row = 0; row < split.test().size(); row++) {
            meanRmse += Math.pow(split.test().rating(row) - mean, 2);
        }
        meanRmse = Math.sqrt(meanRmse / split.test().size());
        assertThat(blocked).isLessThan(0.7 * meanRmse);
    }

    private static double testRmse(Split split, long seed, int side) {
        Options options = sgd(30, seed);
        Objective objective = new Objective(split.train(), null, null, options, new SplittableRandom(seed), side);
        TrainingLoop.run(objective, new TrainingLoop.Settings(30, 1, seed, options.training().learningRate(), 0, "rmse"),
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
