package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.io.MovieLens.CachePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data files that once loaded silently wrong or crashed the JVM (issue 18, items 2, 4 and 8): ratings
 * off the MovieLens scale, a number too large for a float, a line far longer than any ratings line, a
 * headerless {@code ratings.csv} and a header naming the columns in another order.
 */
class CorruptDataFileTest {
    @TempDir
    Path dir;

    private Path csvRelease(String... ratingLines) throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n31,Dangerous Minds (1995),Drama\n"
                + "1029,Dumbo (1941),Animation\n");
        Files.writeString(dir.resolve("ratings.csv"), String.join("\n", ratingLines) + "\n");
        return dir;
    }

    private static List<String> rows(Ratings ratings) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < ratings.size(); row++) {
            rows.add(ratings.users().id(ratings.user(row)) + " " + ratings.items().id(ratings.item(row)) + " "
                    + ratings.rating(row) + " " + ratings.timestamp(row));
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "5.5", "100", "4.25", "1e308"})
    void aRatingOffTheMovieLensScaleNamesFileLineColumnAndValue(String rating) throws IOException {
        csvRelease("userId,movieId,rating,timestamp", "1,31,2.5,1260759144", "1,1029," + rating + ",1260759179");

        assertThatThrownBy(() -> MovieLens.load(dir, CachePolicy.NEVER))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("ratings.csv:3: rating \"" + rating + "\" in column 3 is outside the rating scale 0.5 to 5"
                        + " in steps of 0.5 in line \"1,1029," + rating + ",1260759179\"")
                .satisfies(e -> assertThat(((DataFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void ml100kAcceptsWholeStarsOnly() throws IOException {
        Path file = dir.resolve("u.data");
        Files.writeString(file, "196\t242\t3\t881250949\n186\t302\t3.5\t891717742\n");
        DelimitedRatingsLoader loader = new DelimitedRatingsLoader(MovieLens.Layout.ML_100K.ratingsOptions());

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("u.data:2: rating \"3.5\" in column 3 is outside the rating scale 1 to 5 in steps of 1");
    }

    @Test
    void aGenericFileTakesAnyFiniteRatingUpToTheAbsurdBound() throws IOException {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, "u,i,r,t\n1,2,-3.5,0\n1,3,100,0\n");
        Ratings ratings = new DelimitedRatingsLoader(DelimitedRatingsLoader.Options.csv()).load(file).ratings();

        assertThat(RatingScale.of(ratings)).isEqualTo(RatingScale.between(-3.5f, 100f));
    }

    @Test
    void aHeaderlessRatingsCsvIsRefusedInsteadOfLosingItsFirstRating() throws IOException {
        csvRelease("1,31,2.5,1260759144", "1,1029,3.0,1260759179");

        assertThatThrownBy(() -> MovieLens.load(dir, CachePolicy.NEVER))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("ratings.csv:1: the first line is a rating, not the header"
                        + " \"userId,movieId,rating,timestamp\"");
    }

    @Test
    void aHeaderNamingTheColumnsInAnotherOrderIsReadByName() throws IOException {
        csvRelease("userId,movieId,rating,timestamp", "1,31,2.5,1260759144", "2,1029,3.0,1260759179");
        List<String> expected = rows(MovieLens.load(dir, CachePolicy.NEVER).ratings());
        csvRelease("movieId,timestamp,userId,rating", "31,1260759144,1,2.5", "1029,1260759179,2,3.0");

        assertThat(rows(MovieLens.load(dir, CachePolicy.NEVER).ratings()))
                .isEqualTo(expected).containsExactly("1 31 2.5 1260759144", "2 1029 3.0 1260759179");
    }

    @Test
    void aHeaderWithoutAUserColumnIsRefusedNamingIt() throws IOException {
        csvRelease("user,movieId,rating,timestamp", "1,31,2.5,1260759144");

        assertThatThrownBy(() -> MovieLens.load(dir, CachePolicy.NEVER))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("ratings.csv:1: expected a header naming each of the columns userId, movieId, rating,"
                        + " timestamp once, in any order")
                .hasMessageContaining("\"userId\" is missing");
    }

    /** Longer than the fast path's 8 MiB chunk, so both readers meet it. */
    @ParameterizedTest
    @ValueSource(ints = {DelimitedRatingsLoader.MAX_LINE_CHARS + 1, 12 << 20})
    void aLineOverTheLimitFailsFastNamingFileAndLine(int length) throws IOException {
        Path file = dir.resolve("ratings.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("userId,movieId,rating,timestamp\n1,31,2.5,1\n1,".getBytes(StandardCharsets.US_ASCII));
            byte[] digits = new byte[length];
            java.util.Arrays.fill(digits, (byte) '7');
            out.write(digits);
            out.write(",3,1\n".getBytes(StandardCharsets.US_ASCII));
        }
        DelimitedRatingsLoader loader = new DelimitedRatingsLoader(MovieLens.Layout.CSV.ratingsOptions());

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("ratings.csv:3: line is longer than 1048576 characters");
    }

    @Test
    void theBoundedReaderSplitsLinesAsBufferedReaderDoes() throws IOException {
        Random random = new Random(18);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int p = 0; p < pieces; p++) {
                int kind = random.nextInt(6);
                text.append(switch (kind) {
                    case 0 -> "\n";
                    case 1 -> "\r";
                    case 2 -> "\r\n";
                    default -> "x".repeat(random.nextInt(kind == 5 ? 70_000 : 5));
                });
            }
            List<String> expected = new ArrayList<>();
            BufferedReader reference = new BufferedReader(new StringReader(text.toString()));
            for (String line; (line = reference.readLine()) != null; ) {
                expected.add(line);
            }
            List<String> actual = new ArrayList<>();
            BoundedLineReader reader = new BoundedLineReader(new StringReader(text.toString()), 1 << 20);
            for (String line; (line = reader.readLine()) != null; ) {
                actual.add(line);
            }
            assertThat(actual).as("trial %d", trial).isEqualTo(expected);
        }
    }
}
