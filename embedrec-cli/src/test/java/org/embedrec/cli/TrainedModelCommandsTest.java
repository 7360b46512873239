package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.embedrec.data.Ratings;
import org.embedrec.data.Splits;
import org.embedrec.data.UserRatings;
import org.embedrec.io.ModelFiles;
import org.embedrec.io.MovieLens;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code train} once on a small fixture, then every command that reads the model file, checked
 * against the fixture's ratings and against naive computations on the loaded model.
 */
class TrainedModelCommandsTest {
    /** The CLI's default split, random:0.1 with split seed 42. */
    private static final double TEST_FRACTION = 0.1;
    private static final long SPLIT_SEED = 42;

    @TempDir
    static Path tmp;

    private static Path data;
    private static Path modelFile;
    private static List<MovieLensFixture.Row> fixture;
    private static CliRun train;
    private static MatrixFactorizationModel model;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = tmp.resolve("fixture");
        fixture = MovieLensFixture.write(data);
        modelFile = tmp.resolve("model.safetensors");
        train = CliRun.of(trainArguments(modelFile));
        assertThat(train.status()).as("%s", train).isZero();
        model = ModelFiles.load(modelFile, MatrixFactorizationModel.class);
    }

    /**
     * A --min-ratings value that hides about half the items: with the CLI's default of 10 the
     * fixture's items (about 16 training ratings each) would rarely be hidden, leaving the filter untested.
     */
    private static int medianTrainCount() {
        int[] counts = model.trainingFacts().itemTrainCounts();
        Arrays.sort(counts);
        assertThat(counts[0]).isLessThan(counts[counts.length - 1]);
        return counts[counts.length / 2];
    }

    private static String[] trainArguments(Path out) {
        return new String[] {"train", "--data", data.toString(), "--out", out.toString(), "--epochs", "3", "--no-progress"};
    }

    @Test
    void trainPrintsEpochsAndTheResultTableAndSavesTheModel() {
        assertThat(train.out())
                .contains(String.format(Locale.ROOT, "loaded fixture: %,d ratings, 30 users, 40 items", fixture.size()))
                .contains("epoch  1/3", "epoch  3/3").doesNotContain("epoch  4/")
                .contains("saved model to " + modelFile);
        assertThat(train.err()).isEmpty();
        for (String row : List.of("global mean", "damped biases", "mf")) {
            assertThat(train.rmse(row)).as(row).isBetween(0.01, 4.5);
        }
        assertThat(model.users().size()).isEqualTo(MovieLensFixture.USERS);
        assertThat(model.items().size()).isEqualTo(MovieLensFixture.MOVIES);
        assertThat(model.catalog().title(model.items().index(MovieLensFixture.QUOTED_ID))).isEqualTo(MovieLensFixture.QUOTED_TITLE);
        assertThat(model.info().metrics().get("test.rmse")).isCloseTo(train.rmse("mf"), within(5e-5));
    }

    @Test
    void evaluateFindsTheRecordedDataAndReportsWhatTrainReported() {
        CliRun evaluate = CliRun.of("evaluate", "--model", modelFile.toString());

        assertThat(evaluate.status()).as("%s", evaluate).isZero();
        assertThat(evaluate.out()).contains("loaded fixture").doesNotContain("warning");
        for (String row : List.of("global mean", "damped biases", "mf")) {
            assertThat(evaluate.rmse(row)).as(row).isEqualTo(train.rmse(row));
        }
    }

    @Test
    void predictPrintsTheModelsPredictionForATitleFragment() {
        CliRun predict = CliRun.of("predict", "--model", modelFile.toString(), "--user", "3", "--item", "film 02");

        assertThat(predict.status()).as("%s", predict).isZero();
        float expected = model.predict(model.users().index("3"), model.items().index("103"));
        assertThat(expected).isBetween(0.5f, 5f);
        assertThat(predict.out()).isEqualTo(String.format(Locale.ROOT,
                "user 3, item 103 (Film 02 (1982)): predicted rating %.3f%n", expected));
    }

    @Test
    void recommendListsTheUsersTrainingRatingsThenOnlyUnseenItems() throws IOException {
        String user = "4";
        Map<String, Double> fixtureRatings = fixture.stream().filter(r -> r.user().equals(user))
                .collect(Collectors.toMap(MovieLensFixture.Row::movie, MovieLensFixture.Row::rating));
        Set<String> trained = trainingItems(user);
        assertThat(fixtureRatings.keySet()).containsAll(trained);

        int minRatings = medianTrainCount();
        CliRun recommend = CliRun.of("recommend", "--model", modelFile.toString(), "--user", user, "--count", "40",
                "--min-ratings", String.valueOf(minRatings));

        assertThat(recommend.status()).as("%s", recommend).isZero();
        assertThat(recommend.out()).contains("user 4 rated " + trained.size() + " items in the training data");
        // With --count 40 the first table lists every training rating of the user, highest first.
        List<String[]> rated = recommend.tableAfter("user 4 rated");
        assertThat(rated).extracting(cells -> cells[2]).containsExactlyInAnyOrderElementsOf(trained);
        for (String[] cells : rated) {
            assertThat(Double.parseDouble(cells[1])).as(cells[2]).isEqualTo(fixtureRatings.get(cells[2]));
        }
        assertThat(rated).extracting(cells -> Double.parseDouble(cells[1])).isSortedAccordingTo(Comparator.reverseOrder());

        List<String[]> recommended = recommend.tableAfter("top ");
        Set<String> unseen = IntStream.range(0, model.items().size()).mapToObj(model.items()::id)
                .filter(id -> !trained.contains(id)).collect(Collectors.toSet());
        Set<String> expected = unseen.stream()
                .filter(id -> model.itemTrainCount(model.items().index(id)) >= minRatings).collect(Collectors.toSet());
        assertThat(expected).isNotEmpty().hasSizeLessThan(unseen.size());
        assertThat(recommended).extracting(cells -> cells[2]).containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContainAnyElementsOf(trained);
        assertThat(recommend.out()).contains("top " + expected.size() + " recommendations for user 4:");
        int u = model.users().index(user);
        // Predicted ratings print with two decimals, finer than any rating step.
        for (String[] cells : recommended) {
            assertThat(Double.parseDouble(cells[1])).as(cells[2])
                    .isCloseTo(model.predict(u, model.items().index(cells[2])), within(5e-3));
        }
        assertThat(recommended).extracting(cells -> Double.parseDouble(cells[1])).isSortedAccordingTo(Comparator.reverseOrder());

        CliRun top3 = CliRun.of("recommend", "--model", modelFile.toString(), "--user", user, "--count", "3",
                "--min-ratings", String.valueOf(minRatings));
        assertThat(top3.tableAfter("top 3 recommendations")).extracting(cells -> cells[2])
                .containsExactlyElementsOf(recommended.subList(0, 3).stream().map(cells -> cells[2]).toList());
    }

    /** The items {@code user} rated in the training part of the CLI's default split, rebuilt here. */
    private Set<String> trainingItems(String user) {
        Ratings train = Splits.randomHoldout(MovieLens.load(data).ratings(), TEST_FRACTION, SPLIT_SEED).train();
        UserRatings byUser = train.byUser();
        int u = train.users().index(user);
        Set<String> items = new HashSet<>();
        for (int k = byUser.start(u); k < byUser.end(u); k++) {
            items.add(train.items().id(train.item(byUser.row(k))));
        }
        return items;
    }

    @Test
    void similarListsTheNearestOtherItemsByCosine() {
        int minRatings = medianTrainCount();
        CliRun similar = CliRun.of("similar", "--model", modelFile.toString(), "--item", "hello, w", "--count", "5",
                "--min-ratings", String.valueOf(minRatings));

        assertThat(similar.status()).as("%s", similar).isZero();
        assertThat(similar.out()).startsWith("items most similar to Hello, World (2001) (id 105):");
        List<String[]> listed = similar.tableAfter("items most similar to");
        assertThat(listed).hasSize(5).extracting(cells -> cells[2]).doesNotContain(MovieLensFixture.QUOTED_ID);

        // Naive reference: cosine of the query's factors with every other eligible item's.
        int query = model.items().index(MovieLensFixture.QUOTED_ID);
        Map<String, Double> cosine = new HashMap<>();
        for (int item = 0; item < model.items().size(); item++) {
            if (item != query && model.itemTrainCount(item) >= minRatings) {
                cosine.put(model.items().id(item), cosine(model.itemVector(query), model.itemVector(item)));
            }
        }
        List<String> nearest = cosine.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5).map(Map.Entry::getKey).toList();
        assertThat(listed).extracting(cells -> cells[2]).containsExactlyElementsOf(nearest);
        for (String[] cells : listed) {
            assertThat(Double.parseDouble(cells[1])).as(cells[2]).isCloseTo(cosine.get(cells[2]), within(6e-4));
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            normA += (double) a[k] * a[k];
            normB += (double) b[k] * b[k];
        }
        return dot / Math.sqrt(normA * normB);
    }

    @Test
    void exploreDescribesTheFixture() {
        CliRun explore = CliRun.of("explore", "--data", data.toString());

        assertThat(explore.status()).as("%s", explore).isZero();
        assertThat(explore.out()).contains("Data set fixture")
                .containsPattern("(?m)^  ratings\\s+" + String.format(Locale.ROOT, "%,d", fixture.size()) + "$")
                .containsPattern("(?m)^  users\\s+30$")
                .containsPattern("(?m)^  items\\s+40$")
                .contains("Most rated items");
        double mean = fixture.stream().mapToDouble(MovieLensFixture.Row::rating).average().orElseThrow();
        assertThat(explore.out()).contains(String.format(Locale.ROOT, "mean %.4f", mean));
    }

    @Test
    void trainingTwiceWithTheSameFlagsGivesIdenticalParameters() throws IOException {
        Path again = tmp.resolve("again.safetensors");
        CliRun second = CliRun.of(trainArguments(again));

        assertThat(second.status()).as("%s", second).isZero();
        MatrixFactorizationModel other = ModelFiles.load(again, MatrixFactorizationModel.class);
        assertThat(Arrays.equals(other.userFactors(), model.userFactors())).isTrue();
        assertThat(Arrays.equals(other.itemFactors(), model.itemFactors())).isTrue();
        assertThat(Arrays.equals(other.userBiases(), model.userBiases())).isTrue();
        assertThat(Arrays.equals(other.itemBiases(), model.itemBiases())).isTrue();
        assertThat(other.globalBias()).isEqualTo(model.globalBias());
    }

    @Test
    void unknownUserIsAnError() {
        CliRun run = CliRun.of("recommend", "--model", modelFile.toString(), "--user", "999");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: unknown user '999'").contains("30 users");
    }

    @Test
    void ambiguousTitleIsAnErrorListingCandidates() {
        CliRun run = CliRun.of("similar", "--model", modelFile.toString(), "--item", "Film");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: 'Film' is ambiguous: 39 titles contain it")
                .contains("101      Film 00 (1980)", "... and 29 more").doesNotContain(MovieLensFixture.QUOTED_TITLE);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void truncatedModelFileIsAnErrorNamingIt() throws IOException {
        byte[] bytes = Files.readAllBytes(modelFile);
        Path truncated = tmp.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        CliRun run = CliRun.of("similar", "--model", truncated.toString(), "--item", MovieLensFixture.QUOTED_ID);

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: model file " + truncated + ": ").hasLineCount(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"recommend --user 1", "similar --item 105"})
    void countBelowOneIsAnError(String command) {
        String[] words = command.split(" ");
        CliRun run = CliRun.of(words[0], "--model", modelFile.toString(), words[1], words[2], "--count", "0");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).isEqualTo("embedrec: error: --count must be >= 1, got 0" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evaluate", "recommend --user 4", "similar --item 105", "predict --user 4 --item 105"})
    void outputDoesNotDependOnTheDefaultLocale(String command) {
        List<String> arguments = new ArrayList<>(List.of(command.split(" ")));
        arguments.addAll(List.of("--model", modelFile.toString()));
        String[] args = arguments.toArray(String[]::new);
        Locale saved = Locale.getDefault();
        CliRun root;
        CliRun arabic;
        try {
            Locale.setDefault(Locale.ROOT);
            root = CliRun.of(args);
            // Egyptian Arabic formats numbers with Arabic-Indic digits unless told otherwise.
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            arabic = CliRun.of(args);
        } finally {
            Locale.setDefault(saved);
        }
        assertThat(root.status()).as("%s", root).isZero();
        assertThat(withoutTimings(arabic.out())).isEqualTo(withoutTimings(root.out()));
    }

    /** The output without the "loaded ..." line, whose load time varies from run to run. */
    private static String withoutTimings(String out) {
        return out.lines().filter(line -> !line.startsWith("loaded ")).collect(Collectors.joining("\n"));
    }

    @Test
    void missingModelFileIsNamed() {
        Path missing = tmp.resolve("missing.safetensors");

        CliRun run = CliRun.of("predict", "--model", missing.toString(), "--user", "1", "--item", "101");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: ").contains(missing.toString()).hasLineCount(1);
    }

    @Test
    void evaluatingOnOtherDataIsAnError() throws IOException {
        Path other = tmp.resolve("other");
        MovieLensFixture.write(other);
        Files.writeString(other.resolve("ratings.csv"), "31,101,4.0,2000000000\n", StandardOpenOption.APPEND);

        CliRun run = CliRun.of("evaluate", "--model", modelFile.toString(), "--data", other.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("embedrec: error: the data in " + other + " is not the data " + modelFile)
                .contains("31 users");
    }

    @Test
    void stepScheduleSetsTheEpochCountWhenEpochsIsNotGiven() {
        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", tmp.resolve("steps.safetensors").toString(),
                "--learning-rate", "1@0.01,2@0.001", "--no-progress");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("epoch  3/3").doesNotContain("epoch  4/");
        assertThat(run.out().lines().filter(line -> line.startsWith("epoch")).map(line -> line.replaceAll(".*lr ([0-9.]+).*", "$1")))
                .containsExactly("0.010", "0.0010", "0.0010");
    }
}
