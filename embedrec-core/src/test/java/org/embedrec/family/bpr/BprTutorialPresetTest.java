package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the semantics of the {@code bpr-tutorial} preset to the Keras triplet tutorial's procedure
 * (as /work/shared/peers/seed_models.py {@code bpr} reproduces it): its options, negatives uniform
 * over every item including the user's positives and items without training data, one-thread
 * bit-reproducibility with Keras's dense Adam, and that the trainer brings the rows that dense Adam
 * moves lazily up to date before reading them. The dense Adam update itself is checked against a
 * naive implementation in {@code OptimizerTest}.
 */
class BprTutorialPresetTest {
    @Test
    void thePresetHasTheTutorialsOptions() {
        BprTrainer.Options tutorial = BprTrainer.Options.tutorial();
        assertThat(tutorial.toMap()).containsEntry("dimensions", 100).containsEntry("batchSize", 64)
                .containsEntry("epochs", 10).containsEntry("optimizer", "ADAM_DENSE")
                .containsEntry("learningRate", "0.001").containsEntry("negatives", "UNIFORM_ALL_ITEMS")
                .containsEntry("loss", "ONE_MINUS_SIGMOID").containsEntry("itemBias", false)
                .containsEntry("initializer", "UNIFORM");
        assertThat(tutorial.l2()).isZero();
        assertThat(tutorial.training().initScale()).isEqualTo(0.05);
        assertThat(tutorial.positiveThreshold().toString()).isEqualTo(BprTrainer.Options.defaults().positiveThreshold().toString());
        assertThat(tutorial.training().patience()).as("no early stopping: 10 epochs").isZero();
        assertThat(new BprFamily().presets()).anySatisfy(preset -> assertThat(preset.name()).isEqualTo("bpr-tutorial"));
    }

    /** Item 0 has no data and each user has positives: all items, positives included, come equally often. */
    @Test
    void negativesAreUniformOverEveryItemPositivesAndItemsWithoutDataIncluded() {
        Ratings random = RatingFixtures.random(5, 8, 12, 40);
        Ratings data = random.subset(java.util.stream.IntStream.range(0, random.size())
                .filter(r -> random.item(r) != 0).toArray());
        int[] interactions = data.itemCounts();
        assertThat(interactions[0]).isZero();
        NegativeSampler sampler = new NegativeSampler(NegativeSampling.UNIFORM_ALL_ITEMS, 0, data, interactions);
        assertThat(sampler.itemCount()).isEqualTo(interactions.length);
        int user = data.user(0);
        int draws = 240_000;
        int[] counts = new int[interactions.length];
        SplittableRandom stream = new SplittableRandom(7);
        for (int k = 0; k < draws; k++) {
            counts[sampler.sample(user, stream)]++;
        }
        for (int item = 0; item < counts.length; item++) {
            assertThat(counts[item] / (double) draws).as("item %d", item).isCloseTo(1.0 / counts.length, within(0.01));
        }
        assertThat(sampler.isPositive(user, data.item(0))).isTrue();
        assertThat(counts[data.item(0)]).as("the user's own positive is drawn").isPositive();
    }

    /**
     * The trainer catches up every row it reads ({@link org.embedrec.train.RowUpdater#catchUp}): trained
     * lazily, the tutorial's dense Adam matches the same training with every row of both tables caught
     * up after every step (which is the dense sweep) up to rounding, here under 2e-6 over three epochs.
     * A row read before its catch-up would be many steps behind, some 1e-4 per step at this rate.
     */
    @ParameterizedTest
    @EnumSource(value = NegativeSampling.class, names = {"UNIFORM_ALL_ITEMS", "WARP"})
    void rowsAreCaughtUpBeforeTheTrainerReadsThem(NegativeSampling negatives) {
        Ratings data = RatingFixtures.random(13, 30, 60, 900);
        ItemCatalog catalog = ItemCatalog.untitled(data.items());
        BprTrainer.Options options = BprTrainer.Options.tutorial().withDimensions(8).withNegatives(negatives)
                .withPositiveThreshold(org.embedrec.data.PositiveThreshold.ALL);
        BprTrainer.Objective lazy = new BprTrainer.Objective(data, null, catalog, options, new SplittableRandom(5));
        BprTrainer.Objective eager = new BprTrainer.Objective(data, null, catalog, options, new SplittableRandom(5));
        BprTrainer.BprWorker lazyWorker = new BprTrainer.BprWorker(lazy, 9);
        BprTrainer.BprWorker eagerWorker = new BprTrainer.BprWorker(eager, 9);
        int[] order = java.util.stream.IntStream.range(0, lazy.exampleCount()).toArray();
        int batch = options.training().batchSize();
        float rate = 0.01f;
        for (int epoch = 0; epoch < 3; epoch++) {
            lazyWorker.train(order, 0, order.length, rate);
            lazyWorker.settle();
            for (int start = 0; start < order.length; start += batch) {
                eagerWorker.train(order, start, Math.min(order.length, start + batch), rate);
                eagerWorker.settle();
            }
        }
        for (int k = 0; k < lazy.userFactors.length; k++) {
            assertThat(lazy.userFactors[k]).as("user factor %d", k).isCloseTo(eager.userFactors[k], within(2e-6f));
        }
        for (int k = 0; k < lazy.itemFactors.length; k++) {
            assertThat(lazy.itemFactors[k]).as("item factor %d", k).isCloseTo(eager.itemFactors[k], within(2e-6f));
        }
        assertThat(lazy.itemFactors).as("trained").isNotEqualTo(new BprTrainer.Objective(data, null, catalog, options,
                new SplittableRandom(5)).itemFactors);
    }

    @Test
    void oneThreadGivesBitIdenticalModels() {
        Ratings data = RatingFixtures.random(11, 30, 40, 600);
        ItemCatalog catalog = ItemCatalog.untitled(data.items());
        BprTrainer.Options options = BprTrainer.Options.tutorial().withDimensions(8).withPositiveThreshold(
                org.embedrec.data.PositiveThreshold.ALL).withTraining(BprTrainer.Options.tutorial().training().withEpochs(3));
        BprModel first = new BprTrainer(options).fit(data, catalog);
        BprModel second = new BprTrainer(options).fit(data, catalog);
        assertThat(first.userFactors()).containsExactly(second.userFactors());
        assertThat(first.itemFactors()).containsExactly(second.itemFactors());
    }
}
