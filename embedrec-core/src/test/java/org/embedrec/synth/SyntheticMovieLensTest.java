package org.embedrec.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.embedrec.synth.SyntheticMovieLens.Options;
import org.embedrec.synth.SyntheticMovieLens.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticMovieLensTest {
    private static final Set<String> GENRE_NAMES = Set.of("Action", "Adventure", "Animation", "Children", "Comedy",
            "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
            "Sci-Fi", "Thriller", "War", "Western");

    @TempDir
    Path dir;

    /** One line of ratings.csv, parsed by hand (the io loaders are not used on purpose). */
    record Row(int user, int movie, double rating, long timestamp) {
    }

    /** One record of movies.csv, parsed with FastCSV. */
    record Movie(int id, String title, String genres) {
    }

    private static List<Row> readRatings(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).isEqualTo("userId,movieId,rating,timestamp");
        List<Row> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as("fields of '%s'", line).hasSize(4);
            rows.add(new Row(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3])));
        }
        return rows;
    }

    private static List<Movie> readMovies(Path file) throws IOException {
        List<Movie> movies = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CsvRecord record : reader) {
                assertThat(record.getFieldCount()).as("fields of %s", record).isEqualTo(3);
                if (header) {
                    assertThat(record.getFields()).containsExactly("movieId", "title", "genres");
                    header = false;
                } else {
                    movies.add(new Movie(Integer.parseInt(record.getField(0)), record.getField(1), record.getField(2)));
                }
            }
        }
        return movies;
    }

    private Summary generate(Options options) throws IOException {
        return new SyntheticMovieLens(options).generate(dir);
    }

    @Test
    void writesTheMovieLensLayoutWithExactlyTheRequestedCounts() throws IOException {
        Options options = new Options(60, 400, 6_000, 20, 4, 18, 0.6, 7);
        Summary summary = generate(options);

        assertThat(Files.readAllLines(dir.resolve("movies.csv")).get(0)).isEqualTo("movieId,title,genres");
        assertThat(Files.readString(dir.resolve("ratings.csv"))).endsWith("\n").doesNotContain("\r");
        List<Row> rows = readRatings(dir.resolve("ratings.csv"));
        List<Movie> movies = readMovies(dir.resolve("movies.csv"));
        assertThat(rows).hasSize(6_000);
        assertThat(movies).hasSize(400);
        assertThat(rows.stream().mapToInt(Row::user).distinct().sorted().toArray())
                .isEqualTo(IntStream.rangeClosed(1, 60).toArray());
        int[] movieIds = movies.stream().mapToInt(Movie::id).toArray();
        assertThat(movieIds).isSorted().doesNotHaveDuplicates();
        Set<Integer> known = new HashSet<>();
        Arrays.stream(movieIds).forEach(known::add);
        assertThat(rows).allSatisfy(row -> assertThat(known).contains(row.movie()));

        long rated = rows.stream().mapToInt(Row::movie).distinct().count();
        double mean = rows.stream().mapToDouble(Row::rating).average().orElseThrow();
        assertThat(summary).isEqualTo(new Summary(dir, 60, 400, 6_000, (int) rated, summary.meanRating()));
        assertThat(summary.meanRating()).isCloseTo(mean, within(1e-9));

        String readme = Files.readString(dir.resolve("README.txt"));
        assertThat(readme).contains("NOT MovieLens data", "users=60", "items=400", "ratings=6000",
                "latentDimensions=4", "noise=0.6", "seed=7");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyUserRatesDistinctItemsAtLeastTheMinimumTimesInTimeOrder(long seed) throws IOException {
        // Dense on purpose (users rate over half of the catalog on average): small genres run dry.
        Options options = new Options(40, 60, 1_500, 20, 3, 6, 0.6, seed);
        generate(options);
        List<Row> rows = readRatings(dir.resolve("ratings.csv"));
        Set<String> pairs = new HashSet<>();
        Map<Integer, Integer> perUser = new HashMap<>();
        Row previous = null;
        for (Row row : rows) {
            assertThat(pairs.add(row.user() + ":" + row.movie())).as("duplicate %s", row).isTrue();
            assertThat(row.rating() * 2).as("half stars of %s", row).isBetween(1.0, 10.0)
                    .isEqualTo(Math.rint(row.rating() * 2));
            assertThat(row.timestamp()).isBetween(SyntheticUsers.FIRST_TIMESTAMP, SyntheticUsers.LAST_TIMESTAMP);
            if (previous != null) {
                assertThat(row.user()).as("users are written in order").isGreaterThanOrEqualTo(previous.user());
                if (row.user() == previous.user()) {
                    assertThat(row.timestamp()).as("time order of user %d", row.user()).isGreaterThan(previous.timestamp());
                }
            }
            perUser.merge(row.user(), 1, Integer::sum);
            previous = row;
        }
        assertThat(rows).hasSize(1_500);
        assertThat(perUser).hasSize(40);
        assertThat(perUser.values()).allSatisfy(count -> assertThat(count).isBetween(20, 60));
    }

    static Stream<Arguments> extremeSizes() {
        return Stream.of(
                Arguments.of(30, 50, 30 * 20, 20, 20),  // everyone at the minimum
                Arguments.of(30, 50, 30 * 50, 20, 50),  // everyone rates everything
                Arguments.of(5, 1, 5, 1, 1));           // a single movie
    }

    @ParameterizedTest
    @MethodSource("extremeSizes")
    void handlesTheBoundaryCountsExactly(int users, int items, long ratings, int minimum, int expectedPerUser)
            throws IOException {
        generate(new Options(users, items, ratings, minimum, 2, 18, 0.6, 1));
        List<Row> rows = readRatings(dir.resolve("ratings.csv"));
        Map<Integer, Integer> perUser = new HashMap<>();
        rows.forEach(row -> perUser.merge(row.user(), 1, Integer::sum));
        assertThat(rows).hasSize((int) ratings);
        assertThat(perUser).hasSize(users);
        assertThat(perUser.values()).containsOnly(expectedPerUser);
        assertThat(rows.stream().map(row -> row.user() + ":" + row.movie()).distinct().count()).isEqualTo(ratings);
    }

    @Test
    void popularityAndActivityAreSkewedLikeMovieLens() throws IOException {
        int items = 2_000;
        int users = 1_000;
        generate(new Options(users, items, 50_000, 20, 4, 18, 0.6, 11));
        List<Row> rows = readRatings(dir.resolve("ratings.csv"));
        Map<Integer, Integer> perItem = new HashMap<>();
        Map<Integer, Integer> perUser = new HashMap<>();
        rows.forEach(row -> {
            perItem.merge(row.movie(), 1, Integer::sum);
            perUser.merge(row.user(), 1, Integer::sum);
        });
        // A uniform generator would give the top 1% of items 1% of the ratings; MovieLens gives 16%.
        assertThat(topShare(perItem.values(), items / 100, rows.size())).isBetween(0.10, 0.35);
        assertThat(topShare(perItem.values(), items / 10, rows.size())).isBetween(0.45, 0.75);
        // ml-latest-small: the top 10% of users give 46% of the ratings.
        assertThat(topShare(perUser.values(), users / 10, rows.size())).isBetween(0.30, 0.65);
        int[] sortedUsers = perUser.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        assertThat(sortedUsers[users - 1]).as("most active user").isGreaterThan(5 * sortedUsers[users / 2]);
    }

    private static double topShare(Collection<Integer> counts, int top, int total) {
        return counts.stream().sorted(Comparator.reverseOrder()).limit(top).mapToInt(Integer::intValue).sum()
                / (double) total;
    }

    @Test
    void defaultsLookLikeMlLatestSmall() throws IOException {
        Summary summary = generate(Options.defaults());
        List<Row> rows = readRatings(dir.resolve("ratings.csv"));
        Map<Double, Integer> histogram = new HashMap<>();
        rows.forEach(row -> histogram.merge(row.rating(), 1, Integer::sum));
        assertThat(histogram).containsOnlyKeys(0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0);
        double mode = histogram.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(mode).isEqualTo(4.0);
        assertThat(histogram.get(3.0) + histogram.get(4.0) + histogram.get(5.0))
                .as("whole stars are more common than half stars").isGreaterThan(rows.size() / 2);
        double mean = summary.meanRating();
        double sd = Math.sqrt(rows.stream().mapToDouble(r -> (r.rating() - mean) * (r.rating() - mean)).average().orElseThrow());
        assertThat(mean).isBetween(3.4, 3.75);
        assertThat(sd).isBetween(0.85, 1.2);
        assertThat(summary.ratedItems()).isBetween(7_000, 9_000);

        List<Movie> movies = readMovies(dir.resolve("movies.csv"));
        assertThat(movies.stream().filter(m -> m.genres().equals("(no genres listed)")).count()).isEqualTo(18);
        for (Movie movie : movies) {
            if (!movie.genres().equals("(no genres listed)")) {
                List<String> genres = List.of(movie.genres().split("\\|"));
                assertThat(GENRE_NAMES).containsAll(genres);
                assertThat(genres).isSorted().doesNotHaveDuplicates();
            }
        }
        long withYear = movies.stream().filter(m -> m.title().matches(".* \\((19|20)\\d\\d\\)")).count();
        assertThat(withYear).isGreaterThan(movies.size() * 95L / 100);
    }

    @Test
    void titlesWithCommasAndQuotesAreQuotedAndReadBack() throws IOException {
        generate(new Options(30, 2_000, 900, 20, 2, 18, 0.6, 3));
        List<Movie> movies = readMovies(dir.resolve("movies.csv"));
        List<String> lines = Files.readAllLines(dir.resolve("movies.csv"), StandardCharsets.UTF_8);
        List<Movie> withComma = movies.stream().filter(m -> m.title().contains(",")).toList();
        List<Movie> withQuote = movies.stream().filter(m -> m.title().contains("\"")).toList();
        assertThat(withComma.size()).isBetween(400, 800);
        assertThat(withQuote).isNotEmpty();
        assertThat(movies).anySatisfy(m -> assertThat(m.title()).matches(".*, The \\(\\d{4}\\)"));
        for (int k = 0; k < movies.size(); k++) {
            Movie movie = movies.get(k);
            String line = lines.get(k + 1);
            String expected = movie.id() + ",\"" + movie.title().replace("\"", "\"\"") + "\"," + movie.genres();
            if (movie.title().contains(",") || movie.title().contains("\"")) {
                assertThat(line).isEqualTo(expected);
            } else {
                assertThat(line).isEqualTo(movie.id() + "," + movie.title() + "," + movie.genres());
            }
        }
        assertThat(String.join("\n", lines)).as("UTF-8 titles").containsPattern("[éöüíëó]");
    }

    @Test
    void sameOptionsGiveByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path other, @TempDir Path third)
            throws IOException {
        Options options = new Options(50, 500, 4_000, 20, 4, 18, 0.6, 123);
        new SyntheticMovieLens(options).generate(dir);
        new SyntheticMovieLens(options).generate(other);
        new SyntheticMovieLens(options.withSeed(124)).generate(third);
        for (String file : List.of("ratings.csv", "movies.csv", "README.txt")) {
            assertThat(Files.readAllBytes(other.resolve(file))).as(file).isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
        assertThat(Files.readAllBytes(third.resolve("ratings.csv"))).isNotEqualTo(Files.readAllBytes(dir.resolve("ratings.csv")));
        assertThat(Files.readAllBytes(third.resolve("movies.csv"))).isNotEqualTo(Files.readAllBytes(dir.resolve("movies.csv")));
    }

    /**
     * The planted structure is learnable: on held-out rows a user-mean + item-bias baseline beats
     * the global mean clearly, and adding each user's mean residual per genre (an interaction no
     * bias model has) beats the baseline again.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void plantedSignalIsLearnableOnHeldOutRows(long seed) throws IOException {
        generate(new Options(300, 1_500, 45_000, 20, 8, 18, 0.6, seed));
        List<Row> rows = readRatings(dir.resolve("ratings.csv"));
        Map<Integer, int[]> genresOf = new HashMap<>();
        List<String> genreList = new ArrayList<>(GENRE_NAMES);
        for (Movie movie : readMovies(dir.resolve("movies.csv"))) {
            genresOf.put(movie.id(), Arrays.stream(movie.genres().split("\\|"))
                    .mapToInt(genreList::indexOf).filter(g -> g >= 0).toArray());
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> train = new ArrayList<>();
        List<Row> test = new ArrayList<>();
        rows.forEach(row -> (random.nextDouble() < 0.8 ? train : test).add(row));

        double globalMean = train.stream().mapToDouble(Row::rating).average().orElseThrow();
        Map<Integer, double[]> userSums = new HashMap<>();
        train.forEach(r -> accumulate(userSums, r.user(), r.rating()));
        Map<Integer, double[]> itemSums = new HashMap<>();
        train.forEach(r -> accumulate(itemSums, r.movie(), r.rating() - mean(userSums, r.user(), globalMean, 0)));
        Map<String, double[]> userGenreSums = new HashMap<>();
        for (Row r : train) {
            double residual = r.rating() - baseline(r, userSums, itemSums, globalMean);
            for (int g : genresOf.get(r.movie())) {
                accumulate(userGenreSums, r.user() + ":" + g, residual);
            }
        }

        double rmseGlobal = rmse(test, r -> globalMean);
        double rmseBaseline = rmse(test, r -> baseline(r, userSums, itemSums, globalMean));
        double rmseGenres = rmse(test, r -> {
            int[] genres = genresOf.get(r.movie());
            double taste = 0;
            for (int g : genres) {
                double[] s = userGenreSums.get(r.user() + ":" + g);
                taste += s == null ? 0 : s[0] / (s[1] + 10);
            }
            return baseline(r, userSums, itemSums, globalMean) + (genres.length == 0 ? 0 : taste / genres.length);
        });
        assertThat(rmseBaseline).isLessThan(0.9 * rmseGlobal);
        assertThat(rmseGenres).isLessThan(rmseBaseline - 0.005);
    }

    private static <K> void accumulate(Map<K, double[]> sums, K key, double value) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += value;
        s[1]++;
    }

    /** Mean of the accumulated values shrunk towards {@code prior} by {@code shrinkage} pseudo-counts. */
    private static <K> double mean(Map<K, double[]> sums, K key, double prior, double shrinkage) {
        double[] s = sums.get(key);
        return s == null ? prior : (s[0] + shrinkage * prior) / (s[1] + shrinkage);
    }

    private static double baseline(Row r, Map<Integer, double[]> userSums, Map<Integer, double[]> itemSums, double globalMean) {
        return mean(userSums, r.user(), globalMean, 0) + mean(itemSums, r.movie(), 0, 5);
    }

    private static double rmse(List<Row> rows, ToDoubleFunction<Row> prediction) {
        double sum = 0;
        for (Row r : rows) {
            double error = prediction.applyAsDouble(r) - r.rating();
            sum += error * error;
        }
        return Math.sqrt(sum / rows.size());
    }

    @Test
    void reportsProgressUpToTheTotal() throws IOException {
        List<Long> reports = new ArrayList<>();
        new SyntheticMovieLens(Options.defaults().withSize(700, 2_000, 200_000)).generate(dir, reports::add);
        assertThat(reports).isSorted().hasSizeGreaterThanOrEqualTo(3);
        assertThat(reports.get(reports.size() - 1)).isEqualTo(200_000);
        assertThat(reports.get(0)).isGreaterThanOrEqualTo(SyntheticMovieLens.PROGRESS_INTERVAL);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new Object[] {0, 10, 100L, 1, 2, 18, 0.5}, "users must be in [1, 10000000], got 0"),
                Arguments.of(new Object[] {10, 0, 100L, 1, 2, 18, 0.5}, "items must be in [1, 10000000], got 0"),
                Arguments.of(new Object[] {10, 10, 100L, 0, 2, 18, 0.5}, "minRatingsPerUser must be >= 1, got 0"),
                Arguments.of(new Object[] {10, 10, 100L, 11, 2, 18, 0.5}, "minRatingsPerUser 11 exceeds items 10"),
                Arguments.of(new Object[] {10, 100, 199L, 20, 2, 18, 0.5}, "ratings 199 is fewer than users * minRatingsPerUser = 10 * 20 = 200"),
                Arguments.of(new Object[] {10, 30, 301L, 20, 2, 18, 0.5}, "ratings 301 exceeds users * items = 10 * 30 = 300"),
                Arguments.of(new Object[] {10, 30, 200L, 20, -1, 18, 0.5}, "latentDimensions must be in [0, 256], got -1"),
                Arguments.of(new Object[] {10, 30, 200L, 20, 2, 19, 0.5}, "genres must be in [1, 18], got 19"),
                Arguments.of(new Object[] {10, 30, 200L, 20, 2, 18, Double.NaN}, "noise must be finite and >= 0, got NaN"),
                Arguments.of(new Object[] {10, 30, 200L, 20, 2, 18, -0.1}, "noise must be finite and >= 0, got -0.1"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void rejectsBadOptionsNamingTheValue(Object[] v, String message) {
        assertThatThrownBy(() -> new Options((int) v[0], (int) v[1], (long) v[2], (int) v[3], (int) v[4], (int) v[5],
                (double) v[6], 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void presetsHaveTheDocumentedScale() {
        assertThat(Options.defaults()).isEqualTo(new Options(700, 9_000, 100_000, 20, 8, 18, 0.6, 42));
        Options large = Options.ml25mScale();
        assertThat(List.of(large.users(), large.items(), large.ratings())).containsExactly(162_000, 59_000, 25_000_000L);
        assertThat(large.withSeed(5).seed()).isEqualTo(5);
        assertThat(large.withNoise(0.3).noise()).isEqualTo(0.3);
    }
}
