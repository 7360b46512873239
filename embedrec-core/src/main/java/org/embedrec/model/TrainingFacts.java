package org.embedrec.model;

import java.util.Objects;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;

/**
 * What every fitted model knows about its training, whatever its parameters: the user ids, the item
 * catalog (ids, titles, years, genres), how many training interactions each item had, and its
 * {@link ModelInfo}. Models hold one and {@link Recommender}'s accessors read it, so no model
 * repeats them. Immutable; the counts array is owned by this object.
 */
public final class TrainingFacts {
    private final IdIndex users;
    private final ItemCatalog catalog;
    private final int[] itemTrainCounts;
    private final ModelInfo info;

    /**
     * @param itemTrainCounts training interactions per item (one per catalog item); items with 0 are
     *     never recommended. Owned by this object afterwards.
     */
    public TrainingFacts(IdIndex users, ItemCatalog catalog, int[] itemTrainCounts, ModelInfo info) {
        this.users = Objects.requireNonNull(users, "users");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(itemTrainCounts, "itemTrainCounts");
        if (itemTrainCounts.length != catalog.size()) {
            throw new IllegalArgumentException("itemTrainCounts has " + itemTrainCounts.length + " entries, expected "
                    + catalog.size() + " (one per catalog item)");
        }
        this.itemTrainCounts = itemTrainCounts;
        this.info = Objects.requireNonNull(info, "info");
    }

    /** The user ids the model was trained with. */
    public IdIndex users() {
        return users;
    }

    /** The item ids the model was trained with. */
    public IdIndex items() {
        return catalog.items();
    }

    /** Titles, years and genres of the items. */
    public ItemCatalog catalog() {
        return catalog;
    }

    /** How many training interactions {@code item} had; 0 for an untrained item. */
    public int itemTrainCount(int item) {
        return itemTrainCounts[item];
    }

    /** A copy of the training interaction counts per item. */
    public int[] itemTrainCounts() {
        return itemTrainCounts.clone();
    }

    /** Kind, hyperparameters, provenance, history and metrics. */
    public ModelInfo info() {
        return info;
    }

    /** The same facts with another info. */
    public TrainingFacts withInfo(ModelInfo newInfo) {
        return new TrainingFacts(users, catalog, itemTrainCounts, newInfo);
    }

    @Override
    public String toString() {
        return users.size() + " users, " + catalog.size() + " items";
    }
}
