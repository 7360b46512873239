package org.embedrec.family.neural;

import static org.assertj.core.api.Assertions.assertThat;

import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.io.MovieLens;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The neural models with their default options on the real ml-latest-small data, random 80/20
 * split, one thread, fixed seeds (issue 3's acceptance 1 and 2): deep and hybrid reach test RMSE
 * ≤ 0.88 and beat the damped-bias baseline; the classifier's expected rating beats its arg-max.
 * Skipped when the shared data is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeuralRatingAcceptanceTest {
    /** Whether the fixture below is built (once per class: one instance runs every test). */
    private boolean ready;
    private Split split;
    private ItemCatalog catalog;
    private double biasesRmse;

    /**
     * Builds the shared fixture before the first test that runs; in {@code @BeforeEach} rather than
     * {@code @BeforeAll} so that without the shared data each test is reported as skipped.
     */
    @BeforeEach
    void loadData() {
        if (ready) {
            return;
        }
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        split = Splits.randomHoldout(data.ratings(), 0.2, 42);
        catalog = data.catalog();
        biasesRmse = Metrics.ratingErrors(Baselines.biases(split.train(), catalog), split.test()).rmse();
        ready = true;
    }

    @Test
    void deepModelBeatsTheBiasBaseline() {
        DeepRatingModel model = new DeepRatingTrainer(DeepRatingTrainer.Options.defaults().withThreads(1).withSeed(42)).fit(split.train(), catalog);
        double rmse = Metrics.ratingErrors(model, split.test()).rmse();
        System.out.printf("ml-latest-small 80/20 test RMSE: deep %.4f, damped biases %.4f%n", rmse, biasesRmse);
        assertThat(rmse).isLessThanOrEqualTo(0.88).isLessThan(biasesRmse);
    }

    @Test
    void hybridModelBeatsTheBiasBaseline() {
        HybridRatingModel model = new HybridRatingTrainer(HybridRatingTrainer.Options.defaults().withThreads(1).withSeed(42)).fit(split.train(), catalog);
        double rmse = Metrics.ratingErrors(model, split.test()).rmse();
        System.out.printf("ml-latest-small 80/20 test RMSE: hybrid %.4f, damped biases %.4f%n", rmse, biasesRmse);
        assertThat(rmse).isLessThanOrEqualTo(0.88).isLessThan(biasesRmse);
        assertThat(model.featureNames()).startsWith("popularity", "year", "year_unknown").contains("genre:Drama");
    }

    @Test
    void classifierExpectedRatingBeatsItsArgMax() {
        RatingClassifierModel model = new RatingClassifierTrainer(RatingClassifierTrainer.Options.defaults().withThreads(1).withSeed(42)).fit(split.train(), catalog);
        Ratings test = split.test();
        double expectedRmse = Metrics.ratingErrors(model, test).rmse();
        double squared = 0;
        for (int row = 0; row < test.size(); row++) {
            double error = model.mostLikelyRating(test.user(row), test.item(row)) - test.rating(row);
            squared += error * error;
        }
        double argMaxRmse = Math.sqrt(squared / test.size());
        System.out.printf("ml-latest-small 80/20 test RMSE: classifier expected rating %.4f, arg-max %.4f%n",
                expectedRmse, argMaxRmse);
        assertThat(expectedRmse).isLessThan(argMaxRmse).isLessThan(biasesRmse);
    }
}
