package org.embedrec.family.neural;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.CosineNeighbours;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.UserEmbeddings;
import org.embedrec.model.TrainingFacts;

/**
 * What the neural rating models share: a {@link ConcatenationNetwork} over the user and item ids,
 * an output head that turns the network's outputs into a rating, and the {@link TrainingFacts}. Subclasses choose the head, the training loss and the item vectors used for similar
 * items: {@link NeuralRegressionModel} for the one-output models, {@link RatingClassifierModel} for
 * the softmax over rating levels.
 *
 * <p>New users are {@linkplain #scoreNewUser folded in} by fitting their embedding to their ratings
 * with the model's own training loss and everything else fixed, regularized towards the mean trained
 * user (see {@link #foldInUser}). User vectors ({@link UserEmbeddings}) are the user embeddings.
 */
public abstract sealed class NeuralRatingModel implements EmbeddingModel, FoldInRecommender, UserEmbeddings
        permits NeuralRegressionModel, RatingClassifierModel {
    private final TrainingFacts facts;
    private final ConcatenationNetwork network;
    private final CosineNeighbours neighbours;
    private volatile NeuralFoldIn foldIn;

    NeuralRatingModel(TrainingFacts facts, ConcatenationNetwork network) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.network = Objects.requireNonNull(network, "network");
        if (network.userCount() != facts.users().size() || network.itemCount() != facts.catalog().size()) {
            throw new IllegalArgumentException("the network has " + network.userCount() + " users and "
                    + network.itemCount() + " items, the ids " + facts.users().size() + " and " + facts.catalog().size());
        }
        this.neighbours = new CosineNeighbours(this::itemVectorTable, facts.catalog().size());
    }

    /** The head that turns network outputs into the predicted rating. */
    abstract ConcatenationNetwork.OutputHead head();

    /** The loss the model was trained with, on the network outputs; what fold-in minimizes. */
    abstract NeuralFoldIn.Loss trainingLoss();

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
    public final TrainingFacts trainingFacts() {
        return facts;
    }

    @Override
    public final float predict(int user, int item) {
        return network.score(user, item, head());
    }

    @Override
    public final void scoreAll(int user, float[] out) {
        network.scoreAll(user, out, head());
    }

    /** Length of a user embedding. */
    @Override
    public final int userDimensions() {
        return network.userDimensions();
    }

    /** A copy of the embedding {@code p_u} of {@code user}. */
    @Override
    public final float[] userVector(int user) {
        return network.userEmbedding(user);
    }

    /**
     * Fits the embedding of a user who gave {@code ratings[k]} to {@code items[k]}: {@code p}
     * minimizing {@code (1/K) Σ_k loss(MLP(p ⊕ q_{i_k} ⊕ f_{i_k}), r_k) + λ |p - p̄|²} with the
     * model's training loss, the network in inference mode and every other parameter fixed, where
     * {@code p̄} is the mean trained user embedding and λ is scaled to the trained users' spread
     * around it; a fixed number of gradient-descent steps with a line search from {@code p̄} (see
     * {@link NeuralFoldIn}). Deterministic; an empty profile gives {@code p̄}.
     *
     * @return the new user's embedding (length {@link #userDimensions()})
     * @throws IllegalArgumentException if the arrays differ in length, an item is out of range or
     *     unknown, or a rating is not finite
     */
    public final float[] foldInUser(int[] items, float[] ratings) {
        FoldInProfiles.check(this, items, ratings);
        return foldIn().fit(items, ratings);
    }

    /** Scores every item for the user {@link #foldInUser} fits, with the same head as {@link #predict}. */
    @Override
    public final void scoreNewUser(int[] items, float[] ratings, float[] out) {
        network.scoreAll(foldInUser(items, ratings), out, head());
    }

    /** The fold-in objective, built once: it needs the mean and spread of the trained user embeddings. */
    final NeuralFoldIn foldIn() {
        NeuralFoldIn current = foldIn;
        if (current == null) {
            current = new NeuralFoldIn(network, trainingLoss());
            foldIn = current;
        }
        return current;
    }

    /**
     * The highest score the average user ({@code p̄}) gets among known items: the top of the rating
     * scale as far as a model with a linear output knows it.
     */
    final float averageUserTopScore() {
        float[] scores = new float[catalog().size()];
        network.scoreAll(foldIn().meanUser(), scores, head());
        float top = Float.NEGATIVE_INFINITY;
        for (int item = 0; item < scores.length; item++) {
            if (isKnownItem(item)) {
                top = Math.max(top, scores[item]);
            }
        }
        return top;
    }

    @Override
    public final List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return neighbours.nearest(item, n, other -> !isKnownItem(other) || exclude.test(other));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + users().size() + " users, " + catalog().size() + " items, MLP "
                + java.util.Arrays.toString(network.mlp().widths()) + "]";
    }
}
