package org.embedrec.model;

/**
 * The portable {@link ScoringKernel}: four users against four items at a time, with the sixteen sums
 * in registers, over a chunk of 32 items. The JIT does not vectorize it, so it is many times slower
 * than the Vector API kernel; docs/BENCHMARKS.md ("All-users top-N") has both.
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
        for (int j = 0; j < WIDTH; j += 4) {
            float s00 = 0f;
            float s01 = 0f;
            float s02 = 0f;
            float s03 = 0f;
            float s10 = 0f;
            float s11 = 0f;
            float s12 = 0f;
            float s13 = 0f;
            float s20 = 0f;
            float s21 = 0f;
            float s22 = 0f;
            float s23 = 0f;
            float s30 = 0f;
            float s31 = 0f;
            float s32 = 0f;
            float s33 = 0f;
            for (int k = 0, row = base + j; k < dim; k++, row += WIDTH) {
                float v0 = packed[row];
                float v1 = packed[row + 1];
                float v2 = packed[row + 2];
                float v3 = packed[row + 3];
                float u = users[o0 + k];
                s00 += u * v0;
                s01 += u * v1;
                s02 += u * v2;
                s03 += u * v3;
                u = users[o1 + k];
                s10 += u * v0;
                s11 += u * v1;
                s12 += u * v2;
                s13 += u * v3;
                u = users[o2 + k];
                s20 += u * v0;
                s21 += u * v1;
                s22 += u * v2;
                s23 += u * v3;
                u = users[o3 + k];
                s30 += u * v0;
                s31 += u * v1;
                s32 += u * v2;
                s33 += u * v3;
            }
            store(out, j, s00, s01, s02, s03);
            store(out, WIDTH + j, s10, s11, s12, s13);
            store(out, 2 * WIDTH + j, s20, s21, s22, s23);
            store(out, 3 * WIDTH + j, s30, s31, s32, s33);
        }
        for (int r = 0; r < count; r++) {
            int at = r * WIDTH;
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

    private static void store(float[] out, int at, float s0, float s1, float s2, float s3) {
        out[at] = s0;
        out[at + 1] = s1;
        out[at + 2] = s2;
        out[at + 3] = s3;
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
