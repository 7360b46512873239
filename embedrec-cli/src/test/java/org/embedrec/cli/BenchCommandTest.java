package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}: the figures of every stage, consistent between the table and the JSON. */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportsEveryStageAsATableAndAsJson() throws IOException {
        Path data = tmp.resolve("data");
        assertThat(CliRun.of("generate", "--out", data.toString(), "--users", "200", "--items", "150", "--ratings", "8000",
                "--seed", "3").status()).isZero();
        Path json = tmp.resolve("bench.json");
        CliRun run = CliRun.of("bench", "--data", data.toString(), "--epochs", "3", "--dimensions", "16", "--json",
                json.toString(), "--cache", "NEVER");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).containsPattern("(?m)^load\\s").containsPattern("(?m)^train\\s")
                .containsPattern("(?m)^evaluate\\s").containsPattern("(?m)^recommend\\s").contains("peak heap");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/load/ratings").asInt()).isEqualTo(8000);
        JsonNode train = report.get("train");
        assertThat(train.get("epochSeconds")).hasSize(3);
        int trainRatings = 8000 - report.at("/quality/testRatings").asInt();
        assertThat(report.at("/quality/testRatings").asInt()).isEqualTo(800);
        // One rating per SGD step: updates and ratings per second agree, and both follow from the time.
        assertThat(train.get("updatesPerSecond").asDouble()).isEqualTo(train.get("ratingsPerSecond").asDouble());
        assertThat(train.get("ratingsPerSecond").asDouble() * train.get("seconds").asDouble())
                .isCloseTo(3.0 * trainRatings, org.assertj.core.api.Assertions.within(1.0));
        assertThat(train.at("/options/optimizer").asText()).isEqualTo("SGD");
        assertThat(train.at("/options/batchSize").asInt()).isEqualTo(1);
        int users = report.at("/load/users").asInt();
        assertThat(report.at("/recommend/users").asInt()).isEqualTo(users);
        assertThat(report.at("/recommend/recommendations").asLong()).isEqualTo(10L * users);
        // matrix factorization ranks by a dot product: every user's list comes from the blocked batch scorer
        assertThat(report.at("/recommend/method").asText()).startsWith("blocked batch");
        assertThat(report.at("/quality/rmse").asDouble()).isBetween(0.1, 3.0);
        assertThat(report.get("peakHeapMegabytes").asDouble()).isPositive();
        assertThat(Files.exists(data.resolve("ratings.csv.embedrec-cache"))).isFalse();
    }

    @Test
    void recommendingCanBeLimitedOrSkipped() {
        Path data = tmp.resolve("data");
        assertThat(CliRun.of("generate", "--out", data.toString(), "--users", "60", "--items", "50", "--ratings", "1500",
                "--seed", "4").status()).isZero();
        CliRun some = CliRun.of("bench", "--data", data.toString(), "--epochs", "1", "--dimensions", "8",
                "--recommend-users", "7", "--top", "3", "--json", "-");
        assertThat(some.status()).as("%s", some).isZero();
        assertThat(some.out()).contains("top-3 for 7 users").contains("\"recommendations\" : 21");

        CliRun none = CliRun.of("bench", "--data", data.toString(), "--epochs", "1", "--dimensions", "8",
                "--recommend-users", "0");
        assertThat(none.status()).as("%s", none).isZero();
        assertThat(none.out()).doesNotContainPattern("(?m)^recommend\\s");
    }
}
