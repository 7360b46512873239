package org.embedrec.family.ials;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ImplicitFeedbackModel;
import org.embedrec.model.ItemFoldInRecommender;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.Vectors;

/**
 * A fitted implicit alternating least squares model (Hu, Koren and Volinsky 2008; the recipe of
 * Rendle, Krichene, Zhang and Koren 2021): user vectors {@code p_u} and item vectors {@code q_i},
 *
 * <pre>
 *   score(u, i) = p_u · q_i
 * </pre>
 *
 * fitted to 1 on the positive interactions and to 0, with the small weight α₀, on every pair. Scores
 * rank items; they are not ratings. Similar items are the nearest by cosine of {@code q_i}. A new
 * user folds in by the very solve training makes for a user ({@link #scoreNewUser}), and a new item by
 * the one it makes for an item ({@link #foldInItem}). Immutable and
 * thread-safe; arrays passed in are owned by the model afterwards.
 */
public final class IalsModel implements EmbeddingModel, DotProductModel, FoldInRecommender, ItemFoldInRecommender,
        ImplicitFeedbackModel {
    /** The kind recorded in model files. */
    public static final String KIND = "ials";

    private final TrainingFacts facts;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final Objective objective;
    private final DotProductScorer scorer;
    private volatile FoldInBasis foldInBasis;
    private volatile double[] weightedUserGram;

    /**
     * The weights of the objective the model was fitted with, which its fold-in solves again:
     *
     * <pre>
     *   Σ_{(u,i) positive} c_ui (1 − p_u·q_i)²  +  α₀ Σ_{all (u,i)} (p_u·q_i)²
     *     + λ Σ_u (|I_u| + α₀ |I|)^ν |p_u|²  +  λ Σ_i (|U_i| + α₀ |U|)^ν |q_i|²
     * </pre>
     *
     * with {@code c_ui = 1 + confidence · r_ui}.
     *
     * @param unobservedWeight α₀, the weight of the squared score of every pair
     * @param regularization λ
     * @param regularizationExponent ν: 0 is a plain λ, 1 scales it with the row's weight (Rendle et al. 2021, §3)
     * @param confidence how much a positive's rating value adds to its weight (0: every positive weighs 1)
     * @param positiveThreshold which ratings were positive interactions
     */
    public record Objective(double unobservedWeight, double regularization, double regularizationExponent,
            double confidence, PositiveThreshold positiveThreshold) {
        public Objective {
            if (!(unobservedWeight >= 0 && Double.isFinite(unobservedWeight))) {
                throw new IllegalArgumentException("unobservedWeight must be finite and >= 0, got " + unobservedWeight);
            }
            if (!(regularization > 0 && Double.isFinite(regularization))) {
                throw new IllegalArgumentException("regularization must be finite and > 0, got " + regularization);
            }
            if (!(regularizationExponent >= 0 && regularizationExponent <= 2)) {
                throw new IllegalArgumentException("regularizationExponent must be in [0, 2], got " + regularizationExponent);
            }
            if (!(confidence >= 0 && Double.isFinite(confidence))) {
                throw new IllegalArgumentException("confidence must be finite and >= 0, got " + confidence);
            }
            Objects.requireNonNull(positiveThreshold, "positiveThreshold");
        }

        /** {@code λ (observed + α₀ · otherRows)^ν}: the L2 weight of a row with {@code observed} positives. */
        public double rowRegularization(int observed, int otherRows) {
            return regularization * Math.pow(observed + unobservedWeight * otherRows, regularizationExponent);
        }

        /** The weight {@code c = 1 + confidence · rating} of a positive. */
        public float weight(float rating) {
            return (float) (1 + confidence * rating);
        }
    }

    /** The item Gramian {@code α₀ QᵀQ} and the mean user vector, computed on the first fold-in. */
    private record FoldInBasis(double[] weightedGram, float[] meanUser) {
    }

    /**
     * Assembles a model.
     *
     * @param facts users, catalog, training ratings per item (items with 0 are never recommended), info
     * @param userFactors {@code users × dim}, row-major
     * @param itemFactors {@code items × dim}, row-major
     */
    public IalsModel(TrainingFacts facts, int dim, float[] userFactors, float[] itemFactors, Objective objective) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.scorer = new DotProductScorer(facts, dim, userFactors, itemFactors, null);
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.objective = Objects.requireNonNull(objective, "objective");
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    @Override
    public int dimensions() {
        return scorer.dimensions();
    }

    /** The objective's weights, which fold-in uses too. */
    public Objective objective() {
        return objective;
    }

    @Override
    public PositiveThreshold positiveThreshold() {
        return objective.positiveThreshold();
    }

    /** iALS scores rank items; they are not ratings. */
    @Override
    public boolean predictsRatings() {
        return false;
    }

    @Override
    public IalsModel withInfo(ModelInfo info) {
        return new IalsModel(facts.withInfo(info), dimensions(), userFactors, itemFactors, objective);
    }

    /** A copy of the user factor table, row-major {@code users × dimensions}. */
    public float[] userFactors() {
        return userFactors.clone();
    }

    /** A copy of the item factor table, row-major {@code items × dimensions}. */
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    @Override
    public float[] itemVector(int item) {
        return scorer.itemVector(item);
    }

    @Override
    public DotProductScorer rankingScorer() {
        return scorer;
    }

    @Override
    public float predict(int user, int item) {
        return scorer.score(user, item);
    }

    @Override
    public void scoreAll(int user, float[] out) {
        scorer.scoreAll(user, out);
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return scorer.similarItems(item, n, exclude);
    }

    /** The weakest rating that counts as a like (1 when every rating does). */
    @Override
    public float likedRating() {
        return objective.positiveThreshold().lowestPositive();
    }

    /**
     * {@inheritDoc} The visitor's vector is the exact user solve of training with the item vectors
     * fixed: their positive ratings are the observations (weight {@code 1 + confidence · rating}),
     * every other item, rated below the threshold or not, is unobserved, and the row's L2 weight is
     * {@code λ (likes + α₀ |I|)^ν}. One d×d Cholesky solve; {@code α₀ QᵀQ} is computed once per
     * model. A profile without likes gets the mean user vector.
     */
    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        scorer.scoreAll(foldIn(items, ratings), 0, out);
    }

    /** The folded-in visitor's vector, as {@link #scoreNewUser} describes. */
    public float[] foldIn(int[] items, float[] ratings) {
        FoldInProfiles.check(items, ratings, facts.items(), scorer::isKnownItem, ratingScale());
        FoldInBasis basis = foldInBasis();
        int[] liked = new int[items.length];
        float[] weights = new float[items.length];
        int count = 0;
        for (int k = 0; k < items.length; k++) {
            if (objective.positiveThreshold().isPositive(ratings[k])) {
                liked[count] = items[k];
                weights[count++] = objective.weight(ratings[k]);
            }
        }
        if (count == 0) {
            return basis.meanUser().clone();
        }
        float[] user = new float[dimensions()];
        new RowSolver(dimensions()).exact(itemFactors, basis.weightedGram(), liked, weights, 0, count,
                objective.rowRegularization(count, facts.catalog().size()), user, 0);
        return user;
    }

    @Override
    public LatentUser latentUser(int user) {
        Objects.checkIndex(user, facts.users().size());
        int dim = dimensions();
        return new LatentUser(Arrays.copyOfRange(userFactors, user * dim, user * dim + dim), 0f);
    }

    @Override
    public LatentUser foldInLatentUser(int[] items, float[] ratings) {
        return new LatentUser(foldIn(items, ratings), 0f);
    }

    @Override
    public LatentItem latentItem(int item) {
        return new LatentItem(itemVector(item), 0f);
    }

    /**
     * {@inheritDoc} The exact item solve of training with the user vectors fixed: the positive ratings
     * are the observations (weight {@code 1 + confidence · rating}), every other user is unobserved,
     * and the row's L2 weight is {@code λ (likes + α₀ |U|)^ν}, so
     *
     * <pre>
     *   (α₀ PᵀP + Σ_{liked} c_u p_u p_uᵀ + λ_i I) q = Σ_{liked} c_u p_u
     * </pre>
     *
     * One d×d Cholesky solve; {@code α₀ PᵀP} is computed once per model.
     */
    @Override
    public LatentItem foldInItem(int[] users, float[] ratings) {
        FoldInProfiles.checkRaters(users, ratings, facts.users(), ratingScale());
        int[] liked = new int[users.length];
        float[] weights = new float[users.length];
        int count = 0;
        for (int k = 0; k < users.length; k++) {
            if (objective.positiveThreshold().isPositive(ratings[k])) {
                liked[count] = users[k];
                weights[count++] = objective.weight(ratings[k]);
            }
        }
        float[] item = new float[dimensions()];
        new RowSolver(dimensions()).exact(userFactors, weightedUserGram(), liked, weights, 0, count,
                objective.rowRegularization(count, facts.users().size()), item, 0);
        return new LatentItem(item, 0f);
    }

    @Override
    public float score(LatentUser user, LatentItem item) {
        return Vectors.dot(user.factors(), 0, item.factors(), 0, dimensions());
    }

    /** {@code α₀ PᵀP} over every trained user, computed on the first item fold-in. */
    private double[] weightedUserGram() {
        double[] gram = weightedUserGram;
        if (gram == null) {
            int dim = dimensions();
            gram = new double[dim * dim];
            RowSolver.addGram(userFactors, dim, 0, facts.users().size(), gram);
            RowSolver.symmetrize(gram, dim);
            for (int k = 0; k < gram.length; k++) {
                gram[k] *= objective.unobservedWeight();
            }
            weightedUserGram = gram;
        }
        return gram;
    }

    private FoldInBasis foldInBasis() {
        FoldInBasis basis = foldInBasis;
        if (basis == null) {
            int dim = dimensions();
            int items = facts.catalog().size();
            double[] gram = new double[dim * dim];
            RowSolver.addGram(itemFactors, dim, 0, items, gram);
            RowSolver.symmetrize(gram, dim);
            for (int k = 0; k < gram.length; k++) {
                gram[k] *= objective.unobservedWeight();
            }
            int users = facts.users().size();
            double[] sum = new double[dim];
            for (int user = 0; user < users; user++) {
                for (int a = 0; a < dim; a++) {
                    sum[a] += userFactors[user * dim + a];
                }
            }
            float[] mean = new float[dim];
            for (int a = 0; a < dim; a++) {
                mean[a] = users == 0 ? 0f : (float) (sum[a] / users);
            }
            basis = new FoldInBasis(gram, mean);
            foldInBasis = basis;
        }
        return basis;
    }

    @Override
    public String toString() {
        return "IalsModel[" + users().size() + " users, " + catalog().size() + " items, " + dimensions()
                + " dimensions]";
    }
}
