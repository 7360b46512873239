package org.embedrec.model;

/**
 * A capability of models that learn a per-item bias (the item's offset from the global mean rating
 * once users' offsets are removed). Analyses such as bias rankings take this view rather than a
 * concrete model class, so any model family with biases can be ranked.
 */
public interface ItemBiases {
    /** Whether the model learned biases at all; without them every {@link #itemBias} is 0. */
    boolean hasBiases();

    /** The learned bias of {@code item} (dense index), 0 without biases. */
    float itemBias(int item);
}
