package org.embedrec.spark.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.embedrec.data.SplitSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.spark.SparkAlsTrainer;
import org.embedrec.family.ials.IalsModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.spark.LocalSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The spark-submit jobs end to end on a small MovieLens-layout fixture, in the test's local session. */
class SparkJobsTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static Path data;
    private static final Map<String, Set<String>> RATED = new HashMap<>();

    @BeforeAll
    static void startSparkAndWriteFixture() throws IOException {
        spark = LocalSpark.start();
        data = Files.createDirectory(dir.resolve("ml-fixture"));
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 30; m++) {
            movies.append(m).append(",\"Movie ").append(m).append(", The (19").append(70 + m).append(")\",Drama|Comedy\n");
        }
        Files.writeString(data.resolve("movies.csv"), movies);
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        SplittableRandom random = new SplittableRandom(5);
        for (int u = 1; u <= 40; u++) {
            Set<String> rated = RATED.computeIfAbsent(String.valueOf(u), x -> new HashSet<>());
            while (rated.size() < 12) {
                String movie = String.valueOf(1 + random.nextInt(30));
                if (rated.add(movie)) {
                    ratings.append(u).append(',').append(movie).append(',').append(1 + random.nextInt(5)).append(",100\n");
                }
            }
        }
        Files.writeString(data.resolve("ratings.csv"), ratings);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = SparkJobs.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int status = line.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void alsOptionsAreReadByTheCoreNamesAndCheckedBeforeSparkStarts() {
        TrainAlsJob job = new TrainAlsJob();
        CommandLine line = new CommandLine(job);
        line.parseArgs("--data", "x", "--out", "m", "--rank", "5", "--epochs", "3",
                "--set", "l2=0.2", "--implicit", "--alpha", "20");
        assertThat(job.options()).isEqualTo(new SparkAlsTrainer.Options(5, 0.2, 3, true, 20, 42));

        Run unknown = run("train-als", "--data", data.toString(), "--out", dir.resolve("m").toString(), "--set", "rank=4");
        assertThat(unknown.status()).isNotZero();
        assertThat(unknown.err()).contains("unknown spark-als option 'rank'").contains("dimensions, l2, epochs");
    }

    @Test
    void implicitTrainAlsWritesCoresIalsKind() throws IOException {
        Path model = dir.resolve("implicit-als.safetensors");
        Run train = run("train-als", "--data", data.toString(), "--rank", "4", "--iterations", "3", "--implicit",
                "--alpha", "10", "--out", model.toString());

        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("(ials): 40 users, 30 items, rank 4").doesNotContain("RMSE");
        IalsModel loaded = ModelFiles.load(model, IalsModel.class);
        assertThat(loaded.objective().confidence()).isEqualTo(10);
        assertThat(loaded.recommend(0, 3, item -> false)).hasSize(3);
    }

    @Test
    void trainRecommendAllAndEvaluateOnAMovieLensFolder() throws IOException {
        Path model = dir.resolve("als.safetensors");
        Path lists = dir.resolve("top3");

        Run train = run("train-als", "--data", data.toString(), "--split", "random:0.2", "--rank", "4",
                "--iterations", "3", "--out", model.toString());
        Run recommend = run("recommend-all", "--model", model.toString(), "--data", data.toString(), "--count", "3",
                "--out", lists.toString(), "--output-format", "csv");
        Run evaluate = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "random:0.2", "--k", "5");

        assertThat(train.status()).as(train.err()).isZero();
        assertThat(train.out()).contains("test RMSE").contains("40 users, 30 items, rank 4");
        MatrixFactorizationModel loaded = ModelFiles.load(model, MatrixFactorizationModel.class);
        assertThat(loaded.catalog().title(0)).isEqualTo("Movie 1, The (1971)");
        assertThat(loaded.info().metrics()).containsKeys("test.rmse", "test.mae");

        assertThat(recommend.status()).as(recommend.err()).isZero();
        List<Row> rows = spark.read().option("header", "true").csv(lists.toString()).collectAsList();
        assertThat(rows).hasSize(40 * 3);
        for (Row row : rows) {
            assertThat(RATED.get(row.getString(0))).as("user %s", row.getString(0)).doesNotContain(row.getString(2));
        }

        assertThat(evaluate.status()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).containsPattern("RMSE \\d\\.\\d{4}").contains("@5, relevant >= 4.0").contains("NDCG");
    }

    @ParameterizedTest
    @ValueSource(strings = {"random:abc", "per-user", "nope:0.2", "last:0"})
    void aBadSplitFailsWithTheCommandLinesMessageBeforeAnyDataIsRead(String split) {
        Path absent = dir.resolve("absent.csv");

        Run train = run("train-als", "--ratings", absent.toString(), "--split", split, "--out", dir.resolve("never.safetensors").toString());

        assertThat(train.status()).isEqualTo(1);
        String message = catchThrowableOfType(IllegalArgumentException.class, () -> SplitSpec.parse(split)).getMessage();
        assertThat(train.err().strip()).isEqualTo("error: " + message);
    }

    @Test
    void aPredefinedSplitNeedsAMovieLensFolder() {
        Run train = run("train-als", "--ratings", dir.resolve("absent.csv").toString(), "--split", "ml100k:u1",
                "--out", dir.resolve("never.safetensors").toString());

        assertThat(train.status()).isEqualTo(1);
        assertThat(train.err().strip()).isEqualTo("error: split ml100k:u1 is read from an ML-100K folder: give it with --data");
    }

    @Test
    void aMalformedRatingsFileFailsWithTheFileLineAndText() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "userId,movieId,rating,timestamp\n1,2,3,4\n1,3,three,5\n");

        Run train = run("train-als", "--ratings", bad.toString(), "--out", dir.resolve("never.safetensors").toString());

        assertThat(train.status()).isEqualTo(1);
        assertThat(train.err()).contains("error: bad.csv:3: rating \"three\" is not a number in line \"1,3,three,5\"");
        assertThat(dir.resolve("never.safetensors")).doesNotExist();
    }
}
