package org.embedrec.train;

/**
 * Training produced a non-finite loss or parameter. The message names the epoch, the parameter
 * table and what to try, because a NaN model is otherwise silent until it recommends garbage.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrainingDivergedException(String message) {
        super(message);
    }
}
