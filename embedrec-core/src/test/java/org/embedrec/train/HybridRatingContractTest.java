package org.embedrec.train;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.HybridRatingModel;
import org.embedrec.testing.RecommenderContract;

/** The hybrid model with every item feature meets the recommender contract. */
class HybridRatingContractTest extends RecommenderContract<HybridRatingModel> {
    @Override
    protected HybridRatingModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        NeuralOptions options = NeuralOptions.builder().dimensions(8).hidden(16).dropout(0, 0).epochs(60)
                .batchSize(16).learningRate(0.01).seed(seed).build();
        return new HybridRatingTrainer(options).fit(ratings, catalog);
    }
}
