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
    void everyExampleOnceEachThreadAContiguousKeyRangeLoadsBalanced(long seed) {
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

        int[][] rounds = TrainingLoop.partition(order, keys, null, threads);

        assertThat(rounds).hasNumberOfRows(1);
        int[] starts = rounds[0];
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
        for (int key = 1; key < keyCount; key++) {
            if (segmentOfKey[key] >= 0 && segmentOfKey[key - 1] >= 0) {
                // Contiguous ranges: the thread never decreases with the key.
                assertThat(segmentOfKey[key]).as("thread of key %d", key).isGreaterThanOrEqualTo(segmentOfKey[key - 1]);
            }
        }
        int largestKey = Arrays.stream(counts).max().orElse(0);
        for (int t = 0; t < threads; t++) {
            // Ranges cut at equal example counts: each is off by at most one key's examples.
            assertThat(Math.abs(starts[t + 1] - starts[t] - (double) keys.length / threads)).isLessThanOrEqualTo(largestKey);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void stratifiedRoundsGiveEachThreadItsOwnKeysAndDisjointStratumRanges(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int keyCount = 1 + random.nextInt(50);
        int stratumCount = 1 + random.nextInt(80);
        int threads = 2 + random.nextInt(3);
        int n = 300 + random.nextInt(700);
        int[] keys = new int[n];
        int[] strata = new int[n];
        int[] stratumCounts = new int[stratumCount];
        for (int k = 0; k < n; k++) {
            keys[k] = (int) (keyCount * Math.pow(random.nextDouble(), 2));
            strata[k] = (int) (stratumCount * Math.pow(random.nextDouble(), 3));
            stratumCounts[strata[k]]++;
        }
        int[] order = new int[n];

        int[][] rounds = TrainingLoop.partition(order, keys, strata, threads);

        assertThat(rounds).hasNumberOfRows(threads);
        assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, n).toArray());
        int[] threadOfKey = new int[keyCount];
        Arrays.fill(threadOfKey, -1);
        int[][] lowest = new int[threads][threads];
        int[][] highest = new int[threads][threads];
        int[] blockSize = new int[threads];
        int expectedStart = 0;
        for (int r = 0; r < threads; r++) {
            assertThat(rounds[r]).hasSize(threads + 1);
            assertThat(rounds[r][0]).as("round %d starts where the previous ended", r).isEqualTo(expectedStart);
            expectedStart = rounds[r][threads];
            for (int t = 0; t < threads; t++) {
                lowest[r][t] = Integer.MAX_VALUE;
                highest[r][t] = Integer.MIN_VALUE;
                for (int position = rounds[r][t]; position < rounds[r][t + 1]; position++) {
                    int example = order[position];
                    assertThat(threadOfKey[keys[example]] == -1 || threadOfKey[keys[example]] == t)
                            .as("key %d on two threads", keys[example]).isTrue();
                    threadOfKey[keys[example]] = t;
                    lowest[r][t] = Math.min(lowest[r][t], strata[example]);
                    highest[r][t] = Math.max(highest[r][t], strata[example]);
                }
                blockSize[(t + r) % threads] += rounds[r][t + 1] - rounds[r][t];
            }
        }
        assertThat(expectedStart).isEqualTo(n);
        for (int r = 0; r < threads; r++) {
            for (int a = 0; a < threads; a++) {
                for (int b = 0; b < threads; b++) {
                    // Same round, two threads; or one thread, two rounds: the stratum ranges never overlap.
                    if (a != b) {
                        assertThat(highest[r][a] < lowest[r][b] || highest[r][b] < lowest[r][a])
                                .as("round %d, threads %d and %d share stratum keys", r, a, b).isTrue();
                        assertThat(highest[a][r] < lowest[b][r] || highest[b][r] < lowest[a][r])
                                .as("thread %d, rounds %d and %d share stratum keys", r, a, b).isTrue();
                    }
                }
            }
        }
        int largestStratum = Arrays.stream(stratumCounts).max().orElse(0);
        for (int block = 0; block < threads; block++) {
            // Contiguous ranges cut at equal example counts: off by at most one stratum key's examples.
            assertThat(Math.abs(blockSize[block] - (double) n / threads)).isLessThanOrEqualTo(largestStratum);
        }
    }
}
