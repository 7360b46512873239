package org.embedrec.family.bpmf;

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
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;

/**
 * A fitted Bayesian probabilistic matrix factorization (Salakhutdinov and Mnih 2008): the average of
 * the predictions of {@code S} kept Gibbs samples {@code (w_u, b_u, v_i, c_i)_s},
 *
 * <pre>
 *   rating(u, i) = clip(g + (1/S) Σ_s (b_u,s + c_i,s + w_u,s · v_i,s))
 *                = clip(g + b̄_u + c̄_i + [w_u,1 .. w_u,S] / S · [v_i,1 .. v_i,S])
 * </pre>
 *
 * clipped to the rating scale of the training data. The second line is exact: the average of the
 * samples' dot products is one dot product of the concatenated vectors, so the model is an ordinary
 * dot-product model of dimension {@code d · S} (the {@linkplain #dimensions() dimensions} it reports)
 * whose item vectors are the samples side by side and whose user vectors are the samples divided by
 * {@code S}; the shared scorer, similar items and the server need nothing else. The biases are the
 * means of the samples' biases; without biases they are 0. A user's row in sample {@code s} is its
 * posterior mean given that sample's items (Rao-Blackwellized, see {@link RowPosterior}), which has
 * the same expectation as a drawn row and less noise.
 *
 * <p>A new user is folded in by the posterior mean of their vector given each kept sample ({@link
 * #scoreNewUser}), which the model keeps for that: each sample's item biases, user hyperparameters
 * {@code (μ, Λ)} and observation precision α. Immutable and thread-safe; arrays passed in are owned
 * by the model afterwards.
 */
public final class BpmfModel implements EmbeddingModel, DotProductModel, FoldInRecommender, ItemBiases {
    /** The kind recorded in model files. */
    public static final String KIND = "bpmf";

    private final TrainingFacts facts;
    private final int dim;
    private final Samples samples;
    private final float global;
    private final float[] userVectors;
    private final float[] itemVectors;
    private final float[] userBias;
    private final float[] itemBias;
    private final DotProductScorer scorer;
    private final RatingScale scale;

    /**
     * What fold-in needs of each kept sample {@code s}, beside its item factors.
     *
     * @param count {@code S}, the number of kept samples
     * @param biases whether the samples have biases
     * @param itemBiases {@code S × items} row-major: sample {@code s}'s item biases ({@code null} without biases)
     * @param userPriorMeans {@code S × k}: sample {@code s}'s user prior mean μ ({@code k = d + 1} with biases, else d)
     * @param userPriorPrecisions {@code S × k × k}: sample {@code s}'s user prior precision Λ
     * @param precisions {@code S}: sample {@code s}'s observation precision α
     */
    public record Samples(int count, boolean biases, float[] itemBiases, float[] userPriorMeans,
            float[] userPriorPrecisions, float[] precisions) {
        public Samples {
            if (count < 1) {
                throw new IllegalArgumentException("a BPMF model needs at least one sample, got " + count);
            }
            if (biases != (itemBiases != null)) {
                throw new IllegalArgumentException("per-sample item biases must be present exactly when the model has biases");
            }
            Objects.requireNonNull(userPriorMeans, "userPriorMeans");
            Objects.requireNonNull(userPriorPrecisions, "userPriorPrecisions");
            DotProductScorer.checkLength("precisions", precisions, count);
            for (float alpha : precisions) {
                if (!(alpha > 0 && Float.isFinite(alpha))) {
                    throw new IllegalArgumentException("observation precisions must be finite and > 0, got " + alpha);
                }
            }
        }

        /** The length of a user's vector with its bias: {@code d + 1} with biases, else {@code d}. */
        int rowLength(int dim) {
            return dim + (biases ? 1 : 0);
        }
    }

