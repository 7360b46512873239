package org.embedrec.family.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.model.ItemFoldInRecommender.LatentItem;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ALS-WR item solve for a new item against the dense ridge regression, built and solved by EJML. */
class AlsItemFoldInTest {
    private static final int USERS = 40;
    private static final int DIM = 4;
    private static final double LAMBDA = 0.08;
    private static final float MEAN = 3.6f;

    private static AlsModel randomModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int items = 10;
        int[] counts = new int[items];
        Arrays.fill(counts, 3);
        ModelInfo info = new ModelInfo(AlsModel.KIND, Map.of(), new Provenance("test", null, null, 0, false, null,
                Provenance.CURRENT_VERSION, RatingScale.between(1f, 5f)), List.of(), Map.of());
        return new AlsModel(new TrainingFacts(RatingFixtures.ids("u", USERS), ItemCatalog.untitled(RatingFixtures.ids("i",
                items)), counts, info), DIM, table(random, USERS * DIM), table(random, items * DIM), table(random, USERS),
                table(random, items), MEAN, LAMBDA);
    }

    private static float[] table(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextDouble() * 1.6 - 0.8);
        }
        return values;
    }

    /**
     * Minimizes {@code Σ_k (r_k − μ − b_u − b − p_u · q)² + λ n (|q|² + b²)}: the normal equations
     * {@code (XᵀX + λn I) [q; b] = Xᵀ y} with rows {@code X_k = [p_u, 1]}. 20 raters (more than the
     * unknowns: the primal solve) and 3 (fewer: the dual solve).
     */
    @ParameterizedTest
    @ValueSource(ints = {20, 3})
    void itemSolveMatchesDenseRidgeRegression(int raters) {
        AlsModel model = randomModel(raters);
        SplittableRandom random = new SplittableRandom(raters + 100);
        int[] users = random.ints(0, USERS).distinct().limit(raters).toArray();
        float[] ratings = new float[raters];
        for (int k = 0; k < raters; k++) {
            ratings[k] = 1 + 0.5f * random.nextInt(9);
        }
        LatentItem solved = model.foldInItem(users, ratings);

        DMatrixRMaj x = new DMatrixRMaj(raters, DIM + 1);
        DMatrixRMaj y = new DMatrixRMaj(raters, 1);
        for (int k = 0; k < raters; k++) {
            float[] p = model.userVector(users[k]);
            for (int j = 0; j < DIM; j++) {
                x.set(k, j, p[j]);
            }
            x.set(k, DIM, 1);
            y.set(k, 0, ratings[k] - MEAN - model.userBias(users[k]));
        }
        DMatrixRMaj lhs = new DMatrixRMaj(DIM + 1, DIM + 1);
        CommonOps_DDRM.multTransA(x, x, lhs);
        for (int j = 0; j <= DIM; j++) {
            lhs.add(j, j, LAMBDA * raters);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(DIM + 1, 1);
        CommonOps_DDRM.multTransA(x, y, rhs);
        DMatrixRMaj expected = new DMatrixRMaj(DIM + 1, 1);
        assertThat(CommonOps_DDRM.solve(lhs, rhs, expected)).isTrue();
        for (int j = 0; j < DIM; j++) {
            assertThat((double) solved.factors()[j]).as("factor %d", j).isCloseTo(expected.get(j, 0), within(1e-5));
        }
        assertThat((double) solved.bias()).as("bias").isCloseTo(expected.get(DIM, 0), within(1e-5));
    }

    /** {@code score} of the trained parameters is {@code predict}. */
    @Test
    void scoreOfTrainedParametersIsThePrediction() {
        AlsModel model = randomModel(5);
        for (int user = 0; user < 5; user++) {
            for (int item = 0; item < 10; item++) {
                assertThat(model.score(model.latentUser(user), model.latentItem(item)))
                        .isCloseTo(model.predict(user, item), within(1e-5f));
            }
        }
    }
}
