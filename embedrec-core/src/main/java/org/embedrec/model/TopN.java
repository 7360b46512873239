package org.embedrec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The one top-N selection every recommender uses: a bounded min-heap over a score array, O(m log n)
 * for m candidates. Ties are broken deterministically in favour of the lower item index, and NaN
 * scores are never selected.
 */
public final class TopN {
    private TopN() {
    }

    /**
     * The {@code n} highest-scoring indices of {@code scores}, best first, skipping indices for which
     * {@code skip} is true.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static List<ScoredItem> select(float[] scores, int n, IntPredicate skip) {
        return selectSkipping(scores, n, skip);
    }

    /**
     * The {@code n} highest-scoring indices of {@code scores}, best first; callers exclude an index by
     * setting its score to NaN. Cheaper than a predicate per index on large arrays (a server ranking
     * a whole catalog per request).
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static List<ScoredItem> select(float[] scores, int n) {
        return selectSkipping(scores, n, null);
    }

    private static List<ScoredItem> selectSkipping(float[] scores, int n, IntPredicate skip) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int capacity = Math.min(n, scores.length);
        if (capacity == 0) {
            return List.of();
        }
        int[] heap = new int[capacity];
        int size = 0;
        float worst = Float.NaN;
        for (int item = 0; item < scores.length; item++) {
            float score = scores[item];
            // Once the heap is full, every selected item has a lower index than this one, so this one
            // enters only with a strictly higher score than the worst selected; NaN never does.
            if (size == capacity && !(score > worst)) {
                continue;
            }
            if (Float.isNaN(score) || (skip != null && skip.test(item))) {
                continue;
            }
            if (size < capacity) {
                heap[size] = item;
                siftUp(heap, size++, scores);
            } else {
                heap[0] = item;
                siftDown(heap, size, scores);
            }
            if (size == capacity) {
                worst = scores[heap[0]];
            }
        }
        List<ScoredItem> result = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            result.add(new ScoredItem(heap[k], scores[heap[k]]));
        }
        result.sort((a, b) -> better(a.item(), b.item(), scores) ? -1 : 1);
        return Collections.unmodifiableList(result);
    }

    /** Whether item {@code a} ranks before item {@code b}: higher score, then lower index. */
    private static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    // The heap root is the worst selected item.
    private static void siftUp(int[] heap, int position, float[] scores) {
        int item = heap[position];
        while (position > 0) {
            int parent = (position - 1) >>> 1;
            if (!better(heap[parent], item, scores)) {
                break;
            }
            heap[position] = heap[parent];
            position = parent;
        }
        heap[position] = item;
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        int position = 0;
        int item = heap[0];
        while (true) {
            int child = 2 * position + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heap[child], heap[child + 1], scores)) {
                child++;
            }
            if (!better(item, heap[child], scores)) {
                break;
            }
            heap[position] = heap[child];
            position = child;
        }
        heap[position] = item;
    }
}
