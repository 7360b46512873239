package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedrec.data.Dataset;
import org.embedrec.family.Trainers;
import org.embedrec.io.MovieLens;
import org.embedrec.model.EpochRecord;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 5: with Adam, {@code --learning-rate 1e9} gives a finite loss that grows, and main saved
 * that model (test RMSE 2.83 against 1.05 for the global mean) without a word.
 */
class GrowingLossTest {
    private static List<EpochRecord> history(double... losses) {
        List<EpochRecord> history = new ArrayList<>();
        for (int k = 0; k < losses.length; k++) {
            history.add(new EpochRecord(k + 1, losses[k], Double.NaN, Map.of(), 1.0, 0.01));
        }
        return history;
    }

    @Test
    void aLossGrowingForThreeEpochsAboveTheFirstStopsTheRun() {
        assertThatThrownBy(() -> TrainingLoop.checkNotGrowing(history(7.06, 7.29, 7.96, 8.51), 1e9f))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessage("training diverged in epoch 4: the training loss grew for 3 epochs in a row (7.060, 7.290,"
                        + " 7.960, 8.510) and is above the first epoch's (7.060) at learning rate 1.0E9. Try a smaller"
                        + " learning rate (e.g. 1.0E7) or another optimizer.");
    }

    @Test
    void noiseInAConvergedRunOrTooFewEpochsDoNotStopIt() {
        assertThatCode(() -> {
            TrainingLoop.checkNotGrowing(history(1.0, 0.5, 0.51, 0.52, 0.53), 0.01f); // below the first epoch's
            TrainingLoop.checkNotGrowing(history(1.0, 1.1, 1.2), 0.01f); // two growing epochs
            TrainingLoop.checkNotGrowing(history(1.0, 1.1, 1.1, 1.2), 0.01f); // a flat epoch between
        }).doesNotThrowAnyException();
    }

    @Test
    void adamAtLearningRate1e9OnMlLatestSmallStopsInsteadOfSavingAWorseModel() {
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());
        // Without early stopping, which would otherwise end the run on the validation error first.
        RecommenderTrainer<?> trainer = Trainers.create("mf", Map.of("learningRate", "1e9", "patience", 0));

        assertThatThrownBy(() -> trainer.fit(data.ratings(), data.catalog()))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training diverged in epoch 4: the training loss grew for 3 epochs in a row");
    }
}
