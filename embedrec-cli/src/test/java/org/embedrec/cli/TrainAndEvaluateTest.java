package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.SplitSpec;
import org.embedrec.eval.Metrics;
import org.embedrec.io.DataSpec;
import org.embedrec.io.MovieLens;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Recommender;
import org.embedrec.model.TrainingFacts;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.TrainingListener;
import org.embedrec.train.TrainingOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code train}'s flow keeps the test part for the end: the epoch loop only ever sees the validation
 * part (held out of the training part, stratified per user) or nothing, and the test part is scored
 * once, after training. The trainer is watched from outside: what {@code fit} is handed is all the
 * loop can score per epoch, and the fitted model counts its predictions of test pairs.
 */
class TrainAndEvaluateTest {
    @TempDir
    Path dir;

    /** The real trainer, with what its {@code fit} is handed recorded and its model's test predictions counted. */
    static final class WatchedTrainer implements RecommenderTrainer<Recommender> {
        private final RecommenderTrainer<?> trainer;
        private final Set<Long> testPairs;
        Ratings fitPart;
        Ratings validation;
        final List<EpochRecord> epochs = new ArrayList<>();
        final Map<Long, Integer> testPredictions = new HashMap<>();

        WatchedTrainer(RecommenderTrainer<?> trainer, Set<Long> testPairs) {
            this.trainer = trainer;
            this.testPairs = testPairs;
        }

        @Override
        public String kind() {
            return trainer.kind();
        }

        @Override
        public Optional<PositiveThreshold> positiveThreshold() {
            return trainer.positiveThreshold();
        }

        @Override
        public Optional<TrainingOptions> training() {
            return trainer.training();
        }

        @Override
        public Map<String, Object> optionsMap() {
            return trainer.optionsMap();
        }

        @Override
        public Recommender fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
            this.fitPart = train;
            this.validation = validation;
            Recommender model = trainer.fit(train, validation, catalog, new TrainingListener() {
                @Override
                public void onEpochEnd(EpochRecord record) {
                    epochs.add(record);
                    listener.onEpochEnd(record);
                }
            });
            return new Counting(model);
        }

        /** The fitted model, counting each prediction of a test pair. */
        final class Counting implements Recommender {
            private final Recommender model;

            Counting(Recommender model) {
                this.model = model;
            }

            @Override
            public TrainingFacts trainingFacts() {
                return model.trainingFacts();
            }

            @Override
            public float predict(int user, int item) {
                long pair = pair(user, item);
                if (testPairs.contains(pair)) {
                    testPredictions.merge(pair, 1, Integer::sum);
                }
                return model.predict(user, item);
            }

            @Override
            public Recommender withInfo(ModelInfo info) {
                return new Counting(model.withInfo(info));
            }
        }
    }

    private static long pair(int user, int item) {
        return (long) user << 32 | item;
    }

    private static Set<Long> pairs(Ratings ratings) {
        Set<Long> pairs = new HashSet<>();
        for (int row = 0; row < ratings.size(); row++) {
            pairs.add(pair(ratings.user(row), ratings.item(row)));
        }
        return pairs;
    }

    /**
     * With early stopping (the default) and without it ({@code patience 0}, where {@code train} used to
     * show the test error per epoch): no epoch is scored on a test pair, every test pair is predicted
     * the same number of times after training, and the epoch lines say "validation" and never "test".
     */
    @ParameterizedTest
    @ValueSource(ints = {-1, 0})
    void theTestPartIsScoredOnlyAfterTrainingAndEpochsOnlyOnTheValidationPart(int patience) throws Exception {
        MovieLensFixture.write(dir);
        Dataset data = MovieLens.load(dir);
        SplitSpec spec = SplitSpec.parse("random:0.1");
        Map<String, Object> options = new HashMap<>(Map.of("epochs", 8, "dimensions", 8));
        if (patience >= 0) {
            options.put("patience", patience);
        }
        ModelConfig config = new ModelConfig("mf", options);
        TrainingData parts = TrainingData.of(data, DataSpec.of(dir), spec, 42, TrainingData.validationFraction(config.trainer()));
        WatchedTrainer watched = new WatchedTrainer(config.trainer(), pairs(parts.test()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Recommender model = TrainAndEvaluate.run(data, DataSpec.of(dir), spec, 42, config, watched, 10,
                new PrintStream(console, true, StandardCharsets.UTF_8), false);

        String printed = console.toString(StandardCharsets.UTF_8);
        List<String> epochLines = printed.lines().filter(line -> line.startsWith("epoch ")).toList();
        assertThat(epochLines).hasSize(watched.epochs.size()).isNotEmpty().noneMatch(line -> line.contains("test"));
        assertThat(watched.fitPart.size()).isEqualTo(parts.fit().size());
        if (patience == 0) {
            assertThat(watched.validation).as("no validation part without early stopping").isNull();
            assertThat(watched.epochs).allMatch(epoch -> epoch.metrics().isEmpty());
        } else {
            Set<Long> validation = pairs(watched.validation);
            assertThat(validation).isNotEmpty().doesNotContainAnyElementsOf(pairs(parts.test()))
                    .isSubsetOf(pairs(parts.all())).doesNotContainAnyElementsOf(pairs(parts.fit()));
            assertThat(watched.validation.size()).isEqualTo(parts.validation().size());
            assertThat(epochLines).allMatch(line -> line.contains("validation rmse"));
            // The per-epoch figure is the validation part's: the kept (best) epoch's RMSE is the model's there.
            double best = watched.epochs.stream().mapToDouble(epoch -> epoch.metrics().get("rmse")).min().orElseThrow();
            assertThat(Metrics.ratingErrors(model, watched.validation).rmse()).isCloseTo(best, within(1e-5));
        }
        assertThat(watched.testPredictions.keySet()).isEqualTo(pairs(parts.test()));
        assertThat(new HashSet<>(watched.testPredictions.values())).as("predictions per test pair").hasSize(1);
    }
}
