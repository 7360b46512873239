package org.embedrec.model;

import java.util.Map;

/**
 * What one training epoch measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch (including regularization)
 * @param validationLoss loss on the validation set, NaN without one
 * @param metrics validation metrics by name (e.g. "rmse"), empty without a validation set
 * @param seconds wall-clock seconds the epoch took
 * @param learningRate the learning rate used in the epoch
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, Map<String, Double> metrics,
        double seconds, double learningRate) {
    public EpochRecord {
        metrics = Map.copyOf(metrics);
    }
}
