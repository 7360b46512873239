package org.embedrec.data;

import java.util.Objects;

/**
 * A train/test partition of one {@link Ratings}; both parts share its id indices.
 *
 * @param train ratings to fit on
 * @param test held-out ratings to evaluate on
 */
public record Split(Ratings train, Ratings test) {
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.users().equals(test.users()) || !train.items().equals(test.items())) {
            throw new IllegalArgumentException("train and test must share their id indices");
        }
    }
}
