package org.embedrec.spark.jobs;

import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.SparkSession;
import org.embedrec.eval.RatingErrors;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.spark.DistributedModel;
import org.embedrec.spark.IndexedRatings;
import org.embedrec.spark.SparkAlsTrainer;
import org.embedrec.spark.SparkEvaluation;
import org.embedrec.spark.SparkSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Trains Spark ALS on the training part of the ratings and writes an embedrec model file. */
@Command(name = "train-als", mixinStandardHelpOptions = true,
        description = "Train Spark MLlib ALS and export it as an embedrec model file (test RMSE/MAE recorded).")
final class TrainAlsJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobInputs.Data data;

    @Option(names = "--rank", defaultValue = "10", description = "factor dimensions; default ${DEFAULT-VALUE}")
    int rank;

    @Option(names = "--reg", defaultValue = "0.1", description = "regParam (L2 penalty); default ${DEFAULT-VALUE}")
    double reg;

    @Option(names = "--iterations", defaultValue = "10", description = "ALS iterations; default ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--implicit", description = "treat ratings as implicit feedback strengths")
    boolean implicit;

    @Option(names = "--alpha", defaultValue = "1.0", description = "implicit confidence scale; default ${DEFAULT-VALUE}")
    double alpha;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "model file to write (local or Hadoop URI)")
    String output;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = SparkJobs.session("train-als");
        IndexedRatings all = data.read(spark);
        SparkSplits.Split split = data.split(spark, all.rows());
        IndexedRatings train = split == null ? all : all.withRows(split.train());
        SparkAlsTrainer trainer = new SparkAlsTrainer(
                new SparkAlsTrainer.Options(rank, reg, iterations, implicit, alpha, data.seed));
        ALSModel als = trainer.fitSpark(train);
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
}
