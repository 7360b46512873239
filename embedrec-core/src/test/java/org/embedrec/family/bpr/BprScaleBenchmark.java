package org.embedrec.family.bpr;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.io.MovieLens;
import org.embedrec.model.EpochRecord;
import org.embedrec.train.OptionTable;
import org.embedrec.train.TrainingListener;

/**
 * The timing harness behind "BPR-MF at 25M" in docs/BENCHMARKS.md (not a test: timings do not belong
 * in assertions). Loads a MovieLens folder (cached) and, for each option set, times a whole
 * {@code BprTrainer.fit} on all its ratings, printing the setup and per-epoch seconds and losses.
 *
 * <p>Run from the repository root after {@code mvn -q -B -pl embedrec-core test-compile
 * dependency:build-classpath -Dmdep.outputFile=cp.txt}: {@code java -Xmx8g --add-modules
 * jdk.incubator.vector -cp embedrec-core/target/classes:embedrec-core/target/test-classes:$(cat cp.txt)
 * org.embedrec.family.bpr.BprScaleBenchmark DIR "epochs=10,threads=2;epochs=10,threads=1"}; option sets
 * are {@code key=value} pairs of {@link BprTrainer.Options#toMap()}, separated by {@code ;}.
 */
public final class BprScaleBenchmark {
    private BprScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Dataset data = MovieLens.load(Path.of(args[0]));
        for (String set : args[1].split(";")) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (String pair : set.split(",")) {
                String[] keyValue = pair.split("=", 2);
                texts.put(keyValue[0].strip(), keyValue[1].strip());
            }
            BprTrainer.Options options = BprTrainer.Options.defaults().with(OptionTable.scalars(texts));
            long start = System.nanoTime();
            new BprTrainer(options).fit(data.ratings(), null, data.catalog(), new TrainingListener() {
                @Override
                public void onEpochStart(int epoch, int epochs, long examples) {
                    if (epoch == 1) {
                        System.out.printf(Locale.ROOT, "  setup %.1f s, %,d triplets per epoch%n",
                                (System.nanoTime() - start) / 1e9, examples);
                    }
                }

                @Override
                public void onEpochEnd(EpochRecord record) {
                    System.out.printf(Locale.ROOT, "  epoch %d: %.2f s, loss %.4f%n", record.epoch(), record.seconds(),
                            record.trainLoss());
                }
            });
            System.out.printf(Locale.ROOT, "%s: %.1f s%n", set, (System.nanoTime() - start) / 1e9);
        }
    }
}
