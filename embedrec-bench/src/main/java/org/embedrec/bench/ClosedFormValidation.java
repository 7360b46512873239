package org.embedrec.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.embedrec.data.Dataset;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.family.Trainers;
import org.embedrec.model.Recommender;

/**
 * How the defaults of the closed-form models (EASE's {@code lambda}, item-kNN's {@code weighting})
 * were chosen: on the training part only. The data (optionally a random subsample of its ratings, for
 * another density) is split {@code user:0.2} with seed 42, as {@code compare --split user:0.2} does;
 * that training part is split again per user 80/20 (seed 7), and each configuration is fitted on the
 * inner 80% and ranked on the inner 20% (NDCG@10 etc., ratings ≥ 4 relevant). The outer test part is
 * never read.
 *
 * <pre>
 *   java -cp embedrec-bench/target/benchmarks.jar org.embedrec.bench.ClosedFormValidation DIR KEEP MODEL[;key=value...]...
 * </pre>
 *
 * e.g. {@code ../shared/data/ml-latest-small 1 'ease;lambda=100' 'item-knn;weighting=bm25'}; KEEP is
 * the fraction of ratings kept (1 = all).
 */
public final class ClosedFormValidation {
    private ClosedFormValidation() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ClosedFormValidation DIR KEEP MODEL[;key=value...]...");
            System.exit(2);
        }
        Dataset data = org.embedrec.io.MovieLens.load(Path.of(args[0]));
        double keep = Double.parseDouble(args[1]);
        Ratings all = data.ratings();
        if (keep < 1) {
            SplittableRandom random = new SplittableRandom(5);
            all = all.subset(IntStream.range(0, all.size()).filter(row -> random.nextDouble() < keep).toArray());
        }
        Split outer = Splits.perUserHoldout(all, 0.2, 42);
        Split inner = Splits.perUserHoldout(outer.train(), 0.2, 7);
        System.out.printf(Locale.ROOT, "kept %.2f of the ratings: inner training %,d, validation %,d ratings%n", keep,
                inner.train().size(), inner.test().size());
        for (int a = 2; a < args.length; a++) {
            String[] parts = args[a].split(";");
            Map<String, Object> options = new LinkedHashMap<>();
            for (int k = 1; k < parts.length; k++) {
                String[] pair = parts[k].split("=", 2);
                options.put(pair[0], pair[1]);
            }
            long start = System.nanoTime();
            Recommender model = Trainers.create(parts[0], options).fit(inner.train(), data.catalog());
            double seconds = (System.nanoTime() - start) / 1e9;
            RankingResult result = RankingMetrics.evaluate(model, inner.train(), inner.test(), PositiveThreshold.DEFAULT,
                    10, 2);
            System.out.printf(Locale.ROOT, "%-40s NDCG@10 %.4f  P@10 %.4f  Recall@10 %.4f  MAP %.4f  fit %.2f s%n",
                    args[a], result.ndcg(), result.precision(), result.recall(), result.map(), seconds);
        }
    }
}
