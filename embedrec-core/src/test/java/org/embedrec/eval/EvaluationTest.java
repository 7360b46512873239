package org.embedrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.model.Recommender;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluation service against the pieces it composes ({@link Metrics}, {@link RankingMetrics},
 * {@link Baselines}, {@link RankingBaselines}), with a naive RMSE of the global mean as a reference,
 * and what each configuration measures.
 */
class EvaluationTest {
    private static final PositiveThreshold LIKED = PositiveThreshold.atLeast(3.5);
    private static final int K = 5;

    private static Split split(long seed) {
        Ratings ratings = RatingFixtures.lowRank(seed, 40, 30, 600, 2, 0.3);
        return Splits.randomHoldout(ratings, 0.2, seed);
    }

    private static ItemCatalog catalog(Split split) {
        return ItemCatalog.untitled(split.train().items());
    }

    /** A rating model that is not one of the baselines: more damping than the defaults. */
    private static Recommender ratingModel(Split split) {
        return Baselines.biases(split.train(), catalog(split), 3, 30);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void ratingErrorsAreTheMetricsOfTheModelAndTheRatingBaselines(long seed) {
        Split split = split(seed);
        ItemCatalog catalog = catalog(split);
        Recommender model = ratingModel(split);

        EvaluationReport report = Evaluation.of(split.train(), split.test(), catalog).withRatingErrors().evaluate(model);

        assertThat(report.testRatings()).isEqualTo(split.test().size());
        assertThat(report.model().errors()).contains(Metrics.ratingErrors(model, split.test()));
        assertThat(report.model().ranking()).isEmpty();
        assertThat(report.baselines()).containsOnlyKeys(Baseline.GLOBAL_MEAN, Baseline.DAMPED_BIASES);
        assertThat(report.baseline(Baseline.GLOBAL_MEAN).errors())
                .contains(Metrics.ratingErrors(Baselines.globalMean(split.train(), catalog), split.test()));
        assertThat(report.baseline(Baseline.DAMPED_BIASES).errors())
                .contains(Metrics.ratingErrors(Baselines.biases(split.train(), catalog), split.test()));
        assertThat(report.baselines().values()).allSatisfy(figures -> assertThat(figures.ranking()).isEmpty());
        assertThat(report.rankingSeconds()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void theGlobalMeanBaselineMatchesANaiveRmse(long seed) {
        Split split = split(seed);
        double mean = 0;
        for (int row = 0; row < split.train().size(); row++) {
            mean += split.train().rating(row);
        }
        mean /= split.train().size();
        double squares = 0;
        for (int row = 0; row < split.test().size(); row++) {
            double error = (float) mean - (double) split.test().rating(row);
            squares += error * error;
        }
        double naiveRmse = Math.sqrt(squares / split.test().size());

        EvaluationReport report = Evaluation.of(split.train(), split.test(), catalog(split)).withRatingErrors()
                .evaluate(ratingModel(split));

        assertThat(report.baseline(Baseline.GLOBAL_MEAN).errors().orElseThrow().rmse()).isCloseTo(naiveRmse, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7})
    void rankingIsTheRankingMetricsOfTheModelAndTheRankingBaselines(long seed) {
        Split split = split(seed);
        ItemCatalog catalog = catalog(split);
        Recommender model = RankingBaselines.random(split.train(), catalog, 99);

        EvaluationReport report = Evaluation.of(split.train(), split.test(), catalog).withRanking(LIKED, K).evaluate(model);

        assertThat(report.model().ranking()).contains(RankingMetrics.evaluate(model, split.train(), split.test(), LIKED, K));
        assertThat(report.model().errors()).isEmpty();
        assertThat(report.baselines()).containsOnlyKeys(Baseline.MOST_POPULAR, Baseline.RANDOM);
        assertThat(report.baseline(Baseline.MOST_POPULAR).ranking()).contains(RankingMetrics.evaluate(
                RankingBaselines.mostPopular(split.train(), catalog, LIKED), split.train(), split.test(), LIKED, K));
        assertThat(report.baseline(Baseline.RANDOM).ranking()).contains(RankingMetrics.evaluate(
                RankingBaselines.random(split.train(), catalog, Baseline.RANDOM_SEED), split.train(), split.test(), LIKED, K));
        assertThat(report.rankingSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(report.rankingCpuSeconds()).isGreaterThanOrEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10})
    void everyFigureKeepsItsPerUserValuesAndTheListsTheirBeyondAccuracyFigures(long seed) {
        Split split = split(seed);
        ItemCatalog catalog = catalog(split);
        Recommender model = ratingModel(split);

        EvaluationReport report = Evaluation.of(split.train(), split.test(), catalog).withRatingErrors()
                .withRanking(LIKED, K).withRankedRatingBaselines().evaluate(model);

        for (EvaluationReport.Figures figures : List.of(report.model(), report.baseline(Baseline.DAMPED_BIASES))) {
            RankingResult ranking = figures.ranking().orElseThrow();
            RatingErrors errors = figures.errors().orElseThrow();
            Map<String, PerUser> perUser = figures.perUser();
            assertThat(perUser).containsKeys("mse", "mae", "ndcg@" + K, "auc_full", "novelty@" + K, "diversity@" + K,
                    "popularity@" + K);
            assertThat(perUser.get("ndcg@" + K).mean()).as("bit-identical").isEqualTo(ranking.ndcg());
            assertThat(perUser.get("recall@" + K).mean()).isEqualTo(ranking.recall());
            assertThat(perUser.get("mse").mean()).isCloseTo(errors.mse(), within(1e-12));
            assertThat(perUser.get("mae").mean()).isCloseTo(errors.mae(), within(1e-12));
            assertThat(perUser.get("mse").users()).hasSize((int) java.util.stream.IntStream.range(0, split.test().size())
                    .map(split.test()::user).distinct().count());
            BeyondAccuracy beyond = figures.beyondAccuracy().orElseThrow();
            assertThat(beyond.novelty()).isPositive();
            assertThat(beyond.gini()).isBetween(0.0, 1.0);
        }
        assertThat(report.baseline(Baseline.MOST_POPULAR).perUser()).doesNotContainKey("mse");
    }

    @Test
    void aModelThatOnlyRanksHasNoRatingErrors() {
        Split split = split(8);
        ItemCatalog catalog = catalog(split);
        Recommender ranker = RankingBaselines.mostPopular(split.train(), catalog, LIKED);

        EvaluationReport report = Evaluation.of(split.train(), split.test(), catalog).withRatingErrors().withRanking(LIKED, K)
                .evaluate(ranker);

        assertThat(report.model().errors()).isEmpty();
        assertThat(report.model().ranking()).isPresent();
        assertThat(report.baselines()).containsOnlyKeys(Baseline.values());
        // The rating baselines have errors but are not ranked unless asked to be.
        assertThat(report.baseline(Baseline.DAMPED_BIASES).errors()).isPresent();
        assertThat(report.baseline(Baseline.DAMPED_BIASES).ranking()).isEmpty();
        assertThat(report.baseline(Baseline.RANDOM).errors()).isEmpty();
    }

    @Test
    void rankedRatingBaselinesGiveEveryRowEveryFigureThatApplies() {
        Split split = split(9);
        ItemCatalog catalog = catalog(split);
        Evaluation evaluation = Evaluation.of(split.train(), split.test(), catalog).withRatingErrors().withRanking(LIKED, K)
                .withRankedRatingBaselines();

        EvaluationReport report = evaluation.evaluate(ratingModel(split));

        assertThat(report.model().errors()).isPresent();
        assertThat(report.model().ranking()).isPresent();
        assertThat(report.baseline(Baseline.GLOBAL_MEAN).ranking()).contains(RankingMetrics.evaluate(
                Baselines.globalMean(split.train(), catalog), split.train(), split.test(), LIKED, K));
        assertThat(report.baseline(Baseline.DAMPED_BIASES).ranking()).isPresent();
        assertThat(report.baseline(Baseline.MOST_POPULAR).errors()).isEmpty();
        assertThat(report.baseline(Baseline.MOST_POPULAR).ranking()).isPresent();
    }

    @Test
    void baselinesAreFittedAndMeasuredOncePerEvaluation() {
        Split split = split(10);
        Evaluation evaluation = Evaluation.of(split.train(), split.test(), catalog(split)).withRatingErrors()
                .withRanking(LIKED, K);

        EvaluationReport first = evaluation.evaluate(ratingModel(split));
        EvaluationReport second = evaluation.evaluate(Baselines.globalMean(split.train(), catalog(split)));

        assertThat(evaluation.baseline(Baseline.DAMPED_BIASES)).isSameAs(evaluation.baseline(Baseline.DAMPED_BIASES));
        for (Baseline baseline : Baseline.values()) {
            assertThat(second.baseline(baseline)).isSameAs(first.baseline(baseline));
        }
        assertThat(second.model().errors()).isEqualTo(first.baseline(Baseline.GLOBAL_MEAN).errors());
    }

    @Test
    void metricsNameTheFiguresRecordedWithAModel() {
        Split split = split(11);
        ItemCatalog catalog = catalog(split);
        Recommender model = ratingModel(split);
        Evaluation evaluation = Evaluation.of(split.train(), split.test(), catalog);

        EvaluationReport rating = evaluation.withRatingErrors().evaluate(model);
        RatingErrors errors = rating.model().errors().orElseThrow();
        assertThat(rating.metrics()).containsExactly(
                java.util.Map.entry("test.rmse", errors.rmse()), java.util.Map.entry("test.mae", errors.mae()),
                java.util.Map.entry("test.mse", errors.mse()),
                java.util.Map.entry("baseline.globalMean.rmse", rating.baseline(Baseline.GLOBAL_MEAN).errors().orElseThrow().rmse()),
                java.util.Map.entry("baseline.biases.rmse", rating.baseline(Baseline.DAMPED_BIASES).errors().orElseThrow().rmse()));

        EvaluationReport ranking = evaluation.withRanking(LIKED, K).evaluate(model);
        RankingResult result = ranking.model().ranking().orElseThrow();
        RankingResult popular = ranking.baseline(Baseline.MOST_POPULAR).ranking().orElseThrow();
        RankingResult random = ranking.baseline(Baseline.RANDOM).ranking().orElseThrow();
        assertThat(ranking.metrics()).hasSize(result.toMap().size() + 4)
                .containsEntry("test.ndcg@5", result.ndcg()).containsEntry("test.auc_full", result.fullAuc())
                .containsEntry("baseline.mostPopular.ndcg@5", popular.ndcg())
                .containsEntry("baseline.mostPopular.recall@5", popular.recall())
                .containsEntry("baseline.random.ndcg@5", random.ndcg())
                .containsEntry("baseline.random.recall@5", random.recall());
        assertThat(ranking.metrics().keySet()).startsWith("test.precision@5").endsWith("baseline.random.recall@5");
    }

    @Test
    void badArgumentsAreNamed() {
        Split split = split(12);
        ItemCatalog catalog = catalog(split);
        Evaluation evaluation = Evaluation.of(split.train(), split.test(), catalog);
        Ratings other = RatingFixtures.random(3, 7, 9, 20);

        assertThatThrownBy(() -> evaluation.evaluate(ratingModel(split))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing to measure");
        assertThatThrownBy(() -> evaluation.withRanking(LIKED, 0)).hasMessage("k must be >= 1, got 0");
        assertThatThrownBy(evaluation::withRankedRatingBaselines).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> evaluation.withRatingErrors().figures(Baseline.MOST_POPULAR))
                .hasMessageContaining("does not measure the most popular baseline");
        assertThatThrownBy(() -> Evaluation.of(split.train(), other, catalog)).hasMessageContaining("other id indices");
        assertThatThrownBy(() -> evaluation.withRatingErrors().evaluate(Baselines.globalMean(other, ItemCatalog.untitled(other.items()))))
                .hasMessageContaining("other id indices");
        assertThatThrownBy(() -> new EvaluationReport(1, new EvaluationReport.Figures(Optional.empty(), Optional.empty()),
                java.util.Map.of(), Double.NaN, Double.NaN).baseline(Baseline.RANDOM))
                .hasMessageContaining("did not measure the random baseline");
    }
}
