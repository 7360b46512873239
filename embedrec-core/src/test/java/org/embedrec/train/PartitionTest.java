package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-thread partition of examples by key that multi-threaded training uses for row ownership. */
class PartitionTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everyExampleOnceEachKeyInOneSegmentLoadsBalanced(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int keyCount = 1 + random.nextInt(50);
        int threads = 2 + random.nextInt(3);
        int[] keys = new int[200 + random.nextInt(500)];
        int[] counts = new int[keyCount];
        for (int k = 0; k < keys.length; k++) {
            // Skewed key sizes, as users' rating counts are.
            keys[k] = (int) (keyCount * Math.pow(random.nextDouble(), 2));
            counts[keys[k]]++;
        }
        int[] order = new int[keys.length];

        int[] starts = TrainingLoop.partition(order, keys, threads);

        assertThat(starts).hasSize(threads + 1);
        assertThat(starts[0]).isZero();
        assertThat(starts[threads]).isEqualTo(keys.length);
        assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, keys.length).toArray());
        int[] segmentOfKey = new int[keyCount];
        Arrays.fill(segmentOfKey, -1);
        for (int t = 0; t < threads; t++) {
            for (int position = starts[t]; position < starts[t + 1]; position++) {
                int key = keys[order[position]];
                assertThat(segmentOfKey[key] == -1 || segmentOfKey[key] == t).as("key %d in two segments", key).isTrue();
                segmentOfKey[key] = t;
            }
        }
        int largestKey = Arrays.stream(counts).max().orElse(0);
        int largest = 0;
        int smallest = Integer.MAX_VALUE;
        for (int t = 0; t < threads; t++) {
            largest = Math.max(largest, starts[t + 1] - starts[t]);
            smallest = Math.min(smallest, starts[t + 1] - starts[t]);
        }
        // Greedy largest-first assignment: no segment exceeds another by more than one key's examples.
        assertThat(largest - smallest).isLessThanOrEqualTo(largestKey);
    }
}
