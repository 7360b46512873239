package org.embedrec.model;

/**
 * The portable {@link ScoringKernel}: for each user, {@code out[j] += u[k] · v[k][j]} over a chunk of
 * 32 items, dimension by dimension. The loop over the chunk is a plain element-wise update, which the
 * JIT may vectorize without changing a single rounding.
 */
final class ScalarScoringKernel implements ScoringKernel {
    private static final int WIDTH = 32;

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public void score(float[] users, int o0, int o1, int o2, int o3, int count, float[] packed, int base,
            float[] offsets, int firstItem, int dim, float[] thresholds, int firstSlot, float[] out, long[] passing) {
        for (int r = 0; r < count; r++) {
            int offset = r == 0 ? o0 : r == 1 ? o1 : r == 2 ? o2 : o3;
            int at = r * WIDTH;
            for (int j = 0; j < WIDTH; j++) {
                out[at + j] = 0f;
            }
            for (int k = 0; k < dim; k++) {
                float weight = users[offset + k];
                int row = base + k * WIDTH;
                for (int j = 0; j < WIDTH; j++) {
                    out[at + j] += weight * packed[row + j];
                }
            }
            float threshold = thresholds[firstSlot + r];
            long mask = 0;
            for (int j = 0; j < WIDTH; j++) {
                float s = out[at + j] + offsets[firstItem + j];
                out[at + j] = s;
                if (s > threshold) {
                    mask |= 1L << j;
                }
            }
            passing[r] = mask;
        }
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
