package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.Splits;
import org.embedrec.eval.Baselines;
import org.embedrec.eval.Metrics;
import org.embedrec.model.MatrixFactorizationModel;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Matrix factorization with the default options on the real ml-latest-small data: the documented
 * quality (test RMSE near 0.86 on a 10% random hold-out) and a clear win over both baselines.
 * Skipped when the shared data is absent.
 */
class MatrixFactorizationAcceptanceTest {
    @Test
    void defaultsBeatTheBaselinesOnMovieLens() throws IOException {
        Ratings all = loadRatings(SharedData.mlLatestSmall().resolve("ratings.csv"));
        Split split = Splits.randomHoldout(all, 0.1, 42);
        ItemCatalog catalog = ItemCatalog.untitled(all.items());
        MatrixFactorizationTrainer.Options options = MatrixFactorizationTrainer.Options.defaults().toBuilder()
                .threads(1).seed(42).build();

        MatrixFactorizationModel model = new MatrixFactorizationTrainer(options).fit(split.train(), catalog);
        double modelRmse = Metrics.ratingErrors(model, split.test()).rmse();
        double biasesRmse = Metrics.ratingErrors(Baselines.biases(split.train(), catalog), split.test()).rmse();
        double meanRmse = Metrics.ratingErrors(Baselines.globalMean(split.train(), catalog), split.test()).rmse();
        System.out.printf("ml-latest-small test RMSE: matrix factorization %.4f, damped biases %.4f, global mean %.4f%n",
                modelRmse, biasesRmse, meanRmse);

        assertThat(modelRmse).isLessThanOrEqualTo(0.87);
        assertThat(modelRmse).isLessThan(biasesRmse);
        assertThat(biasesRmse).isLessThan(meanRmse);
    }

    /**
     * Reads userId,movieId,rating,timestamp lines after a header. TODO: switch to
     * org.embedrec.io.MovieLens.load once the real loader lands.
     */
    private static Ratings loadRatings(Path file) throws IOException {
        IdIndex.Builder users = IdIndex.builder();
        IdIndex.Builder items = IdIndex.builder();
        Ratings.Builder ratings = Ratings.builder();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            reader.readLine();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String[] fields = line.split(",");
                if (fields.length != 4) {
                    throw new IllegalStateException(file + ":" + lineNumber + ": expected 4 fields, got '" + line + "'");
                }
                ratings.add(users.add(fields[0]), items.add(fields[1]), Float.parseFloat(fields[2]),
                        Long.parseLong(fields[3]));
            }
        }
        return ratings.build(users.build(), items.build());
    }
}
