package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseRowsTest {
    /** A random 7 × 5 matrix with about a third of its entries set, some rows and columns empty. */
    private static float[][] randomDense() {
        SplittableRandom random = new SplittableRandom(3);
        float[][] dense = new float[7][5];
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 5; c++) {
                dense[r][c] = r != 2 && c != 4 && random.nextInt(3) == 0 ? 1 + random.nextInt(9) : 0;
            }
        }
        return dense;
    }

    private static SparseRows rowsOf(float[][] dense) {
        int entries = 0;
        for (float[] row : dense) {
            for (float value : row) {
                entries += value != 0 ? 1 : 0;
            }
        }
        int[] starts = new int[dense.length + 1];
        int[] indices = new int[entries];
        float[] values = new float[entries];
        int k = 0;
        for (int r = 0; r < dense.length; r++) {
            for (int c = 0; c < dense[r].length; c++) {
                if (dense[r][c] != 0) {
                    indices[k] = c;
                    values[k++] = dense[r][c];
                }
            }
            starts[r + 1] = k;
        }
        return new SparseRows(starts, indices, values);
    }

    @Test
    void transposeIsTheTransposedMatrixWithRowsInOrder() {
        float[][] dense = randomDense();
        SparseRows byRow = rowsOf(dense);

        SparseRows byColumn = byRow.transpose(5);

        assertThat(byColumn.rows()).isEqualTo(5);
        assertThat(byColumn.size()).isEqualTo(byRow.size());
        for (int c = 0; c < 5; c++) {
            int previous = -1;
            int expectedCount = 0;
            for (int r = 0; r < 7; r++) {
                expectedCount += dense[r][c] != 0 ? 1 : 0;
            }
            assertThat(byColumn.count(c)).as("column %d", c).isEqualTo(expectedCount);
            for (int k = byColumn.starts[c]; k < byColumn.starts[c + 1]; k++) {
                int r = byColumn.indices[k];
                assertThat(r).as("rows in order").isGreaterThan(previous);
                assertThat(byColumn.values[k]).isEqualTo(dense[r][c]);
                previous = r;
            }
        }
        SparseRows back = byColumn.transpose(7);
        assertThat(back.starts).isEqualTo(byRow.starts);
        assertThat(back.indices).isEqualTo(byRow.indices);
        assertThat(back.values).isEqualTo(byRow.values);
    }

    @Test
    void arraysThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> new SparseRows(new int[] {0, 2}, new int[] {1}, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end at 2");
    }
}
