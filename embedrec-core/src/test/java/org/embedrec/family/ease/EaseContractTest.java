package org.embedrec.family.ease;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** EASE meets the recommender contract. */
class EaseContractTest extends RecommenderContract<EaseModel> {
    @Override
    protected EaseModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        return new EaseTrainer(EaseTrainer.Options.defaults().withLambda(10)).fit(ratings, catalog);
    }
}
