package org.embedrec.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.data.SplitSpec;
import org.embedrec.io.AtomicFiles;
import org.embedrec.io.DataSpec;
import org.embedrec.io.ModelFiles;
import org.embedrec.io.MovieLens;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.Retraining;
import org.embedrec.server.RecommendationService;
import org.embedrec.server.live.Interaction;
import org.embedrec.server.live.InteractionStore;
import org.embedrec.server.live.JdbcInteractionStore;
import org.embedrec.server.live.LogInteractionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code embedrec retrain}: the batch layer of live updates. Trains a new model with the options,
 * configuration and split of a served model, on its training data plus the interactions stored up to
 * a watermark (the rules of {@link RetrainingData}), and writes it as a new version: first to
 * {@code NAME.vN.safetensors} beside the output file, then over the output file (by default the
 * model file given) by an atomic rename, so a server reloading it never reads half a file.
 *
 * <p>The new model records its version, when it was trained, the store and the watermark
 * ({@link Retraining}): a server folds into it only the stored interactions after the watermark. The
 * default watermark is {@value #SETTLE_SECONDS} seconds before the retrain starts, because a server
 * stamps an interaction's time just before it makes it durable: an interaction stamped that long
 * before the store is read is in the store when it is read. An interaction sent later with an explicit
 * {@code time} at or before the watermark is neither trained in nor folded in until the next retrain.
 */
@Command(name = "retrain", description = "Retrain a served model on its training data plus the interactions of a"
        + " store, with its own options, and write the new version atomically (see docs/SERVER.md).")
final class RetrainCommand implements Callable<Integer> {
    /** How long before the start the default watermark lies. */
    static final long SETTLE_SECONDS = 5;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true,
            description = "the model file to retrain (its options, configuration, split and data source are reused)")
    Path model;

    @Option(names = "--store", paramLabel = "DIR|JDBC-URL", required = true,
            description = "the interaction store the server writes: its directory (read without locking it, while the"
                    + " server runs) or its database URL")
    String store;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "the model file to replace with the new version (default: the --model file)")
    Path out;

    @Option(names = "--until", paramLabel = "INSTANT",
            description = "the watermark: train in the stored interactions with a time up to this ISO-8601 instant"
                    + " (default: " + SETTLE_SECONDS + " s before now)")
    String until;

    @Option(names = "--no-progress", description = "no progress bars (epoch lines are still printed)")
    boolean noProgress;

    /** The base training data (default: the source recorded in the model). */
    @Mixin
    DataFlags data;

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        long watermark = watermark(until, started);
        Path target = out != null ? out : model;
        AtomicFiles.checkWritable(target); // before minutes of training, not after
        Recommender old = ModelFiles.load(model);
        if (!(old instanceof FoldInRecommender rules)) {
            throw new IllegalArgumentException("model file " + model + " (" + old.info().kind() + ") cannot fold in users,"
                    + " so retrain cannot tell what stored interactions are worth to it; retrain a model that can");
        }
        Provenance provenance = old.info().provenance();
        ModelConfig config = config(old, model);
        DataSpec source = data.given() ? data.spec() : recordedSource(provenance, model);
        Dataset base = DataFlags.loadReporting(source, System.out, MovieLens.CachePolicy.AUTO);

        StoreContents contents = read(store);
        List<Interaction> trained = RetrainingData.upTo(contents.interactions(), watermark);
        System.out.printf(Locale.ROOT, "interaction store %s: %,d interactions up to the watermark %s (%,d later ones"
                + " left to live fold-in)%n", contents.description(), trained.size(), Instant.ofEpochMilli(watermark),
                contents.interactions().size() - trained.size());

        SplitSpec spec = SplitSpec.parse(provenance.hasSplit() ? provenance.split() : SplitSpec.DEFAULT);
        long seed = provenance.hasSplit() ? provenance.splitSeed() : TrainingData.DEFAULT_SPLIT_SEED;
        double validationFraction = TrainingData.validationFraction(config.trainer());
        TrainingData parts = TrainingData.of(base, source, spec, seed, validationFraction);
        Map<RetrainingData.Pair, RetrainingData.Value> values = RetrainingData.values(trained, rules);
        IdIndex[] ids = RetrainingData.ids(base.ratings(), values);
        // A stored interaction replaces the base rating of its pair everywhere, also in the validation and test parts.
        Set<RetrainingData.Pair> replaced = values.keySet();
        TrainingData merged = new TrainingData(RetrainingData.merge(parts.all(), values, replaced, ids[0], ids[1]),
                RetrainingData.merge(parts.fit(), values, replaced, ids[0], ids[1]),
                parts.validation() == null ? null : RetrainingData.merge(parts.validation(), null, replaced, ids[0], ids[1]),
                RetrainingData.merge(parts.test(), null, replaced, ids[0], ids[1]));
        System.out.printf(Locale.ROOT, "split %s (seed %d) of %s plus the stored interactions: %,d training, %,d test"
                + " ratings; %,d users, %,d items (%,d and %,d new)%n", spec, seed, source.describe(), merged.all().size(),
                merged.test().size(), ids[0].size(), ids[1].size(), ids[0].size() - base.ratings().userCount(),
                ids[1].size() - base.ratings().itemCount());

        Recommender fitted = TrainAndEvaluate.fitAndEvaluate(merged, base.catalog().alignedTo(ids[1]), config,
                config.trainer(), rankingCutOff(old), System.out, !noProgress && System.console() != null);
        Retraining retraining = new Retraining(provenance.version() + 1, started, contents.description(), watermark,
                trained.size());
        Provenance recorded = TrainingData.record(fitted.info().provenance(), source, spec, seed, validationFraction > 0)
                .withConfiguration(config.model()).withRetraining(retraining);
        fitted = fitted.withInfo(fitted.info().withProvenance(recorded));

        Path versioned = versionedFile(target, retraining.version());
        ModelFiles.save(fitted, versioned);
        if (!versioned.toAbsolutePath().equals(target.toAbsolutePath())) {
            AtomicFiles.write(target, channel -> {
                try (FileChannel in = FileChannel.open(versioned, StandardOpenOption.READ)) {
                    long size = in.size();
                    for (long done = 0; done < size;) {
                        done += in.transferTo(done, size - done, channel);
                    }
                }
            });
        }
        System.out.println("saved version " + retraining.version() + " to " + versioned + " and " + target
                + "; a server serving it picks it up on POST /admin/reload, or by itself with serve --watch");
        return 0;
    }

    /** The watermark in epoch milliseconds: {@code until}, or {@link #SETTLE_SECONDS} before {@code started}. */
    static long watermark(String until, Instant started) {
        if (until == null) {
            return started.minus(Duration.ofSeconds(SETTLE_SECONDS)).toEpochMilli();
        }
        try {
            return Instant.parse(until).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--until must be an ISO-8601 instant such as 2026-12-03T07:00:00Z, got '"
                    + until + "'");
        }
    }

    /** The configuration {@code old} was trained as, with its own options. */
    private static ModelConfig config(Recommender old, Path file) {
        String name = old.info().provenance().configuration();
        if (name == null) {
            throw new IllegalArgumentException("model file " + file + " records no model configuration (it was not"
                    + " trained by embedrec train), so retrain cannot know how to train it again");
        }
        return new ModelConfig(name, old.info().hyperparameters());
    }

    /** The data source recorded in the model. */
    private static DataSpec recordedSource(Provenance provenance, Path file) {
        if (provenance.dataSource() == null) {
            throw new IllegalArgumentException("model file " + file + " records no training data source; pass --data");
        }
        return DataSpec.fromRecorded(provenance.dataSource());
    }

    /** The cut-off of the held-out NDCG the old model recorded (so the new one is comparable), else 10. */
    private static int rankingCutOff(Recommender old) {
        return old.info().metrics().keySet().stream()
                .map(RecommendationService.RANKING_METRIC::matcher).filter(java.util.regex.Matcher::matches)
                .mapToInt(matcher -> Integer.parseInt(matcher.group(1))).min().orElse(10);
    }

    /** {@code NAME.vN.EXT} beside {@code target} (a {@code .vM} already in its name is replaced). */
    static Path versionedFile(Path target, int version) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return target.resolveSibling(stem.replaceFirst("\\.v\\d+$", "") + ".v" + version + extension);
    }

    /** What a store held when read, and what it is. */
    private record StoreContents(String description, List<Interaction> interactions) {
    }

    /** Reads a store directory without locking it (a server may be writing it), or a database. */
    private static StoreContents read(String store) throws IOException {
        if (store.startsWith("jdbc:")) {
            try (InteractionStore database = JdbcInteractionStore.open(store)) {
                return new StoreContents(database.describe(), RetrainingData.readAll(database));
            }
        }
        Path directory = Path.of(store);
        return new StoreContents("write-ahead log " + directory.toAbsolutePath().resolve(LogInteractionStore.FILE),
                LogInteractionStore.readAll(directory));
    }
}
