package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protocol vae-cf} end to end on generated data with planted taste groups: a model that learns
 * who likes what must beat the popularity baseline, which the protocol prints beside it.
 */
class VaeCfProtocolCommandTest {
    @TempDir
    static Path dir;
    static Path data;

    private static final int USERS = 900;
    private static final int ITEMS = 240;
    private static final int GROUPS = 6;

    /**
     * Users in six taste groups, items in six blocks; each user rates 12 to 40 items, four in five from
     * their group's block (5 stars) and the rest from all items (1 to 5 stars), both by a Zipf-like
     * popularity, so that popularity alone is a fair but beatable baseline. Written as a MovieLens CSV release.
     */
    @BeforeAll
    static void writePlantedData() throws IOException {
        data = dir.resolve("planted");
        Files.createDirectories(data);
        SplittableRandom random = new SplittableRandom(2018);
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int user = 1; user <= USERS; user++) {
            int group = user % GROUPS;
            int count = 12 + random.nextInt(29);
            Set<Integer> rated = new HashSet<>();
            while (rated.size() < count) {
                boolean taste = random.nextDouble() < 0.8;
                int rank = (int) Math.floor(Math.pow(random.nextDouble(), 2) * (taste ? ITEMS / GROUPS : ITEMS));
                int item = taste ? group * (ITEMS / GROUPS) + rank : rank;
                if (rated.add(item)) {
                    float stars = taste || item / (ITEMS / GROUPS) == group ? 5 : 1 + random.nextInt(5);
                    ratings.append(user).append(',').append(item + 1).append(',').append(stars).append(",1000000000\n");
                }
            }
        }
        Files.writeString(data.resolve("ratings.csv"), ratings);
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int item = 1; item <= ITEMS; item++) {
            movies.append(item).append(",Movie ").append(item).append(" (2000),Drama\n");
        }
        Files.writeString(data.resolve("movies.csv"), movies);
    }

    @Test
    void foldedInModelsBeatThePopularityBaselineOnPlantedTastes() {
        CliRun run = CliRun.of("protocol", "vae-cf", "--data", data.toString(), "--configs", "ease,ials,item-knn",
                "--threads", "2", "--set", "threads=1");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("900 users with >= 5 ratings above 3.5", "90 validation and 90 test users");
        double[] popularity = row(run.out(), "popularity");
        for (String model : new String[] {"ease", "ials", "item-knn"}) {
            double[] figures = row(run.out(), model);
            // NDCG@100's mean above the upper end of popularity's 95% interval
            assertThat(figures[6]).as(model + " NDCG@100 vs popularity's interval " + run.out()).isGreaterThan(popularity[8]);
            assertThat(figures[0]).as(model + " Recall@20").isGreaterThan(popularity[0]);
            for (int metric = 0; metric < 3; metric++) {
                assertThat(figures[3 * metric]).isBetween(figures[3 * metric + 1], figures[3 * metric + 2]).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void theHeldOutUsersAreAFlagAndTooManyIsAnError() {
        CliRun run = CliRun.of("protocol", "vae-cf", "--data", data.toString(), "--configs", "ease", "--held-out-users", "50");
        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("50 validation and 50 test users", "800 training users");

        CliRun tooMany = CliRun.of("protocol", "vae-cf", "--data", data.toString(), "--configs", "ease", "--held-out-users", "450");
        assertThat(tooMany.status()).isEqualTo(1);
        assertThat(tooMany.err()).contains("900 users have at least 5 ratings above 3.5: too few to hold out 450");

        CliRun noProtocol = CliRun.of("protocol");
        assertThat(noProtocol.status()).isEqualTo(2);
        assertThat(noProtocol.err()).contains("name a protocol: vae-cf");
    }

    /** The nine figures of a table row: Recall@20, Recall@50, NDCG@100, each as mean, interval low, interval high. */
    private static double[] row(String out, String model) {
        String number = "(\\d\\.\\d{4}) \\[(\\d\\.\\d{4}), (\\d\\.\\d{4})\\]";
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(model) + "\\s+" + number + "\\s+" + number + "\\s+" + number)
                .matcher(out);
        assertThat(row.find()).as("row %s in %s", model, out).isTrue();
        double[] figures = new double[9];
        for (int k = 0; k < 9; k++) {
            figures[k] = Double.parseDouble(row.group(k + 1));
        }
        return figures;
    }
}
