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
        // Vectors cross no method boundary: a call the compiler does not inline would box them.
        a00.intoArray(out, 0);
        a01.intoArray(out, LANES);
        a02.intoArray(out, 2 * LANES);
        a03.intoArray(out, 3 * LANES);
        a10.intoArray(out, WIDTH);
        a11.intoArray(out, WIDTH + LANES);
        a12.intoArray(out, WIDTH + 2 * LANES);
        a13.intoArray(out, WIDTH + 3 * LANES);
        a20.intoArray(out, 2 * WIDTH);
        a21.intoArray(out, 2 * WIDTH + LANES);
        a22.intoArray(out, 2 * WIDTH + 2 * LANES);
        a23.intoArray(out, 2 * WIDTH + 3 * LANES);
        a30.intoArray(out, 3 * WIDTH);
        a31.intoArray(out, 3 * WIDTH + LANES);
        a32.intoArray(out, 3 * WIDTH + 2 * LANES);
        a33.intoArray(out, 3 * WIDTH + 3 * LANES);
        for (int r = 0; r < count; r++) {
            passing[r] = finish(out, r * WIDTH, offsets, firstItem, thresholds[firstSlot + r]);
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
        a0.intoArray(out, 0);
        a1.intoArray(out, LANES);
        a2.intoArray(out, 2 * LANES);
        a3.intoArray(out, 3 * LANES);
        passing[0] = finish(out, 0, offsets, firstItem, threshold);
    }

    /**
     * Adds the offsets to the chunk's sums at {@code out[at .. at + WIDTH)} and returns a mask with the
     * lanes of every vector that has a score above the threshold. Testing each vector with
     * {@code anyTrue} rather than converting masks to bits keeps to operations the JDK 17 compiler
     * turns into instructions; the caller compares the few flagged scores again.
     */
    private static long finish(float[] out, int at, float[] offsets, int firstItem, float threshold) {
        FloatVector t = FloatVector.broadcast(SPECIES, threshold);
        long mask = 0;
        for (int v = 0; v < 4; v++) {
            FloatVector s = FloatVector.fromArray(SPECIES, out, at + v * LANES)
                    .add(FloatVector.fromArray(SPECIES, offsets, firstItem + v * LANES));
            s.intoArray(out, at + v * LANES);
            if (s.compare(VectorOperators.GT, t).anyTrue()) {
                mask |= VECTOR_LANES << v * LANES;
            }
        }
        return mask;
    }

    @Override
    public String describe() {
        return "vector (" + LANES + " float lanes)";
    }
}
