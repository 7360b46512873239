package org.embedrec.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provenance of a fitted model, stored in its model file: what kind of model, with which options,
 * trained on which data, how training went and how it scored.
 *
 * @param kind the model kind, e.g. {@code "matrix-factorization"}
 * @param options the trainer options as a JSON-compatible map
 * @param dataFingerprint {@link org.embedrec.data.Ratings#fingerprint()} of the training data
 * @param history one record per completed epoch
 * @param metrics evaluation results by name (e.g. "test.rmse"); may be empty
 */
public record ModelInfo(String kind, Map<String, Object> options, String dataFingerprint,
        List<EpochRecord> history, Map<String, Double> metrics) {
    public ModelInfo {
        Objects.requireNonNull(kind, "kind");
        options = Map.copyOf(options);
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        history = List.copyOf(history);
        metrics = Map.copyOf(metrics);
    }

    /** The same provenance with these evaluation metrics added (replacing equal names). */
    public ModelInfo withMetrics(Map<String, Double> more) {
        java.util.Map<String, Double> merged = new java.util.TreeMap<>(metrics);
        merged.putAll(more);
        return new ModelInfo(kind, options, dataFingerprint, history, merged);
    }
}
