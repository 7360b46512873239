package org.embedrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multi-threaded epochs with stratum keys: every example once per epoch, on the thread owning its
 * key, and no two threads ever inside the same stratum range at the same time; a failing thread
 * fails the run with its own exception instead of hanging the others at the barrier.
 */
class StratifiedEpochTest {
    private static final int THREADS = 2;

    /** A fake model that records, per train call, its thread, time span and the examples it got. */
    private static final class Recording implements Trainable {
        final int[] keys;
        final int[] strata;
        final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicIntegerArray trainedPerEpoch;
        final AtomicInteger workers = new AtomicInteger();
        /**
         * Each worker's first train call counts down and waits here for the others' first calls, so
         * the threads are certainly inside a call at the same time, however the machine schedules them.
         */
        final CountDownLatch allInside = new CountDownLatch(THREADS);
        /** Set when a worker gave up waiting for the others (the test then fails instead of hanging). */
        volatile boolean waitedInVain;
        volatile RuntimeException failure;

        record Call(int worker, long start, long end, int[] examples) {
        }

        Recording(int n, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            keys = new int[n];
            strata = new int[n];
            for (int k = 0; k < n; k++) {
                keys[k] = random.nextInt(40);
                strata[k] = random.nextInt(60);
            }
            trainedPerEpoch = new AtomicIntegerArray(n);
        }

        @Override
        public int exampleCount() {
            return keys.length;
        }

        @Override
        public Map<String, float[]> parameters() {
            return Map.of();
        }

        @Override
        public int[] partitionKeys() {
            return keys;
        }

        @Override
        public int[] stratumKeys() {
            return strata;
        }

        @Override
        public Worker newWorker(long seed, int threads) {
            int worker = workers.getAndIncrement();
            boolean[] first = {true};
            return (order, from, to, rate) -> {
                if (failure != null && worker == 0) {
                    throw failure;
                }
                long start = System.nanoTime();
                int[] examples = java.util.Arrays.copyOfRange(order, from, to);
                for (int example : examples) {
                    trainedPerEpoch.incrementAndGet(example);
                }
                if (first[0] && failure == null) {
                    first[0] = false;
                    allInside.countDown();
                    try {
                        if (!allInside.await(30, TimeUnit.SECONDS)) {
                            waitedInVain = true;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                calls.add(new Call(worker, start, System.nanoTime(), examples));
                return 0;
            };
        }

        @Override
        public Map<String, Double> validate() {
            return Map.of();
        }
    }

    private static TrainingLoop.Settings settings(int epochs) {
        return new TrainingLoop.Settings(epochs, THREADS, 7, LearningRateSchedule.constant(0.1), 0, "rmse");
    }

    @Test
    @Timeout(60)
    void eachExampleOncePerEpochAndConcurrentSlicesNeverShareAStratumRange() {
        Recording model = new Recording(40_000, 3);
        int epochs = 3;

        TrainingLoop.run(model, settings(epochs), TrainingListener.NONE);

        for (int example = 0; example < model.keys.length; example++) {
            assertThat(model.trainedPerEpoch.get(example)).as("example %d", example).isEqualTo(epochs);
        }
        List<Recording.Call> calls = List.copyOf(model.calls);
        int[] ownerOfKey = new int[40];
        java.util.Arrays.fill(ownerOfKey, -1);
        for (Recording.Call call : calls) {
            for (int example : call.examples()) {
                int key = model.keys[example];
                assertThat(ownerOfKey[key] == -1 || ownerOfKey[key] == call.worker()).as("key %d on two threads", key).isTrue();
                ownerOfKey[key] = call.worker();
            }
        }
        int overlapping = 0;
        for (Recording.Call a : calls) {
            for (Recording.Call b : calls) {
                if (a.worker() < b.worker() && a.start() < b.end() && b.start() < a.end()) {
                    overlapping++;
                    assertThat(maximum(model.strata, a.examples()) < minimum(model.strata, b.examples())
                            || maximum(model.strata, b.examples()) < minimum(model.strata, a.examples()))
                            .as("two threads in overlapping stratum ranges at the same time").isTrue();
                }
            }
        }
        assertThat(model.waitedInVain).as("a worker waited 30 s for the others' first train call").isFalse();
        assertThat(overlapping).as("the threads did run at the same time").isPositive();
        // Stratified passes: each thread gets many slices per epoch, not one.
        assertThat(calls.size()).isGreaterThanOrEqualTo(epochs * THREADS * THREADS * TrainingLoop.PASSES_PER_ROUND);
    }

    private static int maximum(int[] strata, int[] examples) {
        int max = Integer.MIN_VALUE;
        for (int example : examples) {
            max = Math.max(max, strata[example]);
        }
        return max;
    }

    private static int minimum(int[] strata, int[] examples) {
        int min = Integer.MAX_VALUE;
        for (int example : examples) {
            min = Math.min(min, strata[example]);
        }
        return min;
    }

    @Test
    @Timeout(60)
    void aFailingThreadFailsTheRunWithItsOwnException() {
        Recording model = new Recording(40_000, 4);
        model.failure = new IllegalStateException("worker 0 broke");

        assertThatThrownBy(() -> TrainingLoop.run(model, settings(2), TrainingListener.NONE))
                .isSameAs(model.failure);
    }

    @Test
    @Timeout(60)
    void theBarrierHoldsEveryPartyUntilAllArriveGenerationAfterGeneration() throws Exception {
        int parties = 3;
        int generations = 2_000;
        SpinBarrier barrier = new SpinBarrier(parties);
        AtomicInteger arrivals = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parties);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < parties; p++) {
                futures.add(pool.submit(() -> {
                    for (int g = 1; g <= generations; g++) {
                        arrivals.incrementAndGet();
                        barrier.await();
                        // Everyone has arrived for generation g, and nobody arrives for g + 1 before the second barrier.
                        if (arrivals.get() != parties * g) {
                            violations.incrementAndGet();
                        }
                        barrier.await();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations.get()).isZero();
        assertThat(arrivals.get()).isEqualTo(parties * generations);
    }

    @Test
    @Timeout(60)
    void aBrokenBarrierReleasesItsWaiters() throws Exception {
        SpinBarrier barrier = new SpinBarrier(2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiter = pool.submit(barrier::await);
            Thread.sleep(50);
            barrier.breakBarrier();
            assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SpinBarrier.Broken.class);
            assertThatThrownBy(barrier::await).isInstanceOf(SpinBarrier.Broken.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
