package org.embedrec.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddingPcaTest {
    private static final int DIM = 8;

    /**
     * Rows {@code c + 5 a_r u + 2 b_r v + 0.05 noise} with orthonormal planted directions u, v and
     * standard normal a, b: PCA must find u then v, with about 25/29 and 4/29 of the variance.
     */
    private static double[][] plantedDirections(SplittableRandom random) {
        double[] u = unit(random);
        double[] v = unit(random);
        double along = dot(v, u);
        for (int k = 0; k < DIM; k++) {
            v[k] -= along * u[k];
        }
        double norm = Math.sqrt(dot(v, v));
        for (int k = 0; k < DIM; k++) {
            v[k] /= norm;
        }
        return new double[][] {u, v};
    }

    private static double[] unit(SplittableRandom random) {
        double[] x = new double[DIM];
        for (int k = 0; k < DIM; k++) {
            x[k] = random.nextGaussian();
        }
        double norm = Math.sqrt(dot(x, x));
        for (int k = 0; k < DIM; k++) {
            x[k] /= norm;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void recoversPlantedDirectionsAndTheirVarianceShares(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] planted = plantedDirections(random);
        int n = 2000;
        float[] values = new float[n * DIM];
        int[] indices = new int[n];
        double[] a = new double[n];
        for (int row = 0; row < n; row++) {
            indices[row] = 100 + row;
            a[row] = random.nextGaussian();
            double b = random.nextGaussian();
            for (int k = 0; k < DIM; k++) {
                values[row * DIM + k] = (float) (3 + 5 * a[row] * planted[0][k] + 2 * b * planted[1][k]
                        + 0.05 * random.nextGaussian());
            }
        }
        EmbeddingPca pca = EmbeddingPca.fit(new EmbeddingTable(indices, values, DIM), 3);

        assertThat(Math.abs(dot(pca.components()[0], planted[0]))).isGreaterThan(0.999);
        assertThat(Math.abs(dot(pca.components()[1], planted[1]))).isGreaterThan(0.995);
        assertThat(pca.explainedVarianceRatio()[0]).isCloseTo(25.0 / 29, within(0.03));
        assertThat(pca.explainedVarianceRatio()[1]).isCloseTo(4.0 / 29, within(0.03));
        assertThat(pca.explainedVarianceRatio()[2]).isLessThan(0.01);
        assertThat(pca.variance()[0]).isCloseTo(25, within(2.5));
        for (double m : pca.mean()) {
            assertThat(m).isCloseTo(3, within(0.5));
        }
        for (int j = 0; j < 3; j++) {
            assertThat(dot(pca.components()[j], pca.components()[j])).isCloseTo(1, within(1e-9));
        }

        // The ends of component 1 are the rows with the most extreme planted coordinate a.
        int extreme = 0;
        for (int row = 1; row < n; row++) {
            if (Math.abs(a[row]) > Math.abs(a[extreme])) {
                extreme = row;
            }
        }
        boolean positive = a[extreme] * dot(pca.components()[0], planted[0]) > 0;
        EmbeddingPca.Loading end = positive ? pca.top(0, 1).get(0) : pca.bottom(0, 1).get(0);
        assertThat(end.index()).isEqualTo(100 + extreme);
    }

    @Test
    void scoresAreTheCentredRowsProjectedOnTheComponents() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 30;
        float[] values = new float[n * 4];
        for (int c = 0; c < values.length; c++) {
            values[c] = (float) random.nextGaussian();
        }
        EmbeddingTable table = new EmbeddingTable(java.util.stream.IntStream.range(0, n).toArray(), values, 4);
        EmbeddingPca pca = EmbeddingPca.fit(table, 4);
        double total = 0;
        for (double ratio : pca.explainedVarianceRatio()) {
            total += ratio;
        }
        assertThat(total).isCloseTo(1, within(1e-9));
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int k = 0; k < 4; k++) {
                    expected += (table.get(row, k) - pca.mean()[k]) * pca.components()[j][k];
                }
                assertThat(pca.scores()[row][j]).isCloseTo(expected, within(1e-9));
            }
        }
        assertThat(pca.top(1, 3)).extracting(EmbeddingPca.Loading::score).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(pca.variance()).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    }

    @Test
    void rejectsMoreComponentsThanDimensions() {
        EmbeddingTable table = new EmbeddingTable(new int[] {0, 1, 2}, new float[9], 3);
        assertThatThrownBy(() -> EmbeddingPca.fit(table, 4)).hasMessageContaining("components must be in [1, 3], got 4");
    }
}
