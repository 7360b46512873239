package org.embedrec.model;

import java.util.Objects;

/**
 * The baseline predictor {@code global + b_u + b_i}, with no interaction term. With all biases zero
 * it is the global-mean baseline. Every rating model should beat it; printing it beside a model's
 * result shows how much the embeddings add.
 */
public final class BiasModel implements Recommender {
    private final TrainingFacts facts;
    private final float global;
    private final float[] userBias;
    private final float[] itemBias;

    /** A bias model; arrays are owned by the model afterwards. */
    public BiasModel(TrainingFacts facts, float global, float[] userBias, float[] itemBias) {
        this.facts = Objects.requireNonNull(facts, "facts");
        if (userBias.length != facts.users().size() || itemBias.length != facts.catalog().size()) {
            throw new IllegalArgumentException("bias arrays do not match " + facts.users().size() + " users and "
                    + facts.catalog().size() + " items");
        }
        this.global = global;
        this.userBias = userBias;
        this.itemBias = itemBias;
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    @Override
    public BiasModel withInfo(ModelInfo newInfo) {
        return new BiasModel(facts.withInfo(newInfo), global, userBias, itemBias);
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
