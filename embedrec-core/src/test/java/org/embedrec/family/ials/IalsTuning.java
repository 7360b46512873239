package org.embedrec.family.ials;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.io.MovieLens;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The grid that chose iALS's defaults (docs/IMPLICIT.md), run only with
 * {@code -Dembedrec.ials.tune=true}: ml-latest-small's per-user 80/20 split (seed 42) as
 * {@code compare --split user:0.2} makes it; only its training part is used, split again per user
 * 80/20 (seed 7) into fitting and validation data; NDCG@10 on the validation part. The same on a
 * sparser copy keeping a random half of the training ratings (seed 3).
 */
class IalsTuning {
    @Test
    void grid() {
        assumeTrue(Boolean.getBoolean("embedrec.ials.tune"), "set -Dembedrec.ials.tune=true to run the grid");
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings train = Splits.perUserHoldout(data.ratings(), 0.2, 42).train();
        String only = System.getProperty("embedrec.ials.data", "full,half");
        if (only.contains("full")) {
            run("full", Splits.perUserHoldout(train, 0.2, 7), data.catalog());
        }
        if (only.contains("half")) {
            Ratings half = Splits.randomHoldout(train, 0.5, 3).train();
            run("half", Splits.perUserHoldout(half, 0.2, 7), data.catalog());
        }
    }

    /**
     * CPU seconds of one single-threaded fit with the defaults after three warm-up fits: the work a
     * fit does, whatever else shares the machine ({@code -Dembedrec.ials.cpu=true}).
     */
    @Test
    void cpuTimeOfOneFit() {
        assumeTrue(Boolean.getBoolean("embedrec.ials.cpu"), "set -Dembedrec.ials.cpu=true to measure");
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        Ratings train = Splits.perUserHoldout(data.ratings(), 0.2, 42).train();
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String solver : new String[] {"CG", "EXACT"}) {
            IalsTrainer trainer = new IalsTrainer(IalsTrainer.Options.defaults().withSolver(IalsTrainer.Solver.valueOf(solver)));
            for (int k = 0; k < 3; k++) {
                trainer.fit(train, data.catalog());
            }
            for (int k = 0; k < 3; k++) {
                long cpu = bean.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                trainer.fit(train, data.catalog());
                System.out.printf("CPU %s: %.3f s CPU, %.3f s wall, one thread, d=64, 15 sweeps%n", solver,
                        (bean.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9);
            }
        }
    }

    private static void run(String name, Split split, ItemCatalog catalog) {
        IalsTrainer.Options base = IalsTrainer.Options.defaults().withThreads(2);
        if (Boolean.getBoolean("embedrec.ials.baselines")) {
            RankingResult popular = RankingMetrics.evaluate(org.embedrec.eval.RankingBaselines.mostPopular(split.train(),
                    catalog, PositiveThreshold.DEFAULT), split.train(), split.test(), PositiveThreshold.DEFAULT, 10);
            RankingResult warp = RankingMetrics.evaluate(org.embedrec.family.Trainers.create("bpr-warp", java.util.Map.of())
                    .fit(split.train(), catalog), split.train(), split.test(), PositiveThreshold.DEFAULT, 10);
            System.out.printf("TUNE %s most popular NDCG@10 %.4f; bpr-warp NDCG@10 %.4f recall %.4f AUC-full %.4f%n", name,
                    popular.ndcg(), warp.ndcg(), warp.recall(), warp.fullAuc());
        }
        String grid = System.getProperty("embedrec.ials.grid", "main");
        if (grid.equals("main")) {
            for (double nu : new double[] {1}) {
                for (double alpha : new double[] {0.03, 0.1, 0.3, 1}) {
                    for (double lambda : new double[] {0.003, 0.01, 0.03, 0.1}) {
                        report(name, base.withRegularizationExponent(nu).withUnobservedWeight(alpha)
                                .withRegularization(lambda), split, catalog);
                    }
                }
            }
        } else {
            for (String spec : grid.split(";")) {
                IalsTrainer.Options options = IalsTrainer.Options.TABLE.with(base,
                        org.embedrec.train.OptionTable.scalars(parse(spec)));
                report(name, options, split, catalog);
            }
        }
    }

    private static java.util.Map<String, String> parse(String spec) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=");
                map.put(kv[0].trim(), kv[1].trim());
            }
        }
        return map;
    }

    private static void report(String name, IalsTrainer.Options options, Split split, ItemCatalog catalog) {
        long start = System.nanoTime();
        IalsModel model = new IalsTrainer(options).fit(split.train(), catalog);
        double seconds = (System.nanoTime() - start) / 1e9;
        RankingResult result = RankingMetrics.evaluate(model, split.train(), split.test(), PositiveThreshold.DEFAULT, 10);
        System.out.printf("TUNE %s d=%d a0=%s lambda=%s nu=%s conf=%s epochs=%d %s/%d: NDCG@10 %.4f recall@10 %.4f"
                + " AUC-full %.4f  %.2fs%n", name, options.dimensions(), options.unobservedWeight(),
                options.regularization(), options.regularizationExponent(), options.confidence(), options.epochs(),
                options.solver(), options.cgSteps(), result.ndcg(), result.recall(), result.fullAuc(), seconds);
    }
}
