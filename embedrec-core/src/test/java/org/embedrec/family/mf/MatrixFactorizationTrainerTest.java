package org.embedrec.family.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ScoredItem;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.family.mf.MatrixFactorizationTrainer.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Loss;
import org.embedrec.train.Optimizer;
import org.embedrec.train.TrainingDivergedException;
import org.embedrec.train.TrainingListener;
import org.embedrec.train.TrainingOptions;

/**
 * The matrix factorization trainer end to end on generated data: determinism, Hogwild threads,
 * early stopping, divergence, option validation and a checkerboard with a known answer.
 */
class MatrixFactorizationTrainerTest {
    private static MatrixFactorizationModel fit(Ratings train, Options options) {
        return new MatrixFactorizationTrainer(options).fit(train, ItemCatalog.untitled(train.items()));
    }

    private static float[] allPredictions(MatrixFactorizationModel model) {
        int items = model.items().size();
        float[] out = new float[model.users().size() * items];
        for (int u = 0; u < model.users().size(); u++) {
            for (int i = 0; i < items; i++) {
                out[u * items + i] = model.predict(u, i);
            }
        }
        return out;
    }

    @Test
    void oneThreadAndOneSeedGiveBitIdenticalModels() {
        Ratings train = RatingFixtures.lowRank(5, 30, 40, 600, 3, 0.3);
        Options options = Options.defaults().withDimensions(8).withEpochs(5).withSeed(7).withThreads(1);
        MatrixFactorizationModel first = fit(train, options);
        MatrixFactorizationModel second = fit(train, options);
        MatrixFactorizationModel otherSeed = fit(train, options.withSeed(8));

        assertThat(second.userFactors()).containsExactly(first.userFactors());
        assertThat(second.itemFactors()).containsExactly(first.itemFactors());
        assertThat(second.userBiases()).containsExactly(first.userBiases());
        assertThat(second.itemBiases()).containsExactly(first.itemBiases());
        assertThat(second.globalBias()).isEqualTo(first.globalBias());
        assertThat(allPredictions(second)).containsExactly(allPredictions(first));

        assertThat(otherSeed.userFactors()).isNotEqualTo(first.userFactors());
        assertThat(otherSeed.itemFactors()).isNotEqualTo(first.itemFactors());
        assertThat(allPredictions(otherSeed)).isNotEqualTo(allPredictions(first));
    }

    @Test
    void twoThreadsTrainASensibleModel() {
        // Enough ratings for the loop to give each of two threads a slice (it caps threads on small data).
        Ratings train = RatingFixtures.lowRank(6, 400, 300, 40_000, 3, 0.3);
        Set<Thread> trainingThreads = ConcurrentHashMap.newKeySet();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onProgress(long examplesDone) {
                trainingThreads.add(Thread.currentThread());
            }
        };
        Options options = Options.defaults().withDimensions(8).withEpochs(3).withThreads(2);
        ItemCatalog catalog = ItemCatalog.untitled(train.items());
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(options).fit(train, null, catalog, listener);

