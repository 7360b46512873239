package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.io.ModelFiles;
import org.embedrec.server.EmbedrecServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A shop's purchase log, not MovieLens, through train, recommend, evaluate, serve and report: with an
 * item file giving titles and categories, and without one (ids shown); bad input fails with status 1
 * naming the source, line, column and value, and writes nothing.
 */
class OwnDataCommandsTest {
    @TempDir
    static Path tmp;

    private static Path purchases;
    private static Path products;

    /**
     * 40 customers and 20 products in two planted groups: customers c0..c19 view, carry to cart and buy
     * products p0..p9, customers c20..c39 products p10..p19.
     */
    @BeforeAll
    static void writeShop() throws IOException {
        List<String> lines = new ArrayList<>(List.of("customer,product,type,ts"));
        String[] types = {"view", "view", "cart", "purchase"};
        long time = 1_700_000_000L;
        for (int c = 0; c < 40; c++) {
            int group = c < 20 ? 0 : 10;
            for (int k = 0; k < 7; k++) {
                int product = group + (c * 3 + k * 7) % 10;
                lines.add("c" + c + ",p" + product + "," + types[(c + k) % types.length] + "," + (time += 60));
            }
        }
        purchases = tmp.resolve("purchases.csv");
        Files.write(purchases, lines);
        List<String> catalog = new ArrayList<>(List.of("product,name,category,tags"));
        for (int p = 0; p < 20; p++) {
            catalog.add("p" + p + ",\"Product " + p + (p < 10 ? ", garden\"" : ", kitchen\"") + "," + (p < 10 ? "garden" : "kitchen")
                    + ",tag" + (p % 3) + "|sale");
        }
        products = tmp.resolve("products.csv");
        Files.write(products, catalog);
    }

    private static String[] args(String... tail) {
        List<String> all = new ArrayList<>(List.of(tail));
        all.addAll(List.of("--data", purchases.toString(), "--user-col", "customer", "--item-col", "product",
                "--event-col", "type", "--event-weights", "view=1,cart=3,purchase=5", "--time-col", "ts"));
        return all.toArray(String[]::new);
    }

    @Test
    void aPurchaseLogWithItemTitlesTrainsARankingModelThatRecommendServesAndReports() throws Exception {
        Path model = tmp.resolve("shop.safetensors");
        List<String> train = new ArrayList<>(List.of(args("train", "--config", "bpr", "--epochs", "3", "--no-progress",
                "--out", model.toString())));
        train.addAll(List.of("--item-metadata", products.toString(), "--title-col", "name", "--category-cols", "category,tags"));
        CliRun trained = CliRun.of(train.toArray(String[]::new));
        assertThat(trained.status()).as("%s", trained).isZero();
        assertThat(trained.out()).contains("loaded purchases: ").contains("interactions (implicit)");

        CliRun recommended = CliRun.of("recommend", "--model", model.toString(), "--user", "c3");
        assertThat(recommended.status()).as("%s", recommended).isZero();
        assertThat(recommended.out()).as("the recorded spec found the data again").contains("loaded purchases")
                .contains("Product ").contains("category=garden");

        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString());
        assertThat(evaluated.status()).as("%s", evaluated).isZero();
        assertThat(evaluated.out()).doesNotContain("does not give the ratings the model was trained on");

        Path report = tmp.resolve("report");
        CliRun reported = CliRun.of("report", "--model", model.toString(), "--out", report.toString());
        assertThat(reported.status()).as("%s", reported).isZero();
        assertThat(Files.readString(report.resolve("index.html"))).contains("Product ");

        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--model", model.toString(), "--port", "0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EmbedrecServer server = serve.start(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            JsonNode items = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/users/c3/recommendations?n=5"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("items");
            assertThat(items.size()).isEqualTo(5);
            assertThat(items.get(0).get("title").asText()).startsWith("Product ");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("loaded purchases").doesNotContain("warning");
    }

