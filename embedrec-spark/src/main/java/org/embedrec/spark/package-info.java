/**
 * embedrec on Apache Spark: the same data conventions, models and metrics as the core library, for
 * rating sets that outgrow one machine.
 *
 * <ul>
 *   <li>Reading: {@link org.embedrec.spark.SparkRatings} (delimited text parsed by core's
 *       {@link org.embedrec.io.RatingLineParser}, Parquet) and {@link org.embedrec.spark.SparkMovieLens} (release folders and their movie
 *       catalog) into one frame schema; {@link org.embedrec.spark.IndexedRatings} gives users and items the
 *       dense indices the core MovieLens loader would give them.
 *   <li>Splitting: {@link org.embedrec.spark.SparkSplits} (random, per-user, last N, temporal), reproducible
 *       across partitionings, chosen by core's {@link org.embedrec.data.SplitSpec} syntax as on the command line.
 *   <li>Training: {@link org.embedrec.spark.SparkAlsTrainer} fits Spark MLlib ALS (explicit or implicit)
 *       and exports a core {@link org.embedrec.family.mf.MatrixFactorizationModel}, saved with
 *       {@link org.embedrec.io.ModelFiles} and served by every embedrec tool unchanged.
 *   <li>Batch jobs on any matrix factorization model: {@link org.embedrec.spark.DistributedModel} (item side
 *       broadcast, users partitioned), {@link org.embedrec.spark.BatchRecommendations} (top-N for every
 *       user) and {@link org.embedrec.spark.SparkEvaluation} (RMSE/MAE and the ranking metrics of the shared
 *       spec, {@link org.embedrec.spark.SparkRankingResult}).
 * </ul>
 *
 * <p>{@link org.embedrec.spark.jobs.SparkJobs} runs these as {@code spark-submit} jobs.
 */
package org.embedrec.spark;
