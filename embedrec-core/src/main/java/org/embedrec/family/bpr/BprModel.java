package org.embedrec.family.bpr;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.ImplicitFeedbackModel;
import org.embedrec.model.TrainingFacts;

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
public final class BprModel implements EmbeddingModel, DotProductModel, FoldInRecommender, ItemBiases, ImplicitFeedbackModel {
    /** The kind recorded in model files. */
    public static final String KIND = "bpr";

    private final TrainingFacts facts;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] itemBias;
    private final DotProductScorer scorer;
    private final ImplicitFoldIn foldIn;

    /**
     * Assembles a model from its parameters.
     *
     * @param facts the user ids, catalog, training interactions per item (items with 0 are never
     *     recommended) and info
     * @param itemBias per-item bias, or {@code null} for none
     * @param positiveThreshold the ratings that counted as positive in training; what fold-in takes as likes
     */
    public BprModel(TrainingFacts facts, int dim, float[] userFactors, float[] itemFactors, float[] itemBias,
            PositiveThreshold positiveThreshold) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.scorer = new DotProductScorer(facts, dim, userFactors, itemFactors, itemBias);
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemBias = itemBias;
        this.foldIn = new ImplicitFoldIn(facts.catalog(), scorer, positiveThreshold);
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
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
    public PositiveThreshold positiveThreshold() {
        return foldIn.positiveThreshold();
    }

    @Override
    public BprModel withInfo(ModelInfo newInfo) {
        return new BprModel(facts.withInfo(newInfo), dimensions(), userFactors, itemFactors, itemBias,
                positiveThreshold());
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

    @Override
    public DotProductScorer rankingScorer() {
        return scorer;
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
     * A rating that counts as a like under the {@linkplain #positiveThreshold() positive threshold}: the
     * threshold itself (every like weighs the same in the fold-in), or 1 when every rating is positive.
     */
    @Override
    public float likedRating() {
        return foldIn.likedRating();
    }

    /**
     * Scores every item for a visitor by the implicit least-squares fold-in (Hu, Koren and Volinsky,
     * 2008): ratings at or above the {@linkplain #positiveThreshold() positive threshold} are likes, the others "seen, not liked". The visitor's vector {@code w} minimizes
     * {@code Σ_i c_i (y_i − v_i · w)² + λ|w − w̄|²} over every trained item's vector {@code v_i},
     * with {@code y_i} 1 for likes and 0 otherwise, confidence {@code c_i = 1 + α} for rated items
     * and 1 for the rest, and {@code w̄} the mean user vector; it then replaces the user vector in
     * the model's score. One d×d solve; an empty profile scores as the average user {@code w̄}.
     */
    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        FoldInProfiles.checkRatings(items, ratings, items(), ratingScale());
        foldIn.scoreNewUser(items, ratings, out);
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return scorer.similarItems(item, n, exclude);
    }

    @Override
    public String toString() {
        return "BprModel[" + users().size() + " users, " + catalog().size() + " items, " + dimensions()
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
