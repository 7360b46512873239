package org.embedrec.train;

import java.util.Map;

/**
 * What a model gives the {@link TrainingLoop}: its examples, named parameter tables, a per-thread
 * worker that runs SGD over a range of examples, and a validation pass. The loop owns everything
 * model-independent (epochs, shuffling, threads, learning-rate schedule, early stopping,
 * divergence checks, listeners).
 */
public interface Trainable {
    /** Number of training examples per epoch. */
    int exampleCount();

    /**
     * The parameter tables by name, in a stable order. The loop snapshots and restores them for
     * early stopping and checks them for non-finite values; it never resizes them.
     */
    Map<String, float[]> parameters();

    /**
     * A worker for one of {@code threads} training threads; workers update the shared parameters without
     * locks. A worker that trains its own copy of a parameter every example updates (the global bias)
     * adds its change to the shared one divided by {@code threads}: over a slice of thousands of
     * examples each copy moves by the whole correction its data calls for, so the sum of the threads'
     * changes would overshoot that correction as many times as there are threads (at ML-25M size two
     * threads' test RMSE then ranged from 0.68 to 0.78 against 0.680 for one thread).
     */
    Worker newWorker(long seed, int threads);

    /**
     * Optional cache-friendly grouping of the examples: block {@code b} holds examples
     * {@code [starts[b], starts[b + 1])}, and the loop then shuffles only the order of the blocks,
     * keeping the order inside each block, instead of shuffling the whole epoch (the blocked ordering
     * of FPSG/LIBMF): consecutive updates then touch a working set that fits in cache, and an order
     * inside the block such as by user lets a row stay in L1 across its updates. {@code null} (the
     * default) means one full shuffle per epoch.
     */
    default int[] blockStarts() {
        return null;
    }

    /**
     * Whether the {@link #blockStarts() blocks} are the cells of an {@link ExampleGrid} (user blocks ×
     * item blocks, row-major) and each example writes only rows of its own cell's user and item blocks.
     * With several threads the loop then hands the cells out so that no two threads train cells of one
     * block row or column at the same time (see {@link BlockScheduler}).
     */
    default boolean blocksFormGrid() {
        return false;
    }

    /**
     * Optional key per example (e.g. its user) such that examples with the same key write the same
     * parameter rows. With several threads and no {@link #blockStarts() blocks}, the loop gives each
     * thread the examples of a contiguous range of keys, balanced by count, so that no two threads ever
     * write the same row of that table; Hogwild races remain only on the other tables. On small data,
     * where a few hundred user rows are written by every thread all the time, this is what makes
     * threads scale.
     * {@code null} (the default) means plain equal slices of one shuffled order.
     */
    default int[] partitionKeys() {
        return null;
    }

    /**
     * Optional second key per example (e.g. its item) for stratified rounds, as in DSGD (Gemulla et
     * al., 2011). With several threads and {@link #partitionKeys() partition keys}, the loop splits
     * the range of these keys into one contiguous block per thread, balanced by example count, and
     * runs each epoch as one round per thread: in round {@code r}, thread {@code t} trains those of its
     * examples whose key lies in block {@code (t + r) mod threads}, and the threads wait for each other
     * between rounds. No two threads then write the same row of that table at the same time, nor
     * neighbouring rows (item biases lie 16 to a cache line). {@code null} (the default) means one
     * round.
     */
    default int[] stratumKeys() {
        return null;
    }

    /** The key of each of {@code count} examples, e.g. {@code keys(n, ratings::user)} for {@link #partitionKeys()}. */
    static int[] keys(int count, java.util.function.IntUnaryOperator keyOfExample) {
        int[] keys = new int[count];
        for (int example = 0; example < count; example++) {
            keys[example] = keyOfExample.applyAsInt(example);
        }
        return keys;
    }

    /** Validation metrics by name, lower is better for "loss"; empty when there is no validation data. */
    Map<String, Double> validate();

    /** Trains on a range of a shuffled example order. */
    interface Worker {
        /**
         * Runs mini-batch steps over examples {@code order[from..to)} and returns the sum of their
         * (data) losses. In the epochs of a grid ({@link #blocksFormGrid}) {@code order} is null: the
         * examples {@code from..to} in their own order.
         */
        double train(int[] order, int from, int to, float rate);

        /**
         * Brings the parameters up to date before the loop reads them: an optimizer that defers the
         * moves of rows without a gradient ({@link Optimizer#ADAM_DENSE}) applies them here
         * ({@link RowUpdater#catchUpAll}). The loop calls it on every worker at the end of every epoch,
         * from one thread while no worker trains. By default nothing happens.
         */
        default void settle() {
        }
    }
}
