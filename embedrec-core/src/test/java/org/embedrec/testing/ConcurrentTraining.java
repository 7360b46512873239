package org.embedrec.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.embedrec.data.Ratings;
import org.embedrec.train.Trainable;

/**
 * Fixtures for tests of what training threads share: data whose two halves call for the same change of
 * a shared parameter, and workers that train at once.
 */
public final class ConcurrentTraining {
    private ConcurrentTraining() {
    }

    /**
     * Every rating 4: users 0–99 rate items 0–49 (rows 0–4,999), users 100–199 rate items 50–99 (rows
     * 5,000–9,999), so the halves share no user or item row, as the block scheduler ensures.
     */
    public static Ratings twoHalvesRatingFour() {
        Ratings.Builder builder = Ratings.builder();
        for (int user = 0; user < 200; user++) {
            int firstItem = user < 100 ? 0 : 50;
            for (int item = firstItem; item < firstItem + 50; item++) {
                builder.add(user, item, 4f, 0);
            }
        }
        return builder.build(RatingFixtures.ids("u", 200), RatingFixtures.ids("i", 100));
    }

    /** Each half of {@link #twoHalvesRatingFour} 50 times over (250,000 steps, tens of milliseconds). */
    public static int[][] halvesRepeated() {
        return new int[][] {repeated(0, 5000, 50), repeated(5000, 10_000, 50)};
    }

    private static int[] repeated(int from, int to, int times) {
        int[] order = new int[(to - from) * times];
        for (int k = 0; k < order.length; k++) {
            order[k] = from + k % (to - from);
        }
        return order;
    }

    /** Worker {@code t} trains all of {@code orders[t]}, every worker on its own thread, all let go at once. */
    public static void trainAtOnce(List<Trainable.Worker> workers, int[][] orders, float rate) throws Exception {
        CyclicBarrier start = new CyclicBarrier(workers.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Double>> runs = new ArrayList<>();
            for (int t = 0; t < workers.size(); t++) {
                Trainable.Worker worker = workers.get(t);
                int[] order = orders[t];
                runs.add(pool.submit(() -> {
                    start.await();
                    return worker.train(order, 0, order.length, rate);
                }));
            }
            for (Future<Double> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