    @Test
    void withoutAnItemFileIdsStandForTitles() throws Exception {
        Path model = tmp.resolve("untitled.safetensors");
        CliRun trained = CliRun.of(args("train", "--config", "item-knn", "--out", model.toString()));
        assertThat(trained.status()).as("%s", trained).isZero();

        CliRun recommended = CliRun.of("recommend", "--model", model.toString(), "--user", "c25", "--count", "3");
        assertThat(recommended.status()).as("%s", recommended).isZero();
        String table = recommended.out().substring(recommended.out().indexOf("recommendations for user c25"));
        List<String[]> rows = table.lines().skip(2).filter(line -> !line.isBlank()).map(line -> line.strip().split("\\s+")).toList();
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row[3]).as("the title is the id").isEqualTo(row[2]);
            assertThat(Integer.parseInt(row[2].substring(1))).as("c25's planted group, p10..p19").isBetween(10, 19);
        });
        Path report = tmp.resolve("untitled-report");
        assertThat(CliRun.of("report", "--model", model.toString(), "--out", report.toString()).status()).isZero();
        assertThat(Files.readString(report.resolve("index.html"))).contains("p1");
    }

    @Test
    void aRatingModelRefusesImplicitDataNamingTheRankingModelsAndWritesNothing() {
        Path model = tmp.resolve("refused.safetensors");
        CliRun run = CliRun.of(args("train", "--config", "mf", "--out", model.toString()));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("mf is a rating model").contains("implicit interactions").contains("bpr").contains("ials")
                .contains("ease").contains("item-knn");
        assertThat(model).doesNotExist();
    }

    @Test
    void aBadValueFailsWithStatusOneNamingSourceLineColumnAndValueAndWritesNothing() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.write(bad, List.of("user,item,rating", "u1,i1,4", "u1,i2,five", "u2,i1,3"));
        Path model = tmp.resolve("bad.safetensors");

        CliRun run = CliRun.of("train", "--data", bad.toString(), "--scale", "1-5", "--out", model.toString(), "--epochs", "1");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains(bad + ", line 3, column \"rating\": value \"five\" is not a number in row \"u1,i2,five\"");
        assertThat(model).doesNotExist();
        CliRun skipped = CliRun.of("explore", "--data", bad.toString(), "--on-bad-row", "skip");
        assertThat(skipped.status()).as("%s", skipped).isZero();
        assertThat(skipped.out()).contains("skipped 1 bad row(s)").contains("loaded bad: 2 ratings");
    }

    @Test
    void anUnknownColumnIsStatusOneListingTheHeader() {
        CliRun run = CliRun.of("explore", "--data", purchases.toString(), "--user-col", "client");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("no column \"client\" (the user column); the header found: customer,product,type,ts");
    }

    @Test
    void aSpecFileNamesItAllAndTheModelRecordsIt() throws IOException {
        Path spec = tmp.resolve("shop.yaml");
        Files.writeString(spec, String.join("\n", "source: purchases.csv",
                "columns: {user: customer, item: product, event: type, time: ts}",
                "event-weights: {view: 1, cart: 3, purchase: 5}",
                "aggregate: count",
                "items: {source: products.csv, title: name, categories: [category]}", ""));
        Path model = tmp.resolve("spec.safetensors");

        CliRun run = CliRun.of("train", "--data", spec.toString(), "--config", "item-knn", "--out", model.toString());

        assertThat(run.status()).as("%s", run).isZero();
        String recorded = ModelFiles.load(model).info().provenance().dataSource();
        assertThat(recorded).contains("\"aggregate\":\"count\"").contains(purchases.toAbsolutePath().toString())
                .contains(products.toAbsolutePath().toString());
    }

    @Test
    void missingDataIsAUsageErrorAndMappingFlagsWithoutDataAreRefused() {
        CliRun missing = CliRun.of("explore");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--data=SOURCE'");

        CliRun stray = CliRun.of("recommend", "--model", tmp.resolve("any.safetensors").toString(), "--user", "c1", "--user-col", "customer");
        assertThat(stray.status()).isEqualTo(1);
        assertThat(stray.err()).contains("give --data too");
    }

    @Test
    void mlLatestSmallThroughTheGenericFlagsTrainsTheModelTheMovieLensFolderDoes() throws IOException {
        Path dir = DemoCommandTest.mlLatestSmall();
        Path fromFolder = tmp.resolve("folder.safetensors");
        Path fromFiles = tmp.resolve("files.safetensors");
        String[] training = {"--epochs", "2", "--threads", "1", "--no-progress", "--split", "random:0.1"};
        List<String> folder = new ArrayList<>(List.of("train", "--data", dir.toString(), "--out", fromFolder.toString()));
        folder.addAll(List.of(training));
        List<String> files = new ArrayList<>(List.of("train", "--data", dir.resolve("ratings.csv").toString(),
                "--user-col", "userId", "--item-col", "movieId", "--item-metadata", dir.resolve("movies.csv").toString(),
                "--scale", "half-stars", "--out", fromFiles.toString()));
        files.addAll(List.of(training));
        assertThat(CliRun.of(folder.toArray(String[]::new)).status()).isZero();
        CliRun generic = CliRun.of(files.toArray(String[]::new));
        assertThat(generic.status()).as("%s", generic).isZero();

        var a = ModelFiles.load(fromFolder);
        var b = ModelFiles.load(fromFiles);
        assertThat(b.info().provenance().dataFingerprint()).isEqualTo(a.info().provenance().dataFingerprint());
        assertThat(b.catalog()).isEqualTo(a.catalog());
        for (int user = 0; user < a.users().size(); user += 31) {
            assertThat(b.recommend(user, 20, item -> false)).isEqualTo(a.recommend(user, 20, item -> false));
        }
        CliRun recommended = CliRun.of("recommend", "--model", fromFiles.toString(), "--user", "1");
        assertThat(recommended.status()).as("%s", recommended).isZero();
        assertThat(recommended.out()).as("the recorded file spec finds the data again").contains("loaded ratings: 100,004 ratings");
    }
}
