package org.embedrec.train;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.family.neural.RatingClassifierModel;
import org.embedrec.testing.RecommenderContract;
import org.embedrec.family.neural.RatingClassifierTrainer;

/** The rating classifier meets the recommender contract (scores are expected ratings). */
class RatingClassifierContractTest extends RecommenderContract<RatingClassifierModel> {
    @Override
    protected RatingClassifierModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        RatingClassifierTrainer.Options options = RatingClassifierTrainer.Options.defaults().withDimensions(8).withHidden(16).withDropout(0, 0).withEpochs(60)
                .withBatchSize(16).withLearningRate(0.01).withSeed(seed);
        return new RatingClassifierTrainer(options).fit(ratings, catalog);
    }
}
