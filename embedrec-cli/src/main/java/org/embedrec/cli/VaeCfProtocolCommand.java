package org.embedrec.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Bootstrap;
import org.embedrec.eval.HeldOutUsersProtocol;
import org.embedrec.eval.PerUser;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.Recommender;
import org.embedrec.train.OptionTable;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec protocol vae-cf}: the strong-generalization protocol of Liang et al. 2018
 * ({@link HeldOutUsersProtocol}) on any MovieLens folder. Each model trains on the training users'
 * clicks (every kept rating becomes a click of value 1, and a model with a {@code positiveThreshold}
 * option counts all of them), then folds in each held-out user's history; the table gives the test
 * users' Recall@20, Recall@50 and NDCG@100 with 95% bootstrap intervals over those users, beside the
 * protocol's popularity baseline, and the validation users' NDCG@100, the figure to choose options by.
 */
@Command(name = "vae-cf", description = "The VAE-CF protocol (Liang et al. 2018): hold out users, fold in 80% of their"
        + " clicks, score the rest by Recall@20, Recall@50 and NDCG@100.")
final class VaeCfProtocolCommand implements Callable<Integer> {
    @Mixin
    DataFlags data;

    @Option(names = "--configs", paramLabel = "NAME|FILE", split = ",", required = true,
            description = "models that fold in new users: configuration names (e.g. ials,ease,item-knn,bpr) or files (.json/.yaml), comma-separated",
            completionCandidates = TrainingFlags.ModelNames.class)
    List<String> configNames;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "an option for every model, e.g. threads=2 (repeatable)")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--held-out-users", paramLabel = "N",
            description = "validation users, and as many test users (default: 10,000, or a tenth of the eligible users when that is fewer)")
    Integer heldOutUsers;

    @Option(names = "--rating-above", paramLabel = "R", defaultValue = "3.5",
            description = "ratings above R are clicks (default ${DEFAULT-VALUE})")
    double ratingAbove;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "98765",
            description = "seed of the user shuffle and the per-user hold-out (default ${DEFAULT-VALUE}, the paper code's)")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "threads scoring the held-out users (default: all processors); the figures do not depend on it")
    Integer threads;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
            description = "bootstrap resamples of the test users for the 95% intervals (default ${DEFAULT-VALUE})")
    int resamples;

    /** One row of the table: the test users' figures per user and the validation users' NDCG@100. */
    record Row(String label, Map<String, PerUser> test, double validationNdcg, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        if (heldOutUsers != null && heldOutUsers < 1) {
            throw new IllegalArgumentException("--held-out-users must be >= 1, got " + heldOutUsers);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("--resamples must be >= 1, got " + resamples);
        }
        int evaluationThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (evaluationThreads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + evaluationThreads);
        }
        Map<String, ModelConfig> configs = configs();
        PrintStream console = System.out;
        Dataset dataset = data.load(console);
        HeldOutUsersProtocol.Options options = HeldOutUsersProtocol.Options.published().withRatingAbove(ratingAbove)
                .withSeed(seed).withHeldOutUsers(heldOutUsers != null ? heldOutUsers : 0);
        HeldOutUsersProtocol.Data parts = new HeldOutUsersProtocol(options).prepare(dataset.ratings(), dataset.catalog());
        Ratings train = parts.train();
        console.printf(Locale.ROOT, "VAE-CF protocol (seed %d): %,d users with >= %d ratings above %s; %,d training users"
                        + " with %,d clicks on %,d items; %,d validation and %,d test users (%,d and %,d with held-out clicks)%n",
                seed, parts.eligibleUsers(), options.minRatings(), ratingAbove, train.userCount(), train.size(),
                train.itemCount(), parts.validation().size(), parts.test().size(), parts.validation().scored(),
                parts.test().scored());
        List<Row> rows = new ArrayList<>();
        rows.add(row("popularity", HeldOutUsersProtocol.popularity(train, parts.catalog()), parts, 0, evaluationThreads));
        for (Map.Entry<String, ModelConfig> entry : configs.entrySet()) {
            RecommenderTrainer<?> trainer = entry.getValue().trainer();
            double validationFraction = TrainingData.validationFraction(trainer);
            // early stopping watches part of the training users' clicks, never a held-out user
            Split inner = validationFraction > 0 ? Splits.randomHoldout(train, validationFraction, seed + 1) : null;
            long start = System.nanoTime();
            Recommender model = inner == null ? trainer.fit(train, null, parts.catalog(), TrainingListener.NONE)
                    : trainer.fit(inner.train(), inner.test(), parts.catalog(), TrainingListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!(model instanceof FoldInRecommender foldIn)) {
                throw new IllegalArgumentException(entry.getKey() + " cannot fold in new users: the protocol needs a model that can");
            }
            Row row = row(entry.getKey(), HeldOutUsersProtocol.foldIn(foldIn), parts, seconds, evaluationThreads);
            console.printf(Locale.ROOT, "%s: trained in %.2f s; validation NDCG@100 %.4f, test NDCG@100 %.4f%n", row.label(),
                    seconds, row.validationNdcg(), row.test().get("ndcg@100").mean());
            rows.add(row);
        }
        console.println();
        console.print(table(rows, parts.test().scored()));
        return 0;
    }

    /** The configurations by row label; a model with a {@code positiveThreshold} counts every click. */
    private Map<String, ModelConfig> configs() throws java.io.IOException {
        Map<String, ModelConfig> configs = new LinkedHashMap<>();
        Set<String> labels = new LinkedHashSet<>(List.of("popularity"));
        for (String name : configNames) {
            ModelConfig config = ModelConfig.named(name).with(OptionTable.scalars(set));
            if (config.trainer().optionsMap().containsKey("positiveThreshold")) {
                config = config.with(Map.of("positiveThreshold", "all"));
            }
            String label = ModelConfig.isFile(name) ? java.nio.file.Path.of(name).getFileName().toString() : name;
            for (int copy = 2; !labels.add(label); copy++) {
                label = name + " #" + copy;
            }
            configs.put(label, config);
        }
        return configs;
    }

    private static Row row(String label, HeldOutUsersProtocol.FoldInScorer scorer, HeldOutUsersProtocol.Data parts,
            double seconds, int threads) {
        int items = parts.train().itemCount();
        double validation = HeldOutUsersProtocol.evaluate(scorer, parts.validation(), items, threads).get("ndcg@100").mean();
        return new Row(label, HeldOutUsersProtocol.evaluate(scorer, parts.test(), items, threads), validation, seconds);
    }

    private String table(List<Row> rows, int scored) {
        TextTable table = new TextTable("model", "Recall@20", "Recall@50", "NDCG@100", "validation NDCG@100", "train s");
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.label()));
            for (String metric : HeldOutUsersProtocol.METRICS) {
                PerUser values = row.test().get(metric);
                Bootstrap.Interval interval = Bootstrap.interval(values, resamples, Bootstrap.DEFAULT_LEVEL, Bootstrap.DEFAULT_SEED);
                cells.add(String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", values.mean(), interval.lower(), interval.upper()));
            }
            cells.add(String.format(Locale.ROOT, "%.4f", row.validationNdcg()));
            cells.add(String.format(Locale.ROOT, "%.1f", row.seconds()));
            table.row(cells.toArray(String[]::new));
        }
        return String.format(Locale.ROOT, "test users (%,d scored): mean [95%% bootstrap interval over users, %,d resamples];"
                + " Recall@k = hits / min(k, held-out clicks)%n", scored, resamples) + table;
    }
}
