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
    public float marginDot(float[] p, int pOffset, float[] q, int iOffset, int jOffset, int dim) {
        float x0 = 0;
        float x1 = 0;
        int k = 0;
        for (; k + 1 < dim; k += 2) {
            x0 += p[pOffset + k] * (q[iOffset + k] - q[jOffset + k]);
            x1 += p[pOffset + k + 1] * (q[iOffset + k + 1] - q[jOffset + k + 1]);
        }
        for (; k < dim; k++) {
            x0 += p[pOffset + k] * (q[iOffset + k] - q[jOffset + k]);
        }
        return x0 + x1;
    }

    @Override
    public void pairGradient(float[] p, int pOffset, float[] q, int iOffset, int jOffset, float[] userGradient,
            int userGradientOffset, float[] itemGradient, int iGradientOffset, int jGradientOffset, int dim, float d,
            float decay) {
        for (int k = 0; k < dim; k++) {
            float pk = p[pOffset + k];
            float qi = q[iOffset + k];
            float qj = q[jOffset + k];
            userGradient[userGradientOffset + k] += d * (qi - qj) + decay * pk;
            itemGradient[iGradientOffset + k] += d * pk + decay * qi;
            itemGradient[jGradientOffset + k] += -d * pk + decay * qj;
        }
    }

    @Override
    public void adamRow(float[] table, float[] m, float[] v, int base, float[] grad, int offset, int dim,
            float stepSize, float epsilon) {
        for (int k = 0; k < dim; k++) {
            float g = grad[offset + k];
            float mk = Optimizer.BETA1 * m[base + k] + (1 - Optimizer.BETA1) * g;
            float vk = Optimizer.BETA2 * v[base + k] + (1 - Optimizer.BETA2) * g * g;
            m[base + k] = mk;
            v[base + k] = vk;
            table[base + k] -= stepSize * mk / ((float) Math.sqrt(vk) + epsilon);
        }
    }

    @Override
    public String describe() {
        return "scalar";
    }
}
