package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WARP-style negatives on a planted one-dimensional model: user 0 likes item 0 (score 0.5); of the
 * 19 other items, the first {@code violators} score 1 (above the margin 0.5 − 1) and the rest −2.
 * The sampler must return only violators, each weighted by its draw count, and skip the triplet
 * when ten draws find none.
 */
class WarpSamplingTest {
    private static final int ITEMS = 20;

    private static BprTrainer.Objective planted(int violators) {
        Ratings.Builder builder = Ratings.builder();
        builder.add(0, 0, 5, 0);
        for (int item = 1; item < ITEMS; item++) {
            builder.add(1, item, 5, 0);
        }
        Ratings train = builder.build(RatingFixtures.ids("u", 2), RatingFixtures.ids("i", ITEMS));
        BprTrainer.Options options = BprTrainer.Options.defaults().withDimensions(1).withItemBias(false)
                .withNegatives(NegativeSampling.WARP);
        BprTrainer.Objective objective = new BprTrainer.Objective(train, null, ItemCatalog.untitled(train.items()),
                options, new SplittableRandom(1));
        objective.userFactors[0] = 1f;
        objective.itemFactors[0] = 0.5f;
        for (int item = 1; item < ITEMS; item++) {
            objective.itemFactors[item] = item <= violators ? 1f : -2f;
        }
        return objective;
    }

    /** WARP's weight for a violator found on draw {@code trial} among {@value #ITEMS} items, computed here. */
    private static double weight(int trial) {
        return Math.log(1 + Math.floor((ITEMS - 1.0) / trial)) / Math.log(ITEMS);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 12})
    void onlyViolatorsAreReturnedWeightedByTheirDrawAndMissesAreSkipped(int violators) {
        BprTrainer.Objective objective = planted(violators);
        BprTrainer.BprWorker worker = new BprTrainer.BprWorker(objective, 7);
        Set<Double> allowed = new HashSet<>();
        for (int trial = 1; trial <= PairwiseObjective.WARP_TRIALS; trial++) {
            allowed.add((double) (float) weight(trial));
        }
        int draws = 20_000;
        int misses = 0;
        int firstDraw = 0;
        for (int k = 0; k < draws; k++) {
            int negative = worker.warpNegative(0, 0, objective.sampler);
            float weight = worker.warpWeight;
            if (weight == 0) {
                misses++;
                continue;
            }
            assertThat(negative).as("a violator").isBetween(1, violators);
            assertThat(allowed).contains((double) weight);
            if (weight == (float) weight(1)) {
                firstDraw++;
            }
        }
        // Each draw is uniform over the 19 items that are not the user's positive.
        double p = violators / (ITEMS - 1.0);
        assertThat((double) misses / draws).isCloseTo(Math.pow(1 - p, PairwiseObjective.WARP_TRIALS), within(0.01));
        assertThat((double) firstDraw / draws).isCloseTo(p, within(0.015));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void withoutViolatorsAnEpochChangesNothing(long seed) {
        BprTrainer.Objective objective = planted(0);
        float[] users = objective.userFactors.clone();
        float[] items = objective.itemFactors.clone();
        // Example 0 is (user 0, item 0), twenty times: none of its negatives outranks item 0.
        int[] order = new int[20];

        double loss = new BprTrainer.BprWorker(objective, seed).train(order, 0, order.length, 0.1f);

        assertThat(objective.userFactors).containsExactly(users);
        assertThat(objective.itemFactors).containsExactly(items);
        assertThat(loss).isZero();
    }
}
