package org.embedrec.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Generates a synthetic rating data set with a planted, learnable structure and writes it in the
 * MovieLens CSV release layout: {@code ratings.csv} ({@code userId,movieId,rating,timestamp}),
 * {@code movies.csv} ({@code movieId,title,genres}, titles quoted where they contain commas or
 * quotes) and a {@code README.txt} that says the data is synthetic and records the options.
 *
 * <h2>The planted model</h2>
 * <ul>
 *   <li><b>Items</b> have a Zipf-Mandelbrot popularity {@code (rank + 1 + n/100)^-1.2} over a random
 *       rank order (at the default scale the top 1% of items get 17% of the ratings; ml-latest-small
 *       16%), 1-6 of the 18 MovieLens genres drawn by their real prevalence (about 0.2% have
 *       {@code (no genres listed)}), a bias {@code b_i ~ N(0, 0.4²)} and latent factors {@code q_i}.
 *   <li><b>Users</b> give at least {@code minRatingsPerUser} ratings and a log-normal share of the
 *       rest (a heavy tail, as in MovieLens), and have a bias {@code b_u ~ N(0, 0.45²)}, latent
 *       factors {@code p_u} and a genre affinity {@code a_ug ~ N(0, 0.35²)} per genre.
 *   <li><b>Which</b> items a user rates: distinct items drawn without replacement, a quarter by
 *       popularity alone and the rest from a genre chosen with weight
 *       {@code genre popularity × exp(2 a_ug)}, so the rated set itself carries the user's genre
 *       taste (useful for implicit-feedback models).
 *   <li><b>Ratings</b>: {@code clip(round(3.6 + b_u + b_i + p_u·q_i + Σ_{g∈i} a_ug / sqrt(|g_i|)
 *       + ε), 0.5, 5)} with {@code ε ~ N(0, noise²)}, rounded to half stars for half of the users and
 *       to whole stars for the others. As in MovieLens, 4.0 is the most common rating, the mean is
 *       about 3.55 and the standard deviation about 1.0. Factor entries have variance
 *       {@code 0.6 / sqrt(d)} so that {@code p_u·q_i} has a standard deviation of 0.6 whatever the
 *       dimension {@code d}.
 *   <li><b>Timestamps</b> are strictly increasing per user, uniform over an active period that is
 *       log-uniform between ten minutes and the whole 1996-2018 span.
 * </ul>
 * So biases explain part of the variance and a matrix factorization can explain the taste part as
 * well; noise and rounding set the floor no model can beat. At the default scale (as sparse as
 * ml-latest-small) an 80/20 random split gives RMSE ≈ 1.03 for the global mean, ≈ 0.88 for biases
 * and ≈ 0.84 for a rank-8 ALS factorization (ml-latest-small: 1.07 and 0.90 for the first two).
 *
 * <p>Files are written in one streaming pass: per user, items are drawn with Fenwick-tree samplers
 * (O(log n) per draw; repeats are drawn again, or removed from the samplers for heavy users) and
 * lines are formatted straight into a byte buffer, so memory depends on the catalog and the largest
 * user, not on the number of ratings (ML-25M scale runs in about 150 MB). Output is deterministic:
 * the same options (seed included) give byte-identical files with the same embedrec version.
 */
public final class SyntheticMovieLens {
    /** File name of the ratings, as in MovieLens releases. */
    public static final String RATINGS_FILE = "ratings.csv";
    /** File name of the movies, as in MovieLens releases. */
    public static final String MOVIES_FILE = "movies.csv";
    /** File name of the description. */
    public static final String README_FILE = "README.txt";
    /** Standard deviation of the latent part {@code p_u·q_i} of the taste. */
    static final double LATENT_TASTE_SD = 0.6;
    /** The progress callback is told at most once per this many ratings (and at the end). */
    static final long PROGRESS_INTERVAL = 1 << 16;

    private final Options options;

