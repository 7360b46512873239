package org.embedrec.family.bpr;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** BPR matrix factorization, learning only from the checkerboard's likes (ratings ≥ 4), meets the contract. */
class BprContractTest extends RecommenderContract<BprModel> {
    @Override
    protected BprModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        BprTrainer.Options options = BprTrainer.Options.defaults().withDimensions(4).withEpochs(30).withBatchSize(16)
                .withLearningRate(0.05).withL2(0.05)
                .withSeed(seed);
        return new BprTrainer(options).fit(ratings, catalog);
    }
}
