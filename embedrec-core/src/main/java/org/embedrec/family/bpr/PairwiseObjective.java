package org.embedrec.family.bpr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.Ratings;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.ValidationRanking;
import org.embedrec.model.Recommender;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.ExampleGrid;
import org.embedrec.train.Trainable;

/**
 * What the two BPR objectives share: the examples (the positive training interactions), the
 * negative sampler, the mini-batch loop over sampled triplets and validation by NDCG@10 ({@link ValidationRanking}).
 * A subclass supplies its parameter tables, a view of them as a model, and the gradient of one triplet.
 */
abstract class PairwiseObjective<M extends org.embedrec.model.Recommender> implements EpochTrainer.Objective<M> {
    /** The validation figure early stopping watches for WARP negatives (lower is better, so one minus NDCG@10). */
    static final String MONITOR_NDCG = "1-ndcg@" + RankingMetrics.DEFAULT_K;
    /** The validation figure early stopping watches for the other negatives: one minus the AUC (training items excluded). */
    static final String MONITOR_AUC = "1-auc_excluding_train";

    final Ratings train;
    final Ratings positives;
    final Ratings validation;
    final BprTrainer.Options options;
    final int[] interactions;
    final NegativeSampler sampler;
    /**
     * The examples as (user, positive item) pairs, in block order when blocked: one cache line holds
     * both, where two columns of {@link #positives} would cost two misses per example in a shuffled epoch.
     */
    final int[] examples;
    /** Example groups for the blocked ordering, or null for a full shuffle (see {@link #blockStarts()}). */
    private final int[] blockStarts;
    /** The ranking figure of the validation users, or null without any. */
    private final ValidationRanking monitor;

    PairwiseObjective(Ratings train, Ratings validation, BprTrainer.Options options) {
        this.train = train;
        this.validation = validation;
        this.options = options;
        this.positives = options.positiveThreshold().positives(train);
        if (positives.size() == 0) {
            throw new IllegalArgumentException("no training rating is positive at threshold " + options.positiveThreshold()
                    + " (ratings range " + train.min() + " .. " + train.max() + "); lower the threshold or use 'all'");
        }
        this.monitor = validation == null || validation.size() == 0 ? null : monitor(train, validation, options);
        this.interactions = train.itemCounts();
        this.sampler = new NegativeSampler(options.negatives(), options.popularityExponent(), positives, interactions);
        int side = ExampleGrid.side(train.userCount(), train.itemCount(), options.dimensions(),
                positives.size());
        int[] packed = new int[2 * positives.size()];
        ExampleGrid.Placement pack = (position, row) -> {
            packed[2 * position] = positives.user(row);
            packed[2 * position + 1] = positives.item(row);
        };
        if (side > 1) {
            this.blockStarts = ExampleGrid.blockByGrid(positives, side, pack);
        } else {
            this.blockStarts = null;
            for (int row = 0; row < positives.size(); row++) {
                pack.place(row, row);
            }
        }
        this.examples = packed;
    }

    private static ValidationRanking monitor(Ratings train, Ratings validation, BprTrainer.Options options) {
        ValidationRanking monitor = ValidationRanking.of(train, validation, options.positiveThreshold(),
                RankingMetrics.DEFAULT_K, ValidationRanking.DEFAULT_USERS, options.training().seed());
        return monitor.users().length == 0 ? null : monitor;
    }

    /**
     * At scale (see {@link ExampleGrid#side}), the positives grouped in (user block,
     * item block) cells, each cell by user: a user's factor row, Adam moments and sorted positives (for
     * the sampler's exclusion test) then stay in cache across the user's triplets of the cell, and the
     * positive items' rows across the cell. The negatives stay uniform over all items. On small data,
     * null: one full shuffle per epoch.
     *
     * <p>The cost: a mini-batch then holds a few triplets of each of a few users, whose gradients make
     * one Adam step per user row instead of one each, and its positives come from one item block, so
     * an epoch learns less than a shuffled one; per second of training it learns more, since an epoch
     * is much faster (the figures are in docs/BENCHMARKS.md, "BPR-MF at 25M").
     */
    @Override
    public int[] blockStarts() {
        return blockStarts;
    }

    /** Users own their factor rows: with threads, each user's triplets go to one thread. */
    @Override
    public int[] partitionKeys() {
        return Trainable.keys(positives.size(), example -> examples[2 * example]);
    }

    @Override
    public int exampleCount() {
        return positives.size();
    }

    /** The model the current parameters define, sharing (not copying) them: for validation only. */
    abstract Recommender currentModel();

    /** The loss of triplet (u, i, j) plus its regularization: what {@link PairwiseWorker#accumulate} differentiates. */
    abstract double tripletObjective(int user, int positive, int negative);

    /**
     * NDCG@10 and AUC on the validation part (at most {@link ValidationRanking#DEFAULT_USERS} of its users,
     * drawn with the options' seed) and one minus each, which early stopping watches; nothing without a
     * validation part or when none of its ratings is positive.
     */
    @Override
    public Map<String, Double> validate() {
        if (monitor == null) {
            return Map.of();
        }
        ValidationRanking.Figures figures = monitor.evaluate(currentModel());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("ndcg@" + monitor.k(), figures.ndcg());
        metrics.put("auc_excluding_train", figures.auc());
        metrics.put(MONITOR_NDCG, 1 - figures.ndcg());
        metrics.put(MONITOR_AUC, 1 - figures.auc());
        return metrics;
    }

