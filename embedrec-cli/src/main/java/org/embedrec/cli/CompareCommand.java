package org.embedrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.io.DataSpec;
import org.embedrec.data.SplitSpec;
import org.embedrec.eval.Baselines;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.eval.Baseline;
import org.embedrec.eval.BeyondAccuracy;
import org.embedrec.eval.Bootstrap;
import org.embedrec.eval.PairedTest;
import org.embedrec.eval.PerUser;
import org.embedrec.eval.Evaluation;
import org.embedrec.eval.EvaluationReport;
import org.embedrec.eval.RankingResult;
import org.embedrec.io.AtomicFiles;
import org.embedrec.io.ModelFiles;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.Recommender;
import org.embedrec.train.OptionTable;
import org.embedrec.train.TrainingOptions;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec compare}: trains several model configurations on one split and prints one table
 * with the baselines: rating errors for the models that predict ratings, and ranking metrics
 * (NDCG, recall, AUC on each user's unseen items) for all, so rating and implicit-feedback models
 * can be compared. With {@code --repeat K} each configuration trains K times with seeds
 * {@code seed, seed+1, ...} on the same split and the table shows mean ± sample standard deviation:
 * one run can mislead, and the spread says how far apart two models must be to differ.
 *
 * <p>Below that table: 95% confidence intervals of every figure by a percentile bootstrap over the test
 * users ({@link Bootstrap}); the lists' coverage, novelty, genre diversity, popularity and Gini index
 * ({@link BeyondAccuracy}); and paired tests on NDCG@K ({@link PairedTest}) of each model against the
 * best baseline and of the top two models. With {@code --repeat K} the intervals and tests work on each
 * user's mean over the K runs (the runs share the split, hence the users): the interval says how far
 * the figure would move on other users; the ± spread says how far it moves with the seed.
 */
@Command(name = "compare", description = "Train several models on the same split and compare them in one table with the baselines.")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Option(names = "--configs", paramLabel = "NAME|FILE", split = ",", required = true,
            description = "the models to compare: configuration names (${COMPLETION-CANDIDATES}) or files (.json/.yaml), comma-separated",
            completionCandidates = TrainingFlags.ModelNames.class)
    List<String> configs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "an option for every model, e.g. epochs=10 or threads=2 (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--split", paramLabel = "SPEC", defaultValue = SplitSpec.DEFAULT, description = SplitSpec.SYNTAX + " (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--split-seed", paramLabel = "SEED", defaultValue = "42", description = "seed of random splits (default ${DEFAULT-VALUE})")
    long splitSeed;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1", description = "training runs per model with seeds seed..seed+K-1 (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "list length of the ranking metrics (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--positive-threshold", paramLabel = "T|all",
            description = "test ratings >= T are relevant for the ranking metrics (default 4; all for implicit data)")
    String positiveThreshold;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
            description = "bootstrap resamples of the users for the 95% intervals (default ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--bootstrap-seed", paramLabel = "SEED", defaultValue = "" + Bootstrap.DEFAULT_SEED,
            description = "seed of the bootstrap resamples (default ${DEFAULT-VALUE})")
    long bootstrapSeed;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "compare",
            description = "folder for compare.csv, compare.json and history.csv (default ${DEFAULT-VALUE})")
    Path out;

    /** One training run of one configuration, with the per-user values behind its figures. */
    record Run(long seed, Map<String, Double> metrics, Map<String, PerUser> perUser, double seconds, int epochs,
            long parameters, List<EpochRecord> history) {
    }

    /** The runs of one configuration (or one baseline, which has a single run and no training). */
    record Result(String label, String model, Map<String, Object> options, List<Run> runs, boolean baseline) {
        /** The mean over runs; NaN for a metric the model does not have (rating errors of a ranking-only model). */
        double mean(String metric) {
            return runs.stream().mapToDouble(run -> run.metrics().getOrDefault(metric, Double.NaN)).average().orElse(Double.NaN);
        }

        /** Sample standard deviation over runs; 0 for a single run. */
        double std(String metric) {
            if (runs.size() < 2) {
                return 0;
            }
            double mean = mean(metric);
            double squares = runs.stream().mapToDouble(run -> Math.pow(run.metrics().getOrDefault(metric, Double.NaN) - mean, 2)).sum();
            return Math.sqrt(squares / (runs.size() - 1));
        }

        /**
         * Each user's value of {@code metric} averaged over the runs (RMSE's are MSE's), or null when
         * the runs have none (rating errors of a ranking-only model; coverage and Gini, figures of all lists).
         */
        PerUser pooled(String metric) {
            String key = metric.equals("rmse") ? "mse" : metric;
            if (!runs.get(0).perUser().containsKey(key)) {
                return null;
            }
            return PerUser.average(runs.stream().map(run -> run.perUser().get(key)).toList());
        }
    }

    /** The metric keys of the table, in column order: rating errors, then ranking at {@link #k}. */
    private List<String> metrics() {
        return List.of("rmse", "mae", "mse", "ndcg@" + k, "recall@" + k, "auc_full");
    }

    /** The beyond-accuracy keys, in column order. */
    private List<String> beyondMetrics() {
        return List.of("coverage@" + k, "novelty@" + k, "diversity@" + k, "popularity@" + k, "gini@" + k);
    }

    /** Intervals by row label and metric, each computed once for the table, compare.csv and compare.json. */
    private final Map<List<String>, Optional<Bootstrap.Interval>> intervals = new HashMap<>();

    /** The 95% interval of {@code metric} over the users, or null when it has no per-user values. */
    private Bootstrap.Interval interval(Result result, String metric) {
        return intervals.computeIfAbsent(List.of(result.label(), metric), key -> {
            PerUser pooled = result.pooled(metric);
            if (pooled == null) {
                return Optional.empty();
            }
            Bootstrap.Interval interval = Bootstrap.interval(pooled, resamples, Bootstrap.DEFAULT_LEVEL, bootstrapSeed);
            return Optional.of(metric.equals("rmse") ? interval.map(Math::sqrt) : interval);
        }).orElse(null);
    }

    /** A paired test on {@link #pairedMetric()} of {@code a} against {@code b}. */
    record Comparison(String a, String b, String why, PairedTest test) {
    }

    /** The metric the paired tests compare: NDCG@K, which every row has. */
    private String pairedMetric() {
        return "ndcg@" + k;
    }

    private PositiveThreshold positives;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
        }
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("--resamples must be >= 1, got " + resamples);
        }
        positives = positiveThreshold == null ? PositiveThreshold.DEFAULT : PositiveThreshold.parse(positiveThreshold);
        List<Entry> configs = configs();
        SplitSpec spec = SplitSpec.parse(split);
        PrintStream console = System.out;
        Dataset dataset = data.load(console);
        if (dataset.implicit()) {
            configs = configs.stream().map(entry -> new Entry(entry.label(), ImplicitData.adapt(entry.config(), dataset))).toList();
            positives = positiveThreshold != null ? positives : PositiveThreshold.ALL;
        }
        List<Result> results = compare(dataset, data.spec(), spec, configs, console);
        console.println();
        console.print(table(results));
        List<Comparison> comparisons = comparisons(results);
        console.println();
        console.print(intervalTable(results));
        console.println();
        console.print(beyondTable(results));
        console.println();
        console.print(comparisonTable(comparisons));
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("compare.csv"), csv(results, comparisons).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("history.csv"), historyCsv(results).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("compare.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json(spec, results, comparisons)));
        console.println("wrote " + out.resolve("compare.csv") + ", compare.json and history.csv");
        return 0;
    }

    /** A configuration and its row label: the name, or the config file's name, unique in the table. */
    private record Entry(String label, ModelConfig config) {
    }

    /** The configurations named on the command line, each failing early on a bad name or option. */
    private List<Entry> configs() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String name : configs) {
            boolean file = ModelConfig.isFile(name);
            ModelConfig config = ModelConfig.named(name).with(OptionTable.scalars(set));
            String label = file ? Path.of(name).getFileName().toString() : name;
            for (int copy = 2; !labels.add(label); copy++) {
                label = name + " #" + copy;
            }
            entries.add(new Entry(label, config));
        }
        return entries;
    }

    private List<Result> compare(Dataset dataset, DataSpec source, SplitSpec spec, List<Entry> entries, PrintStream console) {
        TrainingData plain = TrainingData.of(dataset, source, spec, splitSeed, 0);
        console.printf(Locale.ROOT, "split %s (seed %d): %,d training, %,d test ratings%n", spec, splitSeed,
                plain.all().size(), plain.test().size());
        Evaluation evaluation = Evaluation.of(plain.all(), plain.test(), dataset.catalog()).withRatingErrors()
                .withRanking(positives, k).withRankedRatingBaselines();
        List<Result> results = new ArrayList<>();
        for (Baseline baseline : evaluation.baselines()) {
            Recommender model = evaluation.baseline(baseline);
            EvaluationReport.Figures figures = evaluation.figures(baseline);
            results.add(new Result(baseline.label(), model.info().kind(), model.info().hyperparameters(),
                    List.of(new Run(0, metrics(figures), figures.perUser(), 0, 0, 0, List.of())), true));
        }
        for (Entry entry : entries) {
            String label = entry.label();
            ModelConfig config = entry.config();
            List<Run> runs = new ArrayList<>();
            // Whatever has a seed option is stochastic, with or without TrainingOptions (iALS draws its
            // initial vectors); a model without one (item-knn, EASE) is deterministic: K runs would be K copies of one.
            OptionalLong baseSeed = seedOf(config.trainer());
            boolean seeded = baseSeed.isPresent();
            int runCount = seeded ? repeat : 1;
            for (int r = 0; r < runCount; r++) {
                long seed = baseSeed.orElse(0L) + r;
                RecommenderTrainer<?> trainer = seeded ? config.with(Map.of("seed", seed)).trainer() : config.trainer();
                double validationFraction = TrainingData.validationFraction(trainer);
                TrainingData parts = validationFraction > 0
                        ? TrainingData.of(dataset, source, spec, splitSeed, validationFraction) : plain;
                long start = System.nanoTime();
                Recommender model = trainer.fit(parts.fit(), parts.validation(), dataset.catalog(), TrainingListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                EvaluationReport.Figures figures = evaluation.evaluate(model).model();
                Map<String, Double> metrics = metrics(figures);
                Run run = new Run(seed, metrics, figures.perUser(), seconds, model.info().history().size(),
                        ModelFiles.parameterCount(model), model.info().history());
                runs.add(run);
                console.printf(Locale.ROOT, "%s [run %d/%d, %s]: %sNDCG@%d %.4f, %d epochs in %.2f s%n", label, r + 1,
                        runCount, seeded ? "seed " + seed : "deterministic, no seed", metrics.containsKey("rmse") ? String.format(Locale.ROOT, "RMSE %.4f, ", metrics.get("rmse")) : "",
                        k, metrics.get("ndcg@" + k), run.epochs(), seconds);
            }
            results.add(new Result(label, config.model(), config.trainer().optionsMap(), runs, false));
        }
        return results;
    }

    /** The seed option of {@code trainer}, whether or not it sits in {@link TrainingOptions}; empty when it takes none. */
    static OptionalLong seedOf(RecommenderTrainer<?> trainer) {
        Object seed = trainer.optionsMap().get("seed");
        return seed instanceof Number number ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
    }

    /**
     * The figures of one row: rating errors for models that predict ratings, and for every model the
     * ranking of each user's unseen items with training items excluded, so rating and ranking models
     * share one table.
     */
    private Map<String, Double> metrics(EvaluationReport.Figures figures) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        figures.errors().ifPresent(errors -> {
            metrics.put("rmse", errors.rmse());
            metrics.put("mae", errors.mae());
            metrics.put("mse", errors.mse());
        });
        RankingResult ranking = figures.ranking().orElseThrow();
        metrics.put("ndcg@" + k, ranking.ndcg());
        metrics.put("recall@" + k, ranking.recall());
        metrics.put("auc_full", ranking.fullAuc());
        metrics.put("coverage@" + k, ranking.coverage());
        metrics.putAll(figures.beyondAccuracy().orElseThrow().toMap());
        return metrics;
    }

    /**
     * The paired tests on {@link #pairedMetric()}: every trained model against the baseline with the
     * best mean, then the best trained model against the second best.
     */
    private List<Comparison> comparisons(List<Result> results) {
        String metric = pairedMetric();
        List<Result> baselines = results.stream().filter(Result::baseline).toList();
        List<Result> models = results.stream().filter(result -> !result.baseline()).toList();
        List<Comparison> comparisons = new ArrayList<>();
        Result best = baselines.stream().max(Comparator.comparingDouble(result -> result.mean(metric))).orElseThrow();
        for (Result model : models) {
            comparisons.add(new Comparison(model.label(), best.label(), "vs best baseline",
                    PairedTest.of(model.pooled(metric), best.pooled(metric))));
        }
        if (models.size() >= 2) {
            List<Result> ranked = models.stream()
                    .sorted(Comparator.comparingDouble((Result result) -> result.mean(metric)).reversed()).toList();
            comparisons.add(new Comparison(ranked.get(0).label(), ranked.get(1).label(), "top two models",
                    PairedTest.of(ranked.get(0).pooled(metric), ranked.get(1).pooled(metric))));
        }
        return comparisons;
    }

    private String intervalTable(List<Result> results) {
        TextTable table = new TextTable("model", "RMSE", "MAE", "MSE", "NDCG@" + k, "Recall@" + k, "AUC-full");
        for (Result result : results) {
            List<String> cells = new ArrayList<>(List.of(result.label()));
            for (String metric : metrics()) {
                cells.add(intervalCell(result, metric, "%.4f"));
            }
            table.row(cells.toArray(String[]::new));
        }
        return String.format(Locale.ROOT, "95%% confidence intervals: percentile bootstrap over users (the %,d with a"
                + " relevant item for ranking, the %,d with a test rating for rating errors; %,d resamples, seed %d)%s%n",
                users(results, pairedMetric()), users(results, "mse"), resamples, bootstrapSeed,
                repeat > 1 ? ", on each user's mean over a model's runs" : "") + table;
    }

    /** Users {@code metric} averages over (the same for every row that has it). */
    private static int users(List<Result> results, String metric) {
        return results.stream().map(result -> result.pooled(metric)).filter(Objects::nonNull).findFirst()
                .map(perUser -> perUser.users().length).orElse(0);
    }

    private String intervalCell(Result result, String metric, String format) {
        double mean = result.mean(metric);
        if (Double.isNaN(mean)) {
            return "-";
        }
        Bootstrap.Interval interval = interval(result, metric);
        String text = String.format(Locale.ROOT, format, mean);
        return interval == null ? text : text + String.format(Locale.ROOT, " [" + format + ", " + format + "]",
                interval.lower(), interval.upper());
    }

    private String beyondTable(List<Result> results) {
        TextTable table = new TextTable("model", "cov@" + k, "novelty@" + k + " (bits)", "diversity@" + k,
                "popularity@" + k, "Gini@" + k);
        for (Result result : results) {
            table.row(result.label(), intervalCell(result, "coverage@" + k, "%.4f"), intervalCell(result, "novelty@" + k, "%.3f"),
                    intervalCell(result, "diversity@" + k, "%.4f"), intervalCell(result, "popularity@" + k, "%.1f"),
                    intervalCell(result, "gini@" + k, "%.4f"));
        }
        return "beyond accuracy of the top-" + k + " lists: catalog coverage; novelty = mean −log2(share of training"
                + " users who rated the item); diversity = mean pairwise genre distance (1 − Jaccard) within a list;"
                + " popularity = mean training raters of a recommended item; Gini of how often each item is recommended"
                + System.lineSeparator() + table;
    }

    private String comparisonTable(List<Comparison> comparisons) {
        TextTable table = new TextTable("model", "against", "pair", "users", "mean diff", "t", "p (t)", "Wilcoxon z",
                "p (Wilcoxon)");
        for (Comparison comparison : comparisons) {
            PairedTest test = comparison.test();
            table.row(comparison.a(), comparison.b(), comparison.why(), String.format(Locale.ROOT, "%,d", test.users()),
                    String.format(Locale.ROOT, "%+.4f", test.meanDifference()), String.format(Locale.ROOT, "%.2f", test.t()),
                    pValue(test.tPValue()), String.format(Locale.ROOT, "%.2f", test.wilcoxonZ()), pValue(test.wilcoxonPValue()));
        }
        return "paired tests on per-user NDCG@" + k + " (two-sided; Wilcoxon signed-rank by the normal approximation,"
                + " zero differences dropped, ties averaged)" + System.lineSeparator() + table;
    }

    private static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-16 ? "<1e-16" : String.format(Locale.ROOT, "%.2g", p);
    }

    private String table(List<Result> results) {
        TextTable table = new TextTable("model", "RMSE", "MAE", "MSE", "NDCG@" + k, "Recall@" + k, "AUC-full", "train s",
                "epochs", "parameters");
        for (Result result : results) {
            boolean trained = !result.baseline();
            table.row(result.label(), cell(result, "rmse"), cell(result, "mae"), cell(result, "mse"), cell(result, "ndcg@" + k),
                    cell(result, "recall@" + k), cell(result, "auc_full"),
                    trained ? String.format(Locale.ROOT, "%.2f", meanOf(result, Run::seconds)) : "-",
                    trained ? String.format(Locale.ROOT, "%.1f", meanOf(result, run -> run.epochs())) : "-",
                    trained ? String.format(Locale.ROOT, "%,d", result.runs().get(0).parameters()) : "-");
        }
        return table.toString();
    }

    private static String cell(Result result, String metric) {
        if (Double.isNaN(result.mean(metric))) {
            return "-";
        }
        String mean = String.format(Locale.ROOT, "%.4f", result.mean(metric));
        return result.runs().size() < 2 ? mean : mean + String.format(Locale.ROOT, " ± %.4f", result.std(metric));
    }

    private static double meanOf(Result result, java.util.function.ToDoubleFunction<Run> value) {
        return result.runs().stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    /**
     * One row per model: the columns of old (means and spreads, training figures), then each metric's
     * 95% interval ({@code _ci_low}, {@code _ci_high}), the beyond-accuracy figures with theirs, and the
     * paired test against the best baseline ({@code vs}, {@code vs_t_p}, {@code vs_wilcoxon_p}; empty for baselines).
     */
    private String csv(List<Result> results, List<Comparison> comparisons) {
        StringBuilder csv = new StringBuilder("model,runs");
        for (String metric : metrics()) {
            csv.append(',').append(metric).append(',').append(metric).append("_std");
        }
        csv.append(",train_seconds,epochs,parameters");
        for (String metric : metrics()) {
            csv.append(',').append(metric).append("_ci_low,").append(metric).append("_ci_high");
        }
        for (String metric : beyondMetrics()) {
            csv.append(',').append(metric).append(',').append(metric).append("_ci_low,").append(metric).append("_ci_high");
        }
        csv.append(",vs,vs_t_p,vs_wilcoxon_p\n");
        for (Result result : results) {
            csv.append(quote(result.label())).append(',').append(result.runs().size());
            for (String metric : metrics()) {
                csv.append(',').append(result.mean(metric)).append(',').append(result.std(metric));
            }
            csv.append(',').append(meanOf(result, Run::seconds)).append(',').append(meanOf(result, run -> run.epochs()))
                    .append(',').append(result.runs().get(0).parameters());
            for (String metric : metrics()) {
                appendInterval(csv, result, metric);
            }
            for (String metric : beyondMetrics()) {
                csv.append(',').append(result.mean(metric));
                appendInterval(csv, result, metric);
            }
            Comparison vsBaseline = comparisons.stream()
                    .filter(c -> c.a().equals(result.label()) && c.why().equals("vs best baseline")).findFirst().orElse(null);
            if (vsBaseline == null) {
                csv.append(",,,");
            } else {
                csv.append(',').append(quote(vsBaseline.b())).append(',').append(vsBaseline.test().tPValue()).append(',')
                        .append(vsBaseline.test().wilcoxonPValue());
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private void appendInterval(StringBuilder csv, Result result, String metric) {
        Bootstrap.Interval interval = Double.isNaN(result.mean(metric)) ? null : interval(result, metric);
        csv.append(',').append(interval == null ? "" : interval.lower()).append(',').append(interval == null ? "" : interval.upper());
    }

    /** Per-epoch history of every run: what the loss-curve plots are drawn from. */
    static String historyCsv(List<Result> results) {
        StringBuilder csv = new StringBuilder("model,seed,epoch,train_loss,validation_loss,seconds,learning_rate\n");
        for (Result result : results) {
            for (Run run : result.runs()) {
                for (EpochRecord epoch : run.history()) {
                    csv.append(quote(result.label())).append(',').append(run.seed()).append(',').append(epoch.epoch())
                            .append(',').append(epoch.trainLoss()).append(',').append(epoch.validationLoss())
                            .append(',').append(epoch.seconds()).append(',').append(epoch.learningRate()).append('\n');
                }
            }
        }
        return csv.toString();
    }

    private Map<String, Object> json(SplitSpec spec, List<Result> results, List<Comparison> comparisons) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data.spec().toRecorded());
        root.put("split", spec.toString());
        root.put("splitSeed", splitSeed);
        root.put("repeat", repeat);
        root.put("k", k);
        root.put("positiveThreshold", positives.toString());
        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("level", Bootstrap.DEFAULT_LEVEL);
        bootstrap.put("resamples", resamples);
        bootstrap.put("seed", bootstrapSeed);
        bootstrap.put("method", "percentile bootstrap over test users" + (repeat > 1 ? ", each user's mean over the runs" : ""));
        root.put("bootstrap", bootstrap);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result result : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", result.label());
            row.put("model", result.model());
            row.put("options", result.options());
            for (String metric : concat(metrics(), beyondMetrics())) {
                boolean present = !Double.isNaN(result.mean(metric));
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("mean", present ? result.mean(metric) : null);
                summary.put("std", present ? result.std(metric) : null);
                Bootstrap.Interval interval = present ? interval(result, metric) : null;
                summary.put("ci95", interval == null ? null : List.of(interval.lower(), interval.upper()));
                row.put(metric, summary);
            }
            row.put("runs", result.runs().stream().map(run -> Map.of("seed", run.seed(), "metrics", run.metrics(),
                    "seconds", run.seconds(), "epochs", run.epochs(), "parameters", run.parameters())).toList());
            rows.add(row);
        }
        root.put("results", rows);
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("model", comparison.a());
            test.put("against", comparison.b());
            test.put("why", comparison.why());
            test.put("metric", pairedMetric());
            test.put("users", comparison.test().users());
            test.put("meanDifference", comparison.test().meanDifference());
            test.put("t", finite(comparison.test().t()));
            test.put("tPValue", comparison.test().tPValue());
            test.put("wilcoxonZ", finite(comparison.test().wilcoxonZ()));
            test.put("wilcoxonPValue", finite(comparison.test().wilcoxonPValue()));
            tests.add(test);
        }
        root.put("pairedTests", tests);
        return root;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** JSON has no NaN or infinity: those become null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
