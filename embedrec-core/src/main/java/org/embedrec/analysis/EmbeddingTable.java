package org.embedrec.analysis;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.embedrec.model.EmbeddingModel;

/**
 * A dense {@code rows x dimensions} table of vectors, with the model index each row came from:
 * the input of PCA, t-SNE and projector export.
 *
 * @param indices the model index (item, user or genre) of each row
 * @param values row-major vectors, {@code indices.length * dimensions} floats
 * @param dimensions length of a vector
 */
public record EmbeddingTable(int[] indices, float[] values, int dimensions) {
    public EmbeddingTable {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
        }
        if ((long) indices.length * dimensions != values.length) {
            throw new IllegalArgumentException("expected " + indices.length + " x " + dimensions + " values, got "
                    + values.length);
        }
    }

    /**
     * The vectors of the items the model knows for which {@code include} is true, in index order
     * (e.g. {@code item -> counts[item] >= 20} to drop items whose vectors are mostly noise).
     */
    public static EmbeddingTable ofItems(EmbeddingModel model, IntPredicate include) {
        int itemCount = model.items().size();
        int dim = model.dimensions();
        int[] chosen = new int[itemCount];
        int rows = 0;
        for (int item = 0; item < itemCount; item++) {
            if (model.isKnownItem(item) && include.test(item)) {
                chosen[rows++] = item;
            }
        }
        float[] values = new float[rows * dim];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(model.itemVector(chosen[row]), 0, values, row * dim, dim);
        }
        return new EmbeddingTable(Arrays.copyOf(chosen, rows), values, dim);
    }

    /** Rows {@code 0 .. count-1} of a vector source, e.g. every user of a {@link org.embedrec.model.UserEmbeddings}. */
    public static EmbeddingTable ofAll(int count, int dimensions, IntFunction<float[]> vector) {
        float[] values = new float[count * dimensions];
        int[] indices = new int[count];
        for (int row = 0; row < count; row++) {
            float[] v = vector.apply(row);
            if (v.length != dimensions) {
                throw new IllegalArgumentException("vector " + row + " has " + v.length + " values, expected " + dimensions);
            }
            System.arraycopy(v, 0, values, row * dimensions, dimensions);
            indices[row] = row;
        }
        return new EmbeddingTable(indices, values, dimensions);
    }

    /** Number of rows. */
    public int rows() {
        return indices.length;
    }

    /** Component {@code k} of row {@code row}. */
    public float get(int row, int k) {
        return values[row * dimensions + k];
    }
}
