package org.embedrec.analysis;

import java.util.Arrays;
import org.embedrec.model.Vectors;

/**
 * The input similarities {@code P} of t-SNE: for each point a Gaussian over the others whose width
 * is found by bisection so that its perplexity {@code 2^H} matches the requested one, then
 * symmetrized as {@code p_ij = (p_j|i + p_i|j) / 2n} so that all entries sum to 1.
 */
final class TsneAffinities {
    private static final double ENTROPY_TOLERANCE = 1e-5;
    private static final int BISECTION_STEPS = 200;

    private TsneAffinities() {
    }

    /** Sparse symmetric {@code P} in CSR form: row {@code i} holds columns {@code columns[rowStart[i] .. rowStart[i+1])}. */
    record Sparse(int[] rowStart, int[] columns, double[] values) {
    }

    /** Squared norm of every row of {@code table}. */
    static double[] squaredNorms(EmbeddingTable table) {
        double[] norms = new double[table.rows()];
        for (int row = 0; row < norms.length; row++) {
            int offset = row * table.dimensions();
            norms[row] = Vectors.dot(table.values(), offset, table.values(), offset, table.dimensions());
        }
        return norms;
    }

    /**
     * Squared Euclidean distance between rows {@code a} and {@code b} as {@code |a|² + |b|² - 2 a·b}:
     * one dot product per pair, the cost that dominates the neighbour search. Clamped at 0 against
     * rounding.
     */
    static double distance2(EmbeddingTable table, double[] norms, int a, int b) {
        int d = table.dimensions();
        double dot = Vectors.dot(table.values(), a * d, table.values(), b * d, d);
        return Math.max(0, norms[a] + norms[b] - 2 * dot);
    }

