package org.embedrec.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a fitted model's file records beside its parameters: what kind of model, trained with which
 * hyperparameters, where it came from, how training went and how it scored.
 *
 * @param kind the model kind, e.g. {@code "matrix-factorization"}
 * @param hyperparameters the trainer's options as a JSON-compatible map, and nothing else
 * @param provenance the training data's fingerprint, and how to find and split it again
 * @param history one record per completed epoch
 * @param metrics evaluation results by name (e.g. "test.rmse"); may be empty
 */
public record ModelInfo(String kind, Map<String, Object> hyperparameters, Provenance provenance,
        List<EpochRecord> history, Map<String, Double> metrics) {
    public ModelInfo {
        Objects.requireNonNull(kind, "kind");
        hyperparameters = Map.copyOf(hyperparameters);
        Objects.requireNonNull(provenance, "provenance");
        history = List.copyOf(history);
        metrics = Map.copyOf(metrics);
    }

    /** The same info with these evaluation metrics added (replacing equal names). */
    public ModelInfo withMetrics(Map<String, Double> more) {
        Map<String, Double> merged = new TreeMap<>(metrics);
        merged.putAll(more);
        return new ModelInfo(kind, hyperparameters, provenance, history, merged);
    }

    /** The same info with another provenance. */
    public ModelInfo withProvenance(Provenance newProvenance) {
        return new ModelInfo(kind, hyperparameters, newProvenance, history, metrics);
    }
}
