package org.embedrec.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.embedrec.analysis.BiasRanking;
import org.embedrec.analysis.EmbeddingPca;
import org.embedrec.analysis.EmbeddingTable;
import org.embedrec.analysis.SimilarityProfile;
import org.embedrec.analysis.Tsne;
import org.embedrec.data.Dataset;
import org.embedrec.data.DatasetSummary;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.eval.Baseline;
import org.embedrec.eval.Evaluation;
import org.embedrec.eval.EvaluationReport;
import org.embedrec.eval.Bootstrap;
import org.embedrec.eval.PerUser;
import org.embedrec.eval.RankingDetails;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.eval.RatingErrors;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ImplicitFeedbackModel;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One self-contained HTML page about a fitted model: data summary, training history, test metrics
 * beside the baselines, the pictures of {@link Charts}, bias rankings, PCA component tables,
 * example recommendations and similar items. It loads nothing from the network; pictures are
 * written beside it under {@code images/} and, by default, also embedded as data URIs so the page
 * alone is enough. All titles and ids are HTML-escaped.
 *
 * <p>Sections a model cannot support are explained rather than dropped: a model without biases
 * has no bias ranking, one without item vectors no PCA, map or similar items.
 */
public final class ModelReport {
    /** The page's file name. */
    public static final String PAGE = "index.html";
    /** Section ids, in page order. */
    public static final List<String> SECTIONS = List.of("data", "training", "metrics", "predictions", "biases",
            "pca", "map", "recommendations", "similar");
    /** The list length of the ranking metrics of models that only rank. */
    static final int RANKING_K = org.embedrec.eval.RankingMetrics.DEFAULT_K;

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}
            figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #eee}figcaption{color:#666;font-size:90%}
            h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:2em}.note{color:#666}
            """;

    private final Inputs inputs;
    private final Options options;
    private final int[] itemCounts;

    /**
     * What the report is about.
     *
     * @param model the fitted model
     * @param modelName its name in tables and legends
     * @param dataset the whole data set (summary, catalog)
     * @param train the ratings the model was trained on, sharing the model's id indices
     * @param test held-out ratings sharing the model's id indices, or null for no metrics section
     * @param histories training history per model name (may be empty)
     */
    public record Inputs(Recommender model, String modelName, Dataset dataset, Ratings train, Ratings test,
            Map<String, List<EpochRecord>> histories) {
        public Inputs {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(train, "train");
            histories = new LinkedHashMap<>(histories);
            if (!train.items().equals(model.items()) || !train.users().equals(model.users())) {
                throw new IllegalArgumentException("the training ratings do not share the model's user and item ids");
            }
        }
    }

    /**
     * Report settings.
     *
     * @param minRatings least training ratings an item needs for the bias ranking, PCA, map and
     *     similar-item lists (fewer ratings leave its vector mostly noise)
     * @param listLength entries per ranking and recommendation list
     * @param pcaComponents principal components tabulated
     * @param exampleUsers users (the most active) to recommend for
     * @param exampleItems items (the most rated) to list similar items for
     * @param mapItems most items on the t-SNE map (the most rated ones)
     * @param tsne t-SNE settings of the map
     * @param embedImages whether the page embeds its pictures as data URIs
     */
    public record Options(int minRatings, int listLength, int pcaComponents, int exampleUsers, int exampleItems,
            int mapItems, Tsne.Options tsne, boolean embedImages) {
        public Options {
            require(minRatings >= 1, "minRatings must be >= 1, got " + minRatings);
            require(listLength >= 1, "listLength must be >= 1, got " + listLength);
            require(pcaComponents >= 1, "pcaComponents must be >= 1, got " + pcaComponents);
            require(exampleUsers >= 0, "exampleUsers must be >= 0, got " + exampleUsers);
            require(exampleItems >= 0, "exampleItems must be >= 0, got " + exampleItems);
            require(mapItems >= 0, "mapItems must be >= 0 (0 = no map), got " + mapItems);
            Objects.requireNonNull(tsne, "tsne");
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        /**
         * 10 ratings (the command line's and the page's default too), lists of 10, 3 components, 3
         * users and 3 items, a map of up to 2,500 items, embedded images.
         */
        public static Options defaults() {
            return new Options(10, 10, 3, 3, 3, 2500, Tsne.Options.defaults(), true);
        }

        /** These options with another rating threshold. */
        public Options withMinRatings(int value) {
            return new Options(value, listLength, pcaComponents, exampleUsers, exampleItems, mapItems, tsne, embedImages);
        }

        /** These options with another map size (0 = no map) and t-SNE settings. */
        public Options withMap(int items, Tsne.Options settings) {
            return new Options(minRatings, listLength, pcaComponents, exampleUsers, exampleItems, items, settings, embedImages);
        }

        /** These options with or without embedded images. */
        public Options withEmbeddedImages(boolean value) {
            return new Options(minRatings, listLength, pcaComponents, exampleUsers, exampleItems, mapItems, tsne, value);
        }
    }

    private ModelReport(Inputs inputs, Options options) {
        this.inputs = inputs;
        this.options = options;
        this.itemCounts = inputs.train().itemCounts();
    }

    /**
     * Writes the report into {@code outDir} (created if needed): {@value #PAGE} and {@code images/*.png}.
     *
     * @return the page
     */
    public static Path write(Inputs inputs, Options options, Path outDir) throws IOException {
        return new ModelReport(inputs, options).write(outDir);
    }

    private Path write(Path outDir) throws IOException {
        Files.createDirectories(outDir.resolve("images"));
        Html page = new Html();
        String title = "embedrec report: " + inputs.modelName() + " on " + inputs.dataset().name();
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").text(title)
                .raw("</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>").text(title).raw("</h1>\n");
        page.raw("<nav>");
        for (String id : SECTIONS) {
            page.raw("<a href=\"#" + id + "\">").text(id).raw("</a> ");
        }
        page.raw("</nav>\n");
        dataSection(page, outDir);
        trainingSection(page, outDir);
        metricsSections(page, outDir);
        biasSection(page);
        EmbeddingModel embedding = inputs.model() instanceof EmbeddingModel e ? e : null;
        pcaSection(page, outDir, embedding);
        mapSection(page, outDir, embedding);
        recommendationsSection(page);
        similarSection(page, outDir, embedding);
        page.raw("</body>\n</html>\n");
        Path file = outDir.resolve(PAGE);
        Files.writeString(file, page.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private void picture(Html page, Path outDir, Chart<?, ?> chart, String name, String alt) throws IOException {
        Path png = Charts.writePng(chart, outDir.resolve("images").resolve(name + ".png"));
        String source = options.embedImages()
                ? "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png))
                : "images/" + name + ".png";
        page.image(source, alt, chart.getWidth(), chart.getHeight());
    }

    private void dataSection(Html page, Path outDir) throws IOException {
        DatasetSummary summary = DatasetSummary.of(inputs.dataset());
        page.section("data", "Data");
        page.table(List.of("ratings", "users", "items", "density", "mean rating", "rating range", "training ratings"),
                List.of(List.of(count(summary.ratingCount()), count(summary.userCount()), count(summary.itemCount()),
                        String.format(Locale.ROOT, "%.2f%%", 100 * summary.density()),
                        String.format(Locale.ROOT, "%.3f", summary.meanRating()),
                        summary.minRating() + " .. " + summary.maxRating(), count(inputs.train().size()))));
        List<List<String>> top = new ArrayList<>();
        for (DatasetSummary.ItemStat item : summary.topItems()) {
            top.add(List.of(item.title(), count(item.count()), String.format(Locale.ROOT, "%.2f", item.meanRating())));
        }
        page.raw("<h3>Most rated items</h3>\n").table(List.of("title", "ratings", "mean rating"), top);
        picture(page, outDir, Charts.ratingHistogram(summary.ratingHistogram()), "ratings", "Distribution of ratings");
        page.endSection();
    }

    private void trainingSection(Html page, Path outDir) throws IOException {
        page.section("training", "Training history");
        boolean any = inputs.histories().values().stream().anyMatch(h -> !h.isEmpty());
        if (!any) {
            page.paragraph("No training history was recorded with this model.");
        } else {
            picture(page, outDir, Charts.trainingCurves(inputs.histories()), "training", "Loss and validation per epoch");
            for (Map.Entry<String, List<EpochRecord>> model : inputs.histories().entrySet()) {
                List<String> metrics = Charts.metricNames(model.getValue());
                boolean validationLoss = model.getValue().stream().anyMatch(e -> !Double.isNaN(e.validationLoss()));
                List<String> header = new ArrayList<>(List.of("epoch", "train loss"));
                if (validationLoss) {
                    header.add("validation loss");
                }
                metrics.forEach(metric -> header.add("validation " + Charts.metricLabel(metric)));
                header.addAll(List.of("learning rate", "seconds"));
                List<List<String>> rows = new ArrayList<>();
                for (EpochRecord epoch : model.getValue()) {
                    List<String> row = new ArrayList<>(List.of(String.valueOf(epoch.epoch()), decimal(epoch.trainLoss())));
                    if (validationLoss) {
                        row.add(decimal(epoch.validationLoss()));
                    }
                    metrics.forEach(metric -> row.add(decimal(epoch.metrics().getOrDefault(metric, Double.NaN))));
                    row.add(String.format(Locale.ROOT, "%.4g", epoch.learningRate()));
                    row.add(String.format(Locale.ROOT, "%.2f", epoch.seconds()));
                    rows.add(row);
                }
                page.raw("<h3>").text(model.getKey()).raw("</h3>\n").table(header, rows);
            }
        }
        page.endSection();
    }

    private void metricsSections(Html page, Path outDir) throws IOException {
        Ratings test = inputs.test();
        if (test == null || test.size() == 0) {
            page.section("metrics", "Test metrics against baselines").paragraph("No test ratings were given.").endSection();
            page.section("predictions", "Predictions").paragraph("No test ratings were given.").endSection();
            return;
        }
        if (inputs.model().predictsRatings()) {
            ratingSections(page, outDir, test);
        } else {
            rankingSections(page, outDir, test);
        }
    }

    /** Rating errors beside the rating baselines, and predicted against true ratings. */
    private void ratingSections(Html page, Path outDir, Ratings test) throws IOException {
        page.section("metrics", "Test metrics against baselines");
        EvaluationReport report = Evaluation.of(inputs.train(), test, inputs.model().catalog()).withRatingErrors()
                .evaluate(inputs.model());
        List<List<String>> rows = new ArrayList<>();
        for (Baseline baseline : List.of(Baseline.GLOBAL_MEAN, Baseline.DAMPED_BIASES)) {
            rows.add(errorRow(baseline.label(), report.baseline(baseline).errors().orElseThrow()));
        }
        rows.add(errorRow(inputs.modelName(), report.model().errors().orElseThrow()));
        page.paragraph("On " + count(test.size()) + " held-out ratings; the baselines are fitted on the training ratings.");
        page.table(List.of("model", "RMSE", "MAE", "MSE", "ratings"), rows).endSection();

        page.section("predictions", "Predictions");
        float[] truth = new float[test.size()];
        float[] predicted = new float[test.size()];
        for (int row = 0; row < test.size(); row++) {
            truth[row] = test.rating(row);
            predicted[row] = inputs.model().predict(test.user(row), test.item(row));
        }
        picture(page, outDir, Charts.predictedVsTrue(truth, predicted), "predictions", "Predicted vs. true rating");
        page.endSection();
    }

    /**
     * For a model that only ranks: its ranking metrics beside most popular and random with 95%
     * intervals, and in place of predictions, its score distributions and hit rate by popularity.
     * Its scores are not ratings, so no RMSE is shown.
     */
    private void rankingSections(Html page, Path outDir, Ratings test) throws IOException {
        PositiveThreshold positives = inputs.model() instanceof ImplicitFeedbackModel implicit
                ? implicit.positiveThreshold() : PositiveThreshold.DEFAULT;
        page.section("metrics", "Ranking metrics against baselines");
        EvaluationReport report = Evaluation.of(inputs.train(), test, inputs.model().catalog())
                .withRanking(positives, RANKING_K).evaluate(inputs.model());
        List<List<String>> rows = new ArrayList<>();
        rows.add(rankingRow(inputs.modelName(), report.model()));
        for (Baseline baseline : List.of(Baseline.MOST_POPULAR, Baseline.RANDOM)) {
            rows.add(rankingRow(baseline.label(), report.baseline(baseline)));
        }
        RankingResult result = report.model().ranking().orElseThrow();
        page.paragraph("This model ranks items; its scores are not ratings, so it has no rating errors. Top-"
                + RANKING_K + " lists of the " + count(result.users()) + " test users with a rating of at least "
                + positives.value() + ", over the items each has not rated in training; 95% intervals bootstrap the users.");
        page.table(List.of("model", "NDCG@" + RANKING_K, "recall@" + RANKING_K, "precision@" + RANKING_K, "hit rate@" + RANKING_K,
                "MRR", "AUC (train items excluded)"), rows).endSection();

        page.section("predictions", "Scores");
        RankingDetails details = RankingMetrics.evaluateUsers(inputs.model(), inputs.train(), test, positives, RANKING_K, 1);
        ScoreSample sample = ScoreSample.of(inputs.model(), inputs.train(), test, positives);
        page.paragraph("Scores of the held-out liked items against those of random items the user has not rated: "
                + "the further apart, the better the model separates them.");
        picture(page, outDir, Charts.scoreDistributions(sample.liked(), sample.random()), "scores",
                "Scores of held-out liked items and of random unrated items");
        List<List<String>> buckets = new ArrayList<>();
        HitRates hits = HitRates.byPopularity(details.lists(), test, positives, itemCounts);
        for (int b = 0; b < hits.names().size(); b++) {
            buckets.add(List.of(hits.names().get(b), count(hits.held()[b]),
                    hits.held()[b] == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * hits.hits()[b] / hits.held()[b])));
        }
        page.raw("<h3>Hit rate by popularity</h3>\n").paragraph("Share of held-out liked items that reach their user's top "
                + RANKING_K + ", by how many training ratings the item has: a model that only recommends hits finds none "
                + "of the rarer ones.").table(List.of("item popularity", "held-out liked items", "in the top " + RANKING_K), buckets);
        page.endSection();
    }

    private static List<String> rankingRow(String name, EvaluationReport.Figures figures) {
        RankingResult result = figures.ranking().orElseThrow();
        return List.of(name, withInterval(result.ndcg(), figures, "ndcg@" + result.k()),
                withInterval(result.recall(), figures, "recall@" + result.k()),
                withInterval(result.precision(), figures, "precision@" + result.k()),
                withInterval(result.hitRate(), figures, "hit_rate@" + result.k()), decimal(result.mrr()),
                decimal(result.aucExcludingTrain()));
    }

    /** "0.1234 [0.1100, 0.1370]": the mean and its bootstrap interval when the per-user values are there. */
    private static String withInterval(double mean, EvaluationReport.Figures figures, String metric) {
        PerUser values = figures.perUser().get(metric);
        if (values == null || values.length() < 2) {
            return decimal(mean);
        }
        Bootstrap.Interval interval = Bootstrap.interval(values);
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", mean, interval.lower(), interval.upper());
    }

    private static List<String> errorRow(String name, RatingErrors errors) {
        return List.of(name, decimal(errors.rmse()), decimal(errors.mae()), decimal(errors.mse()), count(errors.count()));
    }

    private void biasSection(Html page) {
        page.section("biases", "Item biases");
        if (!(inputs.model() instanceof ItemBiases biases) || !biases.hasBiases()) {
            page.paragraph("This model has no item biases.").endSection();
            return;
        }
        BiasRanking ranking = BiasRanking.of(inputs.model(), itemCounts, options.minRatings(), options.listLength());
        page.paragraph("Among the " + count(ranking.eligible()) + " items with at least " + options.minRatings()
                + " training ratings: " + (inputs.model().predictsRatings()
                        ? "the bias is what the model thinks of an item once each user's generosity is taken out."
                        : "the bias is the part of an item's score that is the same for every user, its appeal to all."));
        page.raw("<h3>Highest bias</h3>\n").table(List.of("title", "ratings", "bias"), biasRows(ranking.highest()));
        page.raw("<h3>Lowest bias</h3>\n").table(List.of("title", "ratings", "bias"), biasRows(ranking.lowest()));
        page.endSection();
    }

    private static List<List<String>> biasRows(List<BiasRanking.RankedItem> items) {
        return items.stream().map(r -> List.of(r.title(), count(r.ratings()), decimal(r.bias()))).toList();
    }

    private EmbeddingTable frequentItems(EmbeddingModel model, int limit) {
        int[] chosen = IntStream.range(0, itemCounts.length).filter(i -> itemCounts[i] >= options.minRatings())
                .boxed().sorted(Comparator.comparingInt((Integer i) -> -itemCounts[i]).thenComparingInt(i -> i))
                .limit(limit).mapToInt(Integer::intValue).sorted().toArray();
        java.util.BitSet keep = new java.util.BitSet();
        for (int item : chosen) {
            keep.set(item);
        }
        return EmbeddingTable.ofItems(model, keep::get);
    }

    private void pcaSection(Html page, Path outDir, EmbeddingModel model) throws IOException {
        page.section("pca", "Principal components of the item vectors");
        EmbeddingTable table = model == null ? null : frequentItems(model, Integer.MAX_VALUE);
        int k = table == null ? 0 : Math.min(options.pcaComponents(), Math.min(table.rows(), table.dimensions()));
        if (k < 2) {
            page.paragraph("Not enough item vectors (model without embeddings, or too few items with "
                    + options.minRatings() + " ratings) for a PCA.").endSection();
            return;
        }
        EmbeddingPca pca = EmbeddingPca.fit(table, k);
        List<List<String>> variance = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            variance.add(List.of("PC" + (j + 1), decimal(pca.variance()[j]),
                    String.format(Locale.ROOT, "%.1f%%", 100 * pca.explainedVarianceRatio()[j])));
        }
        page.paragraph("Over the " + count(table.rows()) + " items with at least " + options.minRatings()
                + " training ratings. Read a component by the titles at its two ends.");
        page.table(List.of("component", "variance", "share of variance"), variance);
        ItemCatalog catalog = model.catalog();
        for (int j = 0; j < k; j++) {
            List<EmbeddingPca.Loading> top = pca.top(j, options.listLength());
            List<EmbeddingPca.Loading> bottom = pca.bottom(j, options.listLength());
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r < Math.max(top.size(), bottom.size()); r++) {
                rows.add(List.of(r < bottom.size() ? catalog.title(bottom.get(r).index()) : "",
                        r < bottom.size() ? decimal(bottom.get(r).score()) : "",
                        r < top.size() ? catalog.title(top.get(r).index()) : "",
                        r < top.size() ? decimal(top.get(r).score()) : ""));
            }
            page.raw("<h3>PC" + (j + 1) + "</h3>\n").table(List.of("negative end", "score", "positive end", "score"), rows);
        }
        double[] x = new double[table.rows()];
        double[] y = new double[table.rows()];
        for (int row = 0; row < table.rows(); row++) {
            x[row] = pca.scores()[row][0];
            y[row] = pca.scores()[row][1];
        }
        PointGroups genres = PointGroups.byMainGenre(catalog, table.indices());
        // The ends of the components are what a reader reads them by; the middle is crowded.
        int[] farthestFirst = IntStream.range(0, x.length).boxed()
                .sorted(Comparator.comparingDouble((Integer p) -> -(x[p] * x[p] + y[p] * y[p])).thenComparingInt(p -> p))
                .mapToInt(Integer::intValue).toArray();
        picture(page, outDir, Charts.groupedScatter("PC1 vs. PC2 of the item vectors", "PC1", "PC2", x, y,
                genres.group(), genres.names(), shortTitles(table.indices(), catalog), farthestFirst).chart(), "pca",
                "Items on the first two principal components, those at the ends labelled");
        page.endSection();
    }

    /** The titles of {@code items}, shortened to 28 characters for labels. */
    private static List<String> shortTitles(int[] items, ItemCatalog catalog) {
        return Arrays.stream(items).mapToObj(catalog::title)
                .map(title -> title.length() > 28 ? title.substring(0, 27) + "…" : title).toList();
    }

    /** Positions in {@code items}, most rated first. */
    private int[] mostRatedFirst(int[] items) {
        return IntStream.range(0, items.length).boxed()
                .sorted(Comparator.comparingInt((Integer p) -> -itemCounts[items[p]]).thenComparingInt(p -> p))
                .mapToInt(Integer::intValue).toArray();
    }

    private void mapSection(Html page, Path outDir, EmbeddingModel model) throws IOException {
        page.section("map", "t-SNE map of the items");
        EmbeddingTable table = model == null || options.mapItems() == 0 ? null : frequentItems(model, options.mapItems());
        if (table == null || table.rows() <= Math.max(3, options.tsne().perplexity())) {
            page.paragraph("No map: it needs an embedding model and more items with " + options.minRatings()
                    + " ratings than the perplexity.").endSection();
            return;
        }
        double[][] map = new Tsne(options.tsne()).map(table);
        double[] x = new double[map.length];
        double[] y = new double[map.length];
        for (int p = 0; p < map.length; p++) {
            x[p] = map[p][0];
            y[p] = map[p][1];
        }
        ItemCatalog catalog = model.catalog();
        PointGroups genres = PointGroups.byMainGenre(catalog, table.indices());
        page.paragraph("The " + count(table.rows()) + " most rated items with at least " + options.minRatings()
                + " ratings, perplexity " + options.tsne().perplexity() + ", " + options.tsne().iterations() + " iterations.");
        picture(page, outDir, Charts.groupedScatter("t-SNE map by main genre", "", "", x, y, genres.group(), genres.names(),
                shortTitles(table.indices(), catalog), mostRatedFirst(table.indices())).chart(), "tsne-genre",
                "t-SNE map coloured by main genre, the most rated labelled");
        PointGroups popularity = PointGroups.byPopularity(itemCounts, table.indices());
        picture(page, outDir, Charts.groupedScatter("t-SNE map by popularity", "", "", x, y, popularity.group(),
                popularity.names(), java.util.Collections.nCopies(map.length, null), new int[0]).chart(), "tsne-popularity",
                "t-SNE map coloured by training rating count");
        page.endSection();
    }

    private void recommendationsSection(Html page) {
        page.section("recommendations", "Example recommendations");
        Ratings train = inputs.train();
        UserRatings byUser = train.byUser();
        int[] userCounts = train.userCounts();
        int[] users = IntStream.range(0, userCounts.length).boxed()
                .sorted(Comparator.comparingInt((Integer u) -> -userCounts[u]).thenComparingInt(u -> u))
                .limit(options.exampleUsers()).mapToInt(Integer::intValue).toArray();
        ItemCatalog catalog = inputs.model().catalog();
        for (int user : users) {
            java.util.BitSet rated = new java.util.BitSet();
            for (int item : byUser.items(user)) {
                rated.set(item);
            }
            List<List<String>> rows = new ArrayList<>();
            java.util.function.IntPredicate excluded = item -> rated.get(item) || itemCounts[item] < options.minRatings();
            for (ScoredItem item : inputs.model().recommend(user, options.listLength(), excluded)) {
                rows.add(List.of(catalog.title(item.item()), decimal(item.score()), count(itemCounts[item.item()])));
            }
            page.raw("<h3>User ").text(inputs.model().users().id(user)).raw("</h3>\n")
                    .paragraph(count(userCounts[user]) + " training ratings; items already rated, and items with fewer than "
                            + options.minRatings() + " training ratings, are left out.")
                    .table(List.of("title", inputs.model().predictsRatings() ? "predicted rating" : "score", "ratings"), rows);
        }
        page.endSection();
    }

    private void similarSection(Html page, Path outDir, EmbeddingModel model) throws IOException {
        page.section("similar", "Similar items");
        if (model == null) {
            page.paragraph("This model has no item vectors.").endSection();
            return;
        }
        int[] items = IntStream.range(0, itemCounts.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -itemCounts[i]).thenComparingInt(i -> i))
                .limit(options.exampleItems()).mapToInt(Integer::intValue).toArray();
        ItemCatalog catalog = model.catalog();
        page.paragraph("Nearest items by cosine similarity of item vectors, among items with at least "
                + options.minRatings() + " training ratings.");
        for (int item : items) {
            List<List<String>> rows = new ArrayList<>();
            for (ScoredItem other : model.similarItems(item, options.listLength(), o -> itemCounts[o] < options.minRatings())) {
                rows.add(List.of(catalog.title(other.item()), decimal(other.score()), count(itemCounts[other.item()])));
            }
            page.raw("<h3>").text(catalog.title(item)).raw("</h3>\n").table(List.of("title", "cosine", "ratings"), rows);
        }
        if (items.length > 0) {
            SimilarityProfile profile = SimilarityProfile.of(model, items[0]);
            picture(page, outDir, Charts.histogram("Cosine similarity to " + catalog.title(items[0]), "cosine similarity",
                    profile.histogram(40)), "similarity", "Similarity of the most rated item to every other item");
        }
        page.endSection();
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}
