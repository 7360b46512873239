package org.embedrec.ann;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner product of the graph's hot loop, chosen once like {@code org.embedrec.model.ScoringKernel}
 * by the system property {@code embedrec.kernels} ({@code scalar}, {@code vector} or {@code auto}):
 * the JDK Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector}, else eight
 * independent scalar sums. The two sum in different orders, so scores may differ in the last bits;
 * graphs are searched by whichever this JVM uses, and listed items are rescored exactly.
 */
interface DotKernel {
    /** The kernel this JVM uses. */
    DotKernel CHOSEN = choose(System.getProperty("embedrec.kernels", "auto"));

    /** Inner product of {@code dim} floats of {@code a} from {@code aOffset} and {@code b} from {@code bOffset}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int dim);

    static DotKernel choose(String name) {
        boolean vectorPresent = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return switch (name) {
            case "scalar" -> new Scalar();
            case "vector" -> {
                if (!vectorPresent) {
                    throw new IllegalStateException("embedrec.kernels=vector needs the JVM option --add-modules jdk.incubator.vector");
                }
                yield new Vector();
            }
            case "auto" -> vectorPresent ? new Vector() : new Scalar();
            default -> throw new IllegalArgumentException("embedrec.kernels must be scalar, vector or auto, got '" + name + "'");
        };
    }

    /** Eight independent sums, which the JIT pipelines. */
    final class Scalar implements DotKernel {
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
    }

    /** Full vectors of the preferred species multiplied and added lane-wise, the tail in scalar. */
    final class Vector implements DotKernel {
        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

        @Override
        public float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
            FloatVector sum = FloatVector.zero(SPECIES);
            int lanes = SPECIES.length();
            int k = 0;
            for (; k + lanes <= dim; k += lanes) {
                sum = FloatVector.fromArray(SPECIES, a, aOffset + k).fma(FloatVector.fromArray(SPECIES, b, bOffset + k), sum);
            }
            float s = sum.reduceLanes(VectorOperators.ADD);
            for (; k < dim; k++) {
                s += a[aOffset + k] * b[bOffset + k];
            }
            return s;
        }
    }
}
