package org.embedrec.family.knn;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** Item-kNN meets the recommender contract. */
class ItemKnnContractTest extends RecommenderContract<ItemKnnModel> {
    @Override
    protected ItemKnnModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        return new ItemKnnTrainer(ItemKnnTrainer.Options.defaults()).fit(ratings, catalog);
    }
}
