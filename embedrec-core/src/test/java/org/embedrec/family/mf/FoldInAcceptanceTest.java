package org.embedrec.family.mf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;

/**
 * Folding in users the model never saw, on the real ml-latest-small data: 60 users (seeded) are
 * removed from training; each one's ratings are split in half and the first half is folded in.
 * Ranking the user's held-out items, the folded-in user's top 5 must hold more items the user
 * liked (rated 4 or more) than the 5 most popular of those items do.
 *
 * <p>The test also prints hits@10 over the whole catalog (items with at least
 * {@value #MIN_RATINGS} training ratings, folded-in items skipped): there most-popular wins, as it
 * does against any rating-prediction model, because which items a user rates at all is mostly
 * popularity; ranking models (BPR) are the answer to that question. Skipped when the shared data
 * is absent.
 */
class FoldInAcceptanceTest {
    private static final int HELD_OUT_USERS = 60;
    private static final int TOP = 10;
    private static final int MIN_RATINGS = 50;

    @Test
    void foldedInUsersBeatMostPopularOnTheirHeldOutItems() {
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings all = data.ratings();
        SplittableRandom random = new SplittableRandom(7);
        HeldOutUsers heldOut = HeldOutUsers.draw(all, HELD_OUT_USERS, random);
        Ratings train = heldOut.train();
        int[] heldOutUsers = heldOut.users();
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(MatrixFactorizationTrainer.Options.defaults()
                .withThreads(1).withSeed(42)).fit(train, data.catalog());

        UserRatings byUser = all.byUser();
        int modelHits = 0;
        int popularHits = 0;
        int relevant = 0;
        int likedModel = 0;
        int likedPopular = 0;
        float[] scores = new float[all.itemCount()];
        float[] popularityScores = heldOut.popularity();
        for (int user : heldOutUsers) {
            int[] rows = byUser.rows(user);
            HeldOutUsers.shuffle(rows, random);
            List<Integer> foldItems = new ArrayList<>();
            List<Float> foldRatings = new ArrayList<>();
            boolean[] folded = new boolean[all.itemCount()];
            boolean[] target = new boolean[all.itemCount()];
            for (int k = 0; k < rows.length; k++) {
                int item = all.item(rows[k]);
                if (k < rows.length / 2 && model.isKnownItem(item)) {
                    foldItems.add(item);
                    foldRatings.add(all.rating(rows[k]));
                    folded[item] = true;
                } else if (k >= rows.length / 2) {
                    target[item] = true;
                }
            }
            float[] ratings = new float[foldRatings.size()];
            for (int k = 0; k < ratings.length; k++) {
                ratings[k] = foldRatings.get(k);
            }
            model.scoreNewUser(foldItems.stream().mapToInt(Integer::intValue).toArray(), ratings, scores);
            IntPredicate skip = item -> folded[item] || popularityScores[item] < MIN_RATINGS;
            modelHits += hits(TopN.select(scores, TOP, skip), target);
            popularHits += hits(TopN.select(popularityScores, TOP, skip), target);
            relevant += Math.min(TOP, (int) IntStream.range(0, target.length).filter(i -> target[i]).count());
            IntPredicate notHeld = item -> !target[item] || !model.isKnownItem(item);
            likedModel += liked(TopN.select(scores, 5, notHeld), user, all, byUser);
            likedPopular += liked(TopN.select(popularityScores, 5, notHeld), user, all, byUser);
        }
        System.out.printf("fold-in on %d held-out users: hits@%d matrix factorization %d, most popular %d (of at most %d)%n",
                HELD_OUT_USERS, TOP, modelHits, popularHits, relevant);
        System.out.printf("liked in the top 5 of the held-out items: matrix factorization %d, most popular %d%n",
                likedModel, likedPopular);
        assertThat(likedModel).isGreaterThan(likedPopular);
    }

    private static int liked(List<ScoredItem> top, int user, Ratings all, UserRatings byUser) {
        int count = 0;
        for (ScoredItem scored : top) {
            for (int row : byUser.rows(user)) {
                if (all.item(row) == scored.item() && all.rating(row) >= 4) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int hits(List<ScoredItem> top, boolean[] target) {
        return (int) top.stream().filter(scored -> target[scored.item()]).count();
    }
}
