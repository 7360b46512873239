package org.embedrec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Train/test splits of {@link Ratings}.
 *
 * <p>Every split returns parts that share the input's id indices (see {@link Ratings#subset(int[])}),
 * and within each part the ratings keep their original relative order. Random splits take a seed and
 * draw from their own {@link SplittableRandom}, so one seed always gives the same split and no
 * global state is involved. Fractions are turned into counts with {@link Math#round(double)} (halves
 * round up).
 *
 * <p>Which split to use: {@link #randomHoldout} estimates rating-prediction error on the data's
 * mixture of users; {@link #perUserHoldout} and {@link #leaveLastOut} keep every user in training so
 * that per-user ranking metrics are defined for all of them ({@link #stratifiedHoldout} is the same
 * with a floor on the users who give any: the validation part of early stopping); {@link #temporalCut} and
 * {@link #temporalFraction} avoid training on the future, the most honest (and hardest) setting.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * A uniformly random hold-out: exactly {@code round(n * testFraction)} of the {@code n} ratings
     * go to test, chosen by a partial Fisher-Yates shuffle of the row indices.
     *
     * @throws IllegalArgumentException if {@code testFraction} is not in the open interval (0, 1)
     */
    public static Split randomHoldout(Ratings ratings, double testFraction, long seed) {
        Objects.requireNonNull(ratings, "ratings");
        checkFraction("testFraction", testFraction);
        int n = ratings.size();
        boolean[] inTest = new boolean[n];
        int[] rows = identity(n);
        int testCount = (int) Math.round(n * testFraction);
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < testCount; k++) {
            swap(rows, k, k + random.nextInt(n - k));
            inTest[rows[k]] = true;
        }
        return byMask(ratings, inTest);
    }

    /**
     * A per-user random hold-out: a user with {@code c} ratings gets
     * {@code min(round(c * testFraction), c - 1)} of them, chosen uniformly, in test. The cap keeps
     * at least one training rating for every user, so a user with a single rating is entirely in
     * training and every test user is known to the model. Equal to
     * {@link #stratifiedHoldout stratifiedHoldout(ratings, testFraction, 1, seed)}.
     *
     * @throws IllegalArgumentException if {@code testFraction} is not in the open interval (0, 1)
     */
    public static Split perUserHoldout(Ratings ratings, double testFraction, long seed) {
        return stratifiedHoldout(ratings, testFraction, 1, seed);
    }

    /**
     * A hold-out stratified by user, as the validation part that early stopping watches: every user with
     * at least {@code minRatings} ratings holds out {@code min(round(c * fraction), c - 1)} of their
     * {@code c} ratings, chosen uniformly without replacement; a user with fewer than {@code minRatings}
     * holds out none (a user's few ratings are all their vector is learned from). So each user's share
     * of the held-out part is their share of the input, to within one rating of rounding (at a fraction
     * of 5%, a user with 10 to 29 ratings holds out 1, with 30 to 49 holds out 2, and so on; below 10,
     * rounding gives 0 anyway). The users are visited in index order and each draws from one
     * {@link SplittableRandom} of {@code seed}, so one seed always gives the same rows.
     *
     * @param fraction the share of each user's ratings to hold out, in the open interval (0, 1)
     * @param minRatings users with fewer ratings than this hold none out; at least 1
     * @return training part first, held-out part second, both in input row order
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1) or {@code minRatings < 1}
     */
    public static Split stratifiedHoldout(Ratings ratings, double fraction, int minRatings, long seed) {
        Objects.requireNonNull(ratings, "ratings");
        checkFraction("fraction", fraction);
        if (minRatings < 1) {
            throw new IllegalArgumentException("minRatings must be >= 1, got " + minRatings);
        }
        UserRatings byUser = ratings.byUser();
        boolean[] inTest = new boolean[ratings.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int user = 0; user < byUser.userCount(); user++) {
            int count = byUser.count(user);
            if (count < minRatings) {
                continue;
            }
            int testCount = (int) Math.min(Math.round(count * fraction), count - 1L);
            int[] rows = byUser.rows(user);
            for (int k = 0; k < testCount; k++) {
                swap(rows, k, k + random.nextInt(count - k));
                inTest[rows[k]] = true;
            }
        }
        return byMask(ratings, inTest);
    }

    /**
     * For each user, the {@code n} most recent ratings go to test, capped at {@code count - 1} so
     * that every user keeps at least one training rating (a user with one rating stays entirely in
     * training). Recency is by timestamp; among equal timestamps the later row counts as more recent.
     *
     * @throws IllegalArgumentException if {@code n < 1} or the ratings carry no timestamps
     */
    public static Split perUserLastN(Ratings ratings, int n) {
        Objects.requireNonNull(ratings, "ratings");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        requireTimestamps(ratings, "perUserLastN");
        UserRatings byUser = ratings.byUser();
        boolean[] inTest = new boolean[ratings.size()];
        for (int user = 0; user < byUser.userCount(); user++) {
            int count = byUser.count(user);
            int testCount = Math.min(n, count - 1);
            if (testCount <= 0) {
                continue;
            }
            // rows(user) is in row order and the sort is stable, so equal timestamps stay in row order.
            Integer[] rows = Arrays.stream(byUser.rows(user)).boxed().toArray(Integer[]::new);
            Arrays.sort(rows, (a, b) -> Long.compare(ratings.timestamp(a), ratings.timestamp(b)));
            for (int k = count - testCount; k < count; k++) {
                inTest[rows[k]] = true;
            }
        }
        return byMask(ratings, inTest);
    }

    /**
     * Leave-last-out: each user with at least two ratings has their most recent rating in test;
     * equal to {@link #perUserLastN(Ratings, int) perUserLastN(ratings, 1)}.
     *
     * @throws IllegalArgumentException if the ratings carry no timestamps
     */
    public static Split leaveLastOut(Ratings ratings) {
        return perUserLastN(ratings, 1);
    }

    /**
     * A global temporal split: ratings with {@code timestamp >= cutTimestamp} go to test, earlier
     * ones to training.
     *
     * @throws IllegalArgumentException if the ratings carry no timestamps
     */
    public static Split temporalCut(Ratings ratings, long cutTimestamp) {
        Objects.requireNonNull(ratings, "ratings");
        requireTimestamps(ratings, "temporalCut");
        boolean[] inTest = new boolean[ratings.size()];
        for (int row = 0; row < inTest.length; row++) {
            inTest[row] = ratings.timestamp(row) >= cutTimestamp;
        }
        return byMask(ratings, inTest);
    }

    /**
     * A global temporal split at a timestamp quantile: with {@code t = round(n * testFraction)}, the
     * cut is the timestamp of the {@code t}-th most recent rating and {@link #temporalCut} is applied
     * to it. Ratings tied with the cut timestamp all go to test, so the test part holds at least
     * {@code t} ratings (more only when there are ties at the cut); when {@code t} is 0 it is empty.
     *
     * @throws IllegalArgumentException if {@code testFraction} is not in the open interval (0, 1) or
     *     the ratings carry no timestamps
     */
    public static Split temporalFraction(Ratings ratings, double testFraction) {
        Objects.requireNonNull(ratings, "ratings");
        checkFraction("testFraction", testFraction);
        requireTimestamps(ratings, "temporalFraction");
        int n = ratings.size();
        int testCount = (int) Math.round(n * testFraction);
        if (testCount == 0) {
            return byMask(ratings, new boolean[n]);
        }
        long[] timestamps = new long[n];
        for (int row = 0; row < n; row++) {
            timestamps[row] = ratings.timestamp(row);
        }
        Arrays.sort(timestamps);
        return temporalCut(ratings, timestamps[n - testCount]);
    }

    /**
     * K-fold cross-validation: the rows are shuffled and dealt round-robin into {@code k} disjoint
     * test folds, so every row is in exactly one test fold and fold sizes differ by at most one.
     * Split {@code f} has fold {@code f} as test and all other rows as training.
     *
     * @throws IllegalArgumentException if {@code k < 2} or {@code k} exceeds the number of ratings
     */
    public static List<Split> kFold(Ratings ratings, int k, long seed) {
        Objects.requireNonNull(ratings, "ratings");
        if (k < 2) {
            throw new IllegalArgumentException("k must be >= 2, got " + k);
        }
        int n = ratings.size();
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " exceeds the number of ratings (" + n + ")");
        }
        int[] rows = identity(n);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            swap(rows, i, random.nextInt(i + 1));
        }
        int[] foldOf = new int[n];
        for (int position = 0; position < n; position++) {
            foldOf[rows[position]] = position % k;
        }
        List<Split> folds = new ArrayList<>(k);
        for (int fold = 0; fold < k; fold++) {
            boolean[] inTest = new boolean[n];
            for (int row = 0; row < n; row++) {
                inTest[row] = foldOf[row] == fold;
            }
            folds.add(byMask(ratings, inTest));
        }
        return List.copyOf(folds);
    }

    /** Splits rows by the mask, keeping row order within each part. */
    private static Split byMask(Ratings ratings, boolean[] inTest) {
        int testCount = 0;
        for (boolean test : inTest) {
            testCount += test ? 1 : 0;
        }
        int[] trainRows = new int[inTest.length - testCount];
        int[] testRows = new int[testCount];
        int trainSize = 0;
        int testSize = 0;
        for (int row = 0; row < inTest.length; row++) {
            if (inTest[row]) {
                testRows[testSize++] = row;
            } else {
                trainRows[trainSize++] = row;
            }
        }
        return new Split(ratings.subset(trainRows), ratings.subset(testRows));
    }

    private static void checkFraction(String name, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + fraction);
        }
    }

    private static void requireTimestamps(Ratings ratings, String split) {
        if (!ratings.hasTimestamps()) {
            throw new IllegalArgumentException(split + " needs timestamps, but all " + ratings.size()
                    + " ratings have timestamp 0 (the data carries none)");
        }
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    private static void swap(int[] array, int i, int j) {
        int tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
    }
}
