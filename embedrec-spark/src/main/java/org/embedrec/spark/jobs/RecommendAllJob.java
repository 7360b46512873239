package org.embedrec.spark.jobs;

import java.util.concurrent.Callable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.spark.BatchRecommendations;
import org.embedrec.spark.DistributedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes the top-N list of every user of a model file as Parquet or CSV. */
@Command(name = "recommend-all", mixinStandardHelpOptions = true,
        description = "Top-N items for every user of an embedrec factor model, written as Parquet or CSV.")
final class RecommendAllJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "embedrec model file (local or Hadoop URI)")
    String model;

    @Option(names = {"-n", "--count"}, defaultValue = "10", description = "items per user; default ${DEFAULT-VALUE}")
    int count;

    /** The ratings whose items each user is not recommended again; optional. */
    @Mixin
    JobInputs.Input exclude;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "output folder")
    String output;

    @Option(names = "--output-format", defaultValue = "parquet", description = "parquet or csv; default ${DEFAULT-VALUE}")
    String outputFormat;

    @Override
    public Integer call() throws Exception {
        if (!outputFormat.equals("parquet") && !outputFormat.equals("csv")) {
            throw new IllegalArgumentException("--output-format must be parquet or csv, got '" + outputFormat + "'");
        }
        SparkSession spark = SparkJobs.session("recommend-all");
        MatrixFactorizationModel factors = JobInputs.load(spark, model);
        Dataset<Row> seen = null;
        if (exclude.given()) {
            seen = exclude.read(spark, spec.commandLine().getOut()).ratings().rows();
        }
        Dataset<Row> lists = BatchRecommendations.topN(spark, DistributedModel.of(spark, factors), seen, count);
        lists.write().mode("overwrite").option("header", "true").format(outputFormat).save(output);
        spec.commandLine().getOut().printf("wrote top-%d lists of %d users to %s (%s)%n", count, factors.users().size(),
                output, outputFormat);
        return 0;
    }
}
