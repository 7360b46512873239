package org.embedrec.family.als;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.RatingScale;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.ItemFoldInRecommender;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.UserEmbeddings;
import org.embedrec.model.Vectors;

/**
 * A fitted ALS-WR model (Zhou, Wilkinson, Schreiber and Pan 2008, with biases): user factors
 * {@code p_u} and bias {@code b_u}, item factors {@code q_i} and bias {@code b_i}, and the training
 * mean μ,
 *
 * <pre>
 *   rating(u, i) = μ + b_u + b_i + p_u · q_i
 * </pre>
 *
 * a linear output that predicts ratings. Similar items are the nearest by cosine of {@code q_i}. A
 * new user folds in by the very solve training makes for a user ({@link #foldInUser}), with the λ the
 * model was trained with, and a new item by the solve it makes for an item ({@link #foldInItem}). Immutable and thread-safe; arrays passed in are owned by the model.
 */
public final class AlsModel implements EmbeddingModel, DotProductModel, FoldInRecommender, ItemFoldInRecommender,
        ItemBiases, UserEmbeddings {
    /** The kind recorded in model files. */
    public static final String KIND = "als-wr";

    private final TrainingFacts facts;
    private final int dim;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] userBias;
    private final float[] itemBias;
    private final float mean;
    private final double regularization;
    private final DotProductScorer scorer;

    /**
     * A user fitted to ratings by {@link #foldInUser}.
     *
     * @param factors the user's factors
     * @param bias the user's bias
     */
    public record FoldedUser(float[] factors, float bias) {
    }

    /**
     * Assembles a model.
     *
     * @param facts users, catalog, training ratings per item (items with 0 are never recommended), info
     * @param userFactors {@code users × dim}, row-major
     * @param itemFactors {@code items × dim}, row-major
     * @param userBias per user
     * @param itemBias per item
     * @param mean μ, the mean training rating
     * @param regularization the λ of training, which fold-in uses: a row with n ratings gets λ·n
     */
    public AlsModel(TrainingFacts facts, int dim, float[] userFactors, float[] itemFactors, float[] userBias,
            float[] itemBias, float mean, double regularization) {
        this.facts = Objects.requireNonNull(facts, "facts");
        DotProductScorer.checkLength("user bias", userBias, facts.users().size());
        DotProductScorer.checkLength("item bias", itemBias, facts.catalog().size());
        if (!Float.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (!(regularization > 0 && Double.isFinite(regularization))) {
            throw new IllegalArgumentException("regularization must be finite and > 0, got " + regularization);
        }
        float[] itemOffsets = new float[itemBias.length];
        for (int item = 0; item < itemOffsets.length; item++) {
            itemOffsets[item] = mean + itemBias[item];
        }
        this.scorer = new DotProductScorer(facts, dim, userFactors, itemFactors, itemOffsets);
        this.dim = dim;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.mean = mean;
        this.regularization = regularization;
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    @Override
    public int dimensions() {
        return dim;
    }

    /** μ, the mean training rating. */
    public float mean() {
        return mean;
    }

    /** The λ of training and fold-in. */
    public double regularization() {
        return regularization;
    }

    @Override
    public boolean hasBiases() {
        return true;
    }

    @Override
    public float itemBias(int item) {
        return itemBias[item];
    }

    /** The bias of {@code user}. */
    public float userBias(int user) {
        return userBias[user];
    }

    @Override
    public AlsModel withInfo(ModelInfo info) {
        return new AlsModel(facts.withInfo(info), dim, userFactors, itemFactors, userBias, itemBias, mean,
                regularization);
    }

    /** A copy of the user factor table, row-major {@code users × dimensions}. */
    public float[] userFactors() {
        return userFactors.clone();
    }

    /** A copy of the item factor table, row-major {@code items × dimensions}. */
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    /** A copy of the user biases. */
    public float[] userBiases() {
        return userBias.clone();
    }

    /** A copy of the item biases. */
    public float[] itemBiases() {
        return itemBias.clone();
    }

    @Override
    public int userDimensions() {
        return dim;
    }

    @Override
    public float[] userVector(int user) {
        Objects.checkIndex(user, users().size());
        return java.util.Arrays.copyOfRange(userFactors, user * dim, user * dim + dim);
    }

    @Override
    public float[] itemVector(int item) {
        return scorer.itemVector(item);
    }

    @Override
    public DotProductScorer rankingScorer() {
        return scorer;
    }

    /** The ranking score {@code p_u · q_i + (μ + b_i)} plus {@code b_u}, as {@link #predict} adds it. */
    @Override
    public float recommendedScore(int user, float rankingScore) {
        return rankingScore + userBias[user];
    }

    /** {@code (p_u · q_i + (μ + b_i)) + b_u}, in that order wherever it is computed. */
    @Override
    public float predict(int user, int item) {
        return scorer.score(user, item) + userBias[user];
    }

    @Override
    public void scoreAll(int user, float[] out) {
        scorer.scoreAll(user, out);
        addBias(userBias[user], out);
    }

    private static void addBias(float bias, float[] out) {
        for (int item = 0; item < out.length; item++) {
            out[item] += bias;
        }
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return scorer.similarItems(item, n, exclude);
    }

    /** The top of the rating scale the model was fitted on (one point above μ when it is unknown). */
    @Override
    public float likedRating() {
        RatingScale scale = ratingScale();
        return scale.equals(RatingScale.GENERIC) ? mean + 1 : scale.max();
    }

    /**
     * Fits a user who gave {@code ratings[k]} to {@code items[k]}: the training solve for a user
     * ({@link BiasedRowSolver}) against the fixed item factors and biases. An empty profile gives the
     * zero user, who is scored {@code μ + b_i}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, an item is out of range or
     *     unknown, or a rating is outside the model's rating scale
     */
    public FoldedUser foldInUser(int[] items, float[] ratings) {
        FoldInProfiles.check(this, items, ratings);
        float[] factors = new float[dim];
        float[] bias = new float[1];
        new BiasedRowSolver(dim).solve(itemFactors, itemBias, mean, items, ratings, 0, items.length, regularization,
                factors, bias, 0);
        return new FoldedUser(factors, bias[0]);
    }

    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        FoldedUser user = foldInUser(items, ratings);
        scorer.scoreAll(user.factors(), 0, out);
        addBias(user.bias(), out);
    }

    @Override
    public LatentUser latentUser(int user) {
        return new LatentUser(userVector(user), mean + userBias(user));
    }

    @Override
    public LatentUser foldInLatentUser(int[] items, float[] ratings) {
        FoldedUser user = foldInUser(items, ratings);
        return new LatentUser(user.factors(), mean + user.bias());
    }

    @Override
    public LatentItem latentItem(int item) {
        return new LatentItem(itemVector(item), itemBias(item));
    }

    /**
     * {@inheritDoc} The training solve for an item ({@link BiasedRowSolver}) against the fixed user
     * factors and biases: {@code Σ_u (r_u − μ − b_u − b − p_u · q)² + λ n (|q|² + b²)} over its
     * {@code n} raters. No raters give the zero item, scored {@code μ + b_u}.
     */
    @Override
    public LatentItem foldInItem(int[] users, float[] ratings) {
        FoldInProfiles.checkRaters(users, ratings, users(), ratingScale());
        float[] factors = new float[dim];
        float[] bias = new float[1];
        new BiasedRowSolver(dim).solve(userFactors, userBias, mean, users, ratings, 0, users.length, regularization,
                factors, bias, 0);
        return new LatentItem(factors, bias[0]);
    }

    @Override
    public float score(LatentUser user, LatentItem item) {
        return Vectors.dot(user.factors(), 0, item.factors(), 0, dim) + item.bias() + user.offset();
    }

    @Override
    public String toString() {
        return "AlsModel[" + users().size() + " users, " + catalog().size() + " items, " + dim + " dimensions]";
    }
}
