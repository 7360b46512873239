package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedrec.model.EpochRecord;
import org.junit.jupiter.api.Test;

/**
 * Early stopping on a scripted series of validation scores: it keeps the best epoch's parameters
 * (each epoch writes its own number into them), stops {@code patience} epochs after it, and with a
 * warm-up never keeps one of the first epochs, however well they score.
 */
class EarlyStoppingTest {
    /** Lower is better: epoch 1 scores best of all, then a dip, then epoch 4 is the best after it. */
    private static final double[] SCORES = {0.1, 0.5, 0.4, 0.3, 0.35, 0.36, 0.37, 0.2};

    /** Runs the series until the rule stops it; returns {epochs run, epoch kept, parameter value restored}. */
    private static int[] run(int patience, int warmup) {
        float[] table = new float[3];
        Map<String, float[]> parameters = new LinkedHashMap<>(Map.of("table", table));
        EarlyStopping stopping = new EarlyStopping(parameters, patience, "score", warmup);
        List<EpochRecord> history = new ArrayList<>();
        int[] kept = {history.size()};
        for (int epoch = 1; epoch <= SCORES.length; epoch++) {
            java.util.Arrays.fill(table, epoch);
            EpochRecord record = new EpochRecord(epoch, 1.0, Double.NaN, Map.of("score", SCORES[epoch - 1]), 0.1, 0.01);
            history.add(record);
            stopping.onEpochEnd(record);
            if (stopping.shouldStop()) {
                break;
            }
        }
        int ran = history.size();
        List<EpochRecord> keptHistory = stopping.finish(history, new TrainingListener() {
            @Override
            public void onEarlyStop(int bestEpoch) {
                kept[0] = bestEpoch;
            }
        });
        assertThat(keptHistory).hasSize(kept[0] == 0 ? ran : kept[0]);
        return new int[] {ran, keptHistory.size(), (int) table[0]};
    }

    @Test
    void withoutWarmupTheFirstEpochIsKeptAndTheRunStopsPatienceEpochsLater() {
        assertThat(run(3, 0)).containsExactly(4, 1, 1);
    }

    @Test
    void aWarmupSkipsTheEarlyEpochsAndKeepsTheBestAfterThem() {
        // Epoch 4 (0.3) is the best after the first; epochs 5 to 7 do not beat it, so the run stops after 7.
        assertThat(run(3, 1)).containsExactly(7, 4, 4);
        assertThat(run(3, 3)).containsExactly(7, 4, 4);
        // Warm-up 4: epoch 5 (0.35) is the first candidate; epoch 8 (0.2) beats it just in time for patience 3,
        // not for patience 2.
        assertThat(run(3, 4)).containsExactly(8, 8, 8);
        assertThat(run(2, 4)).containsExactly(7, 5, 5);
    }

    @Test
    void aNegativeWarmupIsRejectedByValue() {
        assertThatThrownBy(() -> new EarlyStopping(new LinkedHashMap<>(), 1, "score", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("warmup must be >= 0, got -1");
    }
}
