package org.embedrec.report;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.Recommender;

/**
 * A ranking model's scores of held-out liked items and, for each, of one random item its user has
 * not rated in training: the two distributions the report draws. Seeded, so the picture is stable.
 *
 * @param liked scores of test ratings at or above the positive threshold (at most {@link #MAX})
 * @param random one score of a random unrated item per liked score
 */
record ScoreSample(double[] liked, double[] random) {
    /** Most pairs sampled: enough for a smooth histogram at any data size. */
    static final int MAX = 20_000;

    static ScoreSample of(Recommender model, Ratings train, Ratings test, PositiveThreshold positives) {
        SplittableRandom random = new SplittableRandom(1);
        int[] rows = java.util.stream.IntStream.range(0, test.size())
                .filter(row -> positives.isPositive(test.rating(row))).toArray();
        if (rows.length > MAX) {
            // A seeded partial shuffle keeps MAX rows spread over the whole test part.
            for (int k = 0; k < MAX; k++) {
                int other = k + random.nextInt(rows.length - k);
                int swap = rows[k];
                rows[k] = rows[other];
                rows[other] = swap;
            }
            rows = java.util.Arrays.copyOf(rows, MAX);
        }
        UserRatings byUser = train.byUser();
        double[] liked = new double[rows.length];
        double[] unrated = new double[rows.length];
        int kept = 0;
        for (int row : rows) {
            int user = test.user(row);
            BitSet rated = new BitSet(train.itemCount());
            for (int item : byUser.items(user)) {
                rated.set(item);
            }
            if (rated.cardinality() >= train.itemCount()) {
                continue;
            }
            int other;
            do {
                other = random.nextInt(train.itemCount());
            } while (rated.get(other));
            liked[kept] = model.predict(user, test.item(row));
            unrated[kept] = model.predict(user, other);
            kept++;
        }
        return new ScoreSample(java.util.Arrays.copyOf(liked, kept), java.util.Arrays.copyOf(unrated, kept));
    }
}
