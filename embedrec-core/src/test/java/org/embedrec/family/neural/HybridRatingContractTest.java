package org.embedrec.family.neural;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** The hybrid model with every item feature meets the recommender contract. */
class HybridRatingContractTest extends RecommenderContract<HybridRatingModel> {
    @Override
    protected HybridRatingModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        HybridRatingTrainer.Options options = HybridRatingTrainer.Options.defaults().withDimensions(8).withHidden(16).withDropout(0, 0).withEpochs(60)
                .withBatchSize(16).withLearningRate(0.01).withSeed(seed);
        return new HybridRatingTrainer(options).fit(ratings, catalog);
    }
}
