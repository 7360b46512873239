package org.embedrec.analysis;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * t-distributed stochastic neighbour embedding (van der Maaten and Hinton, 2008) of an
 * {@link EmbeddingTable} into two dimensions, for maps of item or user embeddings.
 *
 * <p>Input similarities {@code P} are Gaussians calibrated to a perplexity (the effective number of
 * neighbours, 5 to 50; larger values keep more global structure); map similarities are Student-t:
 * {@code q_ij ∝ (1 + |y_i - y_j|²)⁻¹}. The map minimizes {@code KL(P || Q)} by gradient descent with
 * momentum and per-coordinate gains, with {@code P} exaggerated for the first iterations so that
 * clusters form before they settle. The gradient is
 * {@code ∂C/∂y_i = 4 Σ_j (p_ij - q_ij) (1 + |y_i - y_j|²)⁻¹ (y_i - y_j)}.
 *
 * <p>Two modes. <b>Exact</b> ({@code theta = 0}): dense {@code P} and an {@code O(n²)} gradient per
 * iteration; a few thousand points at most ({@code n²} floats of memory). <b>Barnes-Hut</b>
 * ({@code theta > 0}, van der Maaten 2014): {@code P} restricted to the {@code 3 × perplexity}
 * nearest neighbours and the repulsion summarized by a quadtree, {@code O(n log n)} per iteration,
 * for all ~9K movies of ml-latest-small in well under a minute. {@code theta = 0.5} is the usual
 * accuracy/speed trade-off.
 *
 * <p>Deterministic: one seed gives the same map, bit for bit, whatever {@link Options#threads()}.
 */
public final class Tsne {
    /** Largest table the exact mode accepts: its dense {@code P} takes {@code n²} floats. */
    public static final int MAX_EXACT_POINTS = 20_000;

    private static final double MIN_GAIN = 0.01;
    private static final double INITIAL_MOMENTUM = 0.5;
    private static final double FINAL_MOMENTUM = 0.8;
    private static final double INITIAL_SCALE = 1e-4;

    private final Options options;

    /**
     * t-SNE settings.
     *
     * @param perplexity effective neighbour count, must be below the number of points
     * @param iterations gradient steps (1000 is the usual; fewer for a quick look)
     * @param theta Barnes-Hut accuracy; 0 = exact
     * @param learningRate step size; NaN = automatic, {@code max(n / earlyExaggeration / 4, 50)}
     * @param earlyExaggeration factor on {@code P} during the first iterations
     * @param exaggerationIterations how many iterations are exaggerated (momentum rises after them)
     * @param seed seed of the random initial map
     * @param threads threads of the Barnes-Hut gradient; the map is the same for every thread count
     */
    public record Options(double perplexity, int iterations, double theta, double learningRate,
            double earlyExaggeration, int exaggerationIterations, long seed, int threads) {
        public Options {
            require(perplexity >= 1 && Double.isFinite(perplexity), "perplexity must be >= 1, got " + perplexity);
            require(iterations >= 1, "iterations must be >= 1, got " + iterations);
            require(theta >= 0 && theta <= 1, "theta must be in [0, 1], got " + theta);
            require(Double.isNaN(learningRate) || (learningRate > 0 && Double.isFinite(learningRate)),
                    "learningRate must be > 0 (or NaN for automatic), got " + learningRate);
            require(earlyExaggeration >= 1 && Double.isFinite(earlyExaggeration),
                    "earlyExaggeration must be >= 1, got " + earlyExaggeration);
            require(exaggerationIterations >= 0, "exaggerationIterations must be >= 0, got " + exaggerationIterations);
            require(threads >= 1, "threads must be >= 1, got " + threads);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        /** Perplexity 30, 1000 iterations, Barnes-Hut with theta 0.5, automatic learning rate, seed 42, one thread. */
        public static Options defaults() {
            return new Options(30, 1000, 0.5, Double.NaN, 12, 250, 42, 1);
        }

        /** These options with another perplexity. */
        public Options withPerplexity(double value) {
            return new Options(value, iterations, theta, learningRate, earlyExaggeration, exaggerationIterations, seed, threads);
        }

        /** These options with another iteration count. */
        public Options withIterations(int value) {
            return new Options(perplexity, value, theta, learningRate, earlyExaggeration,
                    Math.min(exaggerationIterations, value), seed, threads);
        }

        /** These options with another theta (0 = exact). */
        public Options withTheta(double value) {
            return new Options(perplexity, iterations, value, learningRate, earlyExaggeration, exaggerationIterations, seed, threads);
        }

        /** These options with another seed. */
        public Options withSeed(long value) {
            return new Options(perplexity, iterations, theta, learningRate, earlyExaggeration, exaggerationIterations, value, threads);
        }

        /** These options with another thread count for the Barnes-Hut gradient. */
        public Options withThreads(int value) {
            return new Options(perplexity, iterations, theta, learningRate, earlyExaggeration, exaggerationIterations, seed, value);
        }

        /** Whether these options select the exact mode. */
        public boolean exact() {
            return theta == 0;
        }
    }

    /** A t-SNE with {@code options}. */
    public Tsne(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /**
     * Maps the rows of {@code table} to the plane.
     *
     * @return {@code rows x 2} coordinates, centred on the origin, row {@code r} for {@code table} row {@code r}
     * @throws IllegalArgumentException if there are too few points for the perplexity, or too many for exact mode
     */
    public double[][] map(EmbeddingTable table) {
        int n = table.rows();
        if (n < 2 || options.perplexity() >= n) {
            throw new IllegalArgumentException("t-SNE with perplexity " + options.perplexity()
                    + " needs more than that many points, got " + n + "; lower the perplexity");
        }
        if (options.exact() && n > MAX_EXACT_POINTS) {
            throw new IllegalArgumentException("exact t-SNE holds n² similarities; " + n + " points is more than "
                    + MAX_EXACT_POINTS + ": use Barnes-Hut (theta > 0)");
        }
        if (options.exact()) {
            return optimize(n, new ExactGradient(TsneAffinities.dense(table, options.perplexity()), n));
        }
        int k = Math.min(n - 1, (int) (3 * options.perplexity()));
        TsneAffinities.Sparse p = TsneAffinities.sparse(table, options.perplexity(), k);
        if (options.threads() == 1) {
            return optimize(n, new BarnesHutGradient(p, options.theta(), null));
        }
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            return optimize(n, new BarnesHutGradient(p, options.theta(), pool));
        } finally {
            pool.shutdown();
        }
    }

    private double[][] optimize(int n, Gradient gradient) {
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] y = new double[2 * n];
        for (int c = 0; c < y.length; c++) {
            y[c] = INITIAL_SCALE * random.nextGaussian();
        }
        double learningRate = Double.isNaN(options.learningRate())
                ? Math.max(n / options.earlyExaggeration() / 4, 50) : options.learningRate();
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        java.util.Arrays.fill(gains, 1);
        double[] grad = new double[2 * n];
        for (int iteration = 0; iteration < options.iterations(); iteration++) {
            boolean early = iteration < options.exaggerationIterations();
            double exaggeration = early ? options.earlyExaggeration() : 1;
            double momentum = early ? INITIAL_MOMENTUM : FINAL_MOMENTUM;
            gradient.compute(y, exaggeration, grad);
            for (int c = 0; c < y.length; c++) {
                // Delta-bar-delta gains: grow while the descent direction agrees with the last step, shrink when it flips.
                gains[c] = Math.signum(grad[c]) != Math.signum(update[c]) ? gains[c] + 0.2 : Math.max(gains[c] * 0.8, MIN_GAIN);
                update[c] = momentum * update[c] - learningRate * gains[c] * grad[c];
                y[c] += update[c];
            }
            centre(y);
        }
        double[][] map = new double[n][2];
        for (int i = 0; i < n; i++) {
            map[i][0] = y[2 * i];
            map[i][1] = y[2 * i + 1];
        }
        return map;
    }

    private static void centre(double[] y) {
        int n = y.length / 2;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        mx /= n;
        my /= n;
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx;
            y[2 * i + 1] -= my;
        }
    }

    /** The KL gradient of the map {@code y} (interleaved x, y) with {@code P} scaled by {@code exaggeration}. */
    private interface Gradient {
        void compute(double[] y, double exaggeration, double[] out);
    }

    /** {@code O(n²)} gradient over dense {@code P}, each pair visited once. */
    private record ExactGradient(float[] p, int n) implements Gradient {
        @Override
        public void compute(double[] y, double exaggeration, double[] out) {
            double[] repulsion = new double[2 * n];
            java.util.Arrays.fill(out, 0);
            double sumQ = 0;
            for (int i = 0; i < n; i++) {
                double yix = y[2 * i];
                double yiy = y[2 * i + 1];
                int row = i * n;
                for (int j = i + 1; j < n; j++) {
                    double dx = yix - y[2 * j];
                    double dy = yiy - y[2 * j + 1];
                    double kernel = 1 / (1 + dx * dx + dy * dy);
                    sumQ += 2 * kernel;
                    double attract = p[row + j] * kernel;
                    double repel = kernel * kernel;
                    out[2 * i] += attract * dx;
                    out[2 * i + 1] += attract * dy;
                    out[2 * j] -= attract * dx;
                    out[2 * j + 1] -= attract * dy;
                    repulsion[2 * i] += repel * dx;
                    repulsion[2 * i + 1] += repel * dy;
                    repulsion[2 * j] -= repel * dx;
                    repulsion[2 * j + 1] -= repel * dy;
                }
            }
            for (int c = 0; c < out.length; c++) {
                out[c] = 4 * (exaggeration * out[c] - repulsion[c] / sumQ);
            }
        }
    }

    /**
     * Sparse attraction over the neighbour graph plus quadtree repulsion. Each point's forces are
     * computed independently and the normalizer is summed in point order afterwards, so the result
     * does not depend on how points are spread over threads.
     */
    private record BarnesHutGradient(TsneAffinities.Sparse p, double theta, ForkJoinPool pool) implements Gradient {
        private static final int CHUNK = 64;

        @Override
        public void compute(double[] y, double exaggeration, double[] out) {
            int n = y.length / 2;
            QuadTree tree = new QuadTree(y);
            double[] repulsion = new double[2 * n];
            double[] pointSumQ = new double[n];
            int chunks = (n + CHUNK - 1) / CHUNK;
            IntConsumer chunk = c -> {
                int[] stack = new int[QuadTree.STACK_SIZE];
                for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                    attraction(i, y, exaggeration, out);
                    pointSumQ[i] = tree.repulsion(i, theta, repulsion, stack);
                }
            };
            if (pool == null) {
                IntStream.range(0, chunks).forEach(chunk);
            } else {
                pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(chunk)).join();
            }
            double sumQ = 0;
            for (double q : pointSumQ) {
                sumQ += q;
            }
            for (int c = 0; c < out.length; c++) {
                out[c] = 4 * (out[c] - repulsion[c] / sumQ);
            }
        }

        private void attraction(int i, double[] y, double exaggeration, double[] out) {
            int[] start = p.rowStart();
            int[] columns = p.columns();
            double[] values = p.values();
            double yix = y[2 * i];
            double yiy = y[2 * i + 1];
            double fx = 0;
            double fy = 0;
            for (int e = start[i]; e < start[i + 1]; e++) {
                int j = columns[e];
                double dx = yix - y[2 * j];
                double dy = yiy - y[2 * j + 1];
                double mult = values[e] / (1 + dx * dx + dy * dy);
                fx += mult * dx;
                fy += mult * dy;
            }
            out[2 * i] = exaggeration * fx;
            out[2 * i + 1] = exaggeration * fy;
        }
    }
}
