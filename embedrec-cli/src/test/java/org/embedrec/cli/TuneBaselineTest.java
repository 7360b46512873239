package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.data.Splits;
import org.embedrec.eval.Metrics;
import org.embedrec.io.MovieLens;
import org.embedrec.model.Recommender;
import org.embedrec.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the search space, the configuration {@code tune} saves is never worse on its own validation
 * holdout than the options as given: measured here, not read from tune's output, by training both on
 * the holdout's fit part exactly as tune scores them (the defaults with tune's per-trial early
 * stopping, the winner with the epochs and patience it was saved with) and comparing their RMSE on the
 * holdout.
 */
class TuneBaselineTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = dir.resolve("ml");
        Files.createDirectories(data);
        MovieLensFixture.write(data);
    }

    /** A space far from the defaults' L2: without the baseline trial, tune saved one of these. */
    @Test
    void theSavedConfigurationIsNoWorseOnValidationThanTheDefaults() throws IOException {
        Path best = dir.resolve("best.yaml");
        CliRun tune = CliRun.of("tune", "--data", data.toString(), "--space", "l2=5,20", "--set", "dimensions=4",
                "--set", "epochs=8", "--out", best.toString());
        assertThat(tune.status()).as("%s", tune).isZero();

        Dataset dataset = MovieLens.load(data);
        Split outer = MovieLens.split(data, SplitSpec.parse(SplitSpec.DEFAULT), dataset.ratings(), 42);
        Split holdout = Splits.randomHoldout(outer.train(), 0.1, 43);
        Map<String, Object> given = new LinkedHashMap<>(Map.of("dimensions", 4, "epochs", 8, "patience", 2));
        double defaults = validationRmse(new ModelConfig("mf", given), holdout, dataset);
        ModelConfig saved = ModelConfig.read(best);
        double winner = validationRmse(saved, holdout, dataset);

        assertThat(winner).as("validation RMSE of the saved %s against the defaults' %s\n%s", saved, defaults, tune.out())
                .isLessThanOrEqualTo(defaults);
        assertThat(tune.out()).contains("trial 0/2, the options as given, l2=0.1");
    }

    /** A space with a better point than the defaults: tune finds it, and it beats them on validation. */
    @Test
    void aBetterPointInTheSpaceBeatsTheDefaults() throws IOException {
        Path best = dir.resolve("better.yaml");
        CliRun tune = CliRun.of("tune", "--data", data.toString(), "--space", "l2=0.001,0.01,0.03", "--set",
                "dimensions=4", "--set", "epochs=8", "--out", best.toString());
        assertThat(tune.status()).as("%s", tune).isZero();

        Dataset dataset = MovieLens.load(data);
        Split outer = MovieLens.split(data, SplitSpec.parse(SplitSpec.DEFAULT), dataset.ratings(), 42);
        Split holdout = Splits.randomHoldout(outer.train(), 0.1, 43);
        double defaults = validationRmse(new ModelConfig("mf", Map.of("dimensions", 4, "epochs", 8, "patience", 2)),
                holdout, dataset);
        ModelConfig saved = ModelConfig.read(best);
        assertThat(validationRmse(saved, holdout, dataset)).as(tune.out()).isLessThanOrEqualTo(defaults);
    }

    private static double validationRmse(ModelConfig config, Split holdout, Dataset dataset) {
        Recommender model = config.trainer().fit(holdout.train(), holdout.test(), dataset.catalog(),
                TrainingListener.NONE);
        return Metrics.ratingErrors(model, holdout.test()).rmse();
    }
}
