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

    /**
     * With {@code dim} four vectors wide, both rows stay in registers from the dot product to the
     * update, which does {@link #dot}'s and {@link #sgdPair}'s operations in their order.
     */
    @Override
    public void sgdStep(float[] p, int pOffset, float[] q, int qOffset, int dim, float shrink, FactorKernels.StepRule rule) {
        int lanes = SPECIES.length();
        if (dim != 4 * lanes) {
            FactorKernels.Implementation.super.sgdStep(p, pOffset, q, qOffset, dim, shrink, rule);
            return;
        }
        FloatVector p0 = FloatVector.fromArray(SPECIES, p, pOffset);
        FloatVector p1 = FloatVector.fromArray(SPECIES, p, pOffset + lanes);
        FloatVector p2 = FloatVector.fromArray(SPECIES, p, pOffset + 2 * lanes);
        FloatVector p3 = FloatVector.fromArray(SPECIES, p, pOffset + 3 * lanes);
        FloatVector q0 = FloatVector.fromArray(SPECIES, q, qOffset);
        FloatVector q1 = FloatVector.fromArray(SPECIES, q, qOffset + lanes);
        FloatVector q2 = FloatVector.fromArray(SPECIES, q, qOffset + 2 * lanes);
        FloatVector q3 = FloatVector.fromArray(SPECIES, q, qOffset + 3 * lanes);
        FloatVector sum = p3.fma(q3, p2.fma(q2, p1.fma(q1, p0.fma(q0, FloatVector.zero(SPECIES)))));
        float g = rule.gradientScale(sum.reduceLanes(VectorOperators.ADD));
        p0.mul(shrink).sub(q0.mul(g)).intoArray(p, pOffset);
        q0.mul(shrink).sub(p0.mul(g)).intoArray(q, qOffset);
        p1.mul(shrink).sub(q1.mul(g)).intoArray(p, pOffset + lanes);
        q1.mul(shrink).sub(p1.mul(g)).intoArray(q, qOffset + lanes);
        p2.mul(shrink).sub(q2.mul(g)).intoArray(p, pOffset + 2 * lanes);
        q2.mul(shrink).sub(p2.mul(g)).intoArray(q, qOffset + 2 * lanes);
        p3.mul(shrink).sub(q3.mul(g)).intoArray(p, pOffset + 3 * lanes);
        q3.mul(shrink).sub(p3.mul(g)).intoArray(q, qOffset + 3 * lanes);
    }

    /**
     * With {@code dim} four vectors wide, {@link #sgdStep}'s body with the rule written in. Written out rather
     * than shared with {@link #sgdStep}: a helper method is a call the JIT declines to inline once its vector
     * code is compiled on its own (too big), and that call per rating is what this loop removes.
     */
    @Override
    public double biasedSquaredSgd(int[] examples, int[] order, int from, int to, float[] p, float[] q,
            float[] userBias, float[] itemBias, int dim, float global, float rate, float shrink, float biasDecay) {
        int lanes = SPECIES.length();
        if (dim != 4 * lanes) {
            return FactorKernels.Implementation.super.biasedSquaredSgd(examples, order, from, to, p, q, userBias, itemBias,
                    dim, global, rate, shrink, biasDecay);
        }
        double lossSum = 0;
        for (int k = from; k < to; k++) {
            int example = 3 * (order == null ? k : order[k]);
            int u = examples[example];
            int i = examples[example + 1];
            float y = Float.intBitsToFloat(examples[example + 2]);
            int pOffset = u * dim;
            int qOffset = i * dim;
            FloatVector p0 = FloatVector.fromArray(SPECIES, p, pOffset);
            FloatVector p1 = FloatVector.fromArray(SPECIES, p, pOffset + lanes);
            FloatVector p2 = FloatVector.fromArray(SPECIES, p, pOffset + 2 * lanes);
            FloatVector p3 = FloatVector.fromArray(SPECIES, p, pOffset + 3 * lanes);
            FloatVector q0 = FloatVector.fromArray(SPECIES, q, qOffset);
            FloatVector q1 = FloatVector.fromArray(SPECIES, q, qOffset + lanes);
            FloatVector q2 = FloatVector.fromArray(SPECIES, q, qOffset + 2 * lanes);
            FloatVector q3 = FloatVector.fromArray(SPECIES, q, qOffset + 3 * lanes);
            FloatVector sum = p3.fma(q3, p2.fma(q2, p1.fma(q1, p0.fma(q0, FloatVector.zero(SPECIES)))));
            float z = global + sum.reduceLanes(VectorOperators.ADD);
            z += userBias[u] + itemBias[i];
            float d = 2 * (z - y);
            float g = rate * d;
            p0.mul(shrink).sub(q0.mul(g)).intoArray(p, pOffset);
            q0.mul(shrink).sub(p0.mul(g)).intoArray(q, qOffset);
            p1.mul(shrink).sub(q1.mul(g)).intoArray(p, pOffset + lanes);
            q1.mul(shrink).sub(p1.mul(g)).intoArray(q, qOffset + lanes);
            p2.mul(shrink).sub(q2.mul(g)).intoArray(p, pOffset + 2 * lanes);
            q2.mul(shrink).sub(p2.mul(g)).intoArray(q, qOffset + 2 * lanes);
            p3.mul(shrink).sub(q3.mul(g)).intoArray(p, pOffset + 3 * lanes);
            q3.mul(shrink).sub(p3.mul(g)).intoArray(q, qOffset + 3 * lanes);
            userBias[u] -= rate * (d + biasDecay * userBias[u]);
            itemBias[i] -= rate * (d + biasDecay * itemBias[i]);
            double error = z - y;
            lossSum += error * error;
        }
        return lossSum;
    }

    @Override
    public float marginDot(float[] p, int pOffset, float[] q, int iOffset, int jOffset, int dim) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int k = 0;
        for (int bound = SPECIES.loopBound(dim); k < bound; k += SPECIES.length()) {
            FloatVector difference = FloatVector.fromArray(SPECIES, q, iOffset + k).sub(FloatVector.fromArray(SPECIES, q, jOffset + k));
            sum = FloatVector.fromArray(SPECIES, p, pOffset + k).fma(difference, sum);
        }
        float result = sum.reduceLanes(VectorOperators.ADD);
        for (; k < dim; k++) {
            result += p[pOffset + k] * (q[iOffset + k] - q[jOffset + k]);
        }
        return result;
    }

    @Override
    public void pairGradient(float[] p, int pOffset, float[] q, int iOffset, int jOffset, float[] userGradient,
            int userGradientOffset, float[] itemGradient, int iGradientOffset, int jGradientOffset, int dim, float d,
            float decay) {
        int k = 0;
        for (int bound = SPECIES.loopBound(dim); k < bound; k += SPECIES.length()) {
            FloatVector pk = FloatVector.fromArray(SPECIES, p, pOffset + k);
            FloatVector qi = FloatVector.fromArray(SPECIES, q, iOffset + k);
            FloatVector qj = FloatVector.fromArray(SPECIES, q, jOffset + k);
            FloatVector.fromArray(SPECIES, userGradient, userGradientOffset + k)
                    .add(qi.sub(qj).mul(d).add(pk.mul(decay))).intoArray(userGradient, userGradientOffset + k);
            FloatVector.fromArray(SPECIES, itemGradient, iGradientOffset + k)
                    .add(pk.mul(d).add(qi.mul(decay))).intoArray(itemGradient, iGradientOffset + k);
            FloatVector.fromArray(SPECIES, itemGradient, jGradientOffset + k)
                    .add(pk.mul(-d).add(qj.mul(decay))).intoArray(itemGradient, jGradientOffset + k);
        }
        for (; k < dim; k++) {
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
        int k = 0;
        for (int bound = SPECIES.loopBound(dim); k < bound; k += SPECIES.length()) {
            FloatVector g = FloatVector.fromArray(SPECIES, grad, offset + k);
            // Separate multiplies and adds in the scalar kernel's order: a fused multiply-add would round differently.
            FloatVector mk = FloatVector.fromArray(SPECIES, m, base + k).mul(Optimizer.BETA1).add(g.mul(1 - Optimizer.BETA1));
            FloatVector vk = FloatVector.fromArray(SPECIES, v, base + k).mul(Optimizer.BETA2)
                    .add(g.mul(1 - Optimizer.BETA2).mul(g));
            mk.intoArray(m, base + k);
            vk.intoArray(v, base + k);
            FloatVector w = FloatVector.fromArray(SPECIES, table, base + k);
            w.sub(mk.mul(stepSize).div(vk.sqrt().add(epsilon))).intoArray(table, base + k);
        }
        for (; k < dim; k++) {
            float gk = grad[offset + k];
            float mk = Optimizer.BETA1 * m[base + k] + (1 - Optimizer.BETA1) * gk;
            float vk = Optimizer.BETA2 * v[base + k] + (1 - Optimizer.BETA2) * gk * gk;
            m[base + k] = mk;
            v[base + k] = vk;
            table[base + k] -= stepSize * mk / ((float) Math.sqrt(vk) + epsilon);
        }
    }

    @Override
    public String describe() {
        return "vector (" + SPECIES.length() + " float lanes)";
    }
}
