package org.embedrec.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The item side of the planted model: ids, titles, years, genres, popularity weights, biases and
 * latent factors of every movie. Built once, read-only afterwards.
 */
final class SyntheticItems {
    /** The 18 MovieLens genres, most common first; {@code Options.genres()} takes a prefix. */
    static final List<String> GENRES_BY_PREVALENCE = List.of(
            "Drama", "Comedy", "Thriller", "Romance", "Action", "Adventure", "Crime", "Horror", "Sci-Fi",
            "Fantasy", "Children", "Mystery", "Documentary", "Animation", "Musical", "War", "Western", "Film-Noir");
    /** The genres field of an item without genres, as MovieLens writes it. */
    static final String NO_GENRES = "(no genres listed)";

    /** Genre counts in ml-latest-small, aligned with {@link #GENRES_BY_PREVALENCE}. */
    private static final int[] GENRE_PREVALENCE = {
            4365, 3315, 1729, 1545, 1545, 1117, 1100, 877, 792, 654, 583, 543, 495, 447, 394, 367, 168, 133};
    /** Cumulative share of items with 1, 2, ... 6 genres (ml-latest-small: mean 2.2). */
    private static final double[] GENRES_PER_ITEM_CUMULATIVE = {0.31, 0.64, 0.87, 0.96, 0.99, 1.0};
    /**
     * Popularity is Zipf-Mandelbrot: weight ∝ (rank + 1 + offset)^-exponent with offset = 1% of the
     * catalog. With exponent 1.2 the top 1% / 10% / 20% of items draw about 21% / 63% / 76% of the
     * ratings, close to ml-latest-small (16% / 60% / 77%); plain Zipf (offset 0) is far too steep
     * at the top.
     */
    private static final double POPULARITY_EXPONENT = 1.2;
    private static final double POPULARITY_OFFSET_SHARE = 0.01;
    /** Weight of the most popular item; integer weights keep the sampler exact (see FenwickSampler). */
    private static final double TOP_WEIGHT = 0x1p32;
    static final double ITEM_BIAS_SD = 0.4;
    private static final int NEWEST_YEAR = 2018;
    private static final int OLDEST_YEAR = 1915;
    private static final double MEAN_AGE_YEARS = 18;
    private static final double MISSING_YEAR_SHARE = 0.003;

    final int count;
    final int[] movieIds;
    final String[] titles;
    /** Genre indices (into GENRES_BY_PREVALENCE) per item; empty for "(no genres listed)". */
    final int[][] genres;
    /** 1/sqrt(number of genres), 0 without genres: keeps the genre part of the taste at one scale. */
    final double[] genreScale;
    final long[] popularity;
    final double[] bias;
    /** Latent factors, item-major: item i owns {@code [i * dimensions, (i + 1) * dimensions)}. */
    final double[] factors;

    private SyntheticItems(int count, int dimensions) {
        this.count = count;
        movieIds = new int[count];
        titles = new String[count];
        genres = new int[count][];
        genreScale = new double[count];
        popularity = new long[count];
        bias = new double[count];
        factors = new double[count * dimensions];
    }

    static SyntheticItems generate(SyntheticMovieLens.Options options, double factorSd, SplittableRandom random) {
        int n = options.items();
        int dimensions = options.latentDimensions();
        SyntheticItems items = new SyntheticItems(n, dimensions);
        boolean[] withoutGenres = chooseItemsWithoutGenres(n, random);
        int[] rank = shuffledRanks(n, random);
        double offset = Math.max(1.0, POPULARITY_OFFSET_SHARE * n);
        int movieId = 0;
        for (int item = 0; item < n; item++) {
            // Ids increase with gaps, as in MovieLens, so that nobody can mistake an id for an index.
            movieId += 1 + (random.nextInt(4) == 0 ? random.nextInt(8) : 0);
            items.movieIds[item] = movieId;
            items.titles[item] = SyntheticTitles.title(random) + yearSuffix(random);
            items.genres[item] = withoutGenres[item] ? new int[0] : drawGenres(options.genres(), random);
            int genreCount = items.genres[item].length;
            items.genreScale[item] = genreCount == 0 ? 0 : 1 / StrictMath.sqrt(genreCount);
            double relative = StrictMath.pow((1 + offset) / (rank[item] + 1 + offset), POPULARITY_EXPONENT);
            items.popularity[item] = Math.max(1, Math.round(TOP_WEIGHT * relative));
            items.bias[item] = ITEM_BIAS_SD * SyntheticMovieLens.gaussian(random);
            for (int d = 0; d < dimensions; d++) {
                items.factors[item * dimensions + d] = factorSd * SyntheticMovieLens.gaussian(random);
            }
        }
        return items;
    }

    /** The genres field: names sorted alphabetically and joined by '|', as MovieLens writes them. */
    String genreField(int item) {
        if (genres[item].length == 0) {
            return NO_GENRES;
        }
        List<String> names = new ArrayList<>(genres[item].length);
        for (int g : genres[item]) {
            names.add(GENRES_BY_PREVALENCE.get(g));
        }
        names.sort(null);
        return String.join("|", names);
    }

    /** About 0.2% of items, at least one in catalogs of 100 or more (ml-latest-small: 18 of 9,125). */
    private static boolean[] chooseItemsWithoutGenres(int n, SplittableRandom random) {
        boolean[] chosen = new boolean[n];
        long wanted = Math.max(n >= 100 ? 1 : 0, Math.round(n * 0.002));
        for (long k = 0; k < wanted; ) {
            int item = random.nextInt(n);
            if (!chosen[item]) {
                chosen[item] = true;
                k++;
            }
        }
        return chosen;
    }

    /** A random permutation, so that popular movies are spread over the id range. */
    private static int[] shuffledRanks(int n, SplittableRandom random) {
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rank[i];
            rank[i] = rank[j];
            rank[j] = swap;
        }
        return rank;
    }

    private static String yearSuffix(SplittableRandom random) {
        if (random.nextDouble() < MISSING_YEAR_SHARE) {
            return ""; // some real titles lack a year too
        }
        int age = (int) (-MEAN_AGE_YEARS * StrictMath.log(1 - random.nextDouble()));
        return " (" + Math.max(OLDEST_YEAR, NEWEST_YEAR - age) + ")";
    }

    /** 1 to 6 distinct genres (capped by how many exist), drawn in proportion to their prevalence. */
    private static int[] drawGenres(int genreCount, SplittableRandom random) {
        double u = random.nextDouble();
        int wanted = 1;
        while (u >= GENRES_PER_ITEM_CUMULATIVE[wanted - 1]) {
            wanted++;
        }
        wanted = Math.min(wanted, genreCount);
        long prevalenceTotal = 0;
        for (int g = 0; g < genreCount; g++) {
            prevalenceTotal += GENRE_PREVALENCE[g];
        }
        boolean[] taken = new boolean[genreCount];
        int[] drawn = new int[wanted];
        for (int k = 0; k < wanted; ) {
            long r = random.nextLong(prevalenceTotal);
            int g = 0;
            while (r >= GENRE_PREVALENCE[g]) {
                r -= GENRE_PREVALENCE[g];
                g++;
            }
            if (!taken[g]) {
                taken[g] = true;
                drawn[k++] = g;
            }
        }
        Arrays.sort(drawn);
        return drawn;
    }
}
