package org.embedrec.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedrec.model.EpochRecord;

/**
 * Early stopping with restore-best, as a listener of the epoch loop: after each epoch it reads the
 * monitored validation metric (lower is better), keeps a copy of the parameters of the best epoch so
 * far, and asks the loop to stop once {@code patience} epochs have passed without improvement. When
 * the run ends, by stopping or by running out of epochs, the best epoch's parameters are put back and
 * the history is cut there, as Keras's {@code EarlyStopping(restore_best_weights=True)} does. Epochs
 * up to {@code warmup} are neither kept nor counted, as with Keras's {@code start_from_epoch}: for
 * models whose first epochs score well for the wrong reason (see {@code EpochTrainer.warmupEpochs()}).
 */
final class EarlyStopping implements TrainingListener {
    private final Map<String, float[]> parameters;
    private final int patience;
    private final String monitor;
    private final int warmup;
    private Map<String, float[]> best;
    private double bestScore = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int lastEpoch;

    /**
     * @param parameters the live parameter tables of the model being trained
     * @param patience epochs without improvement before stopping; at least 1
     * @param monitor the validation metric to watch
     * @param warmup the first epochs, which are never kept; at least 0
     */
    EarlyStopping(Map<String, float[]> parameters, int patience, String monitor, int warmup) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        this.parameters = parameters;
        this.patience = patience;
        this.monitor = monitor;
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        }
        this.warmup = warmup;
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
        lastEpoch = record.epoch();
        Double score = record.metrics().get(monitor);
        if (record.epoch() > warmup && score != null && score < bestScore) {
            bestScore = score;
            bestEpoch = record.epoch();
            best = copy(parameters);
        }
    }

    /** Whether {@code patience} epochs have passed since the best one. */
    boolean shouldStop() {
        return best != null && lastEpoch - bestEpoch >= patience;
    }

    /**
     * Ends the run: if a validated epoch came before the last one, puts its parameters back, tells
     * {@code listener}, and returns the history up to it; otherwise returns {@code history} as it is.
     */
    List<EpochRecord> finish(List<EpochRecord> history, TrainingListener listener) {
        if (best == null || bestEpoch == history.size()) {
            return history;
        }
        parameters.forEach((name, values) -> System.arraycopy(best.get(name), 0, values, 0, values.length));
        listener.onEarlyStop(bestEpoch);
        return new ArrayList<>(history.subList(0, bestEpoch));
    }

    private static Map<String, float[]> copy(Map<String, float[]> parameters) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }
}
