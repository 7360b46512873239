package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.embedrec.io.ModelFiles;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ScoredItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} and every {@code analyze} subcommand on a model trained once on the small fixture. */
class AnalysisCommandsTest {
    @TempDir
    static Path tmp;

    private static Path data;
    private static Path modelFile;
    private static MatrixFactorizationModel model;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = tmp.resolve("fixture");
        MovieLensFixture.write(data);
        modelFile = tmp.resolve("model.safetensors");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--out", modelFile.toString(), "--epochs", "4",
                "--no-progress");
        assertThat(train.status()).as("%s", train).isZero();
        model = ModelFiles.load(modelFile, MatrixFactorizationModel.class);
    }

    private static CliRun run(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.status()).as("%s", run).isZero();
        return run;
    }

    private static int knownItems() {
        return (int) IntStream.range(0, model.items().size()).filter(model::isKnownItem).count();
    }

    @Test
    void reportWritesAPageWithEverySectionAndItsImages() throws IOException {
        Path out = tmp.resolve("report");
        CliRun run = run("report", "--model", modelFile.toString(), "--data", data.toString(), "--out", out.toString(),
                "--min-ratings", "5", "--linked-images");
        assertThat(run.out()).contains("wrote report " + out.resolve("index.html"));
        String html = Files.readString(out.resolve("index.html"));
        for (String id : List.of("data", "training", "metrics", "predictions", "biases", "pca", "map", "recommendations", "similar")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(html).contains("<td>Hello, World (2001)</td>", "<td>damped biases</td>", "<h3>Highest bias</h3>");
        assertThat(Files.list(out.resolve("images")).filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(7);
    }

    @Test
    void biasListsTheHighestBiasFirst() {
        CliRun run = run("analyze", "bias", "--model", modelFile.toString(), "--min-ratings", "1", "--count", "3");
        int best = IntStream.range(0, model.items().size()).filter(model::isKnownItem).boxed()
                .max((a, b) -> Float.compare(model.itemBias(a), model.itemBias(b))).orElseThrow();
        List<String> lines = run.out().lines().toList();
        int heading = lines.indexOf("highest bias:");
        assertThat(heading).isNotNegative();
        assertThat(lines.get(heading + 2)).startsWith(model.catalog().title(best));
        assertThat(run.out()).contains(knownItems() + " items with at least 1 training ratings", "lowest bias:");
    }

    @Test
    void pcaPrintsComponentsAndWritesScores() throws IOException {
        Path csv = tmp.resolve("pca.csv");
        CliRun run = run("analyze", "pca", "--model", modelFile.toString(), "--min-ratings", "1", "--components", "2",
                "--csv", csv.toString());
        assertThat(run.out()).contains("PCA of " + knownItems() + " item vectors", "PC1:", "PC2:").doesNotContain("PC3:");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("item,pc1,pc2");
        assertThat(lines).hasSize(knownItems() + 1);
        assertThat(lines).anyMatch(line -> line.startsWith("105,"));
    }

    @Test
    void tsneWritesOneRowPerItemWithExternalIdsAndAPicture() throws IOException {
        Path csv = tmp.resolve("map/tsne.csv");
        Path png = tmp.resolve("map/tsne.png");
        CliRun run = run("analyze", "tsne", "--model", modelFile.toString(), "--out", csv.toString(), "--png", png.toString(),
                "--perplexity", "5", "--iterations", "300", "--colour", "popularity", "--min-ratings", "1");
        assertThat(run.out()).contains("t-SNE (Barnes-Hut, theta 0.5, ").contains(" threads) of " + knownItems() + " item vectors");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("item,x,y");
        Set<String> ids = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertThat(cells).hasSize(3);
            ids.add(cells[0]);
            assertThat(Double.parseDouble(cells[1])).isFinite();
            assertThat(Double.parseDouble(cells[2])).isFinite();
        }
        Set<String> expected = new HashSet<>();
        IntStream.range(0, model.items().size()).filter(model::isKnownItem).forEach(i -> expected.add(model.items().id(i)));
        assertThat(ids).isEqualTo(expected);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);

        Path exact = tmp.resolve("map/exact.csv");
        assertThat(run("analyze", "tsne", "--model", modelFile.toString(), "--out", exact.toString(), "--perplexity", "5",
                "--iterations", "50", "--exact", "--min-ratings", "1").out()).contains("t-SNE (exact)");
    }

    @Test
    void neighboursMatchTheModelsSimilarItemsAndTheHistogramCountsEveryOtherItem() {
        CliRun run = run("analyze", "neighbours", "--model", modelFile.toString(), "--item", "101", "--min-ratings", "1",
                "--count", "5", "--bins", "4");
        List<ScoredItem> expected = model.similarItems(0, 5);
        List<String[]> rows = run.tableAfter("items most similar to");
        assertThat(rows).hasSize(5);
        for (int r = 0; r < 5; r++) {
            assertThat(rows.get(r)[2]).isEqualTo(model.items().id(expected.get(r).item()));
        }
        assertThat(run.out()).contains("cosine similarity to all " + (knownItems() - 1) + " other trained items:");
        long total = run.out().lines().dropWhile(l -> !l.startsWith("from")).skip(1)
                .mapToLong(l -> Long.parseLong(l.strip().split("\\s+")[2])).sum();
        assertThat(total).isEqualTo(knownItems() - 1);
    }

    @Test
    void exportProjectorWritesItemAndUserTensors() throws IOException {
        Path out = tmp.resolve("projector");
        run("analyze", "export-projector", "--model", modelFile.toString(), "--out", out.toString(), "--min-ratings", "1");
        assertThat(Files.readAllLines(out.resolve("tensors.tsv"))).hasSize(knownItems())
                .allMatch(line -> line.split("\t").length == model.dimensions());
        assertThat(Files.readAllLines(out.resolve("metadata.tsv")).get(0)).isEqualTo("title\tgenres\tyear\tpopularity");
        assertThat(Files.readAllLines(out.resolve("users-tensors.tsv"))).hasSize(MovieLensFixture.USERS);
        assertThat(Files.readString(out.resolve("projector_config.pbtxt"))).contains("tensor_name: \"items\"",
                "tensor_name: \"users\"");
    }

    @Test
    void tensorboardWritesOneEventFile() throws IOException {
        Path out = tmp.resolve("logs/run1");
        CliRun run = run("analyze", "tensorboard", "--model", modelFile.toString(), "--out", out.toString());
        assertThat(run.out()).contains("wrote 4 epochs");
        List<Path> files = Files.list(out).toList();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).startsWith("events.out.tfevents.");
        // A version record plus one record per epoch: each record is 16 bytes of framing plus its event.
        assertThat(Files.size(files.get(0))).isGreaterThan(5 * 16);
    }

    @Test
    void analyzeWithoutAnAnalysisIsAUsageError() {
        CliRun run = CliRun.of("analyze");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("name an analysis");
    }
}
