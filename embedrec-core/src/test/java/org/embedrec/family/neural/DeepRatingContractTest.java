package org.embedrec.family.neural;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** The deep concatenation model meets the recommender contract. */
class DeepRatingContractTest extends RecommenderContract<DeepRatingModel> {
    @Override
    protected DeepRatingModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        DeepRatingTrainer.Options options = DeepRatingTrainer.Options.defaults().withDimensions(8).withHidden(16).withDropout(0, 0).withEpochs(60)
                .withBatchSize(16).withLearningRate(0.01).withSeed(seed);
        return new DeepRatingTrainer(options).fit(ratings, catalog);
    }
}
