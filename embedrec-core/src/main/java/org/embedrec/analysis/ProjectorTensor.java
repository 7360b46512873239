package org.embedrec.analysis;

import java.util.List;
import java.util.Objects;

/**
 * One tensor of a TensorBoard Embedding Projector export: vectors and one metadata row per vector.
 *
 * @param name the tensor's name in the projector (e.g. "items")
 * @param table the vectors
 * @param header metadata column names
 * @param metadata one row of {@code header.size()} cells per vector
 */
public record ProjectorTensor(String name, EmbeddingTable table, List<String> header, List<List<String>> metadata) {
    public ProjectorTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        header = List.copyOf(header);
        metadata = metadata.stream().map(List::copyOf).toList();
        if (metadata.size() != table.rows()) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + table.rows() + " vectors but "
                    + metadata.size() + " metadata rows");
        }
        for (int row = 0; row < metadata.size(); row++) {
            if (metadata.get(row).size() != header.size()) {
                throw new IllegalArgumentException("metadata row " + row + " of tensor '" + name + "' has "
                        + metadata.get(row).size() + " cells, the header " + header.size());
            }
        }
    }
}
