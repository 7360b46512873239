package org.embedrec.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal component analysis of an {@link EmbeddingTable}, as the tutorials read item factors:
 * each component is a direction of the embedding space, and the items at its two ends say what it
 * means ("classic vs. blockbuster", "violent vs. happy").
 *
 * <p>With the rows centred into {@code X} ({@code n x d}) and the thin SVD {@code X = U S Vᵀ}, the
 * components are the rows of {@code Vᵀ}, the variance along component {@code k} is
 * {@code s_k² / (n - 1)} and its share of the total variance is {@code s_k² / Σ s_j²}. A row's
 * score on component {@code k} is {@code (x - mean) · v_k}. Components are sign-normalized so that
 * their largest-magnitude loading is positive, which makes results reproducible across SVD
 * implementations.
 *
 * @param table the analysed vectors
 * @param mean the column means that were subtracted
 * @param components {@code k} unit vectors, strongest first
 * @param variance variance along each component
 * @param explainedVarianceRatio each component's share of the total variance, summing to ≤ 1
 * @param scores {@code rows x k} projections of the rows onto the components
 */
public record EmbeddingPca(EmbeddingTable table, double[] mean, double[][] components, double[] variance,
        double[] explainedVarianceRatio, double[][] scores) {

    /**
     * A row at one end of a component.
     *
     * @param index the model index of the row (an item index for item tables)
     * @param score its projection onto the component
     */
    public record Loading(int index, double score) {
    }

    /**
     * Computes the first {@code k} principal components of {@code table}.
     *
     * @throws IllegalArgumentException if {@code k} is not in {@code [1, min(rows, dimensions)]}
     */
    public static EmbeddingPca fit(EmbeddingTable table, int k) {
        int n = table.rows();
        int d = table.dimensions();
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 vectors, got " + n);
        }
        if (k < 1 || k > Math.min(n, d)) {
            throw new IllegalArgumentException("components must be in [1, " + Math.min(n, d) + "], got " + k);
        }
        double[] mean = new double[d];
        for (int row = 0; row < n; row++) {
            for (int c = 0; c < d; c++) {
                mean[c] += table.get(row, c);
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int row = 0; row < n; row++) {
            for (int c = 0; c < d; c++) {
                centred.unsafe_set(row, c, table.get(row, c) - mean[c]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, true);
        if (!svd.decompose(centred.copy())) {
            throw new IllegalStateException("the SVD of the " + n + " x " + d + " embedding table did not converge");
        }
        DMatrixRMaj vt = svd.getV(null, true);
        double[] singular = svd.getSingularValues();
        int rank = Math.min(singular.length, vt.numRows);
        Integer[] order = IntStream.range(0, rank).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -singular[j]));
        double total = 0;
        for (int j = 0; j < rank; j++) {
            total += singular[j] * singular[j];
        }
        double[][] components = new double[k][];
        double[] variance = new double[k];
        double[] ratio = new double[k];
        for (int j = 0; j < k; j++) {
            double[] v = new double[d];
            for (int c = 0; c < d; c++) {
                v[c] = vt.get(order[j], c);
            }
            components[j] = signNormalized(v);
            double s2 = singular[order[j]] * singular[order[j]];
            variance[j] = s2 / (n - 1);
            ratio[j] = total > 0 ? s2 / total : 0;
        }
        double[][] scores = new double[n][k];
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += centred.unsafe_get(row, c) * components[j][c];
                }
                scores[row][j] = s;
            }
        }
        return new EmbeddingPca(table, mean, components, variance, ratio, scores);
    }

    private static double[] signNormalized(double[] v) {
        int strongest = 0;
        for (int c = 1; c < v.length; c++) {
            if (Math.abs(v[c]) > Math.abs(v[strongest])) {
                strongest = c;
            }
        }
        if (v[strongest] < 0) {
            for (int c = 0; c < v.length; c++) {
                v[c] = -v[c];
            }
        }
        return v;
    }

    /** Number of components computed. */
    public int componentCount() {
        return components.length;
    }

    /** The {@code n} rows with the highest score on component {@code k} (0-based), highest first. */
    public List<Loading> top(int k, int n) {
        return ends(k, n, true);
    }

    /** The {@code n} rows with the lowest score on component {@code k} (0-based), lowest first. */
    public List<Loading> bottom(int k, int n) {
        return ends(k, n, false);
    }

    private List<Loading> ends(int k, int n, boolean highest) {
        if (k < 0 || k >= components.length) {
            throw new IllegalArgumentException("component must be in [0, " + components.length + "), got " + k);
        }
        List<Loading> all = new ArrayList<>(scores.length);
        for (int row = 0; row < scores.length; row++) {
            all.add(new Loading(table.indices()[row], scores[row][k]));
        }
        Comparator<Loading> order = Comparator.comparingDouble(Loading::score);
        all.sort(highest ? order.reversed() : order);
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
