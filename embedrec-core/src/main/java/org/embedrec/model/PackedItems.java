package org.embedrec.model;

/**
 * A model's item vectors laid out for a {@link ScoringKernel}: chunks of {@code width} items, each
 * chunk stored dimension by dimension ({@code vectors[(c · d + k) · width + j]} is dimension
 * {@code k} of item {@code c · width + j}), the last chunk padded with zero vectors. {@code offsets}
 * holds each item's offset (its bias, or 0), and NaN for items the model never saw in training and
 * for the padding, so that they never score above any threshold.
 */
record PackedItems(int width, int items, int dim, float[] vectors, float[] offsets) {
    /** Packs {@code items × dim} row-major {@code itemVectors} with optional {@code itemBias}; {@code known} says which items may be recommended. */
    static PackedItems pack(int width, float[] itemVectors, float[] itemBias, int items, int dim,
            java.util.function.IntPredicate known) {
        int chunks = (items + width - 1) / width;
        float[] vectors = new float[Math.multiplyExact(chunks * width, dim)];
        float[] offsets = new float[chunks * width];
        java.util.Arrays.fill(offsets, Float.NaN);
        for (int item = 0; item < items; item++) {
            int chunk = item / width;
            int lane = item - chunk * width;
            int base = chunk * dim * width + lane;
            for (int k = 0; k < dim; k++) {
                vectors[base + k * width] = itemVectors[item * dim + k];
            }
            if (known.test(item)) {
                offsets[item] = itemBias == null ? 0f : itemBias[item];
            }
        }
        return new PackedItems(width, items, dim, vectors, offsets);
    }

    int chunks() {
        return offsets.length / width;
    }
}
