package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.embedrec.data.SplitSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on the command line or in data files: exit status 1 with one "embedrec: error:" line
 * naming the offending path or text, or status 2 for a usage error. None of these trains a model.
 */
class CommandLineErrorsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"explore", "train"})
    void missingDataFolderIsNamed(String command) {
        Path missing = tmp.resolve("no-such-folder");

        CliRun run = CliRun.of(command, "--data", missing.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: ").contains("folder not found: " + missing).hasLineCount(1);
    }

    @Test
    void malformedRatingIsReportedWithFileLineAndText() throws IOException {
        Path data = tmp.resolve("bad");
        MovieLensFixture.write(data);
        Files.writeString(data.resolve("ratings.csv"),
                "userId,movieId,rating,timestamp\n1,101,4.0,1000\n1,102,abc,1001\n2,101,3.5,1002\n");

        CliRun run = CliRun.of("explore", "--data", data.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: ratings.csv:3: ").contains("\"abc\"", "1,102,abc,1001")
                .hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "random:abc|bad split 'random:abc'",
        "random:1.5|bad split 'random:1.5'",
        "last:0|bad split 'last:0'",
        "random|bad split 'random'",
        "nope:1|unknown split kind 'nope'"})
    void badSplitIsNamed(String split, String message) throws IOException {
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);

        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", tmp.resolve("m.safetensors").toString(),
                "--split", split, "--no-progress");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: " + message);
        // The command line reads splits with core's parser, as the Spark jobs do.
        assertThat(run.err().strip()).isEqualTo("embedrec: error: "
                + catchThrowableOfType(IllegalArgumentException.class, () -> SplitSpec.parse(split)).getMessage());
        assertThat(tmp.resolve("m.safetensors")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fast|bad learning-rate schedule 'fast'",
        "0|learning rate must be > 0, got 0.0",
        "3@0.01,x|bad learning-rate schedule '3@0.01,x'"})
    void badLearningRateIsNamed(String schedule, String message) throws IOException {
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);

        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", tmp.resolve("m.safetensors").toString(),
                "--learning-rate", schedule, "--no-progress");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: ").contains(message).hasLineCount(1);
        assertThat(tmp.resolve("m.safetensors")).doesNotExist();
    }

    /** Issue 18, item 4: failed on main with an OutOfMemoryError and its stack trace. */
    @Test
    void aNetworkTooLargeForTheHeapIsRefusedWithTheEstimateBeforeTraining() throws IOException {
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);

        CliRun run = CliRun.of("train", "--data", data.toString(), "--config", "deep", "--set", "hidden=40000,40000",
                "--out", tmp.resolve("m.safetensors").toString());

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: training deep").contains("needs an estimated", "MiB of heap",
                "free of", "-Xmx").doesNotContain("OutOfMemoryError", "\tat ");
    }

    /** Issue 18, item 4: failed on main with a NegativeArraySizeException for 1000000000. */
    @ParameterizedTest
    @ValueSource(strings = {"10000000", "1000000000"})
    void aHugeBatchSizeIsRefusedNamingTheLimit(String batchSize) throws IOException {
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);

        CliRun run = CliRun.of("train", "--data", data.toString(), "--batch-size", batchSize,
                "--out", tmp.resolve("m.safetensors").toString());

        assertThat(run.status()).as("%s", run).isIn(1, 2);
        assertThat(run.err()).contains("batchSize must be in [1, 1048576]", "got " + batchSize)
                .doesNotContain("Exception", "\tat ");
    }

    /** Issue 18, item 2: failed on main, where a 100 loaded and stretched the output range to [0.5, 100]. */
    @Test
    void aRatingOffTheMovieLensScaleIsAnErrorNamingFileLineAndValue() throws IOException {
        Path data = tmp.resolve("scale");
        MovieLensFixture.write(data);
        Files.writeString(data.resolve("ratings.csv"),
                "userId,movieId,rating,timestamp\n1,101,4.0,1000\n1,102,100,1001\n2,101,3.5,1002\n");

        CliRun run = CliRun.of("explore", "--data", data.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: ratings.csv:3: rating \"100\" in column 3 is outside the"
                + " rating scale 0.5 to 5 in steps of 0.5");
    }

    /** Issue 18, item 5: failed on main, which said nothing about a model worse than the global mean. */
    @Test
    void trainWarnsLoudlyWhenTheModelIsWorseThanTheGlobalMean() throws IOException {
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);

        CliRun run = CliRun.of("train", "--data", data.toString(), "--config", "dot", "--learning-rate", "3",
                "--epochs", "2", "--out", tmp.resolve("m.safetensors").toString());

        assertThat(run.err()).as("%s", run).contains("warning: dot is WORSE than the global-mean baseline on the test"
                + " ratings (RMSE ");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("train", "--data", tmp.toString(), "--bogus");

        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'").contains("Usage: embedrec train");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun run = CliRun.of("recommend", "--user", "1");

        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--model=FILE'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "demo"})
    void anUnwritableOutputIsNamedBeforeAnyTraining(String command) throws IOException {
        // Failed on main: train ran every epoch and only then failed to save.
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);
        Path out = tmp.resolve("nonexistent/dir/m.safetensors");

        CliRun run = CliRun.of(command, "--data", data.toString(), "--out", out.toString(), "--no-progress");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).isEqualTo("embedrec: error: cannot write " + out + ": the folder " + out.getParent()
                + " does not exist" + System.lineSeparator());
        assertThat(run.out()).doesNotContain("epoch").doesNotContain("loaded");
    }

    @Test
    void aFolderThatTakesNoFilesIsNamedNotTheTemporaryFile() throws IOException {
        // Failed on main: after training, the error named "/proc/.m.st.7da6….tmp".
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc")), "Linux /proc");
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);

        CliRun run = CliRun.of("tune", "--data", data.toString(), "--out", "/proc/m.st", "--space", "l2=0.1,0.2");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: cannot write /proc/m.st: cannot create files in /proc")
                .doesNotContain(".tmp").hasLineCount(1);
        assertThat(run.out()).doesNotContain("trial");
    }

    @Test
    void predictRefusesAnItemWithoutTrainingRatings() throws IOException {
        // Failed on main: it printed a "predicted rating" from the untrained initial vector.
        Path data = tmp.resolve("data");
        MovieLensFixture.write(data);
        Files.writeString(data.resolve("movies.csv"), "141,Never Rated (2000),Drama\n", StandardOpenOption.APPEND);
        Path model = tmp.resolve("m.safetensors");
        assertThat(CliRun.of("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "1",
                "--no-progress").status()).isZero();

        CliRun run = CliRun.of("predict", "--model", model.toString(), "--user", "1", "--item", "141");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("item 141 (Never Rated (2000)) has no training ratings").hasLineCount(1);
        assertThat(run.out()).doesNotContain("predicted rating");
    }
}