        assertThat(trainingThreads).hasSize(2);
        double modelRmse = Metrics.ratingErrors(model, train).rmse();
        double meanRmse = Metrics.ratingErrors(Baselines.globalMean(train, catalog), train).rmse();
        assertThat(modelRmse).isLessThan(0.9 * meanRmse);
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        // Noisy rank-2 data, 32 dimensions and no regularization: validation error falls, then rises.
        Split split = Splits.randomHoldout(RatingFixtures.lowRank(3, 30, 30, 500, 2, 0.7), 0.2, 1);
        Options options = Options.defaults().withDimensions(32).withEpochs(60).withBatchSize(16).withLearningRate(0.01).withL2(0)
                .withBiasL2(0).withPatience(2);
        List<EpochRecord> seen = new ArrayList<>();
        int[] stoppedAt = {-1};
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord record) {
                seen.add(record);
            }

            @Override
            public void onEarlyStop(int bestEpoch) {
                stoppedAt[0] = bestEpoch;
            }
        };
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(options).fit(split.train(), split.test(),
                ItemCatalog.untitled(split.train().items()), listener);

        int best = stoppedAt[0];
        assertThat(best).as("best epoch, from onEarlyStop").isGreaterThan(1);
        assertThat(seen).hasSize(best + 2);
        double bestRmse = seen.stream().mapToDouble(r -> r.metrics().get("rmse")).min().orElseThrow();
        assertThat(seen.get(best - 1).metrics().get("rmse")).isEqualTo(bestRmse);
        List<EpochRecord> history = model.info().history();
        assertThat(history).hasSize(best).isEqualTo(seen.subList(0, best));
        assertThat(Metrics.ratingErrors(model, split.test()).rmse()).isCloseTo(bestRmse, within(1e-5));
    }

    @Test
    void anAbsurdLearningRateFailsWithAnActionableMessage() {
        Ratings train = RatingFixtures.lowRank(5, 30, 40, 600, 3, 0.3);
        Options options = Options.defaults().withDimensions(8).withEpochs(5).withOptimizer(Optimizer.SGD).withLearningRate(1e6)
                .withSigmoid(false).withL2(0).withBiasL2(0);
        assertThatThrownBy(() -> fit(train, options))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("epoch 1")
                .hasMessageContaining("smaller learning rate");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of((UnaryOperator<Options>) o -> o.withDimensions(0), List.of("dimensions", "0")),
                Arguments.of((UnaryOperator<Options>) o -> o.withEpochs(0), List.of("epochs", "0")),
                Arguments.of((UnaryOperator<Options>) o -> o.withBatchSize(-3), List.of("batchSize", "-3")),
                Arguments.of((UnaryOperator<Options>) o -> o.withL2(-0.25), List.of("l2", "-0.25")),
                Arguments.of((UnaryOperator<Options>) o -> o.withBiasL2(Double.NaN), List.of("biasL2", "NaN")),
                Arguments.of((UnaryOperator<Options>) o -> o.withThreads(0), List.of("threads", "0")),
                Arguments.of((UnaryOperator<Options>) o -> o.withPatience(-1), List.of("patience", "-1")),
                Arguments.of((UnaryOperator<Options>) o -> o.withInitializer(Initializer.NORMAL, 0),
                        List.of("initScale", "0")),
                Arguments.of((UnaryOperator<Options>) o -> o.withRange(5, 1), List.of("rangeLow", "5.0", "1.0")),
                Arguments.of((UnaryOperator<Options>) o -> o.withRange(3, 3), List.of("rangeLow", "3.0")));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void invalidOptionsAreRejectedNamingTheValue(UnaryOperator<Options> change, List<String> fragments) {
        assertThatThrownBy(() -> change.apply(Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(fragments.toArray(String[]::new));
    }

    @Test
    void optionsMapHoldsEveryField() {
        Options options = Options.defaults().withDimensions(12).withLearningRate(LearningRateSchedule.parse("3@0.01,2@0.001"))
                .withRange(0.5, 5).withSeed(99);
        Map<String, Object> map = options.toMap();
        assertThat(map).contains(entry("dimensions", 12), entry("epochs", 20), entry("batchSize", 64),
                entry("optimizer", "ADAM"), entry("learningRate", "3@0.01,2@0.001"), entry("l2", 0.1),
                entry("biasL2", 0.01), entry("biases", true), entry("sigmoid", true), entry("rangeLow", 0.5),
                entry("rangeHigh", 5.0), entry("loss", "MSE"), entry("initializer", "NORMAL"), entry("initScale", 0.05),
                entry("seed", 99L), entry("threads", 1), entry("patience", TrainingOptions.DEFAULT_PATIENCE),
                entry("validation", TrainingOptions.DEFAULT_VALIDATION));
        // One key per record component, the nested training options' keys flattened in.
        assertThat(map).hasSize(Options.class.getRecordComponents().length - 1
                + TrainingOptions.class.getRecordComponents().length);
        assertThat(Options.defaults().toMap()).contains(entry("rangeLow", "data"), entry("rangeHigh", "data"));
        assertThat(options).isEqualTo(options);
    }

    @Test
    void optionsRoundTripThroughTheirMap() {
        Options options = Options.defaults().withDimensions(12).withLearningRate(LearningRateSchedule.parse("3@0.01,2@0.001"))
                .withRange(0.5, 5).withSeed(1L << 40).withBiases(false).withLoss(Loss.MAE).withInitializer(Initializer.UNIFORM, 0.1)
                .withOptimizer(Optimizer.ADAGRAD).withThreads(2).withPatience(3);
        assertThat(Options.defaults().with(options.toMap())).isEqualTo(options);
        assertThat(Options.defaults().with(Options.defaults().toMap())).isEqualTo(Options.defaults());
        assertThat(Options.defaults().with(Map.of())).isEqualTo(Options.defaults());
    }

    @Test
    void optionsFromTextValuesAsACommandLineGivesThem() {
        Options options = Options.defaults().with(Map.of("dimensions", "16", "learningRate", "0.01", "biases", "false",
                "optimizer", "sgd", "rangeLow", "0.5", "rangeHigh", "data"));
        assertThat(options).isEqualTo(Options.defaults().withDimensions(16).withLearningRate(0.01).withBiases(false)
                .withOptimizer(Optimizer.SGD).withRange(0.5, Double.NaN));
    }

    @Test
    void optionsFromMapRejectUnknownKeysAndBadValuesByName() {
        assertThatThrownBy(() -> Options.defaults().with(Map.of("dimension", 16)))
                .hasMessageContainingAll("unknown matrix-factorization option 'dimension'", "dimensions");
        assertThatThrownBy(() -> Options.defaults().with(Map.of("dimensions", 16.5)))
                .hasMessageContainingAll("'dimensions'", "an integer", "16.5");
        assertThatThrownBy(() -> Options.defaults().with(Map.of("optimizer", "rmsprop")))
                .hasMessageContainingAll("'optimizer'", "rmsprop", "SGD, ADAGRAD, ADAM");
        assertThatThrownBy(() -> Options.defaults().with(Map.of("biases", "maybe")))
                .hasMessageContainingAll("'biases'", "true or false", "maybe");
        assertThatThrownBy(() -> Options.defaults().with(Map.of("l2", "NaN"))).hasMessageContaining("a finite number");
        assertThatThrownBy(() -> Options.defaults().with(Map.of("dimensions", 0))).hasMessageContaining("dimensions must be in");
    }

    /**
     * Checkerboard with a known answer: users and items each fall in group A (even index) or B
     * (odd); a user rates its own group's items 5 and the other group's 1. Each user has one
     * own-group and one other-group cell held out; the model must fill both in. The options are the
     * defaults but for fewer dimensions and more epochs: 360 ratings make only 6 steps per epoch.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void checkerboardHeldOutCellsAreLearned(long seed) {
        int size = 20;
        SplittableRandom random = new SplittableRandom(seed);
        Ratings.Builder trainRows = Ratings.builder();
        Ratings.Builder testRows = Ratings.builder();
        for (int u = 0; u < size; u++) {
            // Rotate the held-out items so that every item keeps most of its ratings.
            int heldSame = (2 * ((u + random.nextInt(3)) % (size / 2)) + u % 2) % size;
            int heldOther = (heldSame + 1 + 2 * random.nextInt(size / 2 - 1)) % size;
            for (int i = 0; i < size; i++) {
                float rating = u % 2 == i % 2 ? 5f : 1f;
                (i == heldSame || i == heldOther ? testRows : trainRows).add(u, i, rating, 0);
            }
        }
        var users = RatingFixtures.ids("u", size);
        var items = RatingFixtures.ids("i", size);
        Ratings train = trainRows.build(users, items);
        Ratings test = testRows.build(users, items);
        MatrixFactorizationModel model = fit(train, Options.defaults().withDimensions(8).withEpochs(60).withSeed(seed));

        double rmse = Metrics.ratingErrors(model, test).rmse();
        assertThat(rmse).isLessThan(0.5);
        for (int u = 0; u < size; u++) {
            int user = u;
            List<ScoredItem> top = model.recommend(u, 5, item -> false);
            assertThat(top).as("user %d", u).allSatisfy(s -> assertThat(s.item() % 2).isEqualTo(user % 2));
            Set<Integer> rated = new HashSet<>();
            for (int item : train.byUser().items(u)) {
                rated.add(item);
            }
            // Of the two held-out items, the own-group one must rank first.
            List<ScoredItem> unseen = model.recommend(u, 1, rated::contains);
            assertThat(unseen).as("user %d", u).singleElement().satisfies(s -> assertThat(s.item() % 2).isEqualTo(user % 2));
        }
    }
}