    /**
     * Writes the conditional distribution {@code p_j|i} over {@code distances2} (squared distances to
     * the candidates) into {@code out}, with the Gaussian precision chosen by bisection on the entropy.
     */
    static void conditional(double[] distances2, int length, double perplexity, double[] out) {
        double target = Math.log(perplexity);
        double nearest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < length; j++) {
            nearest = Math.min(nearest, distances2[j]);
        }
        double beta = 1;
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        for (int step = 0; step < BISECTION_STEPS; step++) {
            // Shifting by the nearest distance leaves p unchanged and keeps exp from underflowing to 0.
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < length; j++) {
                double shifted = distances2[j] - nearest;
                double e = Math.exp(-beta * shifted);
                out[j] = e;
                sum += e;
                weighted += e * shifted;
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < length; j++) {
                out[j] /= sum;
            }
            double gap = entropy - target;
            if (Math.abs(gap) < ENTROPY_TOLERANCE) {
                return;
            }
            if (gap > 0) {
                low = beta;
                beta = high == Double.POSITIVE_INFINITY ? beta * 2 : (beta + high) / 2;
            } else {
                high = beta;
                beta = low == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + low) / 2;
            }
        }
    }

    /** The dense symmetric {@code P}, {@code n x n} row-major floats (zero diagonal). */
    static float[] dense(EmbeddingTable table, double perplexity) {
        int n = table.rows();
        float[] p = new float[n * n];
        double[] norms = squaredNorms(table);
        double[] distances = new double[n - 1];
        double[] conditional = new double[n - 1];
        for (int i = 0; i < n; i++) {
            int at = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    distances[at++] = distance2(table, norms, i, j);
                }
            }
            conditional(distances, n - 1, perplexity, conditional);
            at = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    p[i * n + j] = (float) conditional[at++];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float symmetric = (float) ((p[i * n + j] + (double) p[j * n + i]) / (2.0 * n));
                p[i * n + j] = symmetric;
                p[j * n + i] = symmetric;
            }
        }
        return p;
    }

    /**
     * The sparse symmetric {@code P} of Barnes-Hut t-SNE: each point's Gaussian is restricted to its
     * {@code k} nearest neighbours (exact search, {@code O(n² d)}), with {@code k = 3 × perplexity} as in
     * van der Maaten (2014).
     */
    static Sparse sparse(EmbeddingTable table, double perplexity, int k) {
        int n = table.rows();
        double[] norms = squaredNorms(table);
        // One bounded max-heap of the k nearest so far per row; each pair is measured once and offered to both rows.
        double[] heapDistance = new double[n * k];
        int[] heapIndex = new int[n * k];
        int[] heapSize = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = distance2(table, norms, i, j);
                offer(heapDistance, heapIndex, heapSize, i, k, d, j);
                offer(heapDistance, heapIndex, heapSize, j, k, d, i);
            }
        }
        double[] conditional = new double[n * k];
        double[] distances = new double[k];
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(heapDistance, i * k, distances, 0, k);
            conditional(distances, k, perplexity, row);
            System.arraycopy(row, 0, conditional, i * k, k);
        }
        return symmetrize(n, k, heapIndex, conditional);
    }

    private static void offer(double[] distance, int[] index, int[] size, int row, int k, double d, int j) {
        int base = row * k;
        if (size[row] < k) {
            siftUp(distance, index, base, size[row]++, d, j);
        } else if (d < distance[base]) {
            siftDown(distance, index, base, k, d, j);
        }
    }

    /** Max-heap insert of a new entry at {@code size}. */
    private static void siftUp(double[] distance, int[] index, int base, int size, double d, int j) {
        int at = size;
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (distance[base + parent] >= d) {
                break;
            }
            distance[base + at] = distance[base + parent];
            index[base + at] = index[base + parent];
            at = parent;
        }
        distance[base + at] = d;
        index[base + at] = j;
    }

    /** Replaces the max-heap's root by a new entry. */
    private static void siftDown(double[] distance, int[] index, int base, int size, double d, int j) {
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && distance[base + child + 1] > distance[base + child]) {
                child++;
            }
            if (distance[base + child] <= d) {
                break;
            }
            distance[base + at] = distance[base + child];
            index[base + at] = index[base + child];
            at = child;
        }
        distance[base + at] = d;
        index[base + at] = j;
    }

    /** {@code P + Pᵀ} over the union of both neighbour lists, normalized to sum 1. */
    private static Sparse symmetrize(int n, int k, int[] neighbours, double[] conditional) {
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                degree[i]++;
                degree[neighbours[i * k + m]]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] columns = new int[start[n]];
        double[] values = new double[start[n]];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                int j = neighbours[i * k + m];
                double v = conditional[i * k + m];
                columns[fill[i]] = j;
                values[fill[i]++] = v;
                columns[fill[j]] = i;
                values[fill[j]++] = v;
            }
        }
        // Merge duplicate columns within each row (pairs that are neighbours both ways).
        int[] outStart = new int[n + 1];
        int[] outColumns = new int[columns.length];
        double[] outValues = new double[values.length];
        int out = 0;
        double total = 0;
        Integer[] order = new Integer[0];
        for (int i = 0; i < n; i++) {
            outStart[i] = out;
            int from = start[i];
            int length = start[i + 1] - from;
            if (order.length < length) {
                order = new Integer[length];
            }
            for (int m = 0; m < length; m++) {
                order[m] = from + m;
            }
            Arrays.sort(order, 0, length, (a, b) -> Integer.compare(columns[a], columns[b]));
            for (int m = 0; m < length; m++) {
                int entry = order[m];
                if (out > outStart[i] && outColumns[out - 1] == columns[entry]) {
                    outValues[out - 1] += values[entry];
                } else {
                    outColumns[out] = columns[entry];
                    outValues[out++] = values[entry];
                }
                total += values[entry];
            }
        }
        outStart[n] = out;
        for (int e = 0; e < out; e++) {
            outValues[e] /= total;
        }
        return new Sparse(outStart, Arrays.copyOf(outColumns, out), Arrays.copyOf(outValues, out));
    }
}
