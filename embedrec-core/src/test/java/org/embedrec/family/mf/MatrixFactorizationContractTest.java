package org.embedrec.family.mf;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.testing.RecommenderContract;

/** The biased, sigmoid-ranged matrix factorization meets the recommender contract. */
class MatrixFactorizationContractTest extends RecommenderContract<MatrixFactorizationModel> {
    @Override
    protected MatrixFactorizationModel train(Ratings ratings, ItemCatalog catalog, long seed) {
        MatrixFactorizationTrainer.Options options = MatrixFactorizationTrainer.Options.defaults()
                .withDimensions(8).withEpochs(60).withLearningRate(0.02).withL2(0.001).withSeed(seed);
        return new MatrixFactorizationTrainer(options).fit(ratings, catalog);
    }
}
