package org.embedrec.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How {@code embedrec retrain} made a model: from the training data of an earlier model plus the
 * interactions of an interaction store up to a watermark. A server folds into such a model only the
 * stored interactions after the watermark, since those up to it are already trained in.
 *
 * <p>The watermark is on the interactions' own time (what the client sent as {@code time}, or the
 * server's clock when it stored them): the model holds every stored interaction with
 * {@code time <= watermarkMillis} that was in the store when it was read, and none after it.
 *
 * @param version the model's version: 1 is a model that {@code train} made (no retraining recorded),
 *     each retrain adds 1 to the version it started from
 * @param trainedAt when the retrain started
 * @param store the interaction store read, as it describes itself (never a password)
 * @param watermarkMillis the last interaction time (epoch milliseconds) trained in
 * @param interactions how many stored interactions (up to the watermark) were trained in
 */
public record Retraining(int version, Instant trainedAt, String store, long watermarkMillis, long interactions) {
    /** Checks the fields; messages name the bad value. */
    public Retraining {
        if (version < 2) {
            throw new IllegalArgumentException("a retrained model's version is at least 2, got " + version);
        }
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(store, "store");
        if (interactions < 0) {
            throw new IllegalArgumentException("interactions must be >= 0, got " + interactions);
        }
    }
}
