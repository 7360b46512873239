package org.embedrec.family.svdpp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.io.MovieLens;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.SharedData;
import org.embedrec.train.OptionTable;
import org.junit.jupiter.api.Test;

/**
 * The grid that chose SVD++'s defaults (docs/BENCHMARKS.md, "SVD++"), run only with
 * {@code -Dembedrec.svdpp.tune=true}: the training part of ml-latest-small's {@code random:0.1}
 * split (seed 42, as {@code train --split random:0.1} makes it) is split again at random 90/10
 * (seed 7) into fitting and validation data; the test part is never read. The same on a copy
 * keeping a random half of the users (seed 3). Prints the validation RMSE after every epoch's fit,
 * at the last epoch and at the best. Configurations come from {@code -Dembedrec.svdpp.grid=k=v,k=v;...}.
 */
class SvdppTuning {
    @Test
    void grid() {
        assumeTrue(Boolean.getBoolean("embedrec.svdpp.tune"), "set -Dembedrec.svdpp.tune=true to run the grid");
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings train = Splits.randomHoldout(data.ratings(), 0.1, 42).train();
        String only = System.getProperty("embedrec.svdpp.data", "full,half");
        String grid = System.getProperty("embedrec.svdpp.grid", "");
        for (String spec : grid.split(";")) {
            SvdppTrainer.Options options = SvdppTrainer.Options.TABLE.with(SvdppTrainer.Options.defaults(),
                    OptionTable.scalars(parse(spec)));
            if (only.contains("full")) {
                report("full", spec, options, Splits.randomHoldout(train, 0.1, 7), data.catalog());
            }
            if (only.contains("half")) {
                report("half", spec, options, Splits.randomHoldout(halfOfTheUsers(train), 0.1, 7), data.catalog());
            }
        }
    }

    private static Ratings halfOfTheUsers(Ratings ratings) {
        SplittableRandom random = new SplittableRandom(3);
        boolean[] kept = new boolean[ratings.userCount()];
        for (int user = 0; user < kept.length; user++) {
            kept[user] = random.nextBoolean();
        }
        return ratings.subset(IntStream.range(0, ratings.size()).filter(row -> kept[ratings.user(row)]).toArray());
    }

    private static Map<String, String> parse(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=");
                map.put(kv[0].trim(), kv[1].trim());
            }
        }
        return map;
    }

    private static void report(String name, String spec, SvdppTrainer.Options options, Split split, ItemCatalog catalog) {
        long start = System.nanoTime();
        SvdppModel model = new SvdppTrainer(options).fit(split.train(), split.test(), catalog,
                org.embedrec.train.TrainingListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochRecord best = null;
        StringBuilder curve = new StringBuilder();
        for (EpochRecord record : model.info().history()) {
            double rmse = record.metrics().get("rmse");
            curve.append(String.format(" %.4f", rmse));
            if (best == null || rmse < best.metrics().get("rmse")) {
                best = record;
            }
        }
        EpochRecord last = model.info().history().get(model.info().history().size() - 1);
        System.out.printf("TUNE %s [%s] last %.4f best %.4f@%d %.1fs |%s%n", name, spec, last.metrics().get("rmse"),
                best.metrics().get("rmse"), best.epoch(), seconds, curve);
    }
}
