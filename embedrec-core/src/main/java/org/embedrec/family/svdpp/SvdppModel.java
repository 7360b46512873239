package org.embedrec.family.svdpp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.UserEmbeddings;

/**
 * A fitted SVD++ model (Koren 2008, "Factorization meets the neighborhood", section 2.3): biased
 * matrix factorization whose user vector also sums implicit item factors {@code y_j} over the items
 * {@code N(u)} the user rated,
 *
 * <pre>
 *   r̂(u, i) = μ + b_u + b_i + q_i · (p_u + |N(u)|^-½ Σ_{j ∈ N(u)} y_j)
 * </pre>
 *
 * clipped to the training ratings' range. The implicit sum {@code z_u = |N(u)|^-½ Σ y_j} of each
 * training user is computed once by the trainer and stored with the model, so scoring a known user
 * is one dot product per item with the effective vector {@code p_u + z_u}. A new user is folded in
 * from their ratings alone: the items they rated give {@code z}, and {@code p} and {@code b} solve a
 * small ridge regression against the fixed item side ({@link SvdppFoldIn}).
 *
 * <p>Clipping ties items whose raw prediction lies beyond the top of the scale, so ranking
 * ({@link #rankAll}, {@link #recommend}) uses the raw score, which orders items the same way
 * otherwise. Immutable and thread-safe; arrays passed in are owned by the model afterwards.
 */
public final class SvdppModel implements EmbeddingModel, DotProductModel, FoldInRecommender, ItemBiases, UserEmbeddings {
    /** The kind recorded in model files. */
    public static final String KIND = "svdpp";

    private final TrainingFacts facts;
    private final Parameters parameters;
    private final DotProductScorer scorer;
    private final SvdppFoldIn foldIn;

    /**
     * The fitted tables; every factor table is row-major with {@code dim} columns.
     *
     * @param dim factor width
     * @param userFactors {@code p}, users × dim
     * @param itemFactors {@code q}, items × dim
     * @param implicitFactors {@code y}, items × dim
     * @param userImplicit {@code z_u = |N(u)|^-½ Σ_{j ∈ N(u)} y_j} of each training user, users × dim
     * @param userBias {@code b_u}
     * @param itemBias {@code b_i}
     * @param globalBias μ
     * @param low the lowest prediction (the training ratings' minimum)
     * @param high the highest prediction (the training ratings' maximum)
     * @param foldInL2 λ on a folded-in user's factors, per rating, as in training
     * @param foldInBiasL2 λ_b on a folded-in user's bias, per rating
     */
    public record Parameters(int dim, float[] userFactors, float[] itemFactors, float[] implicitFactors,
            float[] userImplicit, float[] userBias, float[] itemBias, float globalBias, float low, float high,
            double foldInL2, double foldInBiasL2) {
        public Parameters {
            if (dim < 1) {
                throw new IllegalArgumentException("dimensions must be >= 1, got " + dim);
            }
            Objects.requireNonNull(userFactors, "userFactors");
            Objects.requireNonNull(itemFactors, "itemFactors");
            Objects.requireNonNull(implicitFactors, "implicitFactors");
            Objects.requireNonNull(userImplicit, "userImplicit");
            Objects.requireNonNull(userBias, "userBias");
            Objects.requireNonNull(itemBias, "itemBias");
            if (!(low <= high)) {
                throw new IllegalArgumentException("prediction range needs low <= high, got [" + low + ", " + high + "]");
            }
            if (!(foldInL2 >= 0 && foldInBiasL2 >= 0) || Double.isInfinite(foldInL2) || Double.isInfinite(foldInBiasL2)) {
                throw new IllegalArgumentException("fold-in λ must be finite and >= 0, got " + foldInL2 + " (factors) and "
                        + foldInBiasL2 + " (bias)");
            }
        }
    }

