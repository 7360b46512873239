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
        CliRun run = CliRun.of("compare", "--data", data.toString(), "--models", "mf,dot", "--repeat", "3",
                "--set", "epochs=2", "--set", "dimensions=4", "--out", out.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("mf [run 3/3, seed 44]", "dot [run 1/3, seed 42]");
        double[] mf = meanAndStd(run.out(), "mf");
        double[] dot = meanAndStd(run.out(), "dot");
        assertThat(mf[1]).as("spread over three seeds").isPositive();
        assertThat(run.rmse("damped biases")).isPositive();

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
        assertThat(csv.get(0)).startsWith("model,runs,rmse,rmse_std");
        assertThat(Files.readAllLines(out.resolve("history.csv"))).hasSize(1 + 2 * 3 * 2);
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
        assertThat(winner.options()).contains(entry("epochs", Integer.parseInt(ranked.group(3))), entry("patience", 0),
                entry("dimensions", 4));
        assertThat(ranked.group(1)).startsWith("l2=" + winner.options().get("l2"));

        Matcher test = Pattern.compile("test RMSE (\\d\\.\\d{4})").matcher(tune.out());
        assertThat(test.find()).isTrue();
        CliRun train = CliRun.of("train", "--data", data.toString(), "--config", best.toString(),
                "--out", dir.resolve("best.safetensors").toString(), "--no-progress");
        assertThat(train.status()).as("%s", train).isZero();
        assertThat(train.rmse("mf")).as("train --config reproduces tune's final model").isEqualTo(Double.parseDouble(test.group(1)));
    }

    /** Closed-form trainers take no seed; their repeated runs are the same fit and agree exactly. */
    @Test
    void compareRepeatsClosedFormModelsWithoutASeed() {
        CliRun run = CliRun.of("compare", "--data", data.toString(), "--models", "ease,item-knn", "--repeat", "2",
                "--out", dir.resolve("closed-form").toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("ease [run 2/2", "item-knn [run 2/2");
        for (String model : new String[] {"ease", "item-knn"}) {
            Matcher row = Pattern.compile("(?m)^" + model + "\\s+-\\s+-\\s+-\\s+(\\d\\.\\d{4}) ± 0\\.0000\\s").matcher(run.out());
            assertThat(row.find()).as(run.out()).isTrue();
            assertThat(Double.parseDouble(row.group(1))).as("%s NDCG", model).isPositive();
        }
    }

    @Test
    void compareRanksRatingAndImplicitModelsInOneTable() {
        CliRun run = CliRun.of("compare", "--data", data.toString(), "--models", "mf,bpr", "--set", "epochs=3",
                "--set", "dimensions=4", "--out", dir.resolve("mixed").toString());

        assertThat(run.status()).as("%s", run).isZero();
        Matcher bpr = Pattern.compile("(?m)^bpr\\s+-\\s+-\\s+-\\s+(\\d\\.\\d{4})\\s+(\\d\\.\\d{4})\\s+(\\d\\.\\d{4})\\s").matcher(run.out());
        assertThat(bpr.find()).as(run.out()).isTrue();
        Matcher popular = Pattern.compile("(?m)^most popular\\s+-\\s+-\\s+-\\s+(\\d\\.\\d{4})\\s").matcher(run.out());
        assertThat(popular.find()).as(run.out()).isTrue();
        assertThat(run.rmse("mf")).isPositive();
    }

    /** Mean and standard deviation from a table cell such as {@code 0.9123 ± 0.0012}. */
    private static double[] meanAndStd(String out, String model) {
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(model) + "\\s+(\\d+\\.\\d{4}) ± (\\d+\\.\\d{4})").matcher(out);
        assertThat(row.find()).as("row %s in %s", model, out).isTrue();
        return new double[] {Double.parseDouble(row.group(1)), Double.parseDouble(row.group(2))};
    }
}
