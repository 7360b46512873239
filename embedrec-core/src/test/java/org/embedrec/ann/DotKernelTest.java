package org.embedrec.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both inner-product kernels of the graph against a naive double-precision sum, at widths around the lanes. */
class DotKernelTest {
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void kernelMatchesANaiveSum(String name) {
        DotKernel kernel = DotKernel.choose(name);
        SplittableRandom random = new SplittableRandom(11);
        for (int dim : new int[] {1, 3, 7, 8, 15, 16, 17, 33, 64, 100}) {
            float[] a = new float[dim + 5];
            float[] b = new float[dim + 2];
            for (int k = 0; k < a.length; k++) {
                a[k] = (float) random.nextGaussian();
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) random.nextGaussian();
            }
            double naive = 0;
            for (int k = 0; k < dim; k++) {
                naive += (double) a[5 + k] * b[2 + k];
            }
            assertThat((double) kernel.dot(a, 5, b, 2, dim)).as("%s, dim %d", name, dim).isCloseTo(naive, within(1e-4 * (1 + dim)));
        }
    }
}
