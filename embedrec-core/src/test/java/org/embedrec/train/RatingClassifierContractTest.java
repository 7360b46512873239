package org.embedrec.train;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.RatingClassifierModel;
import org.embedrec.testing.RecommenderContract;

/** The rating classifier meets the recommender contract (scores are expected ratings). */
class RatingClassifierContractTest extends RecommenderContract<RatingClassifierModel> {
    @Override
    protected RatingClassifierModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        NeuralOptions options = NeuralOptions.builder().dimensions(8).hidden(16).dropout(0, 0).epochs(60)
                .batchSize(16).learningRate(0.01).seed(seed).build();
        return new RatingClassifierTrainer(options).fit(ratings, catalog);
    }
}
