package org.embedrec.family.bpr;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/**
 * BPR with genre tags meets the contract; the checkerboard's genres are random (some items have
 * none), so the item embeddings must carry the parity. Training stays short and regularized: BPR
 * treats every unrated item as a negative, and a longer fit memorizes each user's unrated items of
 * the liked parity as dislikes.
 */
class GenreBprContractTest extends RecommenderContract<GenreBprModel> {
    @Override
    protected GenreBprModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        BprTrainer.Options options = BprTrainer.Options.defaults().withDimensions(8).withTagDimensions(2).withEpochs(20)
                .withBatchSize(16).withLearningRate(0.01).withL2(0.02).withSeed(seed);
        return new GenreBprTrainer(options).fit(ratings, catalog);
    }
}
