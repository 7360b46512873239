package org.embedrec.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.embedrec.model.ModelInfo;

/**
 * What a model file says about its model, read from the header alone (tensors are neither read
 * nor checksummed): for listing models without loading them.
 *
 * @param file the model file
 * @param kind the model kind, e.g. {@code "matrix-factorization"}
 * @param sizeBytes the file size
 * @param users number of users
 * @param items number of items
 * @param info hyperparameters, provenance, training history, metrics
 * @param parameters the kind's scalars as plain Java values (for matrix factorization
 *     {@code dimensions}, {@code has_biases}, {@code global_bias}, {@code output_range})
 */
public record ModelFileSummary(Path file, String kind, long sizeBytes, int users, int items, ModelInfo info,
        Map<String, Object> parameters) {
    public ModelFileSummary {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(info, "info");
        // Not Map.copyOf: a parameter may be null (a linear model's output_range).
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
