package org.embedrec.family.bpr;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;

/**
 * A fitted BPR matrix factorization (Rendle et al., 2009, "BPR: Bayesian personalized ranking from
 * implicit feedback"): a user and a shared item embedding table and an optional item bias,
 *
 * <pre>
 *   score(u, i) = p_u · q_i + b_i
 * </pre>
 *
 * Scores only rank items for a user; they are not ratings. Similar items are the nearest by cosine
 * of {@code q_i}. Immutable and thread-safe; arrays passed in are owned by the model afterwards.
 */
public final class BprModel implements EmbeddingModel, FoldInRecommender, ItemBiases {
    /** The kind recorded in model files. */
    public static final String KIND = "bpr";

    private final IdIndex users;
    private final ItemCatalog catalog;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] itemBias;
    private final int[] itemTrainCounts;
    private final ModelInfo info;
    private final DotProductScorer scorer;
    private final ImplicitFoldIn foldIn;

    /**
     * Assembles a model from its parameters.
     *
     * @param itemBias per-item bias, or {@code null} for none
     * @param itemTrainCounts training interactions per item; items with 0 are never recommended
     */
    public BprModel(IdIndex users, ItemCatalog catalog, int dim, float[] userFactors, float[] itemFactors,
            float[] itemBias, int[] itemTrainCounts, ModelInfo info) {
        this.users = Objects.requireNonNull(users, "users");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.scorer = new DotProductScorer(users.size(), catalog.size(), dim, userFactors, itemFactors, itemBias,
                itemTrainCounts);
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemBias = itemBias;
        this.itemTrainCounts = itemTrainCounts;
        this.info = Objects.requireNonNull(info, "info");
        this.foldIn = new ImplicitFoldIn(catalog, scorer, info);
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
    public int dimensions() {
        return scorer.dimensions();
    }

    /** Whether the model has item biases. */
    public boolean hasItemBias() {
        return itemBias != null;
    }

    /** BPR scores rank items; they are not ratings. */
    @Override
    public boolean predictsRatings() {
        return false;
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
    public BprModel withInfo(ModelInfo newInfo) {
        return new BprModel(users, catalog, dimensions(), userFactors, itemFactors, itemBias, itemTrainCounts, newInfo);
    }

    /** A copy of the user factor table, row-major {@code users x dimensions}. */
    public float[] userFactors() {
        return userFactors.clone();
    }

    /** A copy of the item factor table, row-major {@code items x dimensions}. */
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    /** A copy of the item biases, or {@code null}. */
    public float[] itemBiases() {
        return itemBias == null ? null : itemBias.clone();
    }

    /** A copy of the training interaction counts per item. */
    public int[] itemTrainCounts() {
        return itemTrainCounts.clone();
    }

    @Override
    public float[] itemVector(int item) {
        return scorer.itemVector(item);
    }

    @Override
    public float predict(int user, int item) {
        return scorer.score(user, item);
    }

    @Override
    public void scoreAll(int user, float[] out) {
        scorer.scoreAll(user, out);
    }

    /**
     * A rating that counts as a like under the positive threshold recorded at training: the
     * threshold itself (every like weighs the same in the fold-in), or 1 when every rating is positive.
     */
    @Override
    public float likedRating() {
        return foldIn.likedRating();
    }

    /**
     * Scores every item for a visitor by the implicit least-squares fold-in (Hu, Koren and Volinsky,
     * 2008): ratings at or above the positive threshold recorded at training (ratings ≥ 4 when none
     * is recorded) are likes, the others "seen, not liked". The visitor's vector {@code w} minimizes
     * {@code Σ_i c_i (y_i − v_i · w)² + λ|w − w̄|²} over every trained item's vector {@code v_i},
     * with {@code y_i} 1 for likes and 0 otherwise, confidence {@code c_i = 1 + α} for rated items
     * and 1 for the rest, and {@code w̄} the mean user vector; it then replaces the user vector in
     * the model's score. One d×d solve; an empty profile scores as the average user {@code w̄}.
     */
    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        foldIn.scoreNewUser(items, ratings, out);
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return scorer.similarItems(item, n, exclude);
    }

    @Override
    public String toString() {
        return "BprModel[" + users.size() + " users, " + catalog.size() + " items, " + dimensions()
                + " dimensions, itemBias=" + hasItemBias() + "]";
    }

    @Override
    public boolean hasBiases() {
        return hasItemBias();
    }

    @Override
    public float itemBias(int item) {
        return itemBias == null ? 0f : itemBias[item];
    }
}
