package org.embedrec.family.mf;

import java.util.List;
import java.util.Objects;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.ItemFoldInRecommender;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
import org.embedrec.model.UserEmbeddings;
import org.embedrec.model.Vectors;
import java.util.function.IntPredicate;
import org.embedrec.model.TrainingFacts;

/**
 * A fitted matrix factorization: a user and an item embedding table of equal width, optional
 * per-user and per-item biases and a global bias, and an optional sigmoid output scaled to a
 * rating range:
 *
 * <pre>
 *   z(u, i)      = global + b_u + b_i + p_u · q_i
 *   rating(u, i) = z                                  (linear output)
 *   rating(u, i) = low + (high - low) * sigmoid(z)    (sigmoid range output)
 * </pre>
 *
 * <p>Without biases and sigmoid this is the tutorials' "dot product" model; with biases it is their
 * "bias" model; with both, their "V2" model. Immutable and thread-safe; arrays passed in are owned
 * by the model afterwards (the trainer hands over fresh copies).
 *
 * <p>New users are {@linkplain #scoreNewUser folded in} by regularized least squares against the
 * fixed item factors and biases, with the per-occurrence λ the model was trained with
 * ({@link #foldInL2()}); see {@link #foldInUser}. New items are folded in by the same solve with the
 * roles of users and items swapped ({@link #foldInItem}).
 */
