package org.embedrec.family.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/**
 * Whole-catalog scoring through the tiled item table agrees with {@code predict} item by item, on
 * catalogs spanning several tiles with a partial last one and odd widths.
 */
class MatrixFactorizationScoringTest {
    @ParameterizedTest
    @CsvSource({"1, 1100, 5, true, true", "2, 512, 64, true, false", "3, 513, 3, false, true", "4, 7, 16, false, false"})
    void scoreAllAndRankAllAgreeWithPredict(long seed, int items, int dim, boolean biases, boolean sigmoid) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 4;
        float[] userFactors = gaussians(random, users * dim);
        float[] itemFactors = gaussians(random, items * dim);
        int[] counts = new int[items];
        java.util.Arrays.fill(counts, 1);
        ModelInfo info = new ModelInfo(MatrixFactorizationModel.KIND, Map.of(), Provenance.of("test"), List.of(), Map.of());
        MatrixFactorizationModel model = new MatrixFactorizationModel(new TrainingFacts(RatingFixtures.ids("u", users),
                ItemCatalog.untitled(RatingFixtures.ids("i", items)), counts, info), dim, userFactors, itemFactors,
                biases ? gaussians(random, users) : null, biases ? gaussians(random, items) : null, 3f,
                sigmoid ? new OutputRange(0.5f, 5f) : null, MatrixFactorizationModel.FoldInL2.DEFAULT);
        float[] scores = new float[items];
        float[] ranks = new float[items];
        for (int user = 0; user < users; user++) {
            model.scoreAll(user, scores);
            model.rankAll(user, ranks);
            for (int item = 0; item < items; item++) {
                double raw = 3.0 + model.userBias(user) + model.itemBias(item);
                for (int k = 0; k < dim; k++) {
                    raw += (double) userFactors[user * dim + k] * itemFactors[item * dim + k];
                }
                assertThat((double) ranks[item]).as("rank of user %d item %d", user, item).isCloseTo(raw, within(1e-4));
                assertThat(scores[item]).as("score of user %d item %d", user, item)
                        .isCloseTo(model.predict(user, item), within(1e-5f));
            }
        }
    }

    private static float[] gaussians(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextDouble() - 0.5);
        }
        return values;
    }
}
