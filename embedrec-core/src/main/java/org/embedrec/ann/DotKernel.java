package org.embedrec.ann;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.embedrec.model.Vectors;

/**
 * The inner product of the graph's hot loop, chosen once like {@code org.embedrec.model.ScoringKernel}
 * by the system property {@code embedrec.kernels} ({@code scalar}, {@code vector} or {@code auto}):
 * the JDK Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector}, else the
 * serving side's scalar dot product. The two sum in different orders, so scores may differ in the last bits;
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

    /** The serving side's scalar dot product ({@link Vectors#dot}). */
    final class Scalar implements DotKernel {
        @Override
        public float dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
            return Vectors.dot(a, aOffset, b, bOffset, dim);
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
