package org.embedrec.train;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for training threads that meet many times per epoch: waiting threads spin
 * (then yield, should there be more threads than cores) instead of parking, because waking a parked
 * thread costs as much as training many examples (measured in docs/BENCHMARKS.md, "How the
 * factorization models got from 1.5× to 1.8×"). If a party
 * fails it {@link #breakBarrier breaks} the barrier, and every waiting or later {@link #await}
 * throws {@link Broken} instead of waiting forever.
 */
final class SpinBarrier {
    /** Spins before a waiting thread starts yielding its core. */
    private static final int SPINS_BEFORE_YIELD = 1 << 14;

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int generation;
    private volatile boolean broken;

    SpinBarrier(int parties) {
        this.parties = parties;
    }

    /** Waits until all parties have called this method for the current generation. */
    void await() {
        if (broken) {
            throw new Broken();
        }
        int current = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = current + 1;
            return;
        }
        int spins = 0;
        while (generation == current) {
            if (broken || Thread.currentThread().isInterrupted()) {
                breakBarrier();
                throw new Broken();
            }
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Releases every waiting party with {@link Broken}, for good. */
    void breakBarrier() {
        broken = true;
    }

    /** Thrown by {@link #await} when another party failed: not the cause, only its consequence. */
    static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Broken() {
            super("another training thread failed", null, false, false);
        }
    }
}
