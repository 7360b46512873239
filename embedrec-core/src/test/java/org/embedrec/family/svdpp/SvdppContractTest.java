package org.embedrec.family.svdpp;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** SVD++ meets the recommender contract. */
class SvdppContractTest extends RecommenderContract<SvdppModel> {
    @Override
    protected SvdppModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        return new SvdppTrainer(SvdppTrainer.Options.defaults().withDimensions(8).withEpochs(60).withLearningRate(0.01)
                .withL2(0.005).withImplicitL2(0.005).withSeed(seed)).fit(ratings, catalog);
    }
}