public final class MatrixFactorizationModel implements EmbeddingModel, DotProductModel, FoldInRecommender, ItemFoldInRecommender,
        ItemBiases, UserEmbeddings {
    /** The kind recorded in model files. */
    public static final String KIND = "matrix-factorization";

    private final TrainingFacts facts;
    private final int dim;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] userBias;
    private final float[] itemBias;
    private final float globalBias;
    private final OutputRange range;
    private final FoldInL2 foldInL2;
    private volatile float[] unitItemFactors;
    /** Items per tile of {@link #rankAll}'s copy of the item table; 512 floats of output fit in L1. */
    private static final int TILE = 512;
    private volatile float[] itemTiles;
    private final MatrixFactorizationFoldIn foldIn;
    private final MatrixFactorizationFoldIn itemFoldIn;
    private final DotProductScorer rankingScorer;

    /**
     * A user fitted to ratings by {@link #foldInUser}.
     *
     * @param factors the user's factors (length = dimensions)
     * @param bias the user's bias (0 for a model without biases)
     */
    public record FoldedUser(float[] factors, float bias) {
    }

    /**
     * The sigmoid output range, or {@code null} for a linear output.
     *
     * @param low rating at sigmoid 0
     * @param high rating at sigmoid 1
     */
    public record OutputRange(float low, float high) {
        public OutputRange {
            if (!(low < high)) {
                throw new IllegalArgumentException("output range needs low < high, got [" + low + ", " + high + "]");
            }
        }

        /** The derivative of the scaled sigmoid at the score whose output is {@code output}: {@code (high − low) s (1 − s)}. */
        public float slope(float output) {
            float s = (output - low) / (high - low);
            return (high - low) * s * (1 - s);
        }
    }

    /**
     * The per-occurrence λ of a folded-in user: the trainer's {@code l2} and {@code biasL2}.
     *
     * @param factors λ on the user's factors
     * @param bias λ on the user's bias
     */
    public record FoldInL2(double factors, double bias) {
        /** What models whose file records no λ fold in with. */
        public static final FoldInL2 DEFAULT = new FoldInL2(0.1, 0.01);

        public FoldInL2 {
            if (!(factors >= 0 && bias >= 0) || Double.isInfinite(factors) || Double.isInfinite(bias)) {
                throw new IllegalArgumentException("fold-in λ must be finite and >= 0, got " + factors + " (factors) and "
                        + bias + " (bias)");
            }
        }
    }

    /**
     * Assembles a model from its parameters.
     *
     * @param facts the user ids, catalog, training ratings per item (items with 0 are never
     *     recommended) and info
     * @param userBias per-user bias or {@code null} for none (then {@code itemBias} must be null too)
     * @param range sigmoid output range or {@code null} for a linear output
     * @param foldInL2 the λ new users are folded in with
     */
    public MatrixFactorizationModel(TrainingFacts facts, int dim, float[] userFactors, float[] itemFactors,
            float[] userBias, float[] itemBias, float globalBias, OutputRange range, FoldInL2 foldInL2) {
        this.facts = Objects.requireNonNull(facts, "facts");
        int userCount = facts.users().size();
        int itemCount = facts.catalog().size();
        if (dim < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dim);
        }
        checkLength("userFactors", userFactors, (long) userCount * dim);
        checkLength("itemFactors", itemFactors, (long) itemCount * dim);
        if ((userBias == null) != (itemBias == null)) {
            throw new IllegalArgumentException("user and item biases must both be present or both absent");
        }
        if (userBias != null) {
            checkLength("userBias", userBias, userCount);
            checkLength("itemBias", itemBias, itemCount);
        }
        this.dim = dim;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.globalBias = globalBias;
        this.range = range;
        this.foldInL2 = Objects.requireNonNull(foldInL2, "foldInL2");
        this.rankingScorer = new DotProductScorer(facts, dim, userFactors, itemFactors, itemBias);
        this.foldIn = new MatrixFactorizationFoldIn(dim, itemFactors, itemBias, globalBias, range, foldInL2.factors(),
                foldInL2.bias());
        this.itemFoldIn = new MatrixFactorizationFoldIn(dim, userFactors, userBias, globalBias, range, foldInL2.factors(),
                foldInL2.bias());
    }

    private static void checkLength(String name, float[] array, long expected) {
        Objects.requireNonNull(array, name);
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " values, expected " + expected);
        }
    }

    /** Applies the output function to a raw score {@code z}. */
    public static float output(float z, OutputRange range) {
        if (range == null) {
            return z;
        }
        return range.low() + (range.high() - range.low()) * sigmoid(z);
    }

    /**
     * The raw score {@code z = (global + p_u · q_i) + (b_u + b_i)} from parameter tables; biases may be
     * null. The one formula the trainer and the model share, so training-time validation and
     * {@link #predict} agree bit for bit.
     */
    public static float rawScore(float global, float[] userFactors, float[] itemFactors, float[] userBias,
            float[] itemBias, int dim, int user, int item) {
        float z = global + Vectors.dot(userFactors, user * dim, itemFactors, item * dim, dim);
        return userBias == null ? z : z + (userBias[user] + itemBias[item]);
    }

    static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    @Override
    public int dimensions() {
        return dim;
    }

    /** Whether the model has user and item biases. */
    @Override
    public boolean hasBiases() {
        return userBias != null;
    }

    /** The sigmoid output range, or {@code null} for a linear output. */
    public OutputRange range() {
        return range;
    }

    /** The global bias (the intercept). */
    public float globalBias() {
        return globalBias;
    }

    /** The bias of {@code item}, 0 without biases. */
    @Override
    public float itemBias(int item) {
        return itemBias == null ? 0f : itemBias[item];
    }

    /** The bias of {@code user}, 0 without biases. */
    public float userBias(int user) {
        return userBias == null ? 0f : userBias[user];
    }

    /** The λ new users are folded in with. */
    public FoldInL2 foldInL2() {
        return foldInL2;
    }

    @Override
    public MatrixFactorizationModel withInfo(ModelInfo newInfo) {
        return new MatrixFactorizationModel(facts.withInfo(newInfo), dim, userFactors, itemFactors, userBias, itemBias,
                globalBias, range, foldInL2);
    }

    /** A copy of the user factor table, row-major {@code users x dimensions}. */
    public float[] userFactors() {
        return userFactors.clone();
    }

    /** A copy of the item factor table, row-major {@code items x dimensions}. */
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    /** A copy of the user biases, or {@code null}. */
    public float[] userBiases() {
        return userBias == null ? null : userBias.clone();
    }

    /** A copy of the item biases, or {@code null}. */
    public float[] itemBiases() {
        return itemBias == null ? null : itemBias.clone();
    }

    @Override
    public int userDimensions() {
        return dim;
    }

    /** A copy of the factors of {@code user}. */
    @Override
    public float[] userVector(int user) {
        Objects.checkIndex(user, users().size());
        return java.util.Arrays.copyOfRange(userFactors, user * dim, user * dim + dim);
    }

    @Override
    public float[] itemVector(int item) {
        Objects.checkIndex(item, catalog().size());
        return java.util.Arrays.copyOfRange(itemFactors, item * dim, item * dim + dim);
    }

    /** Ranks by {@code p_u · q_i + b_i}: the global and user biases and the sigmoid range change no user's order. */
    @Override
    public DotProductScorer rankingScorer() {
        return rankingScorer;
    }

    /** The prediction for a ranking score {@code p_u · q_i + b_i}: the output function of the global and user bias plus it. */
    @Override
    public float recommendedScore(int user, float rankingScore) {
        return output((globalBias + userBias(user)) + rankingScore, range);
    }

    @Override
    public float predict(int user, int item) {
        Objects.checkIndex(user, users().size());
        Objects.checkIndex(item, catalog().size());
        return output(rawScore(globalBias, userFactors, itemFactors, userBias, itemBias, dim, user, item), range);
    }

    @Override
    public void scoreAll(int user, float[] out) {
        rankAll(user, out);
        if (range != null) {
            for (int item = 0; item < out.length; item++) {
                out[item] = output(out[item], range);
            }
        }
    }

    /**
     * The raw scores {@code z}, before the sigmoid range (which is monotone, so the ranking is the
     * same). Scoring a whole catalog is bound by reading the item table, so it reads a tiled copy:
     * blocks of {@value #TILE} items, each stored dimension by dimension, so that the inner loop is
     * a contiguous {@code out += p_k · q_k} that the JIT vectorizes while the block of {@code out}
     * stays in L1 cache. Faster than one dot product per item; measured in docs/BENCHMARKS.md
     * ("Serving recommendations over HTTP").
     */
    @Override
    public void rankAll(int user, float[] out) {
        Objects.checkIndex(user, users().size());
        rawScores(userFactors, user * dim, userBias == null ? 0f : userBias[user], out);
    }

    /** Raw scores of the user with factors {@code factors[offset ..]} and bias {@code bias} for every item. */
    private void rawScores(float[] factors, int offset, float bias, float[] out) {
        int items = catalog().size();
        if (out.length != items) {
            throw new IllegalArgumentException("out has length " + out.length + ", expected " + items);
        }
        float[] tiles = itemTiles;
        if (tiles == null) {
            tiles = tile(itemFactors, items, dim);
            itemTiles = tiles;
        }
        float base = globalBias + bias;
        for (int start = 0; start < items; start += TILE) {
            int length = Math.min(TILE, items - start);
            for (int i = 0; i < length; i++) {
                out[start + i] = itemBias == null ? base : base + itemBias[start + i];
            }
            for (int k = 0; k < dim; k++) {
                float weight = factors[offset + k];
                int tileOffset = start * dim + k * length;
                for (int i = 0; i < length; i++) {
                    out[start + i] += weight * tiles[tileOffset + i];
                }
            }
        }
    }

    /** The item table in tiles of {@link #TILE} items, each tile dimension-major. */
    private static float[] tile(float[] table, int items, int dim) {
        float[] tiles = new float[table.length];
        for (int start = 0; start < items; start += TILE) {
            int length = Math.min(TILE, items - start);
            for (int i = 0; i < length; i++) {
                for (int k = 0; k < dim; k++) {
                    tiles[start * dim + k * length + i] = table[(start + i) * dim + k];
                }
            }
        }
        return tiles;
    }

    /** The top of the sigmoid range, or one rating point above the global bias for a linear output. */
    @Override
    public float likedRating() {
        return range == null ? globalBias + 1 : range.high();
    }

    /**
     * Fits a user who gave {@code ratings[k]} to {@code items[k]}: the factors and bias minimizing
     * the training objective for that user alone with the item parameters fixed (see
     * {@link MatrixFactorizationFoldIn}). Deterministic; an empty profile gives the zero user.
     *
     * @throws IllegalArgumentException if the arrays differ in length, an item is out of range or
     *     unknown, or a rating is not finite
     */
    public FoldedUser foldInUser(int[] items, float[] ratings) {
        FoldInProfiles.check(this, items, ratings);
        double[] x = foldIn.fit(items, ratings);
        float[] factors = new float[dim];
        for (int j = 0; j < dim; j++) {
            factors[j] = (float) x[j];
        }
        return new FoldedUser(factors, hasBiases() ? (float) x[dim] : 0f);
    }

    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        FoldedUser user = foldInUser(items, ratings);
        rawScores(user.factors(), 0, user.bias(), out);
        if (range != null) {
            for (int item = 0; item < out.length; item++) {
                out[item] = output(out[item], range);
            }
        }
    }

    @Override
    public LatentUser latentUser(int user) {
        return new LatentUser(userVector(user), globalBias + userBias(user));
    }

    @Override
    public LatentUser foldInLatentUser(int[] items, float[] ratings) {
        FoldedUser user = foldInUser(items, ratings);
        return new LatentUser(user.factors(), globalBias + user.bias());
    }

    @Override
    public LatentItem latentItem(int item) {
        return new LatentItem(itemVector(item), itemBias(item));
    }

    /**
     * {@inheritDoc} The user fold-in's solve ({@link MatrixFactorizationFoldIn}) with the roles
     * swapped: the item's factors {@code q} and bias {@code b} minimize
     * {@code Σ_k (r_k − f(g + b_u + b + p_u · q))² + n (λ |q|² + λ_b b²)} over its {@code n} raters,
     * with the user factors and biases fixed and the per-occurrence λ of training. With a linear output
     * one (d+1)×(d+1) ridge solve; with the sigmoid range, Gauss-Newton steps from it. No raters give
     * the zero item.
     */
    @Override
    public LatentItem foldInItem(int[] users, float[] ratings) {
        FoldInProfiles.checkRaters(users, ratings, users(), ratingScale());
        double[] x = itemFoldIn.fit(users, ratings);
        float[] factors = new float[dim];
        for (int j = 0; j < dim; j++) {
            factors[j] = (float) x[j];
        }
        return new LatentItem(factors, hasBiases() ? (float) x[dim] : 0f);
    }

    @Override
    public float score(LatentUser user, LatentItem item) {
        return output(user.offset() + Vectors.dot(user.factors(), 0, item.factors(), 0, dim) + item.bias(), range);
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        Objects.checkIndex(item, catalog().size());
        float[] unit = unitItemFactors;
        if (unit == null) {
            unit = Vectors.normalizedRows(itemFactors, catalog().size(), dim);
            unitItemFactors = unit;
        }
        float[] similarity = new float[catalog().size()];
        for (int other = 0; other < similarity.length; other++) {
            similarity[other] = Vectors.dot(unit, item * dim, unit, other * dim, dim);
        }
        return TopN.select(similarity, n, other -> other == item || !isKnownItem(other) || exclude.test(other));
    }

    @Override
    public String toString() {
        return "MatrixFactorizationModel[" + users().size() + " users, " + catalog().size() + " items, " + dim
                + " dimensions, biases=" + hasBiases() + ", range=" + range + "]";
    }
}
