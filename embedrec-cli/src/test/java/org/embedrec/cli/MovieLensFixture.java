package org.embedrec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small data set in the MovieLens CSV layout with planted taste: 30 users (ids 1..30) and 40
 * movies (ids 101..140); a user rates a movie with probability 0.6, around 4.5 stars when user and
 * movie ids have the same parity and around 2 otherwise. Movie {@value #QUOTED_ID} has a title with
 * a comma, which movies.csv must quote; every other title is "Film NN (year)".
 */
final class MovieLensFixture {
    static final int USERS = 30;
    static final int MOVIES = 40;
    static final int FIRST_MOVIE_ID = 101;
    static final String QUOTED_ID = "105";
    static final String QUOTED_TITLE = "Hello, World (2001)";

    /** One line of ratings.csv. */
    record Row(String user, String movie, double rating) {
    }

    private MovieLensFixture() {
    }

    /** Writes ratings.csv and movies.csv into {@code dir} and returns the ratings written, in file order. */
    static List<Row> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 0; m < MOVIES; m++) {
            String id = String.valueOf(FIRST_MOVIE_ID + m);
            String title = id.equals(QUOTED_ID) ? '"' + QUOTED_TITLE + '"'
                    : String.format(Locale.ROOT, "Film %02d (%d)", m, 1980 + m);
            movies.append(id).append(',').append(title).append(',').append(m % 2 == 0 ? "Comedy" : "Drama|Thriller").append('\n');
        }
        Files.writeString(dir.resolve("movies.csv"), movies, StandardCharsets.UTF_8);

        Random random = new Random(2024);
        List<Row> rows = new ArrayList<>();
        StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= USERS; u++) {
            for (int m = 0; m < MOVIES; m++) {
                if (random.nextDouble() >= 0.6) {
                    continue;
                }
                int movie = FIRST_MOVIE_ID + m;
                double taste = (u % 2 == movie % 2) ? 4.5 : 2.0;
                double rating = Math.max(0.5, Math.min(5.0, taste + 0.5 * (random.nextInt(3) - 1)));
                Row row = new Row(String.valueOf(u), String.valueOf(movie), rating);
                rows.add(row);
                ratings.append(String.format(Locale.ROOT, "%s,%s,%.1f,%d\n", row.user(), row.movie(), rating,
                        1_000_000_000L + 60L * rows.size()));
            }
        }
        Files.writeString(dir.resolve("ratings.csv"), ratings, StandardCharsets.UTF_8);
        return rows;
    }
}
