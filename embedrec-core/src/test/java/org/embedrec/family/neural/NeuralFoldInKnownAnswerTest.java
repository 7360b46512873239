package org.embedrec.family.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.testing.RatingFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.TrainingOptions;

/**
 * Folding in users of a trained neural model on planted low-rank data (ratings rounded to half
 * stars, so the classifier has ten levels): a trained user folded in from their own training
 * ratings must score their held-out items close to what the model predicts for them, much closer
 * than the average user does; and raising one rating of a five-rating profile must raise that item's
 * score.
 */
class NeuralFoldInKnownAnswerTest {
    private static final int USERS = 40;
    private static final int ITEMS = 60;
    /** Every fourth rating of a user is held out. */
    private static final int HOLD_OUT_EVERY = 4;

    private static Ratings halfStars(Ratings ratings) {
        Ratings.Builder builder = Ratings.builder();
        for (int row = 0; row < ratings.size(); row++) {
            builder.add(ratings.user(row), ratings.item(row), Math.round(ratings.rating(row) * 2) / 2f, 0);
        }
        return builder.build(ratings.users(), ratings.items());
    }

    private static NeuralRatingModel train(String kind, Ratings train, long seed) {
        NetworkOptions network = NetworkOptions.defaults().withDimensions(8).withHidden(16).withInputDropout(0)
                .withHiddenDropout(0);
        TrainingOptions training = NetworkOptions.trainingDefaults().withEpochs(60).withBatchSize(16)
                .withLearningRate(LearningRateSchedule.constant(0.01)).withSeed(seed).withPatience(0); // fit closely, every epoch
        ItemCatalog catalog = ItemCatalog.untitled(train.items());
        return switch (kind) {
            case "deep" -> new DeepRatingTrainer(new DeepRatingTrainer.Options(network, RegressionOutput.defaults(), training))
                    .fit(train, catalog);
            case "hybrid" -> new HybridRatingTrainer(HybridRatingTrainer.Options.defaults().withNetwork(network)
                    .withTraining(training)).fit(train, catalog);
            default -> new RatingClassifierTrainer(new RatingClassifierTrainer.Options(network, training)).fit(train, catalog);
        };
    }

    private static float[] toFloats(Ratings ratings, int[] rows) {
        float[] values = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            values[k] = ratings.rating(rows[k]);
        }
        return values;
    }

    private static int[] items(Ratings ratings, int[] rows) {
        int[] items = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            items[k] = ratings.item(rows[k]);
        }
        return items;
    }

    @ParameterizedTest
    @CsvSource({"deep, 1", "deep, 2", "hybrid, 3", "rating-classifier, 4", "rating-classifier, 5"})
    void foldedInTrainedUsersTrackTheirOwnPredictions(String kind, long seed) {
        Ratings all = halfStars(RatingFixtures.lowRank(seed, USERS, ITEMS, 1600, 3, 0.1));
        UserRatings allByUser = all.byUser();
        java.util.List<Integer> trainRows = new java.util.ArrayList<>();
        java.util.List<Integer> heldRows = new java.util.ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            int[] rows = allByUser.rows(user);
            for (int k = 0; k < rows.length; k++) {
                (k % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1 ? heldRows : trainRows).add(rows[k]);
            }
        }
        Ratings train = all.subset(trainRows.stream().mapToInt(Integer::intValue).toArray());
        NeuralRatingModel model = train(kind, train, seed);
        UserRatings byUser = train.byUser();

        float[] folded = new float[ITEMS];
        float[] average = new float[ITEMS];
        model.scoreNewUser(new int[0], new float[0], average);
        double foldedSquares = 0;
        double averageSquares = 0;
        int n = 0;
        for (int row : heldRows) {
            int user = all.user(row);
            int item = all.item(row);
            if (!model.isKnownItem(item)) {
                continue;
            }
            int[] rows = byUser.rows(user);
            model.scoreNewUser(items(train, rows), toFloats(train, rows), folded);
            double target = model.predict(user, item);
            foldedSquares += (folded[item] - target) * (folded[item] - target);
            averageSquares += (average[item] - target) * (average[item] - target);
            n++;
        }
        double foldedRms = Math.sqrt(foldedSquares / n);
        double averageRms = Math.sqrt(averageSquares / n);
        System.out.printf("%s seed %d: RMS distance to the trained user's predictions on %d held-out ratings:"
                + " folded in %.4f, average user %.4f%n", kind, seed, n, foldedRms, averageRms);
        assertThat(averageRms).as("the users differ").isGreaterThan(0.3);
        assertThat(foldedRms).isLessThan(0.5 * averageRms);
    }

    @ParameterizedTest
    @CsvSource({"deep, 6", "hybrid, 7", "rating-classifier, 8"})
    void raisingOneRatingRaisesThatItemsScore(String kind, long seed) {
        Ratings train = halfStars(RatingFixtures.lowRank(seed, USERS, ITEMS, 1600, 3, 0.1));
        NeuralRatingModel model = train(kind, train, seed);
        UserRatings byUser = train.byUser();
        SplittableRandom random = new SplittableRandom(seed);
        float[] low = new float[ITEMS];
        float[] high = new float[ITEMS];
        for (int trial = 0; trial < 10; trial++) {
            // A short profile, as a new visitor gives: one rating in five matters.
            int[] rows = java.util.Arrays.copyOf(byUser.rows(random.nextInt(USERS)), 5);
            int[] items = items(train, rows);
            float[] ratings = toFloats(train, rows);
            int changed = random.nextInt(items.length);
            ratings[changed] = 1;
            model.scoreNewUser(items, ratings, low);
            ratings[changed] = 5;
            model.scoreNewUser(items, ratings, high);
            assertThat(high[items[changed]]).as("%s, trial %d, item %d", kind, trial, items[changed])
                    .isGreaterThan(low[items[changed]]);
        }
    }
}
