package org.embedrec.family.bpmf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Metrics;
import org.embedrec.io.MovieLens;
import org.embedrec.testing.SharedData;
import org.embedrec.train.OptionTable;
import org.junit.jupiter.api.Test;

/**
 * The runs that chose BPMF's defaults (docs/BENCHMARKS.md, "BPMF"), only with
 * {@code -Dembedrec.bpmf.tune=true}: the training part of ml-latest-small's {@code random:0.1} split
 * (seed 42), as {@code train --split random:0.1} makes it, split again at random 90/10 (seed 7) into
 * fitting and validation data; RMSE on the validation part. The same on the ratings of a random half
 * of the users (seed 3). The test part is never read. Settings are {@code -Dembedrec.bpmf.grid=
 * "key=value,key=value;key=value"} over the defaults; {@code -Dembedrec.bpmf.data=full,half}.
 */
class BpmfTuning {
    @Test
    void grid() {
        assumeTrue(Boolean.getBoolean("embedrec.bpmf.tune"), "set -Dembedrec.bpmf.tune=true to run the grid");
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings train = Splits.randomHoldout(data.ratings(), 0.1, 42).train();
        String only = System.getProperty("embedrec.bpmf.data", "full,half");
        List<Map<String, Object>> settings = new ArrayList<>();
        for (String setting : System.getProperty("embedrec.bpmf.grid", "").split(";")) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : setting.split(",")) {
                if (!pair.isBlank()) {
                    String[] parts = pair.split("=", 2);
                    values.put(parts[0].trim(), parts[1].trim());
                }
            }
            settings.add(OptionTable.scalars(values));
        }
        for (Map<String, Object> setting : settings) {
            if (only.contains("full")) {
                report("full", Splits.randomHoldout(train, 0.1, 7), data.catalog(), setting);
            }
            if (only.contains("half")) {
                report("half", Splits.randomHoldout(halfOfTheUsers(train), 0.1, 7), data.catalog(), setting);
            }
        }
    }

    /**
     * CPU seconds of one single-threaded fit with the defaults (d = 32, 100 samples) on the training
     * part of {@code random:0.1}, after one warm-up fit: the work a fit does, whatever else shares the
     * machine ({@code -Dembedrec.bpmf.cpu=true}).
     */
    @Test
    void cpuTimeOfOneFit() {
        assumeTrue(Boolean.getBoolean("embedrec.bpmf.cpu"), "set -Dembedrec.bpmf.cpu=true to measure");
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings train = Splits.randomHoldout(data.ratings(), 0.1, 42).train();
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        BpmfTrainer trainer = new BpmfTrainer(BpmfTrainer.Options.defaults());
        trainer.fit(train, data.catalog());
        for (int k = 0; k < 2; k++) {
            long cpu = bean.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            trainer.fit(train, data.catalog());
            System.out.printf("CPU bpmf: %.2f s CPU, %.2f s wall, one thread, d=32, 100 samples%n",
                    (bean.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9);
        }
    }

    private static Ratings halfOfTheUsers(Ratings ratings) {
        SplittableRandom random = new SplittableRandom(3);
        boolean[] kept = new boolean[ratings.userCount()];
        for (int user = 0; user < kept.length; user++) {
            kept[user] = random.nextBoolean();
        }
        int[] rows = java.util.stream.IntStream.range(0, ratings.size()).filter(row -> kept[ratings.user(row)]).toArray();
        return ratings.subset(rows);
    }

    private static void report(String name, Split split, ItemCatalog catalog, Map<String, Object> setting) {
        BpmfTrainer.Options options = BpmfTrainer.Options.TABLE.with(BpmfTrainer.Options.defaults().withThreads(2), setting);
        long start = System.nanoTime();
        BpmfModel model = new BpmfTrainer(options).fit(split.train(), catalog);
        System.out.printf("TUNE %s %s validation RMSE %.4f (%d ratings) %.1f s%n", name, setting,
                Metrics.ratingErrors(model, split.test()).rmse(), split.test().size(), (System.nanoTime() - start) / 1e9);
    }
}
