package org.embedrec.train;

/**
 * Applies one optimizer step to one row of a parameter table. Implementations hold the optimizer
 * state of the table; they are not synchronized (Hogwild threads race on purpose, as the
 * Hogwild paper shows this converges for sparse updates).
 */
@FunctionalInterface
public interface RowUpdater {
    /**
     * Updates {@code row} with the gradient {@code grad[offset .. offset + width)}.
     *
     * @param rate the learning rate of this step
     * @param step the 1-based step count (Adam's bias correction needs it)
     */
    public void update(int row, float[] grad, int offset, float rate, long step);

    /**
     * Reads (see {@link FactorKernels#touch}) the optimizer state of {@code row} that {@link #update}
     * will read, so that a trainer can overlap its cache misses with other rows' before the update;
     * returns a meaningless sum. By default there is no state to read.
     */
    default float touchState(int row) {
        return 0f;
    }

    /**
     * Ends step {@code step} after its {@link #update} calls. An optimizer that moves rows without a
     * gradient ({@link Optimizer#ADAM_DENSE}) records the step here and moves those rows when they
     * are next caught up ({@link #catchUp}). By default nothing happens.
     */
    default void finishStep(float rate, long step) {
    }

    /**
     * Brings {@code row} up to date with every finished step. A trainer calls it for every row of
     * this table that a step reads, before reading it (rows it updates are caught up by
     * {@link #update} itself). By default rows are always up to date.
     */
    default void catchUp(int row) {
    }

    /**
     * Brings every row up to date: a trainer calls it before the table is read as a whole, i.e. in
     * {@link Trainable.Worker#settle}, after which the loop checks, validates or snapshots the
     * parameters. By default rows are always up to date.
     */
    default void catchUpAll() {
    }
}
