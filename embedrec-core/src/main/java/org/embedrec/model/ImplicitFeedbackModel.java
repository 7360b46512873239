package org.embedrec.model;

import org.embedrec.data.PositiveThreshold;

/**
 * A model learned from implicit feedback: which explicit ratings counted as positive interactions
 * in training. Evaluation ranks against the same threshold unless told otherwise, and fold-in takes
 * ratings above it as likes.
 */
public interface ImplicitFeedbackModel extends Recommender {
    /** The ratings that counted as positive in training. */
    PositiveThreshold positiveThreshold();
}
