package org.embedrec.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The inner loops of factor-model training on rows of flat float tables
 * ({@code table[offset .. offset + dim)}), behind one interface with two implementations:
 * <ul>
 *   <li><b>vector</b>, on the JDK Vector API (SIMD lanes of the CPU's preferred width, fused
 *       multiply-add), used when the incubating module is present, i.e. when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector}; faster, by how much is in docs/BENCHMARKS.md
 *       ("Kernels");
 *   <li><b>scalar</b>, portable Java with the dot product unrolled into eight partial sums, used
 *       otherwise.
 * </ul>
 * The system property {@code embedrec.kernels} ({@code scalar}, {@code vector} or {@code auto}, the
 * default) overrides the choice. Both are deterministic, so one thread and one seed give
 * bit-identical models for a given implementation and CPU; the two implementations (and vector
 * widths) round differently, so their models differ in the last bits.
 */
public final class FactorKernels {
    private static final Implementation IMPLEMENTATION = choose(System.getProperty("embedrec.kernels", "auto"));

    private FactorKernels() {
    }

    /** The operations every implementation provides; see the static methods of {@link FactorKernels}. */
    interface Implementation {
        float dot(float[] a, int aOffset, float[] b, int bOffset, int dim);

        void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int dim);

        void sgdPair(float[] p, int pOffset, float[] q, int qOffset, int dim, float g, float shrink);

        /** {@link FactorKernels#sgdStep} as its definition: {@link #dot}, the rule, {@link #sgdPair}. */
        default void sgdStep(float[] p, int pOffset, float[] q, int qOffset, int dim, float shrink, StepRule rule) {
            sgdPair(p, pOffset, q, qOffset, dim, rule.gradientScale(dot(p, pOffset, q, qOffset, dim)), shrink);
        }

        /**
         * {@link FactorKernels#biasedSquaredSgd} as its definition: per example {@link #dot}, the rule,
         * {@link #sgdPair}.
         */
        default double biasedSquaredSgd(int[] examples, int[] order, int from, int to, float[] p, float[] q,
                float[] userBias, float[] itemBias, int dim, float global, float rate, float shrink, float biasDecay) {
            double lossSum = 0;
            for (int k = from; k < to; k++) {
                int example = 3 * (order == null ? k : order[k]);
                int u = examples[example];
                int i = examples[example + 1];
                float y = Float.intBitsToFloat(examples[example + 2]);
                float z = global + dot(p, u * dim, q, i * dim, dim);
                z += userBias[u] + itemBias[i];
                float d = 2 * (z - y);
                sgdPair(p, u * dim, q, i * dim, dim, rate * d, shrink);
                userBias[u] -= rate * (d + biasDecay * userBias[u]);
                itemBias[i] -= rate * (d + biasDecay * itemBias[i]);
                double error = z - y;
                lossSum += error * error;
            }
            return lossSum;
        }

        float marginDot(float[] p, int pOffset, float[] q, int iOffset, int jOffset, int dim);

        void pairGradient(float[] p, int pOffset, float[] q, int iOffset, int jOffset, float[] userGradient,
                int userGradientOffset, float[] itemGradient, int iGradientOffset, int jGradientOffset, int dim, float d,
                float decay);

        void adamRow(float[] table, float[] m, float[] v, int base, float[] grad, int offset, int dim, float stepSize,
                float epsilon);

