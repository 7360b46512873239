package org.embedrec.train;

/**
 * The portable kernels: plain counted loops, the dot product unrolled into eight independent partial
 * sums so that its additions pipeline. The JIT does not vectorize them (the dot product is a strict
 * floating-point reduction, and the pair update reads and writes two arrays that might alias).
 */
final class ScalarFactorKernels implements FactorKernels.Implementation {
    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int k = 0;
        for (; k + 7 < dim; k += 8) {
            s0 += a[aOffset + k] * b[bOffset + k];
            s1 += a[aOffset + k + 1] * b[bOffset + k + 1];
            s2 += a[aOffset + k + 2] * b[bOffset + k + 2];
            s3 += a[aOffset + k + 3] * b[bOffset + k + 3];
            s4 += a[aOffset + k + 4] * b[bOffset + k + 4];
            s5 += a[aOffset + k + 5] * b[bOffset + k + 5];
            s6 += a[aOffset + k + 6] * b[bOffset + k + 6];
            s7 += a[aOffset + k + 7] * b[bOffset + k + 7];
        }
        for (; k < dim; k++) {
            s0 += a[aOffset + k] * b[bOffset + k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int dim) {
        for (int k = 0; k < dim; k++) {
            y[yOffset + k] += alpha * x[xOffset + k];
        }
    }

    @Override
    public void sgdPair(float[] p, int pOffset, float[] q, int qOffset, int dim, float g, float shrink) {
        for (int k = 0; k < dim; k++) {
            float pk = p[pOffset + k];
            float qk = q[qOffset + k];
            p[pOffset + k] = shrink * pk - g * qk;
            q[qOffset + k] = shrink * qk - g * pk;
        }
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
