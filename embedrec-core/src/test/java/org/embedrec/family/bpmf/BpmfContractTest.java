package org.embedrec.family.bpmf;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** BPMF meets the recommender contract. */
class BpmfContractTest extends RecommenderContract<BpmfModel> {
    @Override
    protected BpmfModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        return new BpmfTrainer(BpmfTrainer.Options.defaults().withDimensions(4).withSamples(60).withBurnIn(20)
                .withKeptSamples(8).withSeed(seed)).fit(ratings, catalog);
    }
}
