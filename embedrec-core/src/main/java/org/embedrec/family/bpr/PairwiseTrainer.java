package org.embedrec.family.bpr;

import java.util.Optional;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.Recommender;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.OptionTable;

/**
 * What the two BPR trainers share: they learn from the positive interactions of
 * {@link BprTrainer.Options#positiveThreshold()}, and validation reports NDCG@10 and AUC on (a seeded
 * sample of at most {@link org.embedrec.eval.ValidationRanking#DEFAULT_USERS} users of) the validation
 * part after every epoch; with a positive {@code patience} (the default but for {@code bpr-tutorial}),
 * training stops when the {@linkplain #monitor() monitored} one has not improved for that many epochs
 * (after a {@linkplain #warmupEpochs() warm-up}) and keeps the best epoch.
 *
 * @param <M> the model it fits
 */
abstract class PairwiseTrainer<M extends Recommender> extends EpochTrainer<BprTrainer.Options, M> {
    PairwiseTrainer(BprTrainer.Options options, OptionTable<BprTrainer.Options> table) {
        super(options, table);
    }

    @Override
    public Optional<PositiveThreshold> positiveThreshold() {
        return Optional.of(options().positiveThreshold());
    }

    /** A factor row per user and per item, an item bias and the genre (tag) vectors. */
    @Override
    protected double parameterCount(int users, int items) {
        return ((double) users + items) * (options().dimensions() + 1) + 1024.0 * options().tagDimensions();
    }

    /** A user, a positive and a negative row with their gradients, twice over. */
    @Override
    protected double bytesPerExample() {
        return 48.0 * (options().dimensions() + options().tagDimensions() + 1);
    }

    /**
     * The validation figure each model is stopped on is the one its sampling optimizes. Uniform (and
     * popularity) negatives make the BPR loss a smooth surrogate of the AUC (Rendle et al. 2009), and on
     * ml-latest-small the validation AUC of {@code bpr} climbs smoothly to its plateau while its
     * validation NDCG@10 (a few relevant items per user) jumps by ±0.01 from epoch to epoch, which stopped
     * runs at epoch 8 of 14. WARP negatives push relevant items into the top of the list at the cost of the
     * AUC (Weston et al. 2011), whose validation AUC of {@code bpr-warp} peaks at epoch 4 and falls while
     * the top 10 still improves: they are watched by NDCG@10.
     */
    @Override
    protected String monitor() {
        return monitor(options());
    }

    static String monitor(BprTrainer.Options options) {
        return options.negatives() == NegativeSampling.WARP ? PairwiseObjective.MONITOR_NDCG : PairwiseObjective.MONITOR_AUC;
    }

    /**
     * Epochs early stopping never keeps: the first epoch learns the item popularity (through the item
     * bias, before the factors have grown), a strong top 10, and the next few trade it for personal
     * rankings that are worse at first. On ml-latest-small (user:0.2, seed 42) {@code bpr}'s validation
     * NDCG@10 is 0.068 after epoch 1, 0.048 to 0.064 in epochs 2 to 7 and first higher in epoch 9 (the
     * test part's follows: 0.157, then 0.113 to 0.149, then 0.173 in epoch 8), so without a warm-up a
     * patience of 3 keeps the epoch-1 model, no better than most popular.
     */
    static final int WARMUP_EPOCHS = 4;

    @Override
    protected int warmupEpochs() {
        return WARMUP_EPOCHS;
    }
}
