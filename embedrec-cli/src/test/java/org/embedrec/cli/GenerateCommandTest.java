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

    @Test
    void eventsKindWritesTheStoreLogItsParquetCopiesAndALoadScript() throws IOException {
        Path out = tmp.resolve("events");
        CliRun run = CliRun.of("generate", "--kind", "events", "--out", out.toString(), "--users", "40", "--items", "90",
                "--events", "1500", "--seed", "5", "--parquet", "--postgres-script");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("wrote 1,500 events (").contains("by 40 users on 90 items", "seed 5")
                .contains("wrote 1,500 rows to " + out.resolve("events.parquet"))
                .contains("wrote 90 rows to " + out.resolve("items.parquet"));
        List<String> events = Files.readAllLines(out.resolve("events.csv"));
        assertThat(events.get(0)).isEqualTo("user_id,item_id,event,timestamp");
        assertThat(events.subList(1, events.size())).hasSize(1500)
                .allMatch(line -> line.matches("\\d+,\\d+,(view|cart|purchase),\\d+"));
        assertThat(Files.readAllLines(out.resolve("items.csv"))).hasSize(91);
        assertThat(Files.readString(out.resolve("load-postgres.sql"))).contains("\\copy events FROM 'events.csv'");
        // The same seed from the command line gives the generator's bytes.
        Path again = tmp.resolve("again");
        assertThat(CliRun.of("generate", "--kind", "events", "--out", again.toString(), "--users", "40", "--items", "90",
                "--events", "1500", "--seed", "5").status()).isZero();
        assertThat(Files.readAllBytes(again.resolve("events.csv"))).isEqualTo(Files.readAllBytes(out.resolve("events.csv")));
    }

    @Test
    void flagsOfTheOtherKindAreUsageErrors() {
        CliRun ratingsWithEvents = CliRun.of("generate", "--out", tmp.resolve("x").toString(), "--events", "100");
        assertThat(ratingsWithEvents.status()).isEqualTo(2);
        assertThat(ratingsWithEvents.err()).contains("--events, --parquet and --postgres-script are for --kind events");
        CliRun eventsWithRatings = CliRun.of("generate", "--kind", "events", "--out", tmp.resolve("y").toString(),
                "--ratings", "100");
        assertThat(eventsWithRatings.status()).isEqualTo(2);
        assertThat(eventsWithRatings.err()).contains("--ratings is for --kind ratings; use --events N");
        CliRun unknownKind = CliRun.of("generate", "--kind", "clicks", "--out", tmp.resolve("z").toString());
        assertThat(unknownKind.status()).isEqualTo(2);
        assertThat(unknownKind.err()).contains("unknown --kind 'clicks': use ratings or events");
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}
