package org.embedrec.family.bpr;

import java.util.Optional;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.Recommender;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.OptionTable;

/**
 * What the two BPR trainers share: they learn from the positive interactions of
 * {@link BprTrainer.Options#positiveThreshold()}, and validation reports NDCG@10 on (a seeded sample
 * of at most {@link org.embedrec.eval.ValidationRanking#DEFAULT_USERS} users of) the validation part
 * after every epoch; with a positive {@code patience} (the default but for {@code bpr-tutorial}),
 * training stops when it has not improved for that many epochs and keeps the best epoch.
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

    @Override
    protected String monitor() {
        return PairwiseObjective.MONITOR;
    }
}
