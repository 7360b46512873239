package org.embedrec.family.ials;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** iALS meets the recommender contract. */
class IalsContractTest extends RecommenderContract<IalsModel> {
    @Override
    protected IalsModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        return new IalsTrainer(IalsTrainer.Options.defaults().withDimensions(4).withUnobservedWeight(0.5).withRegularization(0.1)
                .withSolver(IalsTrainer.Solver.EXACT).withSeed(seed)).fit(ratings, catalog);
    }
}
