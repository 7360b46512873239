package org.embedrec.family.als;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** ALS-WR meets the recommender contract. */
class AlsContractTest extends RecommenderContract<AlsModel> {
    @Override
    protected AlsModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        return new AlsTrainer(AlsTrainer.Options.defaults().withDimensions(4).withRegularization(0.01).withSeed(seed))
                .fit(ratings, catalog);
    }
}
