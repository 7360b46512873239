/**
 * The {@code spark-submit} launcher: {@link org.embedrec.spark.jobs.SparkJobs} with one class per job
 * (train-als, recommend-all, evaluate), each reading its arguments with picocli and printing a short
 * summary; the work itself is done by {@link org.embedrec.spark}.
 */
package org.embedrec.spark.jobs;
