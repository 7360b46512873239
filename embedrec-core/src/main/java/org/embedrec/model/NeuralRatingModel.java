package org.embedrec.model;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;

/**
 * What the neural rating models share: a {@link ConcatenationNetwork} over the user and item ids,
 * an output head that turns the network's outputs into a rating, the items' training counts and the
 * provenance. Subclasses choose the head and the item vectors used for similar items.
 */
public abstract sealed class NeuralRatingModel implements EmbeddingModel
        permits DeepRatingModel, HybridRatingModel, RatingClassifierModel {
    private final IdIndex users;
    private final ItemCatalog catalog;
    private final ConcatenationNetwork network;
    private final int[] itemTrainCounts;
    private final ModelInfo info;
    private final CosineNeighbours neighbours;

    NeuralRatingModel(IdIndex users, ItemCatalog catalog, ConcatenationNetwork network, int[] itemTrainCounts,
            ModelInfo info) {
        this.users = Objects.requireNonNull(users, "users");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.network = Objects.requireNonNull(network, "network");
        if (network.userCount() != users.size() || network.itemCount() != catalog.size()) {
            throw new IllegalArgumentException("the network has " + network.userCount() + " users and "
                    + network.itemCount() + " items, the ids " + users.size() + " and " + catalog.size());
        }
        if (itemTrainCounts.length != catalog.size()) {
            throw new IllegalArgumentException("itemTrainCounts has " + itemTrainCounts.length + " entries, expected "
                    + catalog.size());
        }
        this.itemTrainCounts = itemTrainCounts;
        this.info = Objects.requireNonNull(info, "info");
        this.neighbours = new CosineNeighbours(this::itemVectorTable, catalog.size());
    }

    /** The head that turns network outputs into the predicted rating. */
    abstract ConcatenationNetwork.OutputHead head();

    /** The {@code [items, dimensions()]} table whose rows are {@link #itemVector}. */
    abstract float[] itemVectorTable();

    /** The network: embeddings, item features and MLP. */
    public final ConcatenationNetwork network() {
        return network;
    }

    /**
     * The number of trained parameters: both embedding tables and the MLP's weights and biases (the
     * fixed item features are not counted).
     */
    public final long parameterCount() {
        return (long) network.userCount() * network.userDimensions() + (long) network.itemCount() * network.itemDimensions()
                + network.mlp().parameterCount();
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    /** A copy of the training rating counts per item. */
    public final int[] itemTrainCounts() {
        return itemTrainCounts.clone();
    }

    @Override
    public final IdIndex users() {
        return users;
    }

    @Override
    public final IdIndex items() {
        return catalog.items();
    }

    @Override
    public final ItemCatalog catalog() {
        return catalog;
    }

    @Override
    public final int itemTrainCount(int item) {
        return itemTrainCounts[item];
    }

    @Override
    public final float predict(int user, int item) {
        return network.score(user, item, head());
    }

    @Override
    public final void scoreAll(int user, float[] out) {
        network.scoreAll(user, out, head());
    }

    @Override
    public final List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return neighbours.nearest(item, n, other -> !isKnownItem(other) || exclude.test(other));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + users.size() + " users, " + catalog.size() + " items, MLP "
                + java.util.Arrays.toString(network.mlp().widths()) + "]";
    }
}