        String describe();
    }

    static Implementation choose(String name) {
        boolean vectorPresent = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return switch (name) {
            case "scalar" -> new ScalarFactorKernels();
            case "vector" -> {
                if (!vectorPresent) {
                    throw new IllegalStateException("embedrec.kernels=vector needs the JVM option --add-modules jdk.incubator.vector");
                }
                yield new VectorFactorKernels();
            }
            case "auto" -> vectorPresent ? new VectorFactorKernels() : new ScalarFactorKernels();
            default -> throw new IllegalArgumentException("embedrec.kernels must be scalar, vector or auto, got '" + name + "'");
        };
    }

    /** Which implementation runs, e.g. "vector (16 float lanes)" or "scalar". */
    public static String implementation() {
        return IMPLEMENTATION.describe();
    }

    /** {@code Σ a[aOffset + k] · b[bOffset + k]} over {@code k < dim}. */
    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        return IMPLEMENTATION.dot(a, aOffset, b, bOffset, dim);
    }

    /** {@code y[yOffset + k] += alpha · x[xOffset + k]} for {@code k < dim}. */
    public static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int dim) {
        IMPLEMENTATION.axpy(alpha, x, xOffset, y, yOffset, dim);
    }

    /**
     * The fused SGD step of one (user, item) pair of a factor model with L2 decay: with {@code p} and
     * {@code q} the rows before the step, {@code p ← shrink · p − g · q} and {@code q ← shrink · q − g · p},
     * where {@code g = rate · ∂loss/∂score} and {@code shrink = 1 − rate · 2λ}. Both rows are read and
     * written in one pass. The rows must not overlap (they may be rows of one table).
     */
    public static void sgdPair(float[] p, int pOffset, float[] q, int qOffset, int dim, float g, float shrink) {
        IMPLEMENTATION.sgdPair(p, pOffset, q, qOffset, dim, g, shrink);
    }

    /** What one {@link #sgdStep} does between the dot product of the two rows and their update. */
    @FunctionalInterface
    public interface StepRule {
        /**
         * The step's {@code g} (see {@link #sgdPair}) given {@code p · q} of the rows before the step. May
         * update other parameters of the example (biases), but not the two rows.
         */
        float gradientScale(float dot);
    }

    /**
     * One fused SGD step of a factor model: {@code g = rule.gradientScale(dot(p, q))}, then
     * {@link #sgdPair} with that {@code g}; the same float operations as those two calls, so the same
     * result to the last bit. Where the rows fit in vector registers (d = 64 with AVX-512) they are
     * read once for both parts.
     */
    public static void sgdStep(float[] p, int pOffset, float[] q, int qOffset, int dim, float shrink, StepRule rule) {
        IMPLEMENTATION.sgdStep(p, pOffset, q, qOffset, dim, shrink, rule);
    }

    /**
     * Plain SGD over the examples {@code order[from, to)} (with {@code order} null, examples {@code from} to
     * {@code to} in their own order) of biased matrix factorization with a linear output,
     * squared loss and the global bias fixed; {@code examples} holds (user, item, rating bits) triples. For
     * each: {@code z = global + p_u · q_i + (b_u + b_i)} and {@code d = 2 (z − y)}, then {@link #sgdPair} of
     * the two rows with {@code g = rate · d}, then {@code b_u ← b_u − rate (d + biasDecay · b_u)} and the same
     * for {@code b_i}. Returns {@code Σ (z − y)²}.
     *
     * <p>The float operations of {@link #sgdStep} with that rule, to the last bit, in one loop that the JIT
     * compiles as a whole, where a step rule called back from the kernel costs a call per example and
     * spills around it: at ML-25M size, d = 64, one-thread epochs took 0.77-0.80 s this way against
     * 0.97-1.02 s (docs/BENCHMARKS.md, "Seventh sitting"). See {@link #warmUpBiasedSquaredSgd} for its first
     * calls.
     */
    public static double biasedSquaredSgd(int[] examples, int[] order, int from, int to, float[] p, float[] q,
            float[] userBias, float[] itemBias, int dim, float global, float rate, float shrink, float biasDecay) {
        return IMPLEMENTATION.biasedSquaredSgd(examples, order, from, to, p, q, userBias, itemBias, dim, global, rate,
                shrink, biasDecay);
    }

    /** Calls of {@link #biasedSquaredSgd} the warm-up makes at most. */
    static final int WARM_UP_CALLS = 20_000;
    /** A warm-up call of four examples faster than this ran compiled code. */
    private static final long COMPILED_CALL_NANOS = 5_000;
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    /**
     * Starts, once per JVM, a daemon thread that calls {@link #biasedSquaredSgd} at width {@code dim} on four
     * made-up examples until a call runs compiled (or {@link #WARM_UP_CALLS} times). Until the JIT compiles
     * it, vector code runs in the interpreter, where every lane operation allocates: at ML-25M size the
     * first cell of 25,000 ratings took 0.55 s against 2 ms once compiled (docs/BENCHMARKS.md). A trainer
     * calls this as its set-up starts, so the compilation overlaps the set-up.
     */
    public static void warmUpBiasedSquaredSgd(int dim) {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            int rows = 4;
            float[] p = new float[rows * dim];
            float[] q = new float[rows * dim];
            float[] userBias = new float[rows];
            float[] itemBias = new float[rows];
            int[] examples = new int[3 * rows];
            for (int k = 0; k < rows; k++) {
                examples[3 * k] = k;
                examples[3 * k + 1] = rows - 1 - k;
                examples[3 * k + 2] = Float.floatToRawIntBits(1f);
            }
            for (int call = 0; call < WARM_UP_CALLS; call++) {
                long start = System.nanoTime();
                IMPLEMENTATION.biasedSquaredSgd(examples, null, 0, rows, p, q, userBias, itemBias, dim, 0f, 0.01f, 1f,
                        0f);
                if (System.nanoTime() - start < COMPILED_CALL_NANOS) {
                    return;
                }
            }
        }, "embedrec-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code Σ p[pOffset + k] · (q[iOffset + k] − q[jOffset + k])} over {@code k < dim}: BPR's margin without biases. */
    public static float marginDot(float[] p, int pOffset, float[] q, int iOffset, int jOffset, int dim) {
        return IMPLEMENTATION.marginDot(p, pOffset, q, iOffset, jOffset, dim);
    }

    /**
     * Adds one BPR triplet's gradient to buffers, with {@code p} the user row and {@code q_i}, {@code q_j}
     * the positive and negative item rows: {@code gu += d (q_i − q_j) + decay p},
     * {@code gi += d p + decay q_i}, {@code gj += −d p + decay q_j}, in that order per coordinate (so
     * {@code gi} and {@code gj} may be the same row). All implementations round identically.
     */
    public static void pairGradient(float[] p, int pOffset, float[] q, int iOffset, int jOffset, float[] userGradient,
            int userGradientOffset, float[] itemGradient, int iGradientOffset, int jGradientOffset, int dim, float d,
            float decay) {
        IMPLEMENTATION.pairGradient(p, pOffset, q, iOffset, jOffset, userGradient, userGradientOffset, itemGradient,
                iGradientOffset, jGradientOffset, dim, d, decay);
    }

    /**
     * Adam's update of one row, given the gradient {@code g = grad[offset + k]}:
     * {@code m ← β1 m + (1 − β1) g}, {@code v ← β2 v + (1 − β2) g²},
     * {@code w ← w − stepSize · m / (√v + epsilon)} on {@code [base, base + dim)} of the three tables,
     * with β1 and β2 of {@link Optimizer#ADAM} and the bias corrections folded into {@code stepSize} and
     * {@code epsilon}. Every implementation does the same float operations in the same order (no fused
     * multiply-add), so all give bit-identical results.
     */
    public static void adamRow(float[] table, float[] m, float[] v, int base, float[] grad, int offset, int dim,
            float stepSize, float epsilon) {
        IMPLEMENTATION.adamRow(table, m, v, base, grad, offset, dim, stepSize, epsilon);
    }

    /** Floats per 64-byte cache line. */
    private static final int FLOATS_PER_CACHE_LINE = 16;

    /**
     * Reads one float of every cache line of {@code table[offset .. offset + width)} and returns their
     * sum, which callers keep somewhere so the JIT cannot drop the reads: Java has no prefetch
     * instruction, and a loop of such independent loads lets the CPU overlap the lines' cache misses.
     */
    public static float touch(float[] table, int offset, int width) {
        float sum = table[offset + width - 1];
        for (int k = 0; k < width; k += FLOATS_PER_CACHE_LINE) {
            sum += table[offset + k];
        }
        return sum;
    }
}
