package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate}: the requested size in the MovieLens CSV layout, and the same bytes from the same seed. */
class GenerateCommandTest {
    @TempDir
    Path tmp;

    private CliRun generate(Path out, long seed) {
        return CliRun.of("generate", "--out", out.toString(), "--users", "50", "--items", "100", "--ratings", "2000",
                "--seed", String.valueOf(seed));
    }

    @Test
    void writesTheRequestedNumberOfRatingsInTheCsvLayout() throws IOException {
        Path out = tmp.resolve("a");
        CliRun run = generate(out, 7);

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("wrote 2,000 ratings by ").contains("seed 7");
        List<String> ratings = Files.readAllLines(out.resolve("ratings.csv"));
        assertThat(ratings.get(0)).isEqualTo("userId,movieId,rating,timestamp");
        assertThat(ratings.subList(1, ratings.size())).hasSize(2000).allMatch(line -> line.split(",").length == 4);
        assertThat(ratings.stream().skip(1).map(line -> line.split(",")[0]).distinct().count()).isBetween(1L, 50L);
        assertThat(Files.readAllLines(out.resolve("movies.csv")).get(0)).isEqualTo("movieId,title,genres");

        CliRun explore = CliRun.of("explore", "--data", out.toString());
        assertThat(explore.status()).as("%s", explore).isZero();
        assertThat(explore.out()).containsPattern("(?m)^  ratings\\s+2,000$");
    }

    @Test
    void theSameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        assertThat(generate(tmp.resolve("a"), 7).status()).isZero();
        assertThat(generate(tmp.resolve("b"), 7).status()).isZero();
        assertThat(generate(tmp.resolve("c"), 8).status()).isZero();

        for (String file : List.of("ratings.csv", "movies.csv")) {
            byte[] first = Files.readAllBytes(tmp.resolve("a").resolve(file));
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(file))).as(file).isEqualTo(first);
        }
        assertThat(Files.readAllBytes(tmp.resolve("c").resolve("ratings.csv")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("a").resolve("ratings.csv")));
    }
}