    /** Draws per triplet before {@link NegativeSampling#WARP} gives up on finding a violating negative. */
    static final int WARP_TRIALS = 10;
    /** A WARP negative violates when it scores above the positive's score minus this margin. */
    static final float WARP_MARGIN = 1f;

    /** One training thread: samples negatives, accumulates triplet gradients per batch, applies them. */
    abstract static class PairwiseWorker implements Trainable.Worker {
        private final PairwiseObjective objective;
        private final SplittableRandom random;
        private long step;
        private final int[] batchUsers;
        private final int[] batchPositives;
        private final int[] batchNegatives;
        private final float[] batchWeights;
        /** Keeps the JIT from dropping the prefetching reads of {@link #touch}; its value means nothing. */
        float prefetchSink;

        PairwiseWorker(PairwiseObjective objective, long seed) {
            this.objective = objective;
            this.random = new SplittableRandom(seed);
            int batchSize = objective.options.training().batchSize();
            batchUsers = new int[batchSize];
            batchPositives = new int[batchSize];
            batchNegatives = new int[batchSize];
            batchWeights = new float[batchSize];
        }

        /**
         * Per batch: first draws every triplet's negative and reads one float of every cache line of the
         * rows the triplets will touch (see {@link #touch}), a loop of independent loads whose cache misses
         * the CPU overlaps; then brings the rows up to date ({@link #catchUp}) and accumulates the
         * gradients on rows already in cache; then applies them.
         * The negatives are drawn in the same order as one triplet at a time, so results do not change.
         */
        @Override
        public double train(int[] order, int from, int to, float rate) {
            int[] examples = objective.examples;
            NegativeSampler sampler = objective.sampler;
            int batchSize = objective.options.training().batchSize();
            boolean warp = objective.options.negatives() == NegativeSampling.WARP;
            double lossSum = 0;
            float sink = 0;
            for (int start = from; start < to; start += batchSize) {
                int count = Math.min(to - start, batchSize);
                float scale = 1f / count;
                for (int k = 0; k < count; k++) {
                    int example = 2 * order[start + k];
                    int user = examples[example];
                    int positive = examples[example + 1];
                    int negative;
                    if (warp) {
                        catchUp(user, positive);
                        negative = warpNegative(user, positive, sampler);
                        batchWeights[k] = warpWeight;
                    } else {
                        negative = sampler.sample(user, random);
                        batchWeights[k] = 1f;
                    }
                    batchUsers[k] = user;
                    batchPositives[k] = positive;
                    batchNegatives[k] = negative;
                    sink += touch(user, positive, negative);
                }
                for (int k = 0; k < count; k++) {
                    // After the prefetching loop, so that the catch-up finds its rows in cache; the rows
                    // move only in flush, so when in the step they are caught up does not change them.
                    catchUp(batchUsers[k], batchPositives[k]);
                    catchUp(batchUsers[k], batchNegatives[k]);
                    if (batchWeights[k] > 0) {
                        lossSum += accumulate(batchUsers[k], batchPositives[k], batchNegatives[k], scale * batchWeights[k]);
                    }
                }
                step++;
                flush(rate, step);
            }
            prefetchSink = sink;
            return lossSum;
        }

        /** The weight {@link #warpNegative} found for its negative: 0 when it found no violator. */
        float warpWeight;

        /**
         * A negative for (user, positive) per {@link NegativeSampling#WARP}; sets {@link #warpWeight}
         * (a triplet without a violator after {@link #WARP_TRIALS} draws gets weight 0 and is skipped;
         * its loss then counts as 0 in the epoch's training loss).
         */
        int warpNegative(int user, int positive, NegativeSampler sampler) {
            float threshold = score(user, positive) - WARP_MARGIN;
            int negative = positive;
            for (int trial = 1; trial <= WARP_TRIALS; trial++) {
                negative = sampler.sample(user, random);
                catchUp(user, negative);
                if (score(user, negative) > threshold) {
                    int items = sampler.itemCount();
                    warpWeight = (float) (Math.log(1 + (items - 1) / trial) / Math.log(items));
                    return negative;
                }
            }
            warpWeight = 0f;
            return negative;
        }

        /**
         * Brings the rows that scoring {@code item} for {@code user} reads up to date
         * ({@link org.embedrec.train.RowUpdater#catchUp}): called before they are read.
         */
        abstract void catchUp(int user, int item);

        /** Brings every parameter row up to date ({@link org.embedrec.train.RowUpdater#catchUpAll}). */
        @Override
        public abstract void settle();

        /** The model's score of {@code item} for {@code user} with the current parameters. */
        abstract float score(int user, int item);

        /**
         * Reads (without using) one float of every cache line of the parameter rows and optimizer state
         * that triplet (u, i, j) will read and write, so that their misses overlap; returns their sum
         * for {@link #prefetchSink}. Java has no prefetch instruction; this is the portable substitute.
         */
        abstract float touch(int user, int positive, int negative);

        /**
         * Adds {@code scale} times the gradient of {@link PairwiseObjective#tripletObjective} to the
         * buffers and returns the triplet's data loss.
         */
        abstract double accumulate(int user, int positive, int negative, float scale);

        /** Applies and clears the buffers. */
        abstract void flush(float rate, long step);
    }
}
