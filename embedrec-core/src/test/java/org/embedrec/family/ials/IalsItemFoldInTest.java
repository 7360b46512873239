package org.embedrec.family.ials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ItemFoldInRecommender.LatentItem;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The iALS item solve for a new item against a naive dense weighted least squares solved by EJML. */
class IalsItemFoldInTest {
    private static final Ratings RATINGS = RatingFixtures.lowRank(5, 60, 45, 1300, 3, 0.4);
    private static final ItemCatalog CATALOG = ItemCatalog.untitled(RATINGS.items());
    private static final IalsTrainer.Options OPTIONS = IalsTrainer.Options.defaults().withDimensions(6)
            .withUnobservedWeight(0.3).withRegularization(0.05).withRegularizationExponent(0.5).withConfidence(0.4)
            .withPositiveThreshold(PositiveThreshold.atLeast(3)).withEpochs(4).withSolver(IalsTrainer.Solver.EXACT);
    private static final IalsModel MODEL = new IalsTrainer(OPTIONS).fit(RATINGS, CATALOG);

    /**
     * A new item's raters folded in give the vector minimizing, over the model's user vectors,
     * {@code Σ_u W_u (y_u − p_u · q)² + λ_i |q|²} with {@code W_u = c_u + α₀, y_u = c_u / (c_u + α₀)}
     * for a like, {@code W_u = α₀, y_u = 0} for every other user (raters below the threshold
     * included), and {@code λ_i = λ (likes + α₀ |U|)^ν}: the training objective in q up to a constant.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void itemSolveMatchesDenseWeightedLeastSquares(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int userCount = MODEL.users().size();
        int[] users = random.ints(0, userCount).distinct().limit(20).toArray();
        float[] ratings = new float[users.length];
        for (int k = 0; k < ratings.length; k++) {
            ratings[k] = 1 + random.nextInt(5);
        }
        float[] solved = MODEL.foldInItem(users, ratings).factors();

        int dim = MODEL.dimensions();
        double alpha0 = OPTIONS.unobservedWeight();
        double[] weight = new double[userCount];
        double[] target = new double[userCount];
        Arrays.fill(weight, alpha0);
        int likes = 0;
        for (int k = 0; k < users.length; k++) {
            if (ratings[k] >= 3) {
                double c = 1 + OPTIONS.confidence() * ratings[k];
                weight[users[k]] = c + alpha0;
                target[users[k]] = c / (c + alpha0);
                likes++;
            }
        }
        double lambda = OPTIONS.regularization() * Math.pow(likes + alpha0 * userCount, OPTIONS.regularizationExponent());
        float[] userFactors = MODEL.userFactors();
        DMatrixRMaj p = new DMatrixRMaj(userCount, dim);
        DMatrixRMaj wp = new DMatrixRMaj(userCount, dim);
        DMatrixRMaj wy = new DMatrixRMaj(userCount, 1);
        for (int u = 0; u < userCount; u++) {
            for (int a = 0; a < dim; a++) {
                p.set(u, a, userFactors[u * dim + a]);
                wp.set(u, a, weight[u] * userFactors[u * dim + a]);
            }
            wy.set(u, 0, weight[u] * target[u]);
        }
        DMatrixRMaj lhs = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.multTransA(p, wp, lhs);
        for (int a = 0; a < dim; a++) {
            lhs.add(a, a, lambda);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(dim, 1);
        CommonOps_DDRM.multTransA(p, wy, rhs);
        DMatrixRMaj expected = new DMatrixRMaj(dim, 1);
        assertThat(CommonOps_DDRM.solve(lhs, rhs, expected)).isTrue();
        assertThat(likes).isGreaterThan(5).isLessThan(users.length);
        for (int a = 0; a < dim; a++) {
            assertThat((double) solved[a]).as("component %d", a)
                    .isCloseTo(expected.get(a, 0), within(1e-5 * Math.max(1, Math.abs(expected.get(a, 0)))));
        }
    }

    /** The score of a folded-in user for a folded-in item is their dot product, as for trained ones. */
    @Test
    void scoreOfTrainedParametersIsThePrediction() {
        for (int user = 0; user < 5; user++) {
            for (int item = 0; item < 5; item++) {
                assertThat(MODEL.score(MODEL.latentUser(user), MODEL.latentItem(item)))
                        .isCloseTo(MODEL.predict(user, item), within(1e-5f));
            }
        }
    }

    @Test
    void anItemNobodyLikedHasTheZeroVector() {
        LatentItem item = MODEL.foldInItem(new int[] {0, 1}, new float[] {1, 2});
        assertThat(item.factors()).containsOnly(0f);
    }

    @Test
    void refusesARaterGivenTwiceOrOutOfRange() {
        assertThatThrownBy(() -> MODEL.foldInItem(new int[] {4, 4}, new float[] {5, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> MODEL.foldInItem(new int[] {60}, new float[] {5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user index 60 out of range");
    }
}
