package org.embedrec.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The user side of the planted model: draws each user's tastes, which movies they rate and when,
 * and writes their rating lines. One user at a time, reusing its buffers, so memory does not grow
 * with the number of ratings.
 */
final class SyntheticUsers {
    static final double GLOBAL_MEAN = 3.6;
    static final double USER_BIAS_SD = 0.45;
    static final double GENRE_AFFINITY_SD = 0.35;
    /** How strongly genre affinity steers which movies a user rates: weight ∝ exp(strength * affinity). */
    static final double SELECTION_STRENGTH = 2.0;
    /** Share of a user's picks drawn by popularity alone, whatever their genre tastes. */
    static final double POPULARITY_ONLY_SHARE = 0.25;
    /** Share of users who use half stars; the others round to whole stars (as in MovieLens, where 4.0 is the mode). */
    static final double HALF_STAR_USER_SHARE = 0.5;
    /** Ratings span 1996-01-01 to 2018-12-31 (UTC), seconds since the epoch. */
    static final long FIRST_TIMESTAMP = 820_454_400L;
    static final long LAST_TIMESTAMP = 1_546_214_400L;
    /** A user's active period is log-uniform between ten minutes and the whole span. */
    private static final long SHORTEST_ACTIVITY_SECONDS = 600;
    /** Repeated draws in a row after which a user's items are removed from the samplers instead. */
    static final int REJECTIONS_BEFORE_REMOVAL = 8;

    private static final byte[][] RATING_TEXT = new byte[11][];