    /** A generator for the given options. */
    public SyntheticMovieLens(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options this generator uses. */
    public Options options() {
        return options;
    }

    /** Generates the data set into {@code directory}; see {@link #generate(Path, LongConsumer)}. */
    public Summary generate(Path directory) throws IOException {
        return generate(directory, written -> { });
    }

    /**
     * Generates the data set into {@code directory} (created if needed; files of the same names are
     * replaced).
     *
     * @param progress told the number of ratings written so far, every {@value #PROGRESS_INTERVAL}
     *     ratings or so and once at the end with the total
     * @return what was written
     */
    public Summary generate(Path directory, LongConsumer progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        Files.createDirectories(directory);
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom itemRandom = root.split();
        SplittableRandom activityRandom = root.split();
        SplittableRandom userRandom = root.split();
        double factorSd = options.latentDimensions() == 0 ? 0
                : Math.sqrt(LATENT_TASTE_SD / Math.sqrt(options.latentDimensions()));

        SyntheticItems items = SyntheticItems.generate(options, factorSd, itemRandom);
        writeMovies(directory.resolve(MOVIES_FILE), items);
        int[] counts = UserActivity.counts(options, activityRandom);
        SyntheticUsers users = new SyntheticUsers(items, options, factorSd);
        try (AsciiLineWriter out = new AsciiLineWriter(Files.newOutputStream(directory.resolve(RATINGS_FILE)))) {
            out.text("userId,movieId,rating,timestamp\n");
            long reported = 0;
            for (int user = 0; user < counts.length; user++) {
                // A split stream per user keeps each user's draws independent of how the others went.
                users.writeUser(user + 1, counts[user], userRandom.split(), out);
                if (users.ratingsWritten() - reported >= PROGRESS_INTERVAL) {
                    reported = users.ratingsWritten();
                    progress.accept(reported);
                }
            }
        }
        progress.accept(users.ratingsWritten());
        Files.writeString(directory.resolve(README_FILE), readme(), StandardCharsets.UTF_8);
        return new Summary(directory, options.users(), options.items(), users.ratingsWritten(),
                users.ratedItems(), users.meanRating());
    }

    private static void writeMovies(Path file, SyntheticItems items) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("movieId,title,genres\n");
            for (int item = 0; item < items.count; item++) {
                out.write(Integer.toString(items.movieIds[item]));
                out.write(',');
                out.write(csvField(items.titles[item]));
                out.write(',');
                out.write(items.genreField(item));
                out.write('\n');
            }
        }
    }

    /** RFC 4180 quoting, as MovieLens does: quote a field with a comma or quote, double inner quotes. */
    static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private String readme() {
        return """
                Synthetic MovieLens-style data set
                ==================================

                These ratings are NOT MovieLens data. Every user, movie, title and rating was drawn
                at random by embedrec (org.embedrec.synth.SyntheticMovieLens) from a planted model:
                user and item biases, genre tastes and %d latent taste dimensions, plus noise.
                Use it to test and time code; report results on real data.

                Files follow the MovieLens CSV release layout (UTF-8, one header line):
                  ratings.csv  userId,movieId,rating,timestamp  (half stars 0.5-5.0, seconds since 1970)
                  movies.csv   movieId,title,genres             (genres joined by '|')

                Options
                -------
                users=%d
                items=%d
                ratings=%d
                minRatingsPerUser=%d
                latentDimensions=%d
                genres=%d
                noise=%s
                seed=%d

                The same options and seed give byte-identical files.
                """.formatted(options.latentDimensions(), options.users(), options.items(), options.ratings(),
                options.minRatingsPerUser(), options.latentDimensions(), options.genres(),
                Double.toString(options.noise()), options.seed());
    }

    /**
     * A standard normal draw by Marsaglia's polar method. {@link StrictMath} keeps it bit-for-bit
     * reproducible on every platform, which the determinism promise needs.
     */
    static double gaussian(SplittableRandom random) {
        double x;
        double y;
        double s;
        do {
            x = 2 * random.nextDouble() - 1;
            y = 2 * random.nextDouble() - 1;
            s = x * x + y * y;
        } while (s >= 1 || s == 0);
        return x * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /**
     * What a generator run wrote.
     *
     * @param directory where the files are
     * @param users number of users (all have at least {@code minRatingsPerUser} ratings)
     * @param items number of movies in {@code movies.csv}
     * @param ratings number of lines in {@code ratings.csv} after the header
     * @param ratedItems movies with at least one rating (the long tail leaves some unrated, as in MovieLens)
     * @param meanRating mean of the written ratings
     */
    public record Summary(Path directory, int users, int items, long ratings, int ratedItems, double meanRating) {
    }

    /**
     * Size and shape of a synthetic data set.
     *
     * @param users number of users, ids 1..users
     * @param items number of movies in the catalog (some of the long tail may get no rating)
     * @param ratings exact number of ratings
     * @param minRatingsPerUser every user rates at least this many distinct movies (MovieLens: 20)
     * @param latentDimensions dimensions of the planted latent taste (0: biases and genres only)
     * @param genres how many of the 18 MovieLens genres to use, most common first
     * @param noise standard deviation of the rating noise, in stars; the RMSE floor of any model
     * @param seed random seed; equal options give byte-identical files
     */
    public record Options(int users, int items, long ratings, int minRatingsPerUser, int latentDimensions,
                          int genres, double noise, long seed) {
        /** Largest number of users (memory grows with it). */
        public static final int MAX_USERS = 10_000_000;
        /** Largest number of items (memory grows with it). */
        public static final int MAX_ITEMS = 10_000_000;
        /** Largest number of latent dimensions. */
        public static final int MAX_LATENT_DIMENSIONS = 256;
        /** Default seed of the presets. */
        public static final long DEFAULT_SEED = 42;

        /** Validates every value; messages name the offending one. */
        public Options {
            if (users < 1 || users > MAX_USERS) {
                throw new IllegalArgumentException("users must be in [1, " + MAX_USERS + "], got " + users);
            }
            if (items < 1 || items > MAX_ITEMS) {
                throw new IllegalArgumentException("items must be in [1, " + MAX_ITEMS + "], got " + items);
            }
            if (minRatingsPerUser < 1) {
                throw new IllegalArgumentException("minRatingsPerUser must be >= 1, got " + minRatingsPerUser);
            }
            if (minRatingsPerUser > items) {
                throw new IllegalArgumentException("minRatingsPerUser " + minRatingsPerUser
                        + " exceeds items " + items + ": a user rates each movie at most once");
            }
            if (ratings < (long) users * minRatingsPerUser) {
                throw new IllegalArgumentException("ratings " + ratings + " is fewer than users * minRatingsPerUser = "
                        + users + " * " + minRatingsPerUser + " = " + (long) users * minRatingsPerUser);
            }
            if (ratings > (long) users * items) {
                throw new IllegalArgumentException("ratings " + ratings + " exceeds users * items = " + users + " * "
                        + items + " = " + (long) users * items + ": a user rates each movie at most once");
            }
            if (latentDimensions < 0 || latentDimensions > MAX_LATENT_DIMENSIONS) {
                throw new IllegalArgumentException("latentDimensions must be in [0, " + MAX_LATENT_DIMENSIONS
                        + "], got " + latentDimensions);
            }
            int knownGenres = SyntheticItems.GENRES_BY_PREVALENCE.size();
            if (genres < 1 || genres > knownGenres) {
                throw new IllegalArgumentException("genres must be in [1, " + knownGenres + "], got " + genres);
            }
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
            }
        }

        /**
         * The scale of ml-latest-small: 700 users, 9,000 movies, 100,000 ratings, at least 20 per
         * user, 8 latent dimensions, all 18 genres, noise 0.6, seed {@value #DEFAULT_SEED}.
         */
        public static Options defaults() {
            return new Options(700, 9_000, 100_000, 20, 8, 18, 0.6, DEFAULT_SEED);
        }

        /** The scale of ml-25m: 162,000 users, 59,000 movies, 25,000,000 ratings; the rest as {@link #defaults()}. */
        public static Options ml25mScale() {
            return defaults().withSize(162_000, 59_000, 25_000_000);
        }

        /** These options with another seed. */
        public Options withSeed(long newSeed) {
            return new Options(users, items, ratings, minRatingsPerUser, latentDimensions, genres, noise, newSeed);
        }

        /** These options with another size. */
        public Options withSize(int newUsers, int newItems, long newRatings) {
            return new Options(newUsers, newItems, newRatings, minRatingsPerUser, latentDimensions, genres, noise, seed);
        }

        /** These options with another noise level. */
        public Options withNoise(double newNoise) {
            return new Options(users, items, ratings, minRatingsPerUser, latentDimensions, genres, newNoise, seed);
        }
    }
}
