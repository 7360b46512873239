package org.embedrec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.Recommender;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;

/**
 * The strong-generalization protocol of Liang, Krishnan, Hoffman and Jebara (2018, "Variational
 * Autoencoders for Collaborative Filtering", §4.1), which Steck (2019, EASE) and Rendle et al. (2021,
 * iALS) report on too. Models never see the evaluated users in training; they meet them only by
 * folding in part of their history:
 *
 * <ol>
 *   <li>keep the ratings above {@code ratingAbove} (3.5 on MovieLens: 4 stars and up) as binary clicks,
 *       and the users with at least {@code minRatings} (5) of them;</li>
 *   <li>shuffle those users (seeded) and hold out {@code heldOutUsers} test users and as many validation
 *       users (10,000 each on ML-20M); the others are the training users, and the items their clicks
 *       touch are the catalogue (held-out clicks on other items are dropped, as in the paper's code);</li>
 *   <li>of each held-out user with at least {@code minRatings} clicks left, {@code ⌊heldOutFraction · n⌋}
 *       (20%) random clicks are held out and the rest are the fold-in history; a user with fewer has no
 *       held-out clicks and is not scored;</li>
 *   <li>a model trained on the training users folds in each history, ranks every catalogue item not in it,
 *       and is scored on the held-out clicks by the paper's definitions:
 *       <pre>
 *   Recall@k = |top-k ∩ held out| / min(k, |held out|)
 *   NDCG@k   = Σ_{r ≤ k, item at r held out} 1/log2(r + 1)  /  Σ_{r ≤ min(k, |held out|)} 1/log2(r + 1)
 *       </pre>
 *       at Recall@20, Recall@50 and NDCG@100, averaged over the scored users. Recall is normalized by
 *       min(k, |held out|), not |held out|, so a perfect list scores 1 (this is not {@link RankingMetrics}'s recall).</li>
 * </ol>
 *
 * The protocol's popularity baseline ranks by the number of training clicks ({@link #popularity}).
 * Ties in a ranking go to the smaller item index, as everywhere in embedrec.
 */
public final class HeldOutUsersProtocol {
    /** The cut-offs of the protocol's recall. */
    public static final int[] RECALL_AT = {20, 50};
    /** The cut-off of the protocol's NDCG. */
    public static final int NDCG_AT = 100;
    /** The metric keys in table order: {@code recall@20}, {@code recall@50}, {@code ndcg@100}. */
    public static final List<String> METRICS = List.of("recall@20", "recall@50", "ndcg@100");
    /** Held-out users per part on ML-20M, and the most the default takes anywhere. */
    public static final int PUBLISHED_HELD_OUT_USERS = 10_000;

    private final Options options;

