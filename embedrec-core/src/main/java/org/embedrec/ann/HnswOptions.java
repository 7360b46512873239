package org.embedrec.ann;

/**
 * How an {@link HnswGraph} is built and searched.
 *
 * @param m links per node on the upper layers (twice as many on the bottom layer): more links give
 *     higher recall at a given {@code efSearch} and cost memory ({@code 2m} ints per item) and build time
 * @param efConstruction candidates kept while linking a new node: higher builds a better graph, slower
 * @param efSearch candidates kept while searching (at least the number of results asked for):
 *     the recall/latency trade-off of a query
 * @param seed seeds the layer of every node; one seed and one input give the same graph
 */
public record HnswOptions(int m, int efConstruction, int efSearch, long seed) {
    /**
     * Defaults measured on generated items (docs/BENCHMARKS.md): {@code m} = 32 because with 16 the
     * inner-product graph reached only about 92% of the exact top 10 once a user's best 50 items were
     * filtered out, whatever {@code efSearch}, and 99% with 32; {@code efSearch} = 40 because it kept
     * recall@10 at 0.987 or more for plain, filtered and similar-item queries on 20,000 items, where
     * 100 gained at most 0.004.
     */
    public static final HnswOptions DEFAULTS = new HnswOptions(32, 100, 40, 42);

    /** Validates every value; messages name the offending one. */
    public HnswOptions {
        if (m < 2 || m > 128) {
            throw new IllegalArgumentException("HNSW m must be in [2, 128], got " + m);
        }
        if (efConstruction < m) {
            throw new IllegalArgumentException("HNSW efConstruction must be >= m (" + m + "), got " + efConstruction);
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("HNSW efSearch must be >= 1, got " + efSearch);
        }
    }

    /** These options searching with {@code ef}. */
    public HnswOptions withEfSearch(int ef) {
        return new HnswOptions(m, efConstruction, ef, seed);
    }
}
