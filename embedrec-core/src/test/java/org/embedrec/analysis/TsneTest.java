package org.embedrec.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TsneTest {
    private static final int CLUSTERS = 3;
    private static final int PER_CLUSTER = 40;

    /** Three tight Gaussian clusters around far-apart centres in 10 dimensions; row r is in cluster r % 3. */
    static EmbeddingTable plantedClusters(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int dim = 10;
        int n = CLUSTERS * PER_CLUSTER;
        float[] values = new float[n * dim];
        int[] indices = new int[n];
        for (int row = 0; row < n; row++) {
            int cluster = row % CLUSTERS;
            indices[row] = row;
            for (int k = 0; k < dim; k++) {
                double centre = k == cluster ? 10 : 0;
                values[row * dim + k] = (float) (centre + 0.5 * random.nextGaussian());
            }
        }
        return new EmbeddingTable(indices, values, dim);
    }

    /** Every point's 5 nearest neighbours on the map are from its own cluster. */
    private static void assertNeighboursShareTheCluster(double[][] map) {
        for (int a = 0; a < map.length; a++) {
            final int from = a;
            java.util.List<Integer> nearest = java.util.stream.IntStream.range(0, map.length).filter(b -> b != from).boxed()
                    .sorted(java.util.Comparator.comparingDouble(b -> Math.hypot(map[from][0] - map[b][0], map[from][1] - map[b][1])))
                    .limit(5).toList();
            assertThat(nearest).as("neighbours of row %d", a).allMatch(b -> b % CLUSTERS == from % CLUSTERS);
        }
    }

    /** Each cluster's points are nearer their own centroid than any other cluster's centroid. */
    private static void assertClustersKeptApart(double[][] map) {
        double[][] centroid = new double[CLUSTERS][2];
        for (int row = 0; row < map.length; row++) {
            centroid[row % CLUSTERS][0] += map[row][0] / PER_CLUSTER;
            centroid[row % CLUSTERS][1] += map[row][1] / PER_CLUSTER;
        }
        for (int row = 0; row < map.length; row++) {
            int own = row % CLUSTERS;
            double ownDistance = Math.hypot(map[row][0] - centroid[own][0], map[row][1] - centroid[own][1]);
            for (int other = 0; other < CLUSTERS; other++) {
                if (other != own) {
                    assertThat(Math.hypot(map[row][0] - centroid[other][0], map[row][1] - centroid[other][1]))
                            .as("row %d", row).isGreaterThan(2 * ownDistance);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void exactKeepsPlantedClustersApart(long seed) {
        double[][] map = new Tsne(Tsne.Options.defaults().withTheta(0).withPerplexity(10).withIterations(400)
                .withSeed(seed)).map(plantedClusters(seed));
        assertThat(map).hasNumberOfRows(CLUSTERS * PER_CLUSTER);
        assertClustersKeptApart(map);
        assertNeighboursShareTheCluster(map);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void barnesHutKeepsPlantedClustersApart(long seed) {
        double[][] map = new Tsne(Tsne.Options.defaults().withPerplexity(10).withIterations(400).withSeed(seed))
                .map(plantedClusters(seed));
        assertClustersKeptApart(map);
        assertNeighboursShareTheCluster(map);
    }

    @Test
    void oneSeedGivesTheSameMapAndAnotherSeedADifferentOne() {
        EmbeddingTable table = plantedClusters(7);
        Tsne.Options options = Tsne.Options.defaults().withPerplexity(10).withIterations(100);
        double[][] first = new Tsne(options).map(table);
        assertThat(new Tsne(options).map(table)).isDeepEqualTo(first);
        assertThat(new Tsne(options.withThreads(3)).map(table)).as("threads do not change the map").isDeepEqualTo(first);
        assertThat(java.util.Arrays.deepEquals(new Tsne(options.withSeed(8)).map(table), first)).isFalse();
    }

    @Test
    void mapIsCentred() {
        double[][] map = new Tsne(Tsne.Options.defaults().withPerplexity(10).withIterations(50)).map(plantedClusters(4));
        double mx = 0;
        double my = 0;
        for (double[] point : map) {
            mx += point[0];
            my += point[1];
        }
        assertThat(Math.abs(mx / map.length)).isLessThan(1e-9);
        assertThat(Math.abs(my / map.length)).isLessThan(1e-9);
    }

    @Test
    void calibratedConditionalHasTheRequestedPerplexity() {
        SplittableRandom random = new SplittableRandom(3);
        double[] distances = new double[200];
        for (int j = 0; j < distances.length; j++) {
            distances[j] = 50 * random.nextDouble();
        }
        double[] p = new double[distances.length];
        TsneAffinities.conditional(distances, distances.length, 20, p);
        double sum = 0;
        double entropy = 0;
        for (double value : p) {
            sum += value;
            entropy -= value > 0 ? value * Math.log(value) : 0;
        }
        assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Math.exp(entropy)).isCloseTo(20, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void sparseAffinitiesAreSymmetricAndSumToOne() {
        TsneAffinities.Sparse p = TsneAffinities.sparse(plantedClusters(5), 5, 15);
        int n = p.rowStart().length - 1;
        double[][] dense = new double[n][n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int e = p.rowStart()[i]; e < p.rowStart()[i + 1]; e++) {
                assertThat(p.columns()[e]).isNotEqualTo(i);
                dense[i][p.columns()[e]] += p.values()[e];
                total += p.values()[e];
            }
        }
        assertThat(total).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(dense[i][j]).isCloseTo(dense[j][i], org.assertj.core.data.Offset.offset(1e-15));
            }
        }
    }

    /** With every other point as a neighbour, the sparse P is the dense P; with fewer, rows keep their true nearest. */
    @Test
    void sparseAffinitiesOverAllNeighboursEqualTheDenseOnes() {
        EmbeddingTable table = plantedClusters(6);
        int n = table.rows();
        float[] dense = TsneAffinities.dense(table, 8);
        TsneAffinities.Sparse sparse = TsneAffinities.sparse(table, 8, n - 1);
        for (int i = 0; i < n; i++) {
            assertThat(sparse.rowStart()[i + 1] - sparse.rowStart()[i]).isEqualTo(n - 1);
            for (int e = sparse.rowStart()[i]; e < sparse.rowStart()[i + 1]; e++) {
                assertThat(sparse.values()[e]).isCloseTo(dense[i * n + sparse.columns()[e]],
                        org.assertj.core.data.Offset.offset(1e-7));
            }
        }
        TsneAffinities.Sparse nearest = TsneAffinities.sparse(table, 3, 4);
        for (int i = 0; i < n; i++) {
            final int from = i;
            java.util.Set<Integer> columns = new java.util.HashSet<>();
            for (int e = nearest.rowStart()[i]; e < nearest.rowStart()[i + 1]; e++) {
                columns.add(nearest.columns()[e]);
            }
            java.util.List<Integer> naive = java.util.stream.IntStream.range(0, n).filter(j -> j != from).boxed()
                    .sorted(java.util.Comparator.comparingDouble(j -> squaredDistance(table, from, j))).limit(4).toList();
            assertThat(columns).containsAll(naive);
        }
    }

    private static double squaredDistance(EmbeddingTable table, int a, int b) {
        double s = 0;
        for (int k = 0; k < table.dimensions(); k++) {
            double d = table.get(a, k) - table.get(b, k);
            s += d * d;
        }
        return s;
    }

    /** With theta 0 the tree visits every leaf, so its repulsion equals the naive double sum. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void quadTreeWithThetaZeroIsExactAndWithThetaHalfIsClose(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 300;
        double[] y = new double[2 * n];
        for (int c = 0; c < y.length; c++) {
            y[c] = 5 * random.nextGaussian();
        }
        y[2] = y[0];
        y[3] = y[1];
        QuadTree tree = new QuadTree(y);
        assertThat(tree.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 37) {
            double[] naive = new double[2];
            double naiveSum = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[2 * i + 1] - y[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    naiveSum += q;
                    naive[0] += q * q * dx;
                    naive[1] += q * q * dy;
                }
            }
            double[] force = new double[2 * n];
            assertThat(tree.repulsion(i, 0, force, new int[QuadTree.STACK_SIZE])).isCloseTo(naiveSum, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(force[2 * i]).isCloseTo(naive[0], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(force[2 * i + 1]).isCloseTo(naive[1], org.assertj.core.data.Offset.offset(1e-9));
            double[] approximate = new double[2 * n];
            assertThat(tree.repulsion(i, 0.5, approximate, new int[QuadTree.STACK_SIZE])).isCloseTo(naiveSum, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void rejectsAPerplexityAsLargeAsThePointCount() {
        assertThatThrownBy(() -> new Tsne(Tsne.Options.defaults().withPerplexity(120)).map(plantedClusters(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perplexity 120");
        assertThatThrownBy(() -> Tsne.Options.defaults().withTheta(1.5))
                .hasMessageContaining("theta must be in [0, 1], got 1.5");
    }
}
