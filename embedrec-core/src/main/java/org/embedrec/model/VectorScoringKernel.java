package org.embedrec.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link ScoringKernel} on the JDK Vector API: a chunk is four vectors of items at the CPU's
 * preferred width (64 items with AVX-512), and four users are scored at once, so each step over a
 * dimension loads four item vectors and four user values for sixteen multiply-adds held in
 * registers. Multiplies and adds stay separate, as in the scalar kernel, so both round identically.
 * Loaded only when {@code jdk.incubator.vector} is in the boot layer (see {@link ScoringKernel}).
 */
final class VectorScoringKernel implements ScoringKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int WIDTH = 4 * LANES;
    /** The bits of one vector's lanes. */
    private static final long VECTOR_LANES = (1L << LANES) - 1;

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public void score(float[] users, int o0, int o1, int o2, int o3, int count, float[] packed, int base,
            float[] offsets, int firstItem, int dim, float[] thresholds, int firstSlot, float[] out, long[] passing) {
        if (count == 1) {
            scoreOne(users, o0, packed, base, offsets, firstItem, dim, thresholds[firstSlot], out, passing);
            return;
        }
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = a00;
        FloatVector a02 = a00;
        FloatVector a03 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a12 = a00;
        FloatVector a13 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a22 = a00;
        FloatVector a23 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        FloatVector a32 = a00;
        FloatVector a33 = a00;
        for (int k = 0, row = base; k < dim; k++, row += WIDTH) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, packed, row);
            FloatVector v1 = FloatVector.fromArray(SPECIES, packed, row + LANES);
            FloatVector v2 = FloatVector.fromArray(SPECIES, packed, row + 2 * LANES);
            FloatVector v3 = FloatVector.fromArray(SPECIES, packed, row + 3 * LANES);
            FloatVector u = FloatVector.broadcast(SPECIES, users[o0 + k]);
            a00 = a00.add(v0.mul(u));
            a01 = a01.add(v1.mul(u));
            a02 = a02.add(v2.mul(u));
            a03 = a03.add(v3.mul(u));
            u = FloatVector.broadcast(SPECIES, users[o1 + k]);
            a10 = a10.add(v0.mul(u));
            a11 = a11.add(v1.mul(u));
            a12 = a12.add(v2.mul(u));
            a13 = a13.add(v3.mul(u));
            u = FloatVector.broadcast(SPECIES, users[o2 + k]);
            a20 = a20.add(v0.mul(u));
            a21 = a21.add(v1.mul(u));
            a22 = a22.add(v2.mul(u));
            a23 = a23.add(v3.mul(u));
            u = FloatVector.broadcast(SPECIES, users[o3 + k]);
            a30 = a30.add(v0.mul(u));
            a31 = a31.add(v1.mul(u));
            a32 = a32.add(v2.mul(u));
            a33 = a33.add(v3.mul(u));
        }
        FloatVector f0 = FloatVector.fromArray(SPECIES, offsets, firstItem);
        FloatVector f1 = FloatVector.fromArray(SPECIES, offsets, firstItem + LANES);
        FloatVector f2 = FloatVector.fromArray(SPECIES, offsets, firstItem + 2 * LANES);
        FloatVector f3 = FloatVector.fromArray(SPECIES, offsets, firstItem + 3 * LANES);
        passing[0] = finish(a00, a01, a02, a03, f0, f1, f2, f3, thresholds[firstSlot], out, 0);
        passing[1] = finish(a10, a11, a12, a13, f0, f1, f2, f3, thresholds[firstSlot + 1], out, WIDTH);
        if (count > 2) {
            passing[2] = finish(a20, a21, a22, a23, f0, f1, f2, f3, thresholds[firstSlot + 2], out, 2 * WIDTH);
        }
        if (count > 3) {
            passing[3] = finish(a30, a31, a32, a33, f0, f1, f2, f3, thresholds[firstSlot + 3], out, 3 * WIDTH);
        }
    }

    /** One user: the per-request path, bound by reading the item table rather than by arithmetic. */
    private static void scoreOne(float[] users, int o0, float[] packed, int base, float[] offsets, int firstItem,
            int dim, float threshold, float[] out, long[] passing) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int k = 0, row = base; k < dim; k++, row += WIDTH) {
            FloatVector u = FloatVector.broadcast(SPECIES, users[o0 + k]);
            a0 = a0.add(FloatVector.fromArray(SPECIES, packed, row).mul(u));
            a1 = a1.add(FloatVector.fromArray(SPECIES, packed, row + LANES).mul(u));
            a2 = a2.add(FloatVector.fromArray(SPECIES, packed, row + 2 * LANES).mul(u));
            a3 = a3.add(FloatVector.fromArray(SPECIES, packed, row + 3 * LANES).mul(u));
        }
        passing[0] = finish(a0, a1, a2, a3, FloatVector.fromArray(SPECIES, offsets, firstItem),
                FloatVector.fromArray(SPECIES, offsets, firstItem + LANES),
                FloatVector.fromArray(SPECIES, offsets, firstItem + 2 * LANES),
                FloatVector.fromArray(SPECIES, offsets, firstItem + 3 * LANES), threshold, out, 0);
    }

    /**
     * Adds the offsets, stores the scores at {@code out[at ..]} and returns a mask with the lanes of
     * every vector that has a score above the threshold. Testing each vector with {@code anyTrue}
     * rather than converting masks to bits keeps to operations the JDK 17 compiler turns into
     * instructions; the caller compares the few flagged scores again.
     */
    private static long finish(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, FloatVector f0,
            FloatVector f1, FloatVector f2, FloatVector f3, float threshold, float[] out, int at) {
        FloatVector t = FloatVector.broadcast(SPECIES, threshold);
        FloatVector s0 = a0.add(f0);
        FloatVector s1 = a1.add(f1);
        FloatVector s2 = a2.add(f2);
        FloatVector s3 = a3.add(f3);
        s0.intoArray(out, at);
        s1.intoArray(out, at + LANES);
        s2.intoArray(out, at + 2 * LANES);
        s3.intoArray(out, at + 3 * LANES);
        long mask = 0;
        if (s0.compare(VectorOperators.GT, t).anyTrue()) {
            mask |= VECTOR_LANES;
        }
        if (s1.compare(VectorOperators.GT, t).anyTrue()) {
            mask |= VECTOR_LANES << LANES;
        }
        if (s2.compare(VectorOperators.GT, t).anyTrue()) {
            mask |= VECTOR_LANES << 2 * LANES;
        }
        if (s3.compare(VectorOperators.GT, t).anyTrue()) {
            mask |= VECTOR_LANES << 3 * LANES;
        }
        return mask;
    }

    @Override
    public String describe() {
        return "vector (" + LANES + " float lanes)";
    }
}
