package org.embedrec.family.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ScoredItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EASE's weights against an independent constrained least-squares solve, its scores, limits and options. */
class EaseTrainerTest {
    private static final double LAMBDA = 7.5;

    /**
     * Random ratings 1..5 over about a third of all pairs, plus one item nobody rates and one rated only
     * below the threshold: both must stay out of {@code B}.
     */
    private static Ratings randomRatings(long seed, int users, int items) {
        SplittableRandom random = new SplittableRandom(seed);
        Ratings.Builder builder = Ratings.builder();
        for (int user = 0; user < users; user++) {
            for (int item = 0; item < items - 2; item++) {
                if (random.nextInt(3) == 0) {
                    builder.add(user, item, 1 + random.nextInt(5), 0);
                }
            }
            builder.add(user, items - 1, 2, 0);
        }
        return builder.build(ids("u", users), ids("i", items));
    }

    private static IdIndex ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            ids.add(prefix + k);
        }
        return IdIndex.of(ids);
    }

    private static double[][] liked(Ratings ratings) {
        double[][] x = new double[ratings.userCount()][ratings.itemCount()];
        for (int row = 0; row < ratings.size(); row++) {
            if (PositiveThreshold.DEFAULT.isPositive(ratings.rating(row))) {
                x[ratings.user(row)][ratings.item(row)] = 1;
            }
        }
        return x;
    }

    /**
     * Column {@code j} of the constrained problem min ||X − XB||² + λ||B||² s.t. B_jj = 0, solved on its
     * own: with B_jj fixed at 0 the column is a ridge regression of x_j on the other known columns,
     * b = (X₋ⱼᵀX₋ⱼ + λI)⁻¹ X₋ⱼᵀ x_j, solved densely with EJML (no inverse of the full Gramian, no
     * formula for B).
     */
    private static double[] naiveColumn(double[][] x, List<Integer> known, int j) {
        List<Integer> others = new ArrayList<>(known);
        others.remove(Integer.valueOf(j));
        int users = x.length;
        DMatrixRMaj a = new DMatrixRMaj(users, others.size());
        DMatrixRMaj y = new DMatrixRMaj(users, 1);
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < others.size(); k++) {
                a.set(u, k, x[u][others.get(k)]);
            }
            y.set(u, 0, x[u][j]);
        }
        DMatrixRMaj normal = new DMatrixRMaj(others.size(), others.size());
        CommonOps_DDRM.multTransA(a, a, normal);
        for (int k = 0; k < others.size(); k++) {
            normal.add(k, k, LAMBDA);
        }
        DMatrixRMaj right = new DMatrixRMaj(others.size(), 1);
        CommonOps_DDRM.multTransA(a, y, right);
        DMatrixRMaj solution = new DMatrixRMaj(others.size(), 1);
        assertThat(CommonOps_DDRM.solve(normal, right, solution)).isTrue();
        double[] column = new double[x[0].length];
        for (int k = 0; k < others.size(); k++) {
            column[others.get(k)] = solution.get(k, 0);
        }
        return column;
    }

    private static List<Integer> knownItems(double[][] x) {
        List<Integer> known = new ArrayList<>();
        for (int item = 0; item < x[0].length; item++) {
            for (double[] row : x) {
                if (row[item] > 0) {
                    known.add(item);
                    break;
                }
            }
        }
        return known;
    }

    /** More users than items (the item-space route) and fewer (the user-space route), each both ways. */
    @ParameterizedTest
    @EnumSource(EaseTrainer.Route.class)
    void weightsSolveTheConstrainedLeastSquaresColumnByColumn(EaseTrainer.Route route) {
        for (int[] shape : new int[][] {{60, 25}, {12, 40}}) {
            Ratings ratings = randomRatings(shape[0] + shape[1], shape[0], shape[1]);
            EaseModel model = new EaseTrainer(EaseTrainer.Options.defaults().withLambda(LAMBDA))
                    .fit(ratings, ItemCatalog.untitled(ratings.items()), route);
            double[][] x = liked(ratings);
            List<Integer> known = knownItems(x);
            assertThat(model.knownItems()).containsExactly(known.stream().mapToInt(Integer::intValue).toArray());
            assertThat(known).doesNotContain(shape[1] - 1, shape[1] - 2);
            for (int j : known) {
                double[] column = naiveColumn(x, known, j);
                for (int i : known) {
                    assertThat((double) model.weight(i, j)).as("B[%d][%d] of %s, route %s", i, j, shape, route)
                            .isCloseTo(column[i], within(1e-5 * Math.max(1, Math.abs(column[i]))));
                }
                assertThat(model.weight(j, j)).isZero();
            }
        }
    }

    /**
     * The stationarity condition of the Lagrangian: (XᵀX + λI)B − XᵀX = −diag(μ), so the product is zero
     * off the diagonal, checked with B as stored (floats).
     */
    @Test
    void weightsMeetTheKktConditions() {
        Ratings ratings = randomRatings(3, 30, 20);
        EaseModel model = new EaseTrainer(EaseTrainer.Options.defaults().withLambda(LAMBDA)).fit(ratings,
                ItemCatalog.untitled(ratings.items()));
        double[][] x = liked(ratings);
        List<Integer> known = knownItems(x);
        for (int i : known) {
            for (int j : known) {
                if (i == j) {
                    continue;
                }
                double residual = -gram(x, i, j);
                for (int k : known) {
                    residual += (gram(x, i, k) + (i == k ? LAMBDA : 0)) * model.weight(k, j);
                }
                assertThat(residual).as("stationarity at (%d, %d)", i, j).isCloseTo(0, within(1e-4));
            }
        }
    }

    private static double gram(double[][] x, int i, int j) {
        double sum = 0;
        for (double[] row : x) {
            sum += row[i] * row[j];
        }
        return sum;
    }

    @Test
    void aUsersScoresAreTheirRowTimesB() {
        Ratings ratings = randomRatings(4, 30, 20);
        EaseModel model = new EaseTrainer(EaseTrainer.Options.defaults().withLambda(LAMBDA)).fit(ratings,
                ItemCatalog.untitled(ratings.items()));
        double[][] x = liked(ratings);
        float[] scores = new float[20];
        for (int user = 0; user < 30; user++) {
            model.scoreAll(user, scores);
            for (int item = 0; item < 20; item++) {
                double expected = 0;
                for (int other = 0; other < 20; other++) {
                    expected += x[user][other] * model.weight(other, item);
                }
                assertThat((double) scores[item]).isCloseTo(expected, within(1e-5));
                assertThat(model.predict(user, item)).isEqualTo(scores[item]);
            }
        }
    }

    @Test
    void similarItemsComeFromTheColumnOfB() {
        Ratings ratings = randomRatings(5, 30, 20);
        EaseModel model = new EaseTrainer(EaseTrainer.Options.defaults().withLambda(LAMBDA)).fit(ratings,
                ItemCatalog.untitled(ratings.items()));
        List<ScoredItem> similar = model.similarItems(3, 5);
        assertThat(similar).hasSize(5).extracting(ScoredItem::item).doesNotContain(3, 18, 19);
        List<Integer> chosen = similar.stream().map(ScoredItem::item).toList();
        for (ScoredItem entry : similar) {
            assertThat(entry.score()).isEqualTo(model.weight(entry.item(), 3));
        }
        for (int other = 0; other < 18; other++) {
            if (other != 3 && !chosen.contains(other)) {
                assertThat(model.weight(other, 3)).as("weight of %d left out", other)
                        .isLessThanOrEqualTo(similar.get(4).score());
            }
        }
        assertThat(model.similarItems(19, 5)).isEmpty();
    }

    @Test
    void aFoldedInUserWithTheSameLikesScoresAsTheTrainedUser() {
        Ratings ratings = randomRatings(6, 30, 20);
        EaseModel model = new EaseTrainer(EaseTrainer.Options.defaults()).fit(ratings,
                ItemCatalog.untitled(ratings.items()));
        int user = 7;
        int[] rows = ratings.byUser().rows(user);
        int[] items = new int[rows.length];
        float[] values = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            items[k] = ratings.item(rows[k]);
            values[k] = ratings.rating(rows[k]);
        }
        float[] trained = new float[20];
        float[] folded = new float[20];
        model.scoreAll(user, trained);
        model.scoreNewUser(items, values, folded);
        assertThat(folded).containsExactly(trained);
    }

    @ParameterizedTest
    @EnumSource(EaseTrainer.Route.class)
    void threadsDoNotChangeTheModel(EaseTrainer.Route route) {
        Ratings ratings = randomRatings(7, 30, 45);
        ItemCatalog catalog = ItemCatalog.untitled(ratings.items());
        EaseModel one = new EaseTrainer(EaseTrainer.Options.defaults()).fit(ratings, catalog, route);
        EaseModel three = new EaseTrainer(EaseTrainer.Options.defaults().withThreads(3)).fit(ratings, catalog, route);
        assertThat(three.weights()).containsExactly(one.weights());
    }

    @Test
    void refusesACatalogueBeyondMaxItemsWithTheMemoryItWouldTake() {
        Ratings ratings = randomRatings(8, 30, 20);
        EaseTrainer trainer = new EaseTrainer(EaseTrainer.Options.defaults().withMaxItems(10));
        assertThatThrownBy(() -> trainer.fit(ratings, ItemCatalog.untitled(ratings.items())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dense 18 × 18 item matrix")
                .hasMessageContaining("beyond maxItems = 10")
                .hasMessageContaining("iALS or item-knn");
    }

    @Test
    void refusesAFitBeyondTheFreeHeap() {
        // 40,000 items in item space: B (6.4 GB as floats) plus three double matrices (38.4 GB).
        assertThat(EaseTrainer.bytesNeeded(40_000, 100_000, EaseTrainer.Route.ITEM_SPACE))
                .isEqualTo(40_000L * 40_000 * (4 + 3 * 8));
        assertThat(EaseTrainer.bytesNeeded(9_000, 600, EaseTrainer.Route.USER_SPACE))
                .isEqualTo(9_000L * 9_000 * 4 + 2L * 600 * 600 * 8 + 600L * 9_000 * 8);
        assertThatThrownBy(() -> EaseTrainer.checkMemory(40_000, 100_000, EaseTrainer.Route.ITEM_SPACE, 46_000,
                4L << 30))
                .hasMessageContaining("this fit needs 42,725 MB but only 4,096 MB of heap is free")
                .hasMessageContaining("iALS or item-knn");
        EaseTrainer.checkMemory(5_000, 500, EaseTrainer.Route.USER_SPACE, 20_000, 4L << 30);
    }

    @Test
    void optionsAreReadByTheirTableAndCheckedByName() {
        EaseTrainer.Options options = EaseTrainer.Options.TABLE.with(EaseTrainer.Options.defaults(),
                Map.of("lambda", "250", "maxItems", 5000, "positiveThreshold", "all", "threads", 2));
        assertThat(options).isEqualTo(new EaseTrainer.Options(250, PositiveThreshold.ALL, 5000, 2));
        assertThat(EaseTrainer.Options.TABLE.with(EaseTrainer.Options.defaults(),
                EaseTrainer.Options.TABLE.toMap(options))).isEqualTo(options);
        assertThatThrownBy(() -> EaseTrainer.Options.TABLE.with(EaseTrainer.Options.defaults(), Map.of("lambda", 0)))
                .hasMessageContaining("lambda must be finite and > 0, got 0");
        assertThatThrownBy(() -> EaseTrainer.Options.defaults().withMaxItems(50_000))
                .hasMessageContaining("maxItems must be in [1, 46340], got 50000");
        assertThatThrownBy(() -> EaseTrainer.Options.TABLE.with(EaseTrainer.Options.defaults(), Map.of("epochs", 3)))
                .hasMessageContaining("unknown ease option 'epochs'");
    }
}
