package org.embedrec.model;

/**
 * The inner loop of {@link BatchTopN}: up to four users' scores for one chunk of {@link #width()}
 * items of a {@link PackedItems} table, each compared with its user's current top-N threshold.
 *
 * <p>Every implementation computes each score the same way, whatever the chunk width or the users
 * scored beside it: {@code s = 0; s += u[k] · v[k]} for {@code k = 0 .. d-1} in that order, each
 * product and sum rounded to float (no fused multiply-add), then {@code s + offset}. So a score does
 * not depend on the blocking, and the scalar and vector implementations give bit-identical lists.
 *
 * <p>Two implementations, chosen once like {@code org.embedrec.train.FactorKernels} (this package may
 * not use training code) by the system property {@code embedrec.kernels} ({@code scalar},
 * {@code vector} or {@code auto}, the default): the JDK Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else portable Java.
 */
interface ScoringKernel {
    /** The kernel this JVM uses. */
    ScoringKernel CHOSEN = choose(System.getProperty("embedrec.kernels", "auto"));

    /** Items per chunk: the packing width of {@link PackedItems}. At most 64, a multiple of 4. */
    int width();

    /**
     * Scores the users whose vectors start at {@code users[o0]}, {@code users[o1]}, {@code users[o2]},
     * {@code users[o3]} (only the first {@code count}, 1 to 4, are used; pass any valid offset for the
     * others) against the chunk at {@code packed[base ..]} (dimension-major, {@link #width()} items
     * per dimension) and adds {@code offsets[firstItem + j]}. Writes user {@code r}'s score of chunk
     * item {@code j} to {@code out[r * width + j]}, and into {@code passing[r]} a mask of the items
     * that may score above {@code thresholds[firstSlot + r]}: the bit of every such item is set (a set
     * bit may be a false alarm, so callers compare again), and no bit is set when none is above.
     */
    void score(float[] users, int o0, int o1, int o2, int o3, int count, float[] packed, int base, float[] offsets,
            int firstItem, int dim, float[] thresholds, int firstSlot, float[] out, long[] passing);

    /** Which implementation this is, e.g. "vector (16 float lanes)" or "scalar". */
    String describe();

    static ScoringKernel choose(String name) {
        boolean vectorPresent = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return switch (name) {
            case "scalar" -> new ScalarScoringKernel();
            case "vector" -> {
                if (!vectorPresent) {
                    throw new IllegalStateException("embedrec.kernels=vector needs the JVM option --add-modules jdk.incubator.vector");
                }
                yield new VectorScoringKernel();
            }
            case "auto" -> vectorPresent ? new VectorScoringKernel() : new ScalarScoringKernel();
            default -> throw new IllegalArgumentException("embedrec.kernels must be scalar, vector or auto, got '" + name + "'");
        };
    }
}
