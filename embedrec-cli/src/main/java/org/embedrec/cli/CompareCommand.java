package org.embedrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.data.SplitSpec;
import org.embedrec.eval.Baselines;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.eval.Baseline;
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
 */
@Command(name = "compare", description = "Train several models on the same split and compare them in one table with the baselines.")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Option(names = "--models", paramLabel = "MODEL", split = ",", required = true,
            description = "model names (${COMPLETION-CANDIDATES}) or config files (.json/.yaml), comma-separated",
            completionCandidates = TrainingFlags.ModelNames.class)
    List<String> models;

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

    @Option(names = "--positive-threshold", paramLabel = "T|all", defaultValue = "4",
            description = "test ratings >= T are relevant for the ranking metrics (default ${DEFAULT-VALUE})")
    String positiveThreshold;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "compare",
            description = "folder for compare.csv, compare.json and history.csv (default ${DEFAULT-VALUE})")
    Path out;

    /** One training run of one configuration. */
    record Run(long seed, Map<String, Double> metrics, double seconds, int epochs, long parameters, List<EpochRecord> history) {
    }

    /** The runs of one configuration (or one baseline, which has a single run and no training). */
    record Result(String label, String model, Map<String, Object> options, List<Run> runs) {
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
    }

    /** The metric keys of the table, in column order: rating errors, then ranking at {@link #k}. */
    private List<String> metrics() {
        return List.of("rmse", "mae", "mse", "ndcg@" + k, "recall@" + k, "auc_full");
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
        positives = PositiveThreshold.parse(positiveThreshold);
        List<Entry> configs = configs();
        SplitSpec spec = SplitSpec.parse(split);
        PrintStream console = System.out;
        Dataset dataset = data.load(console);
        List<Result> results = compare(dataset, data.dir(), spec, configs, console);
        console.println();
        console.print(table(results));
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("compare.csv"), csv(results).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("history.csv"), historyCsv(results).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("compare.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json(spec, results)));
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
        for (String name : models) {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean file = lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml");
            ModelConfig config = (file ? ModelConfig.read(Path.of(name)) : new ModelConfig(name, Map.of())).with(OptionTable.scalars(set));
            String label = file ? Path.of(name).getFileName().toString() : name;
            for (int copy = 2; !labels.add(label); copy++) {
                label = name + " #" + copy;
            }
            entries.add(new Entry(label, config));
        }
        return entries;
    }

    private List<Result> compare(Dataset dataset, Path dir, SplitSpec spec, List<Entry> entries, PrintStream console) {
        TrainingData plain = TrainingData.of(dataset, dir, spec, splitSeed, 0);
        console.printf(Locale.ROOT, "split %s (seed %d): %,d training, %,d test ratings%n", spec, splitSeed,
                plain.all().size(), plain.test().size());
        Evaluation evaluation = Evaluation.of(plain.all(), plain.test(), dataset.catalog()).withRatingErrors()
                .withRanking(positives, k).withRankedRatingBaselines();
        List<Result> results = new ArrayList<>();
        for (Baseline baseline : evaluation.baselines()) {
            Recommender model = evaluation.baseline(baseline);
            results.add(new Result(baseline.label(), model.info().kind(), model.info().hyperparameters(),
                    List.of(new Run(0, metrics(evaluation.figures(baseline)), 0, 0, 0, List.of()))));
        }
        for (Entry entry : entries) {
            String label = entry.label();
            ModelConfig config = entry.config();
            List<Run> runs = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                long seed = config.trainer().training().map(TrainingOptions::seed).orElse(0L) + r;
                // closed-form trainers (item-knn, ease) have no seed: their runs repeat one fit
                RecommenderTrainer<?> trainer = config.trainer().training().isPresent()
                        ? config.with(Map.of("seed", seed)).trainer() : config.trainer();
                double validationFraction = TrainingData.validationFraction(trainer);
                TrainingData parts = validationFraction > 0
                        ? TrainingData.of(dataset, dir, spec, splitSeed, validationFraction) : plain;
                long start = System.nanoTime();
                Recommender model = trainer.fit(parts.fit(), parts.validation(), dataset.catalog(), TrainingListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Double> metrics = metrics(evaluation.evaluate(model).model());
                Run run = new Run(seed, metrics, seconds, model.info().history().size(), ModelFiles.parameterCount(model),
                        model.info().history());
                runs.add(run);
                console.printf(Locale.ROOT, "%s [run %d/%d, seed %d]: %sNDCG@%d %.4f, %d epochs in %.2f s%n", label, r + 1,
                        repeat, seed, metrics.containsKey("rmse") ? String.format(Locale.ROOT, "RMSE %.4f, ", metrics.get("rmse")) : "",
                        k, metrics.get("ndcg@" + k), run.epochs(), seconds);
            }
            results.add(new Result(label, config.model(), config.trainer().optionsMap(), runs));
        }
        return results;
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
        return metrics;
    }

    private String table(List<Result> results) {
        TextTable table = new TextTable("model", "RMSE", "MAE", "MSE", "NDCG@" + k, "Recall@" + k, "AUC-full", "train s",
                "epochs", "parameters");
        for (Result result : results) {
            boolean trained = result.runs().get(0).epochs() > 0;
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

    private String csv(List<Result> results) {
        StringBuilder csv = new StringBuilder("model,runs");
        for (String metric : metrics()) {
            csv.append(',').append(metric).append(',').append(metric).append("_std");
        }
        csv.append(",train_seconds,epochs,parameters\n");
        for (Result result : results) {
            csv.append(quote(result.label())).append(',').append(result.runs().size());
            for (String metric : metrics()) {
                csv.append(',').append(result.mean(metric)).append(',').append(result.std(metric));
            }
            csv.append(',').append(meanOf(result, Run::seconds)).append(',').append(meanOf(result, run -> run.epochs()))
                    .append(',').append(result.runs().get(0).parameters()).append('\n');
        }
        return csv.toString();
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

    private Map<String, Object> json(SplitSpec spec, List<Result> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data.dir().toAbsolutePath().normalize().toString());
        root.put("split", spec.toString());
        root.put("splitSeed", splitSeed);
        root.put("repeat", repeat);
        root.put("k", k);
        root.put("positiveThreshold", positives.toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result result : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", result.label());
            row.put("model", result.model());
            row.put("options", result.options());
            for (String metric : metrics()) {
                boolean present = !Double.isNaN(result.mean(metric));
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("mean", present ? result.mean(metric) : null);
                summary.put("std", present ? result.std(metric) : null);
                row.put(metric, summary);
            }
            row.put("runs", result.runs().stream().map(run -> Map.of("seed", run.seed(), "metrics", run.metrics(),
                    "seconds", run.seconds(), "epochs", run.epochs(), "parameters", run.parameters())).toList());
            rows.add(row);
        }
        root.put("results", rows);
        return root;
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
