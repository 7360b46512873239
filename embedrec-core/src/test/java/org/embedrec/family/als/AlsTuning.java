package org.embedrec.family.als;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.io.MovieLens;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.SharedData;
import org.embedrec.train.TrainingListener;
import org.junit.jupiter.api.Test;

/**
 * The grid that chose ALS-WR's defaults (docs/BENCHMARKS.md, "ALS-WR"), run only with
 * {@code -Dembedrec.als.tune=true}: the training part of ml-latest-small's random 90/10 split (seed
 * 42, as {@code train --split random:0.1} makes it), split again 90/10 (seed 43, as {@code tune} does)
 * into fitting and validation data; validation RMSE after 5, 10, 15 and 20 sweeps. The same on two
 * subsamples of that training part: the ratings of a random half of the users (seed 3), and those of
 * the 1,700 most rated items (about as dense as ML-100K). The test parts are never read.
 */
class AlsTuning {
    @Test
    void grid() {
        assumeTrue(Boolean.getBoolean("embedrec.als.tune"), "set -Dembedrec.als.tune=true to run the grid");
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings train = Splits.randomHoldout(data.ratings(), 0.1, 42).train();
        String only = System.getProperty("embedrec.als.data", "full,users50,dense1700");
        if (only.contains("full")) {
            run("full", train, data.catalog());
        }
        if (only.contains("users50")) {
            run("users50", halfTheUsers(train), data.catalog());
        }
        if (only.contains("dense1700")) {
            run("dense1700", mostRatedItems(train, 1700), data.catalog());
        }
    }

    /** CPU seconds of one single-threaded fit with the defaults, after three warm-up fits ({@code -Dembedrec.als.cpu=true}). */
    @Test
    void cpuTimeOfOneFit() {
        assumeTrue(Boolean.getBoolean("embedrec.als.cpu"), "set -Dembedrec.als.cpu=true to measure");
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings train = Splits.randomHoldout(data.ratings(), 0.1, 42).train();
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String dims : System.getProperty("embedrec.als.dims", "32").split(",")) {
            AlsTrainer trainer = new AlsTrainer(AlsTrainer.Options.defaults().withDimensions(Integer.parseInt(dims))
                    .withEpochs(10));
            for (int k = 0; k < 3; k++) {
                trainer.fit(train, data.catalog());
            }
            for (int k = 0; k < 3; k++) {
                long cpu = bean.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                trainer.fit(train, data.catalog());
                System.out.printf("CPU d=%s: %.3f s CPU, %.3f s wall, one thread, 10 sweeps%n", dims,
                        (bean.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9);
            }
        }
    }

    private static Ratings halfTheUsers(Ratings train) {
        int[] users = IntStream.range(0, train.userCount()).toArray();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int k = users.length - 1; k > 0; k--) {
            int other = random.nextInt(k + 1);
            int swap = users[k];
            users[k] = users[other];
            users[other] = swap;
        }
        Set<Integer> kept = new HashSet<>();
        for (int k = 0; k < users.length / 2; k++) {
            kept.add(users[k]);
        }
        return train.subset(IntStream.range(0, train.size()).filter(row -> kept.contains(train.user(row))).toArray());
    }

    private static Ratings mostRatedItems(Ratings train, int count) {
        int[] counts = train.itemCounts();
        Integer[] items = IntStream.range(0, counts.length).boxed().toArray(Integer[]::new);
        Arrays.sort(items, (a, b) -> counts[b] != counts[a] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
        Set<Integer> kept = new HashSet<>(Arrays.asList(items).subList(0, count));
        return train.subset(IntStream.range(0, train.size()).filter(row -> kept.contains(train.item(row))).toArray());
    }

    private static void run(String name, Ratings train, ItemCatalog catalog) {
        Split split = Splits.randomHoldout(train, 0.1, 43);
        String grid = System.getProperty("embedrec.als.grid",
                "dimensions=32,64;regularization=0.07,0.1,0.15;initScale=0.1,1");
        for (Map<String, Object> point : org.embedrec.train.SearchSpace.parse(grid).grid()) {
            AlsTrainer.Options options = AlsTrainer.Options.TABLE.with(AlsTrainer.Options.defaults().withThreads(2)
                    .withEpochs(20), point);
            long start = System.nanoTime();
            AlsModel model = new AlsTrainer(options).fit(split.train(), split.test(), catalog, TrainingListener.NONE);
            List<EpochRecord> history = model.info().history();
            System.out.printf("TUNE %s %s: validation RMSE after 5 %.4f, 10 %.4f, 15 %.4f, 20 %.4f sweeps;"
                    + " %,d fitting ratings; %.1f s%n", name, point, rmse(history, 5), rmse(history, 10),
                    rmse(history, 15), rmse(history, 20), split.train().size(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static double rmse(List<EpochRecord> history, int epoch) {
        return history.get(epoch - 1).metrics().get("rmse");
    }
}