    /** The protocol with the given options. */
    public HeldOutUsersProtocol(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The protocol's settings.
     *
     * @param ratingAbove ratings strictly above this are clicks (3.5)
     * @param minRatings users need at least this many clicks to take part, and held-out users at least this
     *     many in the catalogue to be scored (5)
     * @param heldOutUsers test users, and validation users (10,000 each on ML-20M); 0 = {@link #defaultHeldOutUsers}
     * @param heldOutFraction the fraction of each scored user's clicks held out (0.2)
     * @param seed seed of the user shuffle and of the per-user hold-out
     */
    public record Options(double ratingAbove, int minRatings, int heldOutUsers, double heldOutFraction, long seed) {
        public Options {
            if (!Double.isFinite(ratingAbove)) {
                throw new IllegalArgumentException("ratingAbove must be finite, got " + ratingAbove);
            }
            if (minRatings < 1) {
                throw new IllegalArgumentException("minRatings must be >= 1, got " + minRatings);
            }
            if (heldOutUsers < 0) {
                throw new IllegalArgumentException("heldOutUsers must be >= 0 (0 = scaled to the data), got " + heldOutUsers);
            }
            if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
                throw new IllegalArgumentException("heldOutFraction must be in (0, 1), got " + heldOutFraction);
            }
        }

        /** The published settings: ratings > 3.5, users with ≥ 5, 20% held out; held-out users scaled to the data; seed 98765 as in the paper's code. */
        public static Options published() {
            return new Options(3.5, 5, 0, 0.2, 98_765);
        }

        public Options withHeldOutUsers(int value) {
            return new Options(ratingAbove, minRatings, value, heldOutFraction, seed);
        }

        public Options withSeed(long value) {
            return new Options(ratingAbove, minRatings, heldOutUsers, heldOutFraction, value);
        }

        public Options withRatingAbove(double value) {
            return new Options(value, minRatings, heldOutUsers, heldOutFraction, seed);
        }
    }

    /**
     * The held-out users of each part when none are given: 10,000 on ML-20M's 136,677 eligible users, and
     * for smaller data a tenth of the eligible users, so that training keeps 80% of them (at least 1).
     */
    public static int defaultHeldOutUsers(int eligibleUsers) {
        return Math.max(1, Math.min(PUBLISHED_HELD_OUT_USERS, eligibleUsers / 10));
    }

    /**
     * Held-out users: for each, the fold-in history (catalogue item indices, ascending, each with the click
     * value 1) and the held-out clicks (ascending; empty for a user who is not scored).
     *
     * @param ids the users' external ids
     */
    public record HeldOutUsers(List<String> ids, int[][] foldIn, int[][] heldOut) {
        public HeldOutUsers {
            if (ids.size() != foldIn.length || foldIn.length != heldOut.length) {
                throw new IllegalArgumentException("parts differ in length: " + ids.size() + " ids, " + foldIn.length
                        + " histories, " + heldOut.length + " held-out lists");
            }
        }

        /** Number of held-out users. */
        public int size() {
            return foldIn.length;
        }

        /** Number of users with held-out clicks: those that are scored. */
        public int scored() {
            int count = 0;
            for (int[] items : heldOut) {
                count += items.length > 0 ? 1 : 0;
            }
            return count;
        }
    }

    /**
     * The data of one run of the protocol.
     *
     * @param train the training users' clicks (every value 1), indexed by training users and catalogue items
     * @param catalog the catalogue: the items of {@code train}
     * @param validation the validation users
     * @param test the test users
     * @param eligibleUsers users with at least {@code minRatings} clicks
     */
    public record Data(Ratings train, ItemCatalog catalog, HeldOutUsers validation, HeldOutUsers test, int eligibleUsers) {
    }

    /**
     * Applies steps 1 to 3 to {@code ratings}.
     *
     * @throws IllegalArgumentException if fewer than {@code 2 · heldOutUsers + 1} users are eligible
     */
    public Data prepare(Ratings ratings, ItemCatalog catalog) {
        Objects.requireNonNull(ratings, "ratings");
        Objects.requireNonNull(catalog, "catalog");
        int[] clicks = new int[ratings.userCount()];
        for (int row = 0; row < ratings.size(); row++) {
            if (ratings.rating(row) > options.ratingAbove()) {
                clicks[ratings.user(row)]++;
            }
        }
        int[] eligible = IntStream.range(0, clicks.length)
                .filter(user -> clicks[user] >= options.minRatings()).toArray();
        int heldOut = options.heldOutUsers() > 0 ? options.heldOutUsers() : defaultHeldOutUsers(eligible.length);
        if (eligible.length < 2 * heldOut + 1) {
            throw new IllegalArgumentException(eligible.length + " users have at least " + options.minRatings()
                    + " ratings above " + options.ratingAbove() + ": too few to hold out " + heldOut
                    + " validation and " + heldOut + " test users and train on the rest");
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        shuffle(eligible, random.split());
        // 0 = not taking part, 1 = training, 2 = validation, 3 = test
        byte[] role = new byte[ratings.userCount()];
        for (int k = 0; k < eligible.length; k++) {
            role[eligible[k]] = (byte) (k < heldOut ? 3 : k < 2 * heldOut ? 2 : 1);
        }
        IdIndex.Builder trainUsers = IdIndex.builder();
        IdIndex.Builder trainItems = IdIndex.builder();
        int[] userOf = new int[ratings.userCount()];
        int[] itemOf = new int[ratings.itemCount()];
        Arrays.fill(userOf, -1);
        Arrays.fill(itemOf, -1);
        int trainRows = 0;
        for (int user = 0; user < role.length; user++) {
            if (role[user] == 1) {
                userOf[user] = trainUsers.add(ratings.users().id(user));
            }
        }
        for (int row = 0; row < ratings.size(); row++) {
            if (role[ratings.user(row)] == 1 && ratings.rating(row) > options.ratingAbove()) {
                trainRows++;
            }
        }
        // items in the order of the data's item index, so the catalogue keeps the data's order
        boolean[] trained = new boolean[ratings.itemCount()];
        int[] user = new int[trainRows];
        int[] item = new int[trainRows];
        int next = 0;
        for (int row = 0; row < ratings.size(); row++) {
            if (role[ratings.user(row)] == 1 && ratings.rating(row) > options.ratingAbove()) {
                trained[ratings.item(row)] = true;
            }
        }
        for (int original = 0; original < trained.length; original++) {
            if (trained[original]) {
                itemOf[original] = trainItems.add(ratings.items().id(original));
            }
        }
        for (int row = 0; row < ratings.size(); row++) {
            if (role[ratings.user(row)] == 1 && ratings.rating(row) > options.ratingAbove()) {
                user[next] = userOf[ratings.user(row)];
                item[next++] = itemOf[ratings.item(row)];
            }
        }
        float[] ones = new float[trainRows];
        Arrays.fill(ones, 1f);
        IdIndex items = trainItems.build();
        Ratings train = Ratings.of(trainUsers.build(), items, user, item, ones, null);
        HeldOutUsers validation = heldOut(ratings, role, (byte) 2, itemOf, random.split());
        HeldOutUsers test = heldOut(ratings, role, (byte) 3, itemOf, random.split());
        return new Data(train, catalog.alignedTo(items), validation, test, eligible.length);
    }

    /** The users of {@code part} in user-index order, each with a fold-in history and held-out clicks. */
    private HeldOutUsers heldOut(Ratings ratings, byte[] role, byte part, int[] itemOf, SplittableRandom random) {
        List<String> ids = new ArrayList<>();
        List<int[]> foldIn = new ArrayList<>();
        List<int[]> heldOut = new ArrayList<>();
        UserRatings byUser = ratings.byUser();
        for (int user = 0; user < role.length; user++) {
            if (role[user] != part) {
                continue;
            }
            int[] clicked = Arrays.stream(byUser.rows(user))
                    .filter(row -> ratings.rating(row) > options.ratingAbove() && itemOf[ratings.item(row)] >= 0)
                    .map(row -> itemOf[ratings.item(row)]).sorted().distinct().toArray();
            int held = clicked.length >= options.minRatings() ? (int) Math.floor(options.heldOutFraction() * clicked.length) : 0;
            int[] order = clicked.clone();
            shuffle(order, random.split());
            ids.add(ratings.users().id(user));
            foldIn.add(Arrays.stream(order, held, order.length).sorted().toArray());
            heldOut.add(Arrays.stream(order, 0, held).sorted().toArray());
        }
        return new HeldOutUsers(List.copyOf(ids), foldIn.toArray(int[][]::new), heldOut.toArray(int[][]::new));
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** Writes a held-out user's score for every catalogue item, given their fold-in history (clicks of value 1). */
    @FunctionalInterface
    public interface FoldInScorer {
        void score(int[] history, float[] out);
    }

    /** A model's fold-in as a scorer: the history's clicks given as ratings of 1. */
    public static FoldInScorer foldIn(FoldInRecommender model) {
        Objects.requireNonNull(model, "model");
        return (history, out) -> {
            float[] clicks = new float[history.length];
            Arrays.fill(clicks, 1f);
            model.scoreNewUser(history, clicks, out);
        };
    }

    /** The protocol's popularity baseline: every user gets the items ranked by their training clicks. */
    public static FoldInScorer popularity(Ratings train, ItemCatalog catalog) {
        Recommender popular = RankingBaselines.mostPopular(train, catalog, PositiveThreshold.ALL);
        return (history, out) -> {
            for (int item = 0; item < out.length; item++) {
                out[item] = popular.predict(0, item);
            }
        };
    }

    /**
     * Step 4: each scored user's Recall@20, Recall@50 and NDCG@100 (NaN for users without held-out clicks),
     * by {@link #METRICS} key. Users are scored on {@code threads} threads; the figures do not depend on them.
     *
     * @param items the catalogue size
     */
    public static Map<String, PerUser> evaluate(FoldInScorer scorer, HeldOutUsers users, int items, int threads) {
        Objects.requireNonNull(scorer, "scorer");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = users.size();
        double[][] values = new double[METRICS.size()][n];
        for (double[] metric : values) {
            Arrays.fill(metric, Double.NaN);
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            float[] scores = new float[items];
            boolean[] history = new boolean[items];
            boolean[] held = new boolean[items];
            for (int u = next.getAndIncrement(); u < n; u = next.getAndIncrement()) {
                int[] relevant = users.heldOut()[u];
                if (relevant.length == 0) {
                    continue;
                }
                scorer.score(users.foldIn()[u], scores);
                mark(history, users.foldIn()[u], true);
                mark(held, relevant, true);
                List<ScoredItem> top = TopN.select(scores, NDCG_AT, item -> history[item]);
                for (int m = 0; m < RECALL_AT.length; m++) {
                    int k = RECALL_AT[m];
                    int hits = 0;
                    for (int rank = 0; rank < Math.min(k, top.size()); rank++) {
                        hits += held[top.get(rank).item()] ? 1 : 0;
                    }
                    values[m][u] = (double) hits / Math.min(k, relevant.length);
                }
                values[RECALL_AT.length][u] = RankedListMetrics.of(top, item -> held[item], relevant.length, NDCG_AT).ndcg();
                mark(history, users.foldIn()[u], false);
                mark(held, relevant, false);
            }
        };
        run(worker, threads);
        Map<String, PerUser> perUser = new LinkedHashMap<>();
        for (int m = 0; m < METRICS.size(); m++) {
            perUser.put(METRICS.get(m), PerUser.of(values[m]));
        }
        return perUser;
    }

    private static void mark(boolean[] marks, int[] items, boolean value) {
        for (int item : items) {
            marks[item] = value;
        }
    }

    private static void run(Runnable worker, int threads) {
        if (threads == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "held-out-users");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(worker));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring held-out users", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("scoring held-out users failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
