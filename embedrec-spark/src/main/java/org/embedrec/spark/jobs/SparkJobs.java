package org.embedrec.spark.jobs;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spark-submit} entry point: {@code spark-submit --class org.embedrec.spark.jobs.SparkJobs
 * embedrec-spark.jar <job> [options]} with the jobs train-als, recommend-all and evaluate. The master,
 * executors and JVM flags come from spark-submit (see docs/SPARK.md); the jobs join the session it
 * configures.
 */
@Command(name = "embedrec-spark", mixinStandardHelpOptions = true, version = "embedrec-spark 0.1.0",
        description = "embedrec on Apache Spark: ALS training, top-N for every user, distributed evaluation.",
        subcommands = {TrainAlsJob.class, RecommendAllJob.class, EvaluateJob.class})
public final class SparkJobs implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the job named by the first argument and exits with its status. */
    public static void main(String[] args) {
        int status = commandLine().execute(args);
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
        System.exit(status);
    }

    /** The command line of the jobs, reporting a job's failure message without a stack trace. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new SparkJobs());
        line.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + error.getMessage());
            return 1;
        });
        return line;
    }

    /** The session spark-submit configured (or the running one, in tests and notebooks). */
    static SparkSession session(String job) {
        return SparkSession.builder().appName("embedrec " + job).getOrCreate();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a job: train-als, recommend-all or evaluate");
    }
}
