package org.embedrec.family.bpr;

import java.util.Optional;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.Recommender;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.OptionTable;

/**
 * What the two BPR trainers share: they learn from the positive interactions of
 * {@link BprTrainer.Options#positiveThreshold()}, and validation reports the ranking metrics of
 * {@link org.embedrec.eval.RankingMetrics} (at K = 10) after every epoch; with a positive
 * {@code patience}, training stops when NDCG@10 has not improved for that many epochs and keeps the
 * best epoch.
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

    @Override
    protected String monitor() {
        return PairwiseObjective.MONITOR;
    }
}
