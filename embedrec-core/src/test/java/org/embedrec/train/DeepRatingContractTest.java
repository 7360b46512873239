package org.embedrec.train;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.DeepRatingModel;
import org.embedrec.testing.RecommenderContract;

/** The deep concatenation model meets the recommender contract. */
class DeepRatingContractTest extends RecommenderContract<DeepRatingModel> {
    @Override
    protected DeepRatingModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        NeuralOptions options = NeuralOptions.builder().dimensions(8).hidden(16).dropout(0, 0).epochs(60)
                .batchSize(16).learningRate(0.01).seed(seed).build();
        return new DeepRatingTrainer(options).fit(ratings, catalog);
    }
}