    /**
     * Assembles a model.
     *
     * @param facts users, catalog, training ratings per item (items with 0 are never recommended), info
     * @param dim {@code d}, the factors of one sample
     * @param global {@code g}, the training mean the samples were fitted around
     * @param userVectors {@code users × d·S}: the kept samples of each user's factors side by side, divided by S
     * @param itemVectors {@code items × d·S}: the kept samples of each item's factors side by side
     * @param userBias the users' mean bias over the kept samples (zeros without biases)
     * @param itemBias the items' mean bias over the kept samples (zeros without biases)
     */
    public BpmfModel(TrainingFacts facts, int dim, Samples samples, float global, float[] userVectors,
            float[] itemVectors, float[] userBias, float[] itemBias) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.samples = Objects.requireNonNull(samples, "samples");
        if (dim < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dim);
        }
        int users = facts.users().size();
        int items = facts.catalog().size();
        int k = samples.rowLength(dim);
        DotProductScorer.checkLength("user bias", userBias, users);
        DotProductScorer.checkLength("item bias", itemBias, items);
        if (samples.biases()) {
            DotProductScorer.checkLength("per-sample item biases", samples.itemBiases(), (long) samples.count() * items);
        }
        DotProductScorer.checkLength("user prior means", samples.userPriorMeans(), (long) samples.count() * k);
        DotProductScorer.checkLength("user prior precisions", samples.userPriorPrecisions(), (long) samples.count() * k * k);
        this.dim = dim;
        this.global = global;
        this.userVectors = userVectors;
        this.itemVectors = itemVectors;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.scorer = new DotProductScorer(facts, dim * samples.count(), userVectors, itemVectors, itemBias);
        this.scale = ratingScale();
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    /** {@code d · S}: the length of the concatenated sample vectors the model scores with. */
    @Override
    public int dimensions() {
        return scorer.dimensions();
    }

    /** {@code d}: the factors of one sample. */
    public int sampleDimensions() {
        return dim;
    }

    /** The kept samples' fold-in parameters. */
    public Samples samples() {
        return samples;
    }

    /** {@code g}, the training mean. */
    public float global() {
        return global;
    }

    @Override
    public boolean hasBiases() {
        return samples.biases();
    }

    @Override
    public float itemBias(int item) {
        return itemBias[item];
    }

    /** The mean bias of {@code user} over the kept samples, 0 without biases. */
    public float userBias(int user) {
        return userBias[user];
    }

    /** A copy of the user vectors, {@code users × d·S} (the samples side by side, divided by S). */
    public float[] userVectors() {
        return userVectors.clone();
    }

    /** A copy of the item vectors, {@code items × d·S} (the samples side by side). */
    public float[] itemVectors() {
        return itemVectors.clone();
    }

    /** A copy of the users' mean biases. */
    public float[] userBiases() {
        return userBias.clone();
    }

    /** A copy of the items' mean biases. */
    public float[] itemBiases() {
        return itemBias.clone();
    }

    @Override
    public BpmfModel withInfo(ModelInfo info) {
        return new BpmfModel(facts.withInfo(info), dim, samples, global, userVectors, itemVectors, userBias, itemBias);
    }

    @Override
    public float[] itemVector(int item) {
        return scorer.itemVector(item);
    }

    @Override
    public DotProductScorer rankingScorer() {
        return scorer;
    }

    /** The prediction for a ranking score, as {@link #predict} computes it from the same dot product. */
    @Override
    public float recommendedScore(int user, float rankingScore) {
        return clip(global + userBias[user] + rankingScore);
    }

    @Override
    public float predict(int user, int item) {
        return clip(global + userBias[user] + scorer.score(user, item));
    }

    @Override
    public void scoreAll(int user, float[] out) {
        scorer.scoreAll(user, out);
        float offset = global + userBias[user];
        for (int item = 0; item < out.length; item++) {
            out[item] = clip(offset + out[item]);
        }
    }

    /** The unclipped scores without the user's constant offset: the same order as {@link #scoreAll}, without ties at the scale's ends. */
    @Override
    public void rankAll(int user, float[] out) {
        scorer.scoreAll(user, out);
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        return scorer.similarItems(item, n, exclude);
    }

    /** The top of the rating scale (for a model of unknown scale, the training mean plus 1). */
    @Override
    public float likedRating() {
        RatingScale scale = ratingScale();
        return scale.equals(RatingScale.GENERIC) ? global + 1 : scale.max();
    }

    /**
     * {@inheritDoc} The visitor's vector is the mean of their conditional posterior given each kept
     * sample, not a random draw, so the scores are deterministic: for sample {@code s}, the normal
     * posterior of {@code (w, b)} under the sample's user prior {@code N(μ_s, Λ_s⁻¹)}, item factors and
     * biases and precision {@code α_s} (one (d+1)×(d+1) Cholesky solve, see {@link RowPosterior}).
     * Those means, side by side and divided by {@code S}, score like a trained user's vectors, and the
     * bias is their mean. An empty profile gets each sample's prior mean.
     */
    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        FoldedUser user = foldIn(items, ratings);
        scorer.scoreAll(user.vector(), 0, out);
        float offset = global + user.bias();
        for (int item = 0; item < out.length; item++) {
            out[item] = clip(offset + out[item]);
        }
    }

    /**
     * A folded-in visitor.
     *
     * @param vector {@code d · S}: the posterior means per kept sample side by side, divided by S
     * @param bias the mean of their posterior mean biases (0 without biases)
     */
    public record FoldedUser(float[] vector, float bias) {
    }

    /** The folded-in visitor, as {@link #scoreNewUser} describes. */
    public FoldedUser foldIn(int[] items, float[] ratings) {
        FoldInProfiles.check(items, ratings, facts.items(), scorer::isKnownItem, ratingScale());
        int count = samples.count();
        int k = samples.rowLength(dim);
        int catalogSize = facts.catalog().size();
        RowPosterior posterior = new RowPosterior(dim, samples.biases());
        float[] vector = new float[dim * count];
        float[] bias = new float[1];
        double biasSum = 0;
        double[] precision = new double[k * k];
        double[] mean = new double[k];
        for (int s = 0; s < count; s++) {
            for (int a = 0; a < k * k; a++) {
                precision[a] = samples.userPriorPrecisions()[s * k * k + a];
            }
            for (int a = 0; a < k; a++) {
                mean[a] = samples.userPriorMeans()[s * k + a];
            }
            posterior.draw(itemVectors, dim * count, s * dim, samples.itemBiases(), s * catalogSize, items, ratings, 0,
                    items.length, global, samples.precisions()[s], precision, RowPosterior.shift(precision, mean, k),
                    null, vector, s * dim, bias, 0);
            biasSum += bias[0];
        }
        for (int a = 0; a < vector.length; a++) {
            vector[a] /= count;
        }
        return new FoldedUser(vector, samples.biases() ? (float) (biasSum / count) : 0f);
    }

    private float clip(float rating) {
        return Math.max(scale.min(), Math.min(scale.max(), rating));
    }

    @Override
    public String toString() {
        return "BpmfModel[" + users().size() + " users, " + catalog().size() + " items, " + samples.count()
                + " samples of " + dim + " dimensions" + (samples.biases() ? " with biases" : "") + "]";
    }
}
