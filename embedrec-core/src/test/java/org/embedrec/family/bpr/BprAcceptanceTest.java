package org.embedrec.family.bpr;

import static org.assertj.core.api.Assertions.assertThat;

import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.RankingBaselines;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.io.MovieLens;
import org.embedrec.model.Recommender;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 4's acceptance on the real ml-latest-small data (skipped when absent): ratings ≥ 4 are the
 * positives, a seeded per-user 80/20 hold-out of all ratings is the split, each user's training
 * ratings (of any value) are excluded from their ranking, and every user with at least one test
 * rating ≥ 4 is evaluated. One thread, fixed seeds: the figures are deterministic, and the floors sit
 * a little below the measured values in docs/BENCHMARKS.md. The trainers run with their defaults,
 * early stopping included: {@code fit(train, catalog)} holds out 5% of each user's training ratings
 * as the validation part (seeded by the options' seed), which lowered every figure here (issue 16:
 * BPR-MF NDCG@10 0.1902 → 0.1691, recall 0.1338 → 0.1143, full AUC 0.9357 → 0.9316; WARP 0.1969).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BprAcceptanceTest {
    /** Whether the fixture below is built (once per class: one instance runs every test). */
    private boolean ready;
    private static final PositiveThreshold LIKED = PositiveThreshold.DEFAULT;
    private static final int K = 10;

    private Split split;
    private ItemCatalog catalog;
    private RankingResult popular;
    private RankingResult defaults;

    /**
     * Builds the shared fixture before the first test that runs; in {@code @BeforeEach} rather than
     * {@code @BeforeAll} so that without the shared data each test is reported as skipped.
     */
    @BeforeEach
    void splitTheData() {
        if (ready) {
            return;
        }
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        split = Splits.perUserHoldout(data.ratings(), 0.2, 42);
        catalog = data.catalog();
        popular = evaluate(RankingBaselines.mostPopular(split.train(), catalog, LIKED));
        defaults = evaluate(new BprTrainer(BprTrainer.Options.defaults()).fit(split.train(), catalog));
        ready = true;
    }

    private RankingResult evaluate(Recommender model) {
        return RankingMetrics.evaluate(model, split.train(), split.test(), LIKED, K);
    }

    @Test
    void bprMatrixFactorizationBeatsMostPopular() {
        RankingResult bpr = defaults;
        System.out.printf("BPR-MF: NDCG@10 %.4f recall@10 %.4f full AUC %.4f; most popular: %.4f %.4f %.4f%n",
                bpr.ndcg(), bpr.recall(), bpr.fullAuc(), popular.ndcg(), popular.recall(), popular.fullAuc());
        assertThat(bpr.ndcg()).isGreaterThanOrEqualTo(0.165).isGreaterThan(popular.ndcg() + 0.01);
        assertThat(bpr.recall()).isGreaterThanOrEqualTo(0.11).isGreaterThan(popular.recall() + 0.01);
    }

    @Test
    void bprWithGenresBeatsMostPopular() {
        RankingResult genres = evaluate(new GenreBprTrainer(BprTrainer.Options.defaults()).fit(split.train(), catalog));
        System.out.printf("BPR-genres: NDCG@10 %.4f recall@10 %.4f full AUC %.4f%n", genres.ndcg(), genres.recall(),
                genres.fullAuc());
        assertThat(genres.ndcg()).isGreaterThanOrEqualTo(0.18).isGreaterThan(popular.ndcg() + 0.025);
        assertThat(genres.recall()).isGreaterThanOrEqualTo(0.115).isGreaterThan(popular.recall() + 0.015);
    }

    @Test
    void defaultsBeatTheTutorialConfigurationOnFullAuc() {
        BprTrainer.Options tutorial = BprTrainer.Options.tutorial();
        assertThat(tutorial.toMap()).containsEntry("dimensions", 100).containsEntry("batchSize", 64)
                .containsEntry("epochs", 10).containsEntry("optimizer", "ADAM_DENSE").containsEntry("learningRate", "0.001")
                .containsEntry("negatives", "UNIFORM_ALL_ITEMS").containsEntry("loss", "ONE_MINUS_SIGMOID");
        RankingResult tutorialResult = evaluate(new BprTrainer(tutorial).fit(split.train(), catalog));
        System.out.printf("full AUC: defaults %.4f, tutorial configuration %.4f%n", defaults.fullAuc(),
                tutorialResult.fullAuc());
        // 0.9316 against 0.9219 since the defaults hold out a validation part and the tutorial does not.
        assertThat(defaults.fullAuc()).isGreaterThanOrEqualTo(tutorialResult.fullAuc() + 0.008);
    }

    /**
     * WARP-style negatives with the 1 − σ loss (the {@code bpr-warp} preset) rank the top 10 better
     * than the defaults, at a lower full AUC: it spends its updates on the negatives that outrank a
     * positive, not on the whole ranking.
     */
    @Test
    void warpNegativesImproveTheTopTen() {
        BprTrainer.Options warp = BprTrainer.Options.defaults().withNegatives(NegativeSampling.WARP)
                .withLoss(PairwiseLoss.ONE_MINUS_SIGMOID);
        RankingResult result = evaluate(new BprTrainer(warp).fit(split.train(), catalog));
        System.out.printf("BPR-MF with WARP negatives: NDCG@10 %.4f recall@10 %.4f full AUC %.4f; defaults %.4f %.4f %.4f%n",
                result.ndcg(), result.recall(), result.fullAuc(), defaults.ndcg(), defaults.recall(), defaults.fullAuc());
        assertThat(result.ndcg()).isGreaterThanOrEqualTo(defaults.ndcg() + 0.015);
        assertThat(result.recall()).isGreaterThanOrEqualTo(defaults.recall() + 0.01);
    }
}
