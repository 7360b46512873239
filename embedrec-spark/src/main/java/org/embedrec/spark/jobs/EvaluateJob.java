package org.embedrec.spark.jobs;

import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.embedrec.eval.RatingErrors;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.spark.DistributedModel;
import org.embedrec.spark.IndexedRatings;
import org.embedrec.spark.SparkRankingResult;
import org.embedrec.spark.SparkEvaluation;
import org.embedrec.spark.SparkSplits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Evaluates a model file on the test part of a split: RMSE, MAE and top-K ranking metrics. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "RMSE, MAE and NDCG/Recall/Precision/MAP@K of a model file on the test part of a split.")
final class EvaluateJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobInputs.Data data;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "embedrec model file (local or Hadoop URI)")
    String model;

    @Option(names = {"-k", "--k"}, defaultValue = "10", description = "ranking list length K; default ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--threshold", defaultValue = "4.0",
            description = "test ratings >= this are relevant for ranking metrics; default ${DEFAULT-VALUE}")
    double threshold;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = SparkJobs.session("evaluate");
        MatrixFactorizationModel factors = JobInputs.load(spark, model);
        IndexedRatings all = data.read(spark, spec.commandLine().getOut()).ratings();
        SparkSplits.Split split = data.split(spark, all.rows());
        if (split == null) {
            throw new IllegalArgumentException("evaluate needs a --split to hold out test ratings");
        }
        DistributedModel distributed = DistributedModel.of(spark, factors);
        RatingErrors errors = SparkEvaluation.ratingErrors(spark, distributed, split.test());
        SparkRankingResult ranking = SparkEvaluation.rankingMetrics(spark, distributed, split.train(), split.test(), threshold, k);
        var out = spec.commandLine().getOut();
        out.printf("RMSE %.4f  MAE %.4f  (%d test ratings)%n", errors.rmse(), errors.mae(), errors.count());
        out.printf("@%d, relevant >= %s, %d users: NDCG %.4f  Recall %.4f  Precision %.4f  MAP %.4f  HitRate %.4f  MRR %.4f%n",
                k, threshold, ranking.users(), ranking.ndcg(), ranking.recall(), ranking.precision(), ranking.map(),
                ranking.hitRate(), ranking.mrr());
        return 0;
    }
}
