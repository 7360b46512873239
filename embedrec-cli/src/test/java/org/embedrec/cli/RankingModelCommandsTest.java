package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedrec.data.Dataset;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.io.ModelFiles;
import org.embedrec.io.MovieLens;
import org.embedrec.family.bpr.BprModel;
import org.embedrec.family.bpr.GenreBprModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The implicit-feedback models from the command line: {@code train --config bpr|bpr-genres} on the
 * fixture (where ratings ≥ 4 mean "same parity as the user"), the ranking table with its baselines,
 * {@code evaluate} (ranking for BPR, {@code --ranking} for matrix factorization), and {@code recommend}
 * and {@code similar} on a BPR model file.
 */
class RankingModelCommandsTest {
    @TempDir
    static Path tmp;

    private static Path data;
    private static Path bprFile;
    private static CliRun train;
    private static BprModel bpr;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = tmp.resolve("fixture");
        MovieLensFixture.write(data);
        bprFile = tmp.resolve("bpr.safetensors");
        train = CliRun.of("train", "--config", "bpr", "--data", data.toString(), "--split", "user:0.2", "--out",
                bprFile.toString(), "--epochs", "15", "--dimensions", "8", "--learning-rate", "0.05", "--no-progress");
        assertThat(train.status()).as("%s", train).isZero();
        bpr = ModelFiles.load(bprFile, BprModel.class);
    }

    /** The numbers of the row called {@code model} in a printed ranking table. */
    private static double[] rankingRow(CliRun run, String model) {
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(model) + "((?:\\s+\\d\\.\\d{4}){9})\\s*$").matcher(run.out());
        if (!row.find()) {
            throw new AssertionError("no ranking row '" + model + "' in:\n" + run.out());
        }
        return java.util.Arrays.stream(row.group(1).strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void trainPrintsTheRankingTableWithBaselinesAndRecordsTheThreshold() {
        assertThat(train.out()).contains("training bpr (bpr), options:\n  dimensions 8 ").containsPattern(
                "loss BPR\\s+negatives UNIFORM_EXCLUDING_POSITIVES\\s").containsPattern(" positiveThreshold 4\\.0\\s")
                .contains("epoch  1/15  loss ").contains(RankingResult.FULL_AUC_LABEL)
                .containsPattern("epoch [ 1]\\d/15  loss \\d\\.\\d{4}  validation ndcg@10 \\d\\.\\d{4}  validation auc_excluding_train ")
                .contains("early stopping: keeping epoch ").doesNotContain("test ndcg")
                .contains("saved model to " + bprFile);
        double[] model = rankingRow(train, "bpr");
        double[] popular = rankingRow(train, "most popular");
        double[] random = rankingRow(train, "random");
        // Naive check of the printed figures: recompute the model's row with the library on the rebuilt split.
        Dataset dataset = MovieLens.load(data);
        Split split = Splits.perUserHoldout(dataset.ratings(), 0.2, 42);
        RankingResult expected = RankingMetrics.evaluate(bpr, split.train(), split.test(), PositiveThreshold.DEFAULT, 10);
        assertThat(model[2]).isCloseTo(expected.ndcg(), within(5e-5));
        assertThat(model[7]).isCloseTo(expected.fullAuc(), within(5e-5));
        // Parity is easy to learn: the model ranks far better than either baseline. (Its AUCs stay well
        // below 1 by construction: the training likes, and the unrated items of the same parity, count as negatives.)
        assertThat(model[1]).isGreaterThan(popular[1] + 0.3).isGreaterThan(random[1] + 0.3);
        assertThat(model[2]).isGreaterThan(popular[2] + 0.2);
        assertThat(model[8]).isGreaterThan(0.7).isGreaterThan(popular[8] + 0.2);
        assertThat(model[7]).isGreaterThan(popular[7] + 0.1).isGreaterThan(random[7] + 0.1);
        assertThat(bpr.info().hyperparameters()).containsEntry("positiveThreshold", "4.0");
        assertThat(bpr.positiveThreshold()).isEqualTo(PositiveThreshold.DEFAULT);
        assertThat(bpr.info().provenance().split()).isEqualTo("user:0.2");
        assertThat(bpr.info().metrics().get("test.ndcg@10")).isCloseTo(expected.ndcg(), within(1e-9));
    }

    @Test
    void evaluateRanksABprModelAndRepeatsWhatTrainPrinted() {
        CliRun evaluate = CliRun.of("evaluate", "--model", bprFile.toString());
        assertThat(evaluate.status()).as("%s", evaluate).isZero();
        for (String row : List.of("bpr", "most popular", "random")) {
            assertThat(rankingRow(evaluate, row)).as(row).containsExactly(rankingRow(train, row));
        }
        CliRun k5 = CliRun.of("evaluate", "--model", bprFile.toString(), "--k", "5");
        assertThat(k5.out()).contains("NDCG@5");
        assertThat(rankingRow(k5, "bpr")[7]).as("AUC does not depend on K").isEqualTo(rankingRow(train, "bpr")[7]);
    }

    @Test
    void evaluateRanksAMatrixFactorizationWithRanking() throws IOException {
        Path mfFile = tmp.resolve("mf.safetensors");
        CliRun mf = CliRun.of("train", "--data", data.toString(), "--out", mfFile.toString(), "--epochs", "3", "--no-progress");
        assertThat(mf.status()).as("%s", mf).isZero();
        CliRun evaluate = CliRun.of("evaluate", "--model", mfFile.toString(), "--ranking");
        assertThat(evaluate.status()).as("%s", evaluate).isZero();
        String ratingPart = evaluate.out().substring(0, evaluate.out().indexOf("ranking on"));
        assertThat(new CliRun(0, ratingPart, "").rmse("mf")).isPositive();
        double[] row = rankingRow(evaluate, "mf");
        MatrixFactorizationModel model = ModelFiles.load(mfFile, MatrixFactorizationModel.class);
        Split split = Splits.randomHoldout(MovieLens.load(data).ratings(), 0.1, 42);
        RankingResult expected = RankingMetrics.evaluate(model, split.train(), split.test(), PositiveThreshold.DEFAULT, 10);
        assertThat(row[1]).isCloseTo(expected.recall(), within(5e-5));
        assertThat(row[8]).isCloseTo(expected.aucExcludingTrain(), within(5e-5));
    }

    @Test
    void recommendAndSimilarWorkOnABprModel() {
        CliRun recommend = CliRun.of("recommend", "--model", bprFile.toString(), "--user", "3", "--count", "5",
                "--min-ratings", "1");
        assertThat(recommend.status()).as("%s", recommend).isZero();
        List<String[]> top = recommend.tableAfter("top 5 recommendations");
        assertThat(top).hasSize(5);
        int u = bpr.users().index("3");
        for (String[] cells : top) {
            assertThat(Integer.parseInt(cells[2]) % 2).as("parity of %s for odd user 3", cells[2]).isEqualTo(1);
            assertThat(Double.parseDouble(cells[1])).isCloseTo(bpr.predict(u, bpr.items().index(cells[2])), within(5e-4));
        }
        assertThat(recommend.out()).contains("#  score");

        CliRun similar = CliRun.of("similar", "--model", bprFile.toString(), "--item", "Film 02", "--count", "3",
                "--min-ratings", "1");
        assertThat(similar.status()).as("%s", similar).isZero();
        List<String[]> listed = similar.tableAfter("items most similar to Film 02");
        assertThat(listed).hasSize(3);
        for (String[] cells : listed) {
            assertThat(Integer.parseInt(cells[2]) % 2).as("parity of a neighbour of even movie 103").isEqualTo(1);
        }
    }

    @Test
    void bprWithGenresTrainsAndSaves() throws IOException {
        Path file = tmp.resolve("genres.safetensors");
        CliRun run = CliRun.of("train", "--config", "bpr-genres", "--data", data.toString(), "--out", file.toString(),
                "--epochs", "2", "--dimensions", "8", "--tag-dimensions", "2", "--positive-threshold", "all",
                "--negatives", "POPULARITY", "--pairwise-loss", "ONE_MINUS_SIGMOID", "--no-progress");
        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("training bpr-genres (bpr-genres), options:\n  dimensions 8 ").containsPattern(
                " tagDimensions 2\\s").containsPattern(" loss ONE_MINUS_SIGMOID\\s+negatives POPULARITY\\s")
                .containsPattern(" positiveThreshold all\\s");
        GenreBprModel model = ModelFiles.load(file, GenreBprModel.class);
        assertThat(model.itemDimensions()).isEqualTo(6);
        assertThat(model.info().hyperparameters()).containsEntry("positiveThreshold", "all");
        assertThat(model.positiveThreshold()).isEqualTo(PositiveThreshold.ALL);
        rankingRow(run, "bpr-genres");
    }

    @Test
    void flagsOfTheOtherModelFamilyAreClearErrors() {
        CliRun ratingFlag = CliRun.of("train", "--config", "bpr", "--data", data.toString(), "--loss", "MAE");
        assertThat(ratingFlag.status()).isEqualTo(1);
        assertThat(ratingFlag.err()).contains("bpr option 'loss' must be one of BPR, ONE_MINUS_SIGMOID, got 'MAE'");
        CliRun implicitFlag = CliRun.of("train", "--data", data.toString(), "--negatives", "UNIFORM");
        assertThat(implicitFlag.status()).isEqualTo(1);
        assertThat(implicitFlag.err()).contains("unknown matrix-factorization option 'negatives'");
        CliRun unknown = CliRun.of("train", "--config", "warp", "--data", data.toString());
        assertThat(unknown.err()).contains("unknown model 'warp'; known models: mf, dot, ", "bpr, bpr-genres");
        CliRun tags = CliRun.of("train", "--config", "bpr-genres", "--data", data.toString(), "--dimensions", "8",
                "--tag-dimensions", "8");
        assertThat(tags.err()).contains("tagDimensions 8 and dimensions 8").doesNotContain("loaded");
    }

    @Test
    void predictCallsARankingScoreWhatItIs() {
        CliRun predict = CliRun.of("predict", "--model", bprFile.toString(), "--user", bpr.users().id(0), "--item",
                bpr.items().id(0));
        assertThat(predict.status()).as("%s", predict).isZero();
        assertThat(predict.out()).contains("ranking score (not a rating)").doesNotContain("predicted rating");
    }
}
