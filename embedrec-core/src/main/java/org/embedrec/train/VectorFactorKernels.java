package org.embedrec.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the JDK Vector API at the CPU's preferred float width (16 lanes with AVX-512, 8 with
 * AVX2): one fused multiply-add accumulator per lane for the dot product, reduced once at the end.
 * Loaded only when {@code jdk.incubator.vector} is in the boot layer (see {@link FactorKernels}).
 */
final class VectorFactorKernels implements FactorKernels.Implementation {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int k = 0;
        for (int bound = SPECIES.loopBound(dim); k < bound; k += SPECIES.length()) {
            sum = FloatVector.fromArray(SPECIES, a, aOffset + k).fma(FloatVector.fromArray(SPECIES, b, bOffset + k), sum);
        }
        float result = sum.reduceLanes(VectorOperators.ADD);
        for (; k < dim; k++) {
            result += a[aOffset + k] * b[bOffset + k];
        }
        return result;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int dim) {
        int k = 0;
        for (int bound = SPECIES.loopBound(dim); k < bound; k += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xOffset + k)
                    .fma(FloatVector.broadcast(SPECIES, alpha), FloatVector.fromArray(SPECIES, y, yOffset + k))
                    .intoArray(y, yOffset + k);
        }
        for (; k < dim; k++) {
            y[yOffset + k] += alpha * x[xOffset + k];
        }
    }

    @Override
    public void sgdPair(float[] p, int pOffset, float[] q, int qOffset, int dim, float g, float shrink) {
        int k = 0;
        for (int bound = SPECIES.loopBound(dim); k < bound; k += SPECIES.length()) {
            FloatVector pk = FloatVector.fromArray(SPECIES, p, pOffset + k);
            FloatVector qk = FloatVector.fromArray(SPECIES, q, qOffset + k);
            pk.mul(shrink).sub(qk.mul(g)).intoArray(p, pOffset + k);
            qk.mul(shrink).sub(pk.mul(g)).intoArray(q, qOffset + k);
        }
        for (; k < dim; k++) {
            float pk = p[pOffset + k];
            float qk = q[qOffset + k];
            p[pOffset + k] = shrink * pk - g * qk;
            q[qOffset + k] = shrink * qk - g * pk;
        }
    }

    @Override
    public String describe() {
        return "vector (" + SPECIES.length() + " float lanes)";
    }
}
