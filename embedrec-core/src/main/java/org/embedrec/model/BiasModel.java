package org.embedrec.model;

import java.util.Objects;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;

/**
 * The baseline predictor {@code global + b_u + b_i}, with no interaction term. With all biases zero
 * it is the global-mean baseline. Every rating model should beat it; printing it beside a model's
 * result shows how much the embeddings add.
 */
public final class BiasModel implements Recommender {
    private final IdIndex users;
    private final ItemCatalog catalog;
    private final float global;
    private final float[] userBias;
    private final float[] itemBias;
    private final int[] itemTrainCounts;
    private final ModelInfo info;

    /** A bias model; arrays are owned by the model afterwards. */
    public BiasModel(IdIndex users, ItemCatalog catalog, float global, float[] userBias, float[] itemBias,
            int[] itemTrainCounts, ModelInfo info) {
        this.users = Objects.requireNonNull(users, "users");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (userBias.length != users.size() || itemBias.length != catalog.size()
                || itemTrainCounts.length != catalog.size()) {
            throw new IllegalArgumentException("bias arrays do not match " + users.size() + " users and "
                    + catalog.size() + " items");
        }
        this.global = global;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.itemTrainCounts = itemTrainCounts;
        this.info = Objects.requireNonNull(info, "info");
    }

    @Override
    public int itemTrainCount(int item) {
        return itemTrainCounts[item];
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public BiasModel withInfo(ModelInfo newInfo) {
        return new BiasModel(users, catalog, global, userBias, itemBias, itemTrainCounts, newInfo);
    }

    @Override
    public IdIndex users() {
        return users;
    }

    @Override
    public IdIndex items() {
        return catalog.items();
    }

    @Override
    public ItemCatalog catalog() {
        return catalog;
    }

    @Override
    public float predict(int user, int item) {
        return global + userBias[user] + itemBias[item];
    }

    /** The global mean (intercept). */
    public float global() {
        return global;
    }

    /** The bias of {@code item}. */
    public float itemBias(int item) {
        return itemBias[item];
    }

    /** The bias of {@code user}. */
    public float userBias(int user) {
        return userBias[user];
    }
}
