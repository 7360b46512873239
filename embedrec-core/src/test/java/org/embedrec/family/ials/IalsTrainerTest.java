package org.embedrec.family.ials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.RatingFixtures;
import org.embedrec.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The iALS solves and sweeps against naive dense computations written here. */
class IalsTrainerTest {
    private static final Ratings RATINGS = RatingFixtures.lowRank(3, 60, 45, 1300, 3, 0.4);
    private static final ItemCatalog CATALOG = ItemCatalog.untitled(RATINGS.items());
    /** Every option away from its default, so that each weight of the objective is exercised. */
    private static final IalsTrainer.Options OPTIONS = IalsTrainer.Options.defaults().withDimensions(6)
            .withUnobservedWeight(0.3).withRegularization(0.05).withRegularizationExponent(0.5).withConfidence(0.4)
            .withPositiveThreshold(PositiveThreshold.atLeast(3)).withEpochs(6);

    /**
     * A trained user's ratings folded in give the vector that minimizes, over the model's item
     * vectors, the dense weighted least squares {@code Σ_i W_i (y_i − q_i · p)² + λ_u |p|²} with
     * {@code W_i = c_i + α₀, y_i = c_i / (c_i + α₀)} for a positive and {@code W_i = α₀, y_i = 0} for
     * any other item (the same objective in p up to a constant), solved by EJML.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 7, 31})
    void userSolveMatchesDenseWeightedLeastSquares(int user) {
        IalsModel model = new IalsTrainer(OPTIONS.withSolver(IalsTrainer.Solver.EXACT)).fit(RATINGS, CATALOG);
        List<Integer> items = new ArrayList<>();
        List<Float> ratings = new ArrayList<>();
        for (int row = 0; row < RATINGS.size(); row++) {
            if (RATINGS.user(row) == user) {
                items.add(RATINGS.item(row));
                ratings.add(RATINGS.rating(row));
            }
        }
        float[] ratingArray = new float[ratings.size()];
        for (int k = 0; k < ratingArray.length; k++) {
            ratingArray[k] = ratings.get(k);
        }
        float[] solved = model.foldIn(items.stream().mapToInt(Integer::intValue).toArray(), ratingArray);

        int dim = model.dimensions();
        int itemCount = CATALOG.size();
        double alpha0 = OPTIONS.unobservedWeight();
        double[] weight = new double[itemCount];
        double[] target = new double[itemCount];
        java.util.Arrays.fill(weight, alpha0);
        int likes = 0;
        for (int k = 0; k < items.size(); k++) {
            if (ratings.get(k) >= 3) {
                double c = 1 + OPTIONS.confidence() * ratings.get(k);
                weight[items.get(k)] = c + alpha0;
                target[items.get(k)] = c / (c + alpha0);
                likes++;
            }
        }
        double lambda = OPTIONS.regularization() * Math.pow(likes + alpha0 * itemCount, OPTIONS.regularizationExponent());
        DMatrixRMaj q = new DMatrixRMaj(itemCount, dim);
        DMatrixRMaj wq = new DMatrixRMaj(itemCount, dim);
        DMatrixRMaj wy = new DMatrixRMaj(itemCount, 1);
        float[] itemFactors = model.itemFactors();
        for (int i = 0; i < itemCount; i++) {
            for (int a = 0; a < dim; a++) {
                q.set(i, a, itemFactors[i * dim + a]);
                wq.set(i, a, weight[i] * itemFactors[i * dim + a]);
            }
            wy.set(i, 0, weight[i] * target[i]);
        }
        DMatrixRMaj lhs = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.multTransA(q, wq, lhs);
        for (int a = 0; a < dim; a++) {
            lhs.add(a, a, lambda);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(dim, 1);
        CommonOps_DDRM.multTransA(q, wy, rhs);
        DMatrixRMaj expected = new DMatrixRMaj(dim, 1);
        assertThat(CommonOps_DDRM.solve(lhs, rhs, expected)).isTrue();
        assertThat(likes).isGreaterThan(3);
        for (int a = 0; a < dim; a++) {
            assertThat((double) solved[a]).as("component %d of user %d", a, user)
                    .isCloseTo(expected.get(a, 0), within(1e-5 * Math.max(1, Math.abs(expected.get(a, 0)))));
        }
    }

    /**
     * Each sweep minimizes the objective exactly (or decreases it, with CG) in each block, so the
     * objective reported per sweep never rises; the last one equals the objective computed naively
     * over every (user, item) pair of the fitted model.
     */
    @ParameterizedTest
    @EnumSource(IalsTrainer.Solver.class)
    void objectiveFallsAtEverySweep(IalsTrainer.Solver solver) {
        List<EpochRecord> records = new ArrayList<>();
        IalsModel model = new IalsTrainer(OPTIONS.withSolver(solver).withEpochs(8)).fit(RATINGS, null, CATALOG,
                new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record) {
                        records.add(record);
                    }
                });
        assertThat(records).hasSize(8);
        for (int k = 1; k < records.size(); k++) {
            assertThat(records.get(k).trainLoss()).as("objective after sweep %d", k + 1)
                    .isLessThan(records.get(k - 1).trainLoss());
        }
        int positives = PositiveThreshold.atLeast(3).positives(RATINGS).size();
        assertThat(records.get(7).trainLoss() * positives).isCloseTo(naiveObjective(model), within(1e-6 * positives));
        assertThat(model.info().history()).hasSize(8);
    }

    /** The objective of {@link IalsModel.Objective}, pair by pair. */
    private static double naiveObjective(IalsModel model) {
        int dim = model.dimensions();
        int users = RATINGS.userCount();
        int items = RATINGS.itemCount();
        float[] p = model.userFactors();
        float[] q = model.itemFactors();
        double[][] confidence = new double[users][items];
        int[] userLikes = new int[users];
        int[] itemLikes = new int[items];
        for (int row = 0; row < RATINGS.size(); row++) {
            if (RATINGS.rating(row) >= 3) {
                confidence[RATINGS.user(row)][RATINGS.item(row)] = 1 + OPTIONS.confidence() * RATINGS.rating(row);
                userLikes[RATINGS.user(row)]++;
                itemLikes[RATINGS.item(row)]++;
            }
        }
        double alpha0 = OPTIONS.unobservedWeight();
        double total = 0;
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double score = 0;
                for (int a = 0; a < dim; a++) {
                    score += (double) p[u * dim + a] * q[i * dim + a];
                }
                total += alpha0 * score * score;
                if (confidence[u][i] > 0) {
                    total += confidence[u][i] * (1 - score) * (1 - score);
                }
            }
        }
        double nu = OPTIONS.regularizationExponent();
        for (int u = 0; u < users; u++) {
            total += OPTIONS.regularization() * Math.pow(userLikes[u] + alpha0 * items, nu) * squaredNorm(p, u, dim);
        }
        for (int i = 0; i < items; i++) {
            total += OPTIONS.regularization() * Math.pow(itemLikes[i] + alpha0 * users, nu) * squaredNorm(q, i, dim);
        }
        return total;
    }

    private static double squaredNorm(float[] table, int row, int dim) {
        double sum = 0;
        for (int a = 0; a < dim; a++) {
            sum += (double) table[row * dim + a] * table[row * dim + a];
        }
        return sum;
    }

    /** With as many steps as dimensions, CG solves a row's d×d system exactly (up to rounding). */
    @Test
    void conjugateGradientWithDimensionsStepsSolvesARowExactly() {
        int dim = 5;
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        float[] fixed = new float[30 * dim];
        for (int k = 0; k < fixed.length; k++) {
            fixed[k] = (float) random.nextGaussian();
        }
        double[] gram = new double[dim * dim];
        RowSolver.addGram(fixed, dim, 0, 30, gram);
        RowSolver.symmetrize(gram, dim);
        for (int k = 0; k < gram.length; k++) {
            gram[k] *= 0.2;
        }
        int[] observed = {1, 4, 9, 17, 22, 29};
        float[] confidences = {1, 2, 1.5f, 1, 3, 1};
        float[] exact = new float[dim];
        float[] cg = new float[dim];
        RowSolver solver = new RowSolver(dim);
        solver.exact(fixed, gram, observed, confidences, 0, observed.length, 0.7, exact, 0);
        solver.conjugateGradient(fixed, gram, observed, confidences, 0, observed.length, 0.7, dim, cg, 0);
        for (int a = 0; a < dim; a++) {
            assertThat(cg[a]).isCloseTo(exact[a], within(1e-4f));
        }
    }

    /** Three CG steps per row and sweep end near the exact solver's objective and scores. */
    @Test
    void conjugateGradientEndsCloseToExact() {
        IalsTrainer.Options options = OPTIONS.withEpochs(15);
        IalsModel exact = new IalsTrainer(options.withSolver(IalsTrainer.Solver.EXACT)).fit(RATINGS, CATALOG);
        IalsModel cg = new IalsTrainer(options.withSolver(IalsTrainer.Solver.CG).withCgSteps(3)).fit(RATINGS, CATALOG);
        double exactObjective = naiveObjective(exact);
        double cgObjective = naiveObjective(cg);
        System.out.printf("objective after 15 sweeps: exact %.4f, CG (3 steps) %.4f%n", exactObjective, cgObjective);
        assertThat(cgObjective).isCloseTo(exactObjective, within(0.01 * exactObjective));
        float[] a = new float[CATALOG.size()];
        float[] b = new float[CATALOG.size()];
        double agree = 0;
        for (int user = 0; user < RATINGS.userCount(); user++) {
            exact.scoreAll(user, a);
            cg.scoreAll(user, b);
            agree += correlation(a, b);
        }
        assertThat(agree / RATINGS.userCount()).as("mean per-user correlation of the scores").isGreaterThan(0.95);
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < a.length; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += (a[k] - ma) * (b[k] - mb);
            aa += (a[k] - ma) * (a[k] - ma);
            bb += (b[k] - mb) * (b[k] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Rows are solved independently and the Gramian is summed over a fixed partition. */
    @ParameterizedTest
    @EnumSource(IalsTrainer.Solver.class)
    void threadCountDoesNotChangeTheModel(IalsTrainer.Solver solver) {
        Ratings larger = RatingFixtures.lowRank(9, 700, 600, 20_000, 4, 0.4);
        ItemCatalog catalog = ItemCatalog.untitled(larger.items());
        IalsTrainer.Options options = OPTIONS.withSolver(solver).withEpochs(3);
        IalsModel one = new IalsTrainer(options.withThreads(1)).fit(larger, catalog);
        IalsModel three = new IalsTrainer(options.withThreads(3)).fit(larger, catalog);
        assertThat(three.userFactors()).containsExactly(one.userFactors());
        assertThat(three.itemFactors()).containsExactly(one.itemFactors());
    }

    @Test
    void theSameSeedGivesABitIdenticalModelAndAnotherSeedAnother() {
        IalsModel first = new IalsTrainer(OPTIONS).fit(RATINGS, CATALOG);
        IalsModel second = new IalsTrainer(OPTIONS).fit(RATINGS, CATALOG);
        IalsModel other = new IalsTrainer(OPTIONS.withSeed(OPTIONS.seed() + 1)).fit(RATINGS, CATALOG);
        assertThat(second.userFactors()).containsExactly(first.userFactors());
        assertThat(second.itemFactors()).containsExactly(first.itemFactors());
        assertThat(other.itemFactors()).isNotEqualTo(first.itemFactors());
    }

    @Test
    void validationMetricsAreReportedPerSweep() {
        List<EpochRecord> records = new ArrayList<>();
        Ratings[] parts = splitByRow(RATINGS);
        new IalsTrainer(OPTIONS.withEpochs(3)).fit(parts[0], parts[1], CATALOG, new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord record) {
                records.add(record);
            }
        });
        assertThat(records).hasSize(3).allSatisfy(record -> assertThat(record.metrics()).containsKey("ndcg@10"));
    }

    private static Ratings[] splitByRow(Ratings ratings) {
        int[] even = java.util.stream.IntStream.range(0, ratings.size()).filter(row -> row % 5 != 0).toArray();
        int[] fifth = java.util.stream.IntStream.range(0, ratings.size()).filter(row -> row % 5 == 0).toArray();
        return new Ratings[] {ratings.subset(even), ratings.subset(fifth)};
    }

    @Test
    void optionsRejectBadValuesByName() {
        IalsTrainer.Options defaults = IalsTrainer.Options.defaults();
        assertThatThrownBy(() -> defaults.withDimensions(0)).hasMessageContaining("dimensions").hasMessageContaining("0");
        assertThatThrownBy(() -> defaults.withUnobservedWeight(-1)).hasMessageContaining("unobservedWeight");
        assertThatThrownBy(() -> defaults.withRegularization(0)).hasMessageContaining("regularization");
        assertThatThrownBy(() -> defaults.withRegularizationExponent(3)).hasMessageContaining("regularizationExponent");
        assertThatThrownBy(() -> defaults.withCgSteps(0)).hasMessageContaining("cgSteps");
        assertThatThrownBy(() -> defaults.withEpochs(0)).hasMessageContaining("epochs");
    }

    @Test
    void optionsRoundTripThroughTheirTable() {
        Map<String, Object> map = IalsTrainer.Options.TABLE.toMap(OPTIONS.withSolver(IalsTrainer.Solver.EXACT));
        assertThat(map).containsEntry("solver", "EXACT").containsEntry("dimensions", 6)
                .containsEntry("positiveThreshold", "3.0");
        assertThat(IalsTrainer.Options.TABLE.with(IalsTrainer.Options.defaults(), map))
                .isEqualTo(OPTIONS.withSolver(IalsTrainer.Solver.EXACT));
    }
}
