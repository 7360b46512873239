package org.embedrec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.embedrec.analysis.Tsne;
import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.family.mf.MatrixFactorizationTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the report of a small trained model and reads the page back. */
class ModelReportTest {
    /** Sets {@code window.__xss} if ever parsed as HTML ({@link ReportInBrowserTest} checks that it is not). */
    static final String SCRIPT_TITLE = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> & Friends (1999)";

    @TempDir
    static Path dir;

    private static String html;
    private static Path page;

    /** 60 users, 50 items with a planted two-taste structure; item 0's title is hostile HTML. */
    static Dataset fixture() {
        SplittableRandom random = new SplittableRandom(11);
        IdIndex.Builder users = IdIndex.builder();
        for (int u = 0; u < 60; u++) {
            users.add("user" + u);
        }
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        for (int i = 0; i < 50; i++) {
            catalog.add("m" + i, i == 0 ? SCRIPT_TITLE : "Film " + i + " (" + (1970 + i) + ")", 1970 + i,
                    List.of(i % 2 == 0 ? "Comedy" : "Drama"));
        }
        ItemCatalog items = catalog.build();
        Ratings.Builder ratings = Ratings.builder();
        for (int u = 0; u < 60; u++) {
            for (int i = 0; i < 50; i++) {
                if (random.nextDouble() < 0.5) {
                    float value = (u % 2 == i % 2 ? 4.5f : 2f) + (random.nextInt(3) - 1) * 0.5f;
                    ratings.add(u, i, value, 1_000_000L + u * 100L + i);
                }
            }
        }
        return new Dataset("fixture", ratings.build(users.build(), items.items()), items);
    }

