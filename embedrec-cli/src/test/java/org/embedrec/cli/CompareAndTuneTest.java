package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} and {@code tune} on the small MovieLens fixture. */
class CompareAndTuneTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = dir.resolve("ml");
        Files.createDirectories(data);
        MovieLensFixture.write(data);
    }

    @Test
    void compareTablesRepeatedRunsWithTheirSpreadAndWritesThemOut() throws IOException {
        Path out = dir.resolve("compare");
        CliRun run = CliRun.of("compare", "--data", data.toString(), "--configs", "mf,dot", "--repeat", "3",
                "--set", "epochs=2", "--set", "dimensions=4", "--set", "patience=0", "--out", out.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("mf [run 3/3, seed 44]", "dot [run 1/3, seed 42]");
        double[] mf = meanAndStd(run.out(), "mf");
        double[] dot = meanAndStd(run.out(), "dot");
        assertThat(mf[1]).as("spread over three seeds").isPositive();
        assertThat(run.before(INTERVALS).rmse("damped biases")).isPositive();
        // the intervals are over each user's mean over the three runs, around the mean of the runs
        double[] mfNdcg = interval(run.out(), "mf", 3);
        assertThat(run.out()).contains("on each user's mean over a model's runs");
        assertThat(mfNdcg[1]).isLessThanOrEqualTo(mfNdcg[0]);
        assertThat(mfNdcg[2]).isGreaterThanOrEqualTo(mfNdcg[0]);

        JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(json.get("repeat").asInt()).isEqualTo(3);
        JsonNode rows = json.get("results");
        assertThat(rows).hasSize(6);
        JsonNode mfRow = rows.get(4);
        assertThat(mfRow.get("label").asText()).isEqualTo("mf");
        assertThat(mfRow.get("runs")).hasSize(3);
        double mean = 0;
        for (JsonNode r : mfRow.get("runs")) {
            mean += r.get("metrics").get("rmse").asDouble() / 3;
            assertThat(r.get("epochs").asInt()).isEqualTo(2);
            // 30 users + 40 items, 4 dimensions, a bias each
            assertThat(r.get("parameters").asLong()).isEqualTo(70 * 5);
        }
        assertThat(mfRow.get("rmse").get("mean").asDouble()).isCloseTo(mean, within(1e-12)).isCloseTo(mf[0], within(5e-5));
        assertThat(rows.get(5).get("rmse").get("mean").asDouble()).isCloseTo(dot[0], within(5e-5));
        assertThat(rows.get(2).get("label").asText()).isEqualTo("most popular");
        assertThat(rows.get(2).get("rmse").get("mean").isNull()).isTrue();

        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(0)).startsWith("model,runs,rmse,rmse_std").contains("ndcg@10_ci_low,ndcg@10_ci_high",
                "novelty@10,novelty@10_ci_low", "gini@10", "vs,vs_t_p,vs_wilcoxon_p");
        JsonNode ndcg = mfRow.get("ndcg@10");
        assertThat(ndcg.get("ci95").get(0).asDouble()).isLessThanOrEqualTo(ndcg.get("mean").asDouble());
        assertThat(mfRow.get("rmse").get("ci95").get(1).asDouble()).isGreaterThanOrEqualTo(mfRow.get("rmse").get("mean").asDouble());
        assertThat(rows.get(2).get("rmse").get("ci95").isNull()).isTrue();
        assertThat(mfRow.get("gini@10").get("mean").asDouble()).isBetween(0.0, 1.0);
        assertThat(mfRow.get("gini@10").get("ci95").isNull()).as("a figure of all lists has no per-user interval").isTrue();
        assertThat(json.get("bootstrap").get("resamples").asInt()).isEqualTo(1000);
        JsonNode tests = json.get("pairedTests");
        assertThat(tests).hasSize(3);   // mf and dot against the best baseline, then the top two
        assertThat(tests.get(2).get("why").asText()).isEqualTo("top two models");
        assertThat(tests.get(0).get("tPValue").asDouble()).isBetween(0.0, 1.0);
        assertThat(tests.get(0).get("users").asInt()).isEqualTo(21).isEqualTo(tests.get(2).get("users").asInt());
        assertThat(Files.readAllLines(out.resolve("history.csv"))).hasSize(1 + 2 * 3 * 2);
    }

    @Test
    void aModelWithoutASeedTrainsOnceWhateverTheRepeat() throws IOException {
        Path out = dir.resolve("knn");
        CliRun run = CliRun.of("compare", "--data", data.toString(), "--configs", "item-knn,ease,ials,bpr", "--repeat", "2",
                "--set", "threads=1", "--out", out.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("item-knn [run 1/1, deterministic, no seed]", "ease [run 1/1, deterministic, no seed]",
                        "bpr [run 2/2, seed 43]")
                .doesNotContain("item-knn [run 2/", "ease [run 2/");
        JsonNode rows = new ObjectMapper().readTree(out.resolve("compare.json").toFile()).get("results");
        assertThat(rows.get(4).get("runs")).hasSize(1);
        assertThat(rows.get(5).get("runs")).hasSize(1);
        // iALS has no TrainingOptions but draws its initial vectors from its seed: it is repeated like bpr
        assertThat(run.out()).contains("ials [run 1/2, seed 42]", "ials [run 2/2, seed 43]");
        assertThat(rows.get(6).get("runs")).extracting(r -> r.get("seed").asLong()).containsExactly(42L, 43L);
        assertThat(rows.get(7).get("runs")).extracting(r -> r.get("seed").asLong()).containsExactly(42L, 43L);
    }

    @Test
    void everySeededModelTrainsWithItsOwnSeedPerRun() {
        assertThat(CompareCommand.seedOf(new ModelConfig("ials", Map.of("seed", 7)).trainer())).hasValue(7);
        assertThat(CompareCommand.seedOf(new ModelConfig("bpr", Map.of("seed", 9)).trainer())).hasValue(9);
        assertThat(CompareCommand.seedOf(new ModelConfig("ease", Map.of()).trainer())).isEmpty();
        assertThat(CompareCommand.seedOf(new ModelConfig("item-knn", Map.of()).trainer())).isEmpty();
    }

    @Test
    void tuneRanksTrialsAndSavesAWinnerThatTrainReproduces() throws IOException {
        Path best = dir.resolve("best.json");
        CliRun tune = CliRun.of("tune", "--data", data.toString(), "--space", "l2=0.001,10;dimensions=4",
                "--set", "epochs=6", "--out", best.toString());

        assertThat(tune.status()).as("%s", tune).isZero();
        assertThat(tune.out()).contains("trial 1/2 l2=0.001,dimensions=4", "trial 2/2 l2=10,dimensions=4");
        Matcher ranked = Pattern.compile("(?m)^1\\s+(\\S+)\\s+(\\d\\.\\d{4})\\s+(\\d+)").matcher(tune.out());
        assertThat(ranked.find()).as(tune.out()).isTrue();
        Matcher second = Pattern.compile("(?m)^2\\s+(\\S+)\\s+(\\d\\.\\d{4})\\s").matcher(tune.out());
        assertThat(second.find()).isTrue();
        assertThat(Double.parseDouble(ranked.group(2))).isLessThanOrEqualTo(Double.parseDouble(second.group(2)));

        ModelConfig winner = ModelConfig.read(best);
        assertThat(winner.model()).isEqualTo("mf");
        assertThat(winner.options()).contains(entry("epochs", Integer.parseInt(ranked.group(3))), entry("patience", 0));
        assertThat(ranked.group(1)).isEqualTo("l2=" + winner.options().get("l2") + ",dimensions="
                + winner.options().get("dimensions"));

        Matcher test = Pattern.compile("test RMSE (\\d\\.\\d{4})").matcher(tune.out());
        assertThat(test.find()).isTrue();
        CliRun train = CliRun.of("train", "--data", data.toString(), "--config", best.toString(),
                "--out", dir.resolve("best.safetensors").toString(), "--no-progress");
        assertThat(train.status()).as("%s", train).isZero();
        assertThat(train.rmse("mf")).as("train --config reproduces tune's final model").isEqualTo(Double.parseDouble(test.group(1)));
    }

    /** Closed-form trainers take no seed; their repeated runs are the same fit and agree exactly. */
    @Test
    void compareRanksRatingAndImplicitModelsInOneTable() {
        CliRun run = CliRun.of("compare", "--data", data.toString(), "--configs", "mf,bpr", "--set", "epochs=3",
                "--set", "dimensions=4", "--set", "patience=0", "--out", dir.resolve("mixed").toString());

        assertThat(run.status()).as("%s", run).isZero();
        Matcher bpr = Pattern.compile("(?m)^bpr\\s+-\\s+-\\s+-\\s+(\\d\\.\\d{4})\\s+(\\d\\.\\d{4})\\s+(\\d\\.\\d{4})\\s").matcher(run.out());
        assertThat(bpr.find()).as(run.out()).isTrue();
        Matcher popular = Pattern.compile("(?m)^most popular\\s+-\\s+-\\s+-\\s+(\\d\\.\\d{4})\\s").matcher(run.out());
        assertThat(popular.find()).as(run.out()).isTrue();
        assertThat(run.before(INTERVALS).rmse("mf")).isPositive();
        assertThat(run.out()).contains("paired tests on per-user NDCG@10");
        Matcher test = Pattern.compile("(?m)^mf\\s+bpr\\s+top two models\\s+21\\s+[+-]\\d\\.\\d{4}\\s+-?\\d+\\.\\d{2}\\s+(\\S+)")
                .matcher(run.out());
        assertThat(test.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(test.group(1))).isBetween(0.0, 1.0);
        Matcher beyond = Pattern.compile("(?m)^bpr\\s+(\\d\\.\\d{4})\\s+(\\d\\.\\d{3}) \\[(\\d\\.\\d{3}), (\\d\\.\\d{3})\\]")
                .matcher(run.out().substring(run.out().indexOf("beyond accuracy")));
        assertThat(beyond.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(beyond.group(2))).isBetween(Double.parseDouble(beyond.group(3)), Double.parseDouble(beyond.group(4)));
    }

    private static final String INTERVALS = "95% confidence intervals";

    /** Mean and interval ends of the {@code column}-th figure (0-based after the label) of a row of the interval table. */
    private static double[] interval(String out, String model, int column) {
        String table = out.substring(out.indexOf(INTERVALS));
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(model) + "((?:\\s+(?:-|\\d+\\.\\d{4} \\[\\d+\\.\\d{4}, \\d+\\.\\d{4}\\]))+)")
                .matcher(table);
        assertThat(row.find()).as("interval row %s in %s", model, table).isTrue();
        Matcher cell = Pattern.compile("(\\d+\\.\\d{4}) \\[(\\d+\\.\\d{4}), (\\d+\\.\\d{4})\\]|-").matcher(row.group(1));
        for (int i = 0; i < column; i++) {
            assertThat(cell.find()).isTrue();
        }
        assertThat(cell.find()).isTrue();
        return new double[] {Double.parseDouble(cell.group(1)), Double.parseDouble(cell.group(2)), Double.parseDouble(cell.group(3))};
    }

    /** Mean and standard deviation from a table cell such as {@code 0.9123 ± 0.0012}. */
    private static double[] meanAndStd(String out, String model) {
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(model) + "\\s+(\\d+\\.\\d{4}) ± (\\d+\\.\\d{4})").matcher(out);
        assertThat(row.find()).as("row %s in %s", model, out).isTrue();
        return new double[] {Double.parseDouble(row.group(1)), Double.parseDouble(row.group(2))};
    }
}
