package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} on the real ml-latest-small (skipped when the shared data is absent). */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void demoOnMlLatestSmallBeatsTheBaselinesAndShowsRecommendations() {
        Path model = tmp.resolve("demo.safetensors");
        CliRun run = CliRun.of("demo", "--data", mlLatestSmall().toString(), "--out", model.toString(), "--no-progress");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("loaded ml-latest-small: 100,004 ratings, 671 users")
                .contains("saved model to " + model)
                .contains("top 10 recommendations for user ")
                .contains("items most similar to ")
                .contains("next: serve it with a web page: bin/embedrec serve --model " + model);
        assertThat(run.tableAfter("top 10 recommendations")).hasSize(10);
        assertThat(run.tableAfter("items most similar to")).hasSize(10);
        double mf = run.rmse("mf");
        assertThat(mf).isLessThanOrEqualTo(0.87).isLessThan(run.rmse("damped biases"));
        assertThat(run.rmse("damped biases")).isLessThan(run.rmse("global mean"));
        assertThat(model).isRegularFile();
        assertThat(run.out()).contains("wrote report " + tmp.resolve("demo-report").resolve("index.html"));
        assertThat(tmp.resolve("demo-report").resolve("index.html")).isRegularFile();
    }

    /** The shared ../shared/data/ml-latest-small, found by walking up from the working folder, or skips the test. */
    static Path mlLatestSmall() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/ml-latest-small");
            if (Files.isRegularFile(candidate.resolve("ratings.csv"))) {
                return candidate;
            }
        }
        assumeTrue(false, "shared data ../shared/data/ml-latest-small not found: test skipped");
        throw new AssertionError("unreachable");
    }
}
