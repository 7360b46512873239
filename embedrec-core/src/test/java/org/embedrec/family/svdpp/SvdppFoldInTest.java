package org.embedrec.family.svdpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.testing.HeldOutUsers;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.api.Test;

/**
 * Folding a new user into SVD++: the solution is a stationary point of the user's training objective
 * with the item side fixed (its gradient written here from the formula), {@code scoreNewUser} scores
 * with it, and on planted low-rank data a held-out user folded in predicts close to what a model
 * trained with that user predicts.
 */
class SvdppFoldInTest {
    private static final double L2 = 0.07;
    private static final double BIAS_L2 = 0.02;
    private static final int DIM = 4;
    private static final int ITEMS = 30;

    private static SvdppModel randomModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 3;
        int[] counts = new int[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            counts[i] = 1 + random.nextInt(9);
        }
        ModelInfo info = new ModelInfo(SvdppModel.KIND, Map.of(), Provenance.of("test"), List.of(), Map.of());
        SvdppModel.Parameters parameters = new SvdppModel.Parameters(DIM, table(random, users * DIM),
                table(random, ITEMS * DIM), table(random, ITEMS * DIM), table(random, users * DIM), table(random, users),
                table(random, ITEMS), 3.5f, 1f, 5f, L2, BIAS_L2);
        return new SvdppModel(new TrainingFacts(RatingFixtures.ids("u", users),
                ItemCatalog.untitled(RatingFixtures.ids("i", ITEMS)), counts, info), parameters);
    }

    private static float[] table(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int k = 0; k < length; k++) {
            values[k] = (float) (random.nextDouble() * 1.6 - 0.8);
        }
        return values;
    }

    @Test
    void theFoldedInUserIsAStationaryPointOfTheirObjective() {
        for (long seed = 1; seed <= 5; seed++) {
            SvdppModel model = randomModel(seed);
            SplittableRandom random = new SplittableRandom(seed + 100);
            int[] items = random.ints(0, ITEMS).distinct().limit(3 + random.nextInt(10)).toArray();
            float[] ratings = new float[items.length];
            for (int k = 0; k < ratings.length; k++) {
                ratings[k] = 1 + random.nextInt(9) * 0.5f;
            }
            SvdppFoldIn.User user = model.foldInUser(items, ratings);
            double[] atSolution = gradient(model, items, ratings, user.factors(), user.bias());
            double[] atZero = gradient(model, items, ratings, new float[DIM], 0f);
            assertThat(norm(atZero)).as("seed %d: the zero user is far from the optimum", seed).isGreaterThan(1);
            assertThat(norm(atSolution)).as("seed %d: gradient at the fold-in", seed).isLessThan(1e-4 * norm(atZero));
            float[] implicit = implicit(model, items);
            for (int a = 0; a < DIM; a++) {
                assertThat(user.vector()[a]).isEqualTo(user.factors()[a] + implicit[a], within(1e-6f));
            }
            float[] scores = new float[ITEMS];
            model.scoreNewUser(items, ratings, scores);
            for (int item = 0; item < ITEMS; item++) {
                assertThat(scores[item]).as("score of item %d", item)
                        .isCloseTo((float) Math.max(1, Math.min(5, prediction(model, item, user.factors(), user.bias(),
                                implicit))), within(1e-4f));
            }
        }
    }

    /**
     * Fifteen users are held out of one model and trained with another; folded into either model, their
     * predictions over every item come within 5% (in squared difference) of the trained users' that an
     * empty profile is. Training runs to convergence (60 epochs at a constant rate): fold-in solves the
     * user's objective exactly, while the defaults' fast-decaying rate stops a trained user short of it.
     */
    @Test
    void aHeldOutUserFoldedInPredictsLikeTheUserTrainedWithTheModel() {
        Ratings all = RatingFixtures.lowRank(5, 300, 120, 12_000, 4, 0.2);
        SplittableRandom random = new SplittableRandom(7);
        HeldOutUsers heldOut = HeldOutUsers.draw(all, 15, random);
        ItemCatalog catalog = ItemCatalog.untitled(all.items());
        SvdppTrainer trainer = new SvdppTrainer(SvdppTrainer.Options.defaults().withDimensions(8)
                .withEpochs(60).withLearningRate(0.01));
        SvdppModel withUsers = trainer.fit(all, catalog);
        SvdppModel withoutUsers = trainer.fit(heldOut.train(), catalog);
        UserRatings byUser = all.byUser();
        double foldedError = 0;
        double emptyError = 0;
        double sameModelError = 0;
        float[] trained = new float[all.itemCount()];
        float[] folded = new float[trained.length];
        float[] empty = new float[trained.length];
        float[] refolded = new float[trained.length];
        for (int user : heldOut.users()) {
            int[] items = byUser.items(user);
            int[] rows = byUser.rows(user);
            float[] ratings = new float[rows.length];
            for (int k = 0; k < rows.length; k++) {
                ratings[k] = all.rating(rows[k]);
            }
            withUsers.scoreAll(user, trained);
            withoutUsers.scoreNewUser(items, ratings, folded);
            withoutUsers.scoreNewUser(new int[0], new float[0], empty);
            withUsers.scoreNewUser(items, ratings, refolded);
            for (int item = 0; item < trained.length; item++) {
                foldedError += square(folded[item] - trained[item]);
                emptyError += square(empty[item] - trained[item]);
                sameModelError += square(refolded[item] - trained[item]);
            }
        }
        System.out.printf("fold-in squared differences: other model %.2f, same model %.2f, empty profile %.2f%n",
                foldedError, sameModelError, emptyError);
        assertThat(foldedError).as("folded into the model trained without the users, against the trained users")
                .isLessThan(0.05 * emptyError);
        assertThat(sameModelError).as("folded into the model trained with the users, against the trained users")
                .isLessThan(0.05 * emptyError);
    }

    private static double square(double value) {
        return value * value;
    }

    private static float[] implicit(SvdppModel model, int[] items) {
        float[] y = model.parameters().implicitFactors();
        float[] z = new float[DIM];
        for (int a = 0; a < DIM; a++) {
            double sum = 0;
            for (int item : items) {
                sum += y[item * DIM + a];
            }
            z[a] = (float) (sum / Math.sqrt(items.length));
        }
        return z;
    }

    private static double prediction(SvdppModel model, int item, float[] p, float b, float[] z) {
        float[] q = model.parameters().itemFactors();
        double value = model.globalBias() + b + model.itemBias(item);
        for (int a = 0; a < DIM; a++) {
            value += q[item * DIM + a] * ((double) p[a] + z[a]);
        }
        return value;
    }

    /** The gradient in (p, b) of {@code Σ_k (r̂_k − r_k)² + n (λ |p|² + λ_b b²)}, unclipped. */
    private static double[] gradient(SvdppModel model, int[] items, float[] ratings, float[] p, float b) {
        float[] q = model.parameters().itemFactors();
        float[] z = implicit(model, items);
        double[] gradient = new double[DIM + 1];
        int n = items.length;
        for (int k = 0; k < n; k++) {
            double error = prediction(model, items[k], p, b, z) - ratings[k];
            for (int a = 0; a < DIM; a++) {
                gradient[a] += 2 * error * q[items[k] * DIM + a];
            }
            gradient[DIM] += 2 * error;
        }
        for (int a = 0; a < DIM; a++) {
            gradient[a] += 2 * n * L2 * p[a];
        }
        gradient[DIM] += 2 * n * BIAS_L2 * b;
        return gradient;
    }

    private static double norm(double[] vector) {
        double sum = 0;
        for (double value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
