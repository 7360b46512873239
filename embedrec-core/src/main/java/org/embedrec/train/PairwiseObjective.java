package org.embedrec.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.Ratings;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.model.Recommender;

/**
 * What the two BPR objectives share: the examples (the positive training interactions), the
 * negative sampler, the mini-batch loop over sampled triplets and validation by ranking metrics.
 * A subclass supplies its parameter tables, a view of them as a model, and the gradient of one triplet.
 */
abstract class PairwiseObjective implements Trainable {
    /** Name of the validation figure early stopping watches (lower is better, so one minus NDCG). */
    static final String MONITOR = "1-ndcg@" + RankingMetrics.DEFAULT_K;

    final Ratings train;
    final Ratings positives;
    final Ratings validation;
    final BprTrainer.Options options;
    final int[] interactions;
    final NegativeSampler sampler;

    PairwiseObjective(Ratings train, Ratings validation, BprTrainer.Options options) {
        this.train = train;
        this.validation = validation;
        this.options = options;
        this.positives = options.positiveThreshold().positives(train);
        if (positives.size() == 0) {
            throw new IllegalArgumentException("no training rating is positive at threshold " + options.positiveThreshold()
                    + " (ratings range " + train.min() + " .. " + train.max() + "); lower the threshold or use 'all'");
        }
        this.interactions = train.itemCounts();
        this.sampler = new NegativeSampler(options.negatives(), options.popularityExponent(), positives, interactions);
    }

    @Override
    public int exampleCount() {
        return positives.size();
    }

    /** The model the current parameters define, sharing (not copying) them: for validation only. */
    abstract Recommender currentModel();

    /** The loss of triplet (u, i, j) plus its regularization: what {@link PairwiseWorker#accumulate} differentiates. */
    abstract double tripletObjective(int user, int positive, int negative);

    @Override
    public Map<String, Double> validate() {
        if (validation == null || validation.size() == 0) {
            return Map.of();
        }
        RankingResult result = RankingMetrics.evaluate(currentModel(), train, validation, options.positiveThreshold(),
                RankingMetrics.DEFAULT_K, options.threads());
        Map<String, Double> metrics = new LinkedHashMap<>(result.toMap());
        metrics.put(MONITOR, 1 - result.ndcg());
        return metrics;
    }

    /** One training thread: samples negatives, accumulates triplet gradients per batch, applies them. */
    abstract static class PairwiseWorker implements Trainable.Worker {
        private final PairwiseObjective objective;
        private final SplittableRandom random;
        private long step;

        PairwiseWorker(PairwiseObjective objective, long seed) {
            this.objective = objective;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public double train(int[] order, int from, int to, float rate) {
            Ratings positives = objective.positives;
            int batchSize = objective.options.batchSize();
            double lossSum = 0;
            for (int start = from; start < to; start += batchSize) {
                int end = Math.min(to, start + batchSize);
                float scale = 1f / (end - start);
                for (int k = start; k < end; k++) {
                    int row = order[k];
                    int user = positives.user(row);
                    lossSum += accumulate(user, positives.item(row), objective.sampler.sample(user, random), scale);
                }
                step++;
                flush(rate, step);
            }
            return lossSum;
        }

        /**
         * Adds {@code scale} times the gradient of {@link PairwiseObjective#tripletObjective} to the
         * buffers and returns the triplet's data loss.
         */
        abstract double accumulate(int user, int positive, int negative, float scale);

        /** Applies and clears the buffers. */
        abstract void flush(float rate, long step);
    }
}