    /**
     * Assembles a model.
     *
     * @param facts users, catalog, training ratings per item (items with 0 are never recommended), info
     */
    public SvdppModel(TrainingFacts facts, Parameters parameters) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        int users = facts.users().size();
        int items = facts.catalog().size();
        int dim = parameters.dim();
        DotProductScorer.checkLength("userFactors", parameters.userFactors(), (long) users * dim);
        DotProductScorer.checkLength("userImplicit", parameters.userImplicit(), (long) users * dim);
        DotProductScorer.checkLength("implicitFactors", parameters.implicitFactors(), (long) items * dim);
        DotProductScorer.checkLength("userBias", parameters.userBias(), users);
        float[] effective = new float[users * dim];
        for (int k = 0; k < effective.length; k++) {
            effective[k] = parameters.userFactors()[k] + parameters.userImplicit()[k];
        }
        this.scorer = new DotProductScorer(facts, dim, effective, parameters.itemFactors(), parameters.itemBias());
        this.foldIn = new SvdppFoldIn(parameters);
    }

    /** The prediction {@code μ + b_u + (b_i + q_i · v)} for a raw dot-product-plus-item-bias score, before clipping. */
    static float raw(float globalBias, float userBias, float itemScore) {
        return (globalBias + userBias) + itemScore;
    }

    /**
     * Writes {@code |N|^-½ Σ_{j ∈ N} y_j} into {@code out[outOffset ..]}, where N is
     * {@code items[from .. to)} and {@code y} the implicit factor table; zero for an empty N. Summed in
     * double, the one formula training, the stored users and fold-in share.
     */
    static void implicitSum(float[] y, int dim, int[] items, int from, int to, double[] scratch, float[] out,
            int outOffset) {
        java.util.Arrays.fill(scratch, 0, dim, 0.0);
        for (int k = from; k < to; k++) {
            int row = items[k] * dim;
            for (int a = 0; a < dim; a++) {
                scratch[a] += y[row + a];
            }
        }
        double scale = to > from ? 1 / Math.sqrt(to - from) : 0;
        for (int a = 0; a < dim; a++) {
            out[outOffset + a] = (float) (scratch[a] * scale);
        }
    }

    /** {@code value} clipped to {@code [low, high]}. */
    static float clip(float value, float low, float high) {
        return Math.max(low, Math.min(high, value));
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    /** The fitted tables (shared, not copied: callers must not write to the arrays). */
    Parameters parameters() {
        return parameters;
    }

    @Override
    public int dimensions() {
        return parameters.dim();
    }

    @Override
    public SvdppModel withInfo(ModelInfo info) {
        return new SvdppModel(facts.withInfo(info), parameters);
    }

    @Override
    public boolean hasBiases() {
        return true;
    }

    @Override
    public float itemBias(int item) {
        return parameters.itemBias()[item];
    }

    /** The bias {@code b_u} of {@code user}. */
    public float userBias(int user) {
        return parameters.userBias()[user];
    }

    /** μ. */
    public float globalBias() {
        return parameters.globalBias();
    }

    @Override
    public int userDimensions() {
        return parameters.dim();
    }

    /** A copy of the effective vector {@code p_u + z_u} of {@code user}, the one scores use. */
    @Override
    public float[] userVector(int user) {
        Objects.checkIndex(user, users().size());
        int dim = parameters.dim();
        return Arrays.copyOfRange(scorer.userVectors(), user * dim, user * dim + dim);
    }

    @Override
    public float[] itemVector(int item) {
        return scorer.itemVector(item);
    }

    /** A copy of the implicit factor {@code y_j} of {@code item}. */
    public float[] implicitVector(int item) {
        Objects.checkIndex(item, catalog().size());
        int dim = parameters.dim();
        return Arrays.copyOfRange(parameters.implicitFactors(), item * dim, item * dim + dim);
    }

    @Override
    public float predict(int user, int item) {
        return clip(raw(parameters.globalBias(), userBias(user), scorer.score(user, item)), parameters.low(),
                parameters.high());
    }

    @Override
    public void scoreAll(int user, float[] out) {
        rankAll(user, out);
        clipAll(out);
    }

    /** The unclipped predictions, which rank items as {@link #scoreAll} does without its ties at the ends. */
    @Override
    public void rankAll(int user, float[] out) {
        Objects.checkIndex(user, users().size());
        scorer.scoreAll(user, out);
        addToAll(raw(parameters.globalBias(), userBias(user), 0f), out);
    }

    @Override
    public DotProductScorer rankingScorer() {
        return scorer;
    }

    /** The prediction for a ranking score {@code b_i + q_i · v}, as {@link #predict} computes it. */
    @Override
    public float recommendedScore(int user, float rankingScore) {
        return clip(raw(parameters.globalBias(), userBias(user), rankingScore), parameters.low(), parameters.high());
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return scorer.similarItems(item, n, exclude);
    }

    /** The top of the training ratings' range. */
    @Override
    public float likedRating() {
        return parameters.high();
    }

    /**
     * {@inheritDoc} The visitor's implicit part comes from the items they rated, their factors and
     * bias from a ridge regression with every item parameter fixed (see {@link SvdppFoldIn}).
     */
    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        FoldInProfiles.check(this, items, ratings);
        SvdppFoldIn.User user = foldIn.fit(items, ratings);
        scorer.scoreAll(user.vector(), 0, out);
        addToAll(raw(parameters.globalBias(), user.bias(), 0f), out);
        clipAll(out);
    }

    /**
     * A new user fitted to {@code ratings[k]} of {@code items[k]}, as {@link #scoreNewUser} folds one in.
     *
     * @throws IllegalArgumentException as {@link #scoreNewUser} does
     */
    public SvdppFoldIn.User foldInUser(int[] items, float[] ratings) {
        FoldInProfiles.check(this, items, ratings);
        return foldIn.fit(items, ratings);
    }

    private static void addToAll(float base, float[] out) {
        for (int item = 0; item < out.length; item++) {
            out[item] = base + out[item];
        }
    }

    private void clipAll(float[] out) {
        for (int item = 0; item < out.length; item++) {
            out[item] = clip(out[item], parameters.low(), parameters.high());
        }
    }

    @Override
    public String toString() {
        return "SvdppModel[" + users().size() + " users, " + catalog().size() + " items, " + dimensions() + " dimensions]";
    }
}
