package org.embedrec.synth;

import java.util.SplittableRandom;

/**
 * Weighted sampling without replacement over positions {@code 0..n-1} with fixed integer weights,
 * in O(log n) per draw, removal and restore.
 *
 * <p>A Fenwick (binary indexed) tree holds the partial sums of the current weights. A draw picks a
 * uniform {@code r} in {@code [0, total)} and descends the tree to the position whose cumulative
 * range contains {@code r}, so a position is drawn with probability {@code weight / total}. Removing
 * the drawn position and drawing again is the same distribution as "draw, and reject repeats", but
 * it never loops, however much of the weight a heavy user has already used up.
 *
 * <p>Weights are integers so that {@link #restore(int)} undoes {@link #remove(int)} exactly: after a
 * user's positions are restored the tree is bit for bit what it was, and later users see the same
 * distribution whatever earlier users drew. Not thread-safe.
 */
final class FenwickSampler {
    private final long[] weights;
    private final long[] tree;
    private final int topStep;
    private long total;

    /** A sampler over {@code weights.length} positions; weights must be non-negative. */
    FenwickSampler(long[] weights) {
        this.weights = weights.clone();
        int n = weights.length;
        tree = new long[n + 1];
        for (int position = 0; position < n; position++) {
            if (weights[position] < 0) {
                throw new IllegalArgumentException("weight " + weights[position] + " at position " + position + " is negative");
            }
            total += weights[position];
            int node = position + 1;
            tree[node] += weights[position];
            int parent = node + (node & -node);
            if (parent <= n) {
                tree[parent] += tree[node];
            }
        }
        topStep = n == 0 ? 0 : Integer.highestOneBit(n);
    }

    /** Number of positions. */
    int size() {
        return weights.length;
    }

    /** Sum of the weights of the positions not removed. */
    long total() {
        return total;
    }

    /**
     * Draws a position with probability proportional to its weight among the positions not removed.
     *
     * @throws IllegalStateException if nothing with positive weight is left
     */
    int sample(SplittableRandom random) {
        if (total <= 0) {
            throw new IllegalStateException("no weight left to sample from");
        }
        long r = random.nextLong(total);
        int node = 0;
        for (int step = topStep; step > 0; step >>= 1) {
            int next = node + step;
            if (next < tree.length && tree[next] <= r) {
                node = next;
                r -= tree[next];
            }
        }
        // node is the largest prefix length whose sum is <= r, so the next position holds r.
        return node;
    }

    /** Takes {@code position} out of the draw; the caller must not remove a position twice. */
    void remove(int position) {
        add(position, -weights[position]);
    }

    /** Puts a removed {@code position} back with its original weight. */
    void restore(int position) {
        add(position, weights[position]);
    }

    private void add(int position, long delta) {
        total += delta;
        for (int node = position + 1; node < tree.length; node += node & -node) {
            tree[node] += delta;
        }
    }
}