    @BeforeAll
    static void render() throws IOException {
        Dataset data = fixture();
        Split split = Splits.randomHoldout(data.ratings(), 0.2, 3);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults()
                .withDimensions(8).withEpochs(5).withSeed(1)).fit(split.train(), split.test(), data.catalog(),
                org.embedrec.train.TrainingListener.NONE);
        ModelReport.Options options = ModelReport.Options.defaults().withMinRatings(5)
                .withMap(40, Tsne.Options.defaults().withPerplexity(5).withIterations(250)).withEmbeddedImages(false);
        page = ModelReport.write(new ModelReport.Inputs(model, "matrix factorization", data, split.train(), split.test(),
                Map.of("matrix factorization", model.info().history())), options, dir);
        html = Files.readString(page);
    }

    @Test
    void pageHasEverySectionInOrder() {
        int at = 0;
        for (String id : ModelReport.SECTIONS) {
            int found = html.indexOf("<section id=\"" + id + "\">");
            assertThat(found).as("section %s", id).isGreaterThan(at);
            at = found;
        }
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("<th>RMSE</th>", "<td>damped biases</td>", "<td>global mean</td>", "<h3>Highest bias</h3>",
                        "<h3>PC1</h3>", "<h3>User user");
    }

    @Test
    void hostileTitleIsEscapedEverywhere() {
        assertThat(html).doesNotContain("<script").doesNotContain("<img src=x").contains(
                "&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt; &amp; Friends (1999)");
    }

    @Test
    void pageLoadsNothingFromTheNetworkAndEveryImageIsThere() throws IOException {
        assertThat(html).doesNotContain("http://", "https://", "//cdn");
        Matcher image = Pattern.compile("<img src=\"([^\"]+)\" alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        int images = 0;
        while (image.find()) {
            images++;
            Path png = dir.resolve(image.group(1));
            ChartsTest.assertPicture(png, Integer.parseInt(image.group(2)), Integer.parseInt(image.group(3)));
        }
        assertThat(images).isEqualTo(7);
    }

    @Test
    void embeddedImagesAreDataUris() throws IOException {
        Dataset data = fixture();
        Split split = Splits.randomHoldout(data.ratings(), 0.2, 3);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults()
                .withDimensions(4).withEpochs(2).withSeed(1)).fit(split.train(), data.catalog());
        Path embedded = ModelReport.write(new ModelReport.Inputs(model, "mf", data, split.train(), null, Map.of()),
                ModelReport.Options.defaults().withMinRatings(5).withMap(0, Tsne.Options.defaults()), dir.resolve("embedded"));
        String text = Files.readString(embedded);
        assertThat(text).contains("<img src=\"data:image/png;base64,", "No test ratings were given.",
                "No training history was recorded", "No map:");
        assertThat(text).doesNotContain("<img src=\"images/");
    }

    @Test
    void aModelThatOnlyRanksHasNoRatingErrorsInTheTable() throws IOException {
        Dataset data = fixture();
        Split split = Splits.randomHoldout(data.ratings(), 0.2, 3);
        var ranker = org.embedrec.eval.RankingBaselines.mostPopular(split.train(), data.catalog(),
                org.embedrec.data.PositiveThreshold.DEFAULT);
        Path written = ModelReport.write(new ModelReport.Inputs(ranker, "popular", data, split.train(), split.test(), Map.of()),
                ModelReport.Options.defaults().withMinRatings(5).withMap(0, Tsne.Options.defaults()).withEmbeddedImages(false),
                dir.resolve("ranker"));
        String text = Files.readString(written);
        assertThat(text).contains("Ranking metrics against baselines", "<tr><td>popular</td>", "<td>most popular</td>")
                .doesNotContain("<th>RMSE</th>", "damped biases");
    }

    @Test
    void rankingModelReportShowsRankingMetricsAndNoRatingErrors() throws IOException {
        Dataset data = fixture();
        Split split = Splits.randomHoldout(data.ratings(), 0.2, 3);
        org.embedrec.family.bpr.BprModel model = new org.embedrec.family.bpr.BprTrainer(
                org.embedrec.family.bpr.BprTrainer.Options.defaults().withDimensions(8).withEpochs(5).withSeed(1))
                .fit(split.train(), data.catalog());
        Path ranking = ModelReport.write(new ModelReport.Inputs(model, "bpr", data, split.train(), split.test(),
                Map.of("bpr", model.info().history())), ModelReport.Options.defaults().withMinRatings(5)
                .withMap(0, Tsne.Options.defaults()).withEmbeddedImages(false), dir.resolve("ranking"));
        String text = Files.readString(ranking);
        assertThat(text).contains("Ranking metrics against baselines", "<th>NDCG@10</th>", "<td>most popular</td>",
                "<td>random</td>", "Hit rate by popularity", "images/scores.png", "appeal to all", "<th>score</th>")
                .doesNotContain("RMSE", "Predicted vs. true", "generosity", "predicted rating");
        // Every NDCG cell carries a 95% interval around its mean.
        Matcher ndcg = Pattern.compile("<tr><td>bpr</td><td[^>]*>(\\d\\.\\d{4}) \\[(\\d\\.\\d{4}), (\\d\\.\\d{4})\\]</td>")
                .matcher(text);
        assertThat(ndcg.find()).as("bpr's NDCG cell with an interval in %s", text).isTrue();
        double mean = Double.parseDouble(ndcg.group(1));
        assertThat(Double.parseDouble(ndcg.group(2))).isLessThanOrEqualTo(mean);
        assertThat(Double.parseDouble(ndcg.group(3))).isGreaterThanOrEqualTo(mean);
    }

    @Test
    void exampleRecommendationsLeaveOutItemsBelowTheRatingThreshold() throws IOException {
        Dataset data = fixture();
        Split split = Splits.randomHoldout(data.ratings(), 0.2, 3);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults()
                .withDimensions(4).withEpochs(2).withSeed(1)).fit(split.train(), data.catalog());
        int[] counts = split.train().itemCounts();
        int threshold = (int) java.util.Arrays.stream(counts).sorted().skip(counts.length / 2).findFirst().orElseThrow();
        String text = Files.readString(ModelReport.write(new ModelReport.Inputs(model, "mf", data, split.train(), null,
                Map.of()), ModelReport.Options.defaults().withMinRatings(threshold).withMap(0, Tsne.Options.defaults())
                .withEmbeddedImages(false), dir.resolve("threshold")));
        String section = text.substring(text.indexOf("<section id=\"recommendations\">"),
                text.indexOf("</section>", text.indexOf("<section id=\"recommendations\">")));
        Matcher ratings = Pattern.compile("<td class=\"n\">([\\d,]+)</td></tr>").matcher(section);
        int rows = 0;
        while (ratings.find()) {
            rows++;
            assertThat(Integer.parseInt(ratings.group(1).replace(",", ""))).isGreaterThanOrEqualTo(threshold);
        }
        assertThat(rows).as("listed recommendations").isGreaterThan(0);
    }
}
