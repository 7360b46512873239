package org.embedrec.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

/** Test helpers: a loopback-only local[2] Spark session, and the shared MovieLens data. */
public final class LocalSpark {
    private LocalSpark() {
    }

    /** A local[2] session bound to 127.0.0.1 with the UI off; a test class starts one and stops it after. */
    public static SparkSession start() {
        return SparkSession.builder()
                .appName("embedrec-spark-test")
                .master("local[2]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                // Tiny test data: few partitions, and no waiting for data-local task slots.
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.locality.wait", "0")
                .getOrCreate();
    }

    /**
     * The ml-latest-small folder found in a {@code shared/data} beside an ancestor of the working folder
     * (as core's {@code SharedData} finds it), or skips the calling test.
     */
    public static Path mlLatestSmall() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/ml-latest-small");
            if (Files.isRegularFile(candidate.resolve("ratings.csv"))) {
                return candidate;
            }
        }
        assumeTrue(false, "shared data ../shared/data/ml-latest-small not found: test skipped");
        throw new AssertionError("unreachable");
    }
}
