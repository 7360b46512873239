package org.embedrec.testing;

import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.Ratings;

/** Small generated rating sets for tests of models, trainers and metrics. */
public final class RatingFixtures {
    private RatingFixtures() {
    }

    /** An id index {@code prefix0 .. prefix(n-1)}. */
    public static IdIndex ids(String prefix, int n) {
        IdIndex.Builder builder = IdIndex.builder();
        for (int k = 0; k < n; k++) {
            builder.add(prefix + k);
        }
        return builder.build();
    }

    /**
     * {@code count} ratings of distinct (user, item) cells chosen uniformly, with whole-star ratings
     * uniform in [1, 5] and no structure at all.
     */
    public static Ratings random(long seed, int users, int items, int count) {
        if (count > users * items) {
            throw new IllegalArgumentException("only " + users * items + " cells, asked for " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] taken = new boolean[users * items];
        Ratings.Builder builder = Ratings.builder();
        while (builder.size() < count) {
            int cell = random.nextInt(users * items);
            if (!taken[cell]) {
                taken[cell] = true;
                builder.add(cell / items, cell % items, 1 + random.nextInt(5), 0);
            }
        }
        return builder.build(ids("u", users), ids("i", items));
    }

    /**
     * {@code count} ratings of distinct cells whose values come from a planted rank-{@code rank}
     * model: {@code 3 + p_u · q_i + noise}, clamped to [1, 5], so a factorization can learn them.
     */
    public static Ratings lowRank(long seed, int users, int items, int count, int rank, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] p = gaussianRows(random, users, rank, 1 / Math.sqrt(rank));
        double[][] q = gaussianRows(random, items, rank, 1);
        boolean[] taken = new boolean[users * items];
        Ratings.Builder builder = Ratings.builder();
        while (builder.size() < count) {
            int cell = random.nextInt(users * items);
            if (taken[cell]) {
                continue;
            }
            taken[cell] = true;
            int u = cell / items;
            int i = cell % items;
            double value = 3 + noise * gaussian(random);
            for (int k = 0; k < rank; k++) {
                value += p[u][k] * q[i][k];
            }
            builder.add(u, i, (float) Math.max(1, Math.min(5, value)), 0);
        }
        return builder.build(ids("u", users), ids("i", items));
    }

    private static double[][] gaussianRows(SplittableRandom random, int rows, int width, double scale) {
        double[][] table = new double[rows][width];
        for (double[] row : table) {
            for (int k = 0; k < width; k++) {
                row[k] = scale * gaussian(random);
            }
        }
        return table;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