    static {
        for (int halves = 1; halves <= 10; halves++) {
            RATING_TEXT[halves] = (halves / 2 + "." + (halves % 2 == 0 ? "0" : "5")).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final SyntheticItems items;
    private final int dimensions;
    private final int genreCount;
    private final double factorSd;
    private final double noise;
    private final FenwickSampler allItems;
    private final FenwickSampler[] itemsOfGenre;
    /** Item at each position of each genre's sampler. */
    private final int[][] genreMembers;
    /** Position of an item in the sampler of each of its genres, aligned with items.genres[item]. */
    private final int[][] genrePositions;
    private final double[] genreMass;

    private final double[] userFactors;
    private final double[] affinity;
    private final double[] sourceCumulative;
    private int[] picked = new int[0];
    private long[] times = new long[0];

    /** Id of the last user who picked each item: marks "already rated" without clearing per user. */
    private final int[] pickedBy;
    private final boolean[] rated;
    private long ratingsWritten;
    private long sumOfHalves;

    SyntheticUsers(SyntheticItems items, SyntheticMovieLens.Options options, double factorSd) {
        this.items = items;
        this.dimensions = options.latentDimensions();
        this.genreCount = options.genres();
        this.factorSd = factorSd;
        this.noise = options.noise();
        allItems = new FenwickSampler(items.popularity);
        int[] memberCount = new int[genreCount];
        for (int[] g : items.genres) {
            for (int genre : g) {
                memberCount[genre]++;
            }
        }
        genreMembers = new int[genreCount][];
        for (int g = 0; g < genreCount; g++) {
            genreMembers[g] = new int[memberCount[g]];
        }
        genrePositions = new int[items.count][];
        int[] filled = new int[genreCount];
        for (int item = 0; item < items.count; item++) {
            int[] g = items.genres[item];
            genrePositions[item] = new int[g.length];
            for (int k = 0; k < g.length; k++) {
                genrePositions[item][k] = filled[g[k]];
                genreMembers[g[k]][filled[g[k]]++] = item;
            }
        }
        itemsOfGenre = new FenwickSampler[genreCount];
        genreMass = new double[genreCount];
        for (int g = 0; g < genreCount; g++) {
            long[] weights = new long[memberCount[g]];
            for (int p = 0; p < weights.length; p++) {
                weights[p] = items.popularity[genreMembers[g][p]];
            }
            itemsOfGenre[g] = new FenwickSampler(weights);
            genreMass[g] = itemsOfGenre[g].total();
        }
        userFactors = new double[dimensions];
        affinity = new double[genreCount];
        sourceCumulative = new double[genreCount];
        rated = new boolean[items.count];
        pickedBy = new int[items.count];
    }

    /** Draws one user's {@code count} ratings and writes them, oldest first. */
    void writeUser(int userId, int count, SplittableRandom random, AsciiLineWriter out) throws IOException {
        double userBias = USER_BIAS_SD * SyntheticMovieLens.gaussian(random);
        for (int d = 0; d < dimensions; d++) {
            userFactors[d] = factorSd * SyntheticMovieLens.gaussian(random);
        }
        for (int g = 0; g < genreCount; g++) {
            affinity[g] = GENRE_AFFINITY_SD * SyntheticMovieLens.gaussian(random);
        }
        boolean halfStars = random.nextDouble() < HALF_STAR_USER_SHARE;
        pickItems(userId, count, random);
        drawTimestamps(count, random);
        for (int k = 0; k < count; k++) {
            int item = picked[k];
            int halves = ratingInHalfStars(item, userBias, halfStars, random);
            out.decimal(userId).character(',').decimal(items.movieIds[item]).character(',')
                    .bytes(RATING_TEXT[halves]).character(',').decimal(times[k]).character('\n');
            rated[item] = true;
            sumOfHalves += halves;
        }
        ratingsWritten += count;
    }

    /**
     * Picks {@code count} distinct items. Each pick first chooses a source: with probability
     * {@link #POPULARITY_ONLY_SHARE} all items, otherwise one genre, chosen in proportion to its
     * popularity mass times {@code exp(SELECTION_STRENGTH * affinity)}. The item is then drawn from
     * the source's items this user has not rated yet, in proportion to popularity; when a genre is
     * used up, from all items instead.
     *
     * <p>Two ways give that same draw. Most users rate a sliver of the catalog, so the item is drawn
     * from the full source and drawn again if the user already has it (cheap: nothing to undo). Once
     * {@value #REJECTIONS_BEFORE_REMOVAL} draws in a row are repeats (a heavy user, or a small genre
     * running dry), the user's items are taken out of the samplers and later draws cannot repeat;
     * they are put back when the user is done.
     */
    private void pickItems(int userId, int count, SplittableRandom random) {
        if (picked.length < count) {
            picked = new int[count];
        }
        double cumulative = 0;
        for (int g = 0; g < genreCount; g++) {
            cumulative += genreMass[g] * StrictMath.exp(SELECTION_STRENGTH * affinity[g]);
            sourceCumulative[g] = cumulative;
        }
        double genreTotal = cumulative;
        boolean removing = false;
        for (int k = 0; k < count; k++) {
            int genre = -1;
            if (genreTotal > 0 && random.nextDouble() >= POPULARITY_ONLY_SHARE) {
                double u = random.nextDouble() * genreTotal;
                genre = 0;
                while (genre < genreCount - 1 && u >= sourceCumulative[genre]) {
                    genre++;
                }
            }
            int item;
            int repeats = 0;
            while (true) {
                if (genre >= 0 && itemsOfGenre[genre].total() > 0) {
                    item = genreMembers[genre][itemsOfGenre[genre].sample(random)];
                } else {
                    item = allItems.sample(random);
                }
                if (pickedBy[item] != userId) {
                    break;
                }
                if (++repeats == REJECTIONS_BEFORE_REMOVAL) {
                    for (int j = 0; j < k; j++) {
                        removeFromSamplers(picked[j]);
                    }
                    removing = true;
                }
            }
            pickedBy[item] = userId;
            picked[k] = item;
            if (removing) {
                removeFromSamplers(item);
            }
        }
        if (removing) {
            for (int k = 0; k < count; k++) {
                restoreToSamplers(picked[k]);
            }
        }
        // Popular items tend to be drawn first; shuffle so that the time order carries no such artefact.
        for (int k = count - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int swap = picked[k];
            picked[k] = picked[j];
            picked[j] = swap;
        }
    }

    private void removeFromSamplers(int item) {
        allItems.remove(item);
        int[] g = items.genres[item];
        for (int j = 0; j < g.length; j++) {
            itemsOfGenre[g[j]].remove(genrePositions[item][j]);
        }
    }

    private void restoreToSamplers(int item) {
        allItems.restore(item);
        int[] g = items.genres[item];
        for (int j = 0; j < g.length; j++) {
            itemsOfGenre[g[j]].restore(genrePositions[item][j]);
        }
    }

    /** Strictly increasing timestamps, uniform over the user's active period. */
    private void drawTimestamps(int count, SplittableRandom random) {
        if (times.length < count) {
            times = new long[count];
        }
        long span = LAST_TIMESTAMP - FIRST_TIMESTAMP - count;
        double logShortest = StrictMath.log(SHORTEST_ACTIVITY_SECONDS);
        double logLongest = StrictMath.log(span);
        long active = Math.max(count, (long) StrictMath.exp(logShortest + random.nextDouble() * (logLongest - logShortest)));
        active = Math.min(active, span);
        long start = FIRST_TIMESTAMP + random.nextLong(span - active + 1);
        for (int k = 0; k < count; k++) {
            times[k] = start + random.nextLong(active + 1);
        }
        Arrays.sort(times, 0, count);
        for (int k = 1; k < count; k++) {
            if (times[k] <= times[k - 1]) {
                times[k] = times[k - 1] + 1;
            }
        }
    }

    /**
     * {@code GLOBAL_MEAN + user bias + item bias + user·item factors + (sum of the user's affinities
     * for the item's genres) / sqrt(#genres) + noise}, rounded to half stars (or whole stars for
     * users who do not use halves) and clipped to 0.5..5.
     */
    private int ratingInHalfStars(int item, double userBias, boolean halfStars, SplittableRandom random) {
        double score = GLOBAL_MEAN + userBias + items.bias[item];
        int offset = item * dimensions;
        for (int d = 0; d < dimensions; d++) {
            score += userFactors[d] * items.factors[offset + d];
        }
        double genreTaste = 0;
        for (int g : items.genres[item]) {
            genreTaste += affinity[g];
        }
        score += genreTaste * items.genreScale[item];
        score += noise * SyntheticMovieLens.gaussian(random);
        if (halfStars) {
            return (int) Math.max(1, Math.min(10, Math.round(2 * score)));
        }
        return 2 * (int) Math.max(1, Math.min(5, Math.round(score)));
    }

    long ratingsWritten() {
        return ratingsWritten;
    }

    int ratedItems() {
        int count = 0;
        for (boolean r : rated) {
            count += r ? 1 : 0;
        }
        return count;
    }

    double meanRating() {
        return ratingsWritten == 0 ? Double.NaN : sumOfHalves / (2.0 * ratingsWritten);
    }
}
