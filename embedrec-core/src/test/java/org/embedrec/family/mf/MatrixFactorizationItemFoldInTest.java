package org.embedrec.family.mf;

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
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.model.ItemFoldInRecommender.LatentItem;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Folding in a new item: with a linear output the item's factors and bias are the ridge regression
 * of its ratings on its raters' factors, solved here densely by EJML; with the sigmoid range the
 * result is a stationary point of the item's training objective.
 */
class MatrixFactorizationItemFoldInTest {
    private static final double L2 = 0.07;
    private static final double BIAS_L2 = 0.02;
    private static final int USERS = 40;
    private static final int DIM = 4;

    private static MatrixFactorizationModel randomModel(long seed, boolean biases, OutputRange range) {
        SplittableRandom random = new SplittableRandom(seed);
        int items = 10;
        int[] counts = new int[items];
        Arrays.fill(counts, 3);
        ModelInfo info = new ModelInfo(MatrixFactorizationModel.KIND, Map.of("l2", L2, "biasL2", BIAS_L2),
                new Provenance("test", null, null, 0, false, null, Provenance.CURRENT_VERSION, RatingScale.between(1f, 5f)),
                List.of(), Map.of());
        return new MatrixFactorizationModel(new TrainingFacts(RatingFixtures.ids("u", USERS),
                ItemCatalog.untitled(RatingFixtures.ids("i", items)), counts, info), DIM, table(random, USERS * DIM),
                table(random, items * DIM), biases ? table(random, USERS) : null, biases ? table(random, items) : null,
                range == null ? 3.5f : 0.3f, range, new MatrixFactorizationModel.FoldInL2(L2, BIAS_L2));
    }

    private static float[] table(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextDouble() * 1.6 - 0.8);
        }
        return values;
    }

    private static float[] ratings(SplittableRandom random, int count) {
        float[] ratings = new float[count];
        for (int k = 0; k < count; k++) {
            ratings[k] = 1 + 0.5f * random.nextInt(9);
        }
        return ratings;
    }

    /**
     * Minimizes {@code Σ_k (r_k − g − b_u − p_u · q − b)² + n (λ |q|² + λ_b b²)}: the normal equations
     * {@code (XᵀX + nΛ) [q; b] = Xᵀ y} with rows {@code X_k = [p_u, 1]}, built and solved by EJML.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void linearItemSolveMatchesDenseRidgeRegression(long seed) {
        MatrixFactorizationModel model = randomModel(seed, true, null);
        SplittableRandom random = new SplittableRandom(seed + 100);
        int[] users = random.ints(0, USERS).distinct().limit(20).toArray();
        float[] ratings = ratings(random, users.length);
        LatentItem solved = model.foldInItem(users, ratings);

        int n = users.length;
        DMatrixRMaj x = new DMatrixRMaj(n, DIM + 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int k = 0; k < n; k++) {
            float[] p = model.userVector(users[k]);
            for (int j = 0; j < DIM; j++) {
                x.set(k, j, p[j]);
            }
            x.set(k, DIM, 1);
            y.set(k, 0, ratings[k] - model.globalBias() - model.userBias(users[k]));
        }
        DMatrixRMaj lhs = new DMatrixRMaj(DIM + 1, DIM + 1);
        CommonOps_DDRM.multTransA(x, x, lhs);
        for (int j = 0; j < DIM; j++) {
            lhs.add(j, j, n * L2);
        }
        lhs.add(DIM, DIM, n * BIAS_L2);
        DMatrixRMaj rhs = new DMatrixRMaj(DIM + 1, 1);
        CommonOps_DDRM.multTransA(x, y, rhs);
        DMatrixRMaj expected = new DMatrixRMaj(DIM + 1, 1);
        assertThat(CommonOps_DDRM.solve(lhs, rhs, expected)).isTrue();
        for (int j = 0; j < DIM; j++) {
            assertThat((double) solved.factors()[j]).as("factor %d", j).isCloseTo(expected.get(j, 0), within(1e-5));
        }
        assertThat((double) solved.bias()).as("bias").isCloseTo(expected.get(DIM, 0), within(1e-5));
    }

    /** With the sigmoid range, the gradient of the item's objective, from the formula, is zero at the solution. */
    @Test
    void sigmoidItemSolveIsAStationaryPoint() {
        OutputRange range = new OutputRange(0.5f, 5.5f);
        MatrixFactorizationModel model = randomModel(7, true, range);
        SplittableRandom random = new SplittableRandom(8);
        int[] users = random.ints(0, USERS).distinct().limit(25).toArray();
        float[] ratings = ratings(random, users.length);
        LatentItem item = model.foldInItem(users, ratings);
        double[] gradient = new double[DIM + 1];
        for (int k = 0; k < users.length; k++) {
            float[] p = model.userVector(users[k]);
            double z = model.globalBias() + model.userBias(users[k]) + item.bias();
            for (int j = 0; j < DIM; j++) {
                z += p[j] * item.factors()[j];
            }
            double s = 1 / (1 + Math.exp(-z));
            double error = range.low() + (range.high() - range.low()) * s - ratings[k];
            double slope = (range.high() - range.low()) * s * (1 - s);
            for (int j = 0; j < DIM; j++) {
                gradient[j] += 2 * error * slope * p[j];
            }
            gradient[DIM] += 2 * error * slope;
        }
        int n = users.length;
        for (int j = 0; j < DIM; j++) {
            gradient[j] += 2 * n * L2 * item.factors()[j];
        }
        gradient[DIM] += 2 * n * BIAS_L2 * item.bias();
        for (double component : gradient) {
            assertThat(component).isCloseTo(0, within(1e-3));
        }
        assertThat(item.factors()).isNotEqualTo(new float[DIM]);
    }

    /** {@code score} of the trained parameters is {@code predict}, output function included. */
    @Test
    void scoreOfTrainedParametersIsThePrediction() {
        MatrixFactorizationModel model = randomModel(3, true, new OutputRange(1f, 5f));
        for (int user = 0; user < 5; user++) {
            for (int item = 0; item < 10; item++) {
                assertThat(model.score(model.latentUser(user), model.latentItem(item)))
                        .isCloseTo(model.predict(user, item), within(1e-5f));
            }
        }
    }
}
