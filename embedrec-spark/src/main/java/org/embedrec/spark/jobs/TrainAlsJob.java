package org.embedrec.spark.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.SparkSession;
import org.embedrec.eval.RatingErrors;
import org.embedrec.family.ials.IalsModel;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.spark.DistributedModel;
import org.embedrec.spark.IndexedRatings;
import org.embedrec.spark.SparkAlsTrainer;
import org.embedrec.spark.SparkEvaluation;
import org.embedrec.spark.SparkInteractions;
import org.embedrec.spark.SparkSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Trains Spark ALS on the training part of the ratings and writes an embedrec model file. */
@Command(name = "train-als", mixinStandardHelpOptions = true,
        description = "Train Spark MLlib ALS and export it as an embedrec model file: explicit ALS as matrix factorization"
                + " (test RMSE/MAE recorded), implicit ALS (--implicit) as core's iALS kind.")
final class TrainAlsJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobInputs.Data data;

    @Option(names = {"--dimensions", "--rank"}, paramLabel = "D", description = "factor dimensions (Spark's rank; default 10)")
    String dimensions;

    @Option(names = {"--l2", "--reg"}, paramLabel = "LAMBDA", description = "L2 penalty (Spark's regParam; default 0.1)")
    String l2;

    @Option(names = {"--epochs", "--iterations"}, paramLabel = "N", description = "ALS iterations (Spark's maxIter; default 10)")
    String epochs;

    @Option(names = "--implicit", description = "treat ratings as implicit feedback strengths")
    boolean implicit;

    @Option(names = "--alpha", paramLabel = "A", description = "implicit confidence scale (default 1.0)")
    String alpha;

    @Option(names = "--seed", paramLabel = "SEED", description = "seed of the random initial vectors (default 42)")
    String seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any option by its key: "
            + "dimensions, l2, epochs, implicit, alpha, seed (repeatable; overrides the flags above)")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "model file to write (local or Hadoop URI)")
    String output;

    @Override
    public Integer call() throws Exception {
        SparkAlsTrainer.Options options = options(); // a bad option fails before Spark starts
        SparkSession spark = SparkJobs.session("train-als");
        SparkInteractions.Loaded loaded = data.read(spark, spec.commandLine().getOut());
        if (loaded.implicit() && !options.implicitPrefs()) {
            throw new IllegalArgumentException("the data is implicit (no rating column): explicit ALS predicts ratings;"
                    + " pass --implicit (with --alpha) to train implicit ALS on the interactions' weights");
        }
        IndexedRatings all = loaded.ratings();
        SparkSplits.Split split = data.split(spark, all.rows());
        IndexedRatings train = split == null ? all : all.withRows(split.train());
        SparkAlsTrainer trainer = new SparkAlsTrainer(options);
        long start = System.nanoTime();
        ALSModel als = trainer.fitSpark(train);
        // Spark's fit alone (its lazy reading and indexing of the input included), for benchmarks beside core's iALS
        spec.commandLine().getOut().printf("ALS fit: %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (options.implicitPrefs()) {
            // core's iALS kind, which recommend, similar and serve load; rating errors mean nothing for it
            IalsModel model = trainer.exportImplicit(als, train);
            JobInputs.save(spark, model, output);
            spec.commandLine().getOut().printf("wrote %s (ials): %d users, %d items, rank %d%n", output,
                    model.users().size(), model.items().size(), model.dimensions());
            return 0;
        }
        MatrixFactorizationModel model = trainer.export(als, train);
        if (split != null) {
            RatingErrors errors = SparkEvaluation.ratingErrors(spark, DistributedModel.of(spark, model), split.test());
            model = model.withInfo(model.info().withMetrics(Map.of("test.rmse", errors.rmse(), "test.mae", errors.mae())));
            spec.commandLine().getOut().printf("test RMSE %.4f  MAE %.4f  (%d ratings)%n", errors.rmse(), errors.mae(), errors.count());
        }
        JobInputs.save(spark, model, output);
        spec.commandLine().getOut().printf("wrote %s: %d users, %d items, rank %d%n", output, model.users().size(),
                model.items().size(), model.dimensions());
        return 0;
    }

    /** The flags and {@code --set} pairs read through the options' table, over Spark's defaults. */
    SparkAlsTrainer.Options options() {
        Map<String, Object> given = new LinkedHashMap<>();
        putIfGiven(given, "dimensions", dimensions);
        putIfGiven(given, "l2", l2);
        putIfGiven(given, "epochs", epochs);
        putIfGiven(given, "alpha", alpha);
        putIfGiven(given, "seed", seed);
        if (implicit) {
            given.put("implicit", true);
        }
        given.putAll(set);
        return SparkAlsTrainer.Options.TABLE.with(SparkAlsTrainer.Options.defaults(), given);
    }

    private static void putIfGiven(Map<String, Object> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }
}
