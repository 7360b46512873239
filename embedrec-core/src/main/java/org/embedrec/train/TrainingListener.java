package org.embedrec.train;

import org.embedrec.model.EpochRecord;

/**
 * Observes a training run: progress bars, logging, history export. All methods have empty
 * defaults. {@link #onProgress} is called from training threads and must be thread-safe; the
 * others are called from the thread that called {@code fit}.
 */
public interface TrainingListener {
    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Called before epoch {@code epoch} (1-based) of at most {@code epochs}, over {@code examples} examples. */
    default void onEpochStart(int epoch, int epochs, long examples) {
    }

    /** Called now and then during an epoch with the number of examples processed so far in it. */
    default void onProgress(long examplesDone) {
    }

    /** Called after each epoch with what it measured. */
    default void onEpochEnd(EpochRecord record) {
    }

    /** Called once when early stopping ends training, with the epoch whose parameters are kept. */
    default void onEarlyStop(int bestEpoch) {
    }
}
