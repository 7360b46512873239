package org.embedrec.family.bpr;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.GenreEmbeddings;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.ImplicitFeedbackModel;
import org.embedrec.model.TrainingFacts;

/**
 * A fitted BPR model with genre tags, the network of the Keras triplet tutorial with metadata:
 *
 * <pre>
 *   m_i        = mean of the tag embeddings g_t of the item's genres   (0 when it has none)
 *   v_i        = ELU(concat(q_i, m_i))                                  item vector, itemDim + tagDim wide
 *   w_u        = ELU(a_u)                                               user vector, same width
 *   score(u,i) = w_u · v_i + b_i                                        (b_i only with an item bias)
 * </pre>
 *
 * with {@code ELU(x) = x} for {@code x > 0}, {@code e^x - 1} otherwise. The tags are the catalog's
 * genres ({@link ItemCatalog#genreNames()}); a movie with no genres gets a zero tag part, so it is
 * scored by its own embedding alone. The "mean of the present tags" is the tutorial's mask-aware
 * mean over zero-padded tag lists. Similar items are the nearest by cosine of the full item vector
 * {@code v_i}, as in the tutorial's similarity model. Immutable and thread-safe; arrays passed in are
 * owned by the model afterwards.
 */
public final class GenreBprModel implements EmbeddingModel, DotProductModel, FoldInRecommender, ItemBiases, GenreEmbeddings,
        ImplicitFeedbackModel {
    /** The kind recorded in model files. */
    public static final String KIND = "bpr-genres";

    private final TrainingFacts facts;
    private final int itemDim;
    private final int tagDim;
    private final float[] userEmbedding;
    private final float[] itemEmbedding;
    private final float[] tagEmbedding;
    private final float[] itemBias;
    private final DotProductScorer scorer;
    private final ImplicitFoldIn foldIn;

    /**
     * Assembles a model from its parameters and precomputes the user and item vectors.
     *
     * @param facts the user ids, catalog, training interactions per item (items with 0 are never
     *     recommended) and info
     * @param userEmbedding {@code users x (itemDim + tagDim)} raw user embeddings {@code a_u}
     * @param itemEmbedding {@code items x itemDim}
     * @param tagEmbedding {@code genres x tagDim}, one row per {@link ItemCatalog#genreNames() genre}
     * @param itemBias per-item bias, or {@code null} for none
     * @param positiveThreshold the ratings that counted as positive in training; what fold-in takes as likes
     */
    public GenreBprModel(TrainingFacts facts, int itemDim, int tagDim, float[] userEmbedding, float[] itemEmbedding,
            float[] tagEmbedding, float[] itemBias, PositiveThreshold positiveThreshold) {
        this.facts = Objects.requireNonNull(facts, "facts");
        IdIndex users = facts.users();
        ItemCatalog catalog = facts.catalog();
        if (itemDim < 1 || tagDim < 1) {
            throw new IllegalArgumentException("item and tag dimensions must be >= 1, got " + itemDim + " and " + tagDim);
        }
        int dim = itemDim + tagDim;
        DotProductScorer.checkLength("user embedding", userEmbedding, (long) users.size() * dim);
        DotProductScorer.checkLength("item embedding", itemEmbedding, (long) catalog.size() * itemDim);
        DotProductScorer.checkLength("tag embedding", tagEmbedding, (long) catalog.genreNames().size() * tagDim);
        this.itemDim = itemDim;
        this.tagDim = tagDim;
        this.userEmbedding = userEmbedding;
        this.itemEmbedding = itemEmbedding;
        this.tagEmbedding = tagEmbedding;
        this.itemBias = itemBias;
        float[] userVectors = new float[userEmbedding.length];
        for (int k = 0; k < userVectors.length; k++) {
            userVectors[k] = elu(userEmbedding[k]);
        }
        float[] itemVectors = new float[catalog.size() * dim];
        for (int item = 0; item < catalog.size(); item++) {
            itemInput(catalog.genreIndices(item), itemEmbedding, tagEmbedding, itemDim, tagDim, item, itemVectors,
                    item * dim);
        }
        for (int k = 0; k < itemVectors.length; k++) {
            itemVectors[k] = elu(itemVectors[k]);
        }
        this.scorer = new DotProductScorer(facts, dim, userVectors, itemVectors, itemBias);
        this.foldIn = new ImplicitFoldIn(catalog, scorer, positiveThreshold);
    }

    /**
     * The exponential linear unit: {@code x} for {@code x > 0}, {@code e^x - 1} otherwise. Computed
     * as {@code exp(x) - 1} in double, which is exact to float precision and several times faster
     * than {@code Math.expm1} (not a JIT intrinsic); training evaluates it three times per dimension per triplet.
     */
    public static float elu(float x) {
        return x > 0 ? x : (float) (Math.exp(x) - 1.0);
    }

    /**
     * Writes the pre-activation item input {@code concat(q_i, mean of g_t over the item's tags)} into
     * {@code out[offset .. offset + itemDim + tagDim)}; the one formula the trainer and the model share.
     *
     * @param tags the item's tag (genre) indices; empty gives a zero tag part
     */
    public static void itemInput(int[] tags, float[] itemEmbedding, float[] tagEmbedding, int itemDim, int tagDim,
            int item, float[] out, int offset) {
        System.arraycopy(itemEmbedding, item * itemDim, out, offset, itemDim);
        int tagOffset = offset + itemDim;
        java.util.Arrays.fill(out, tagOffset, tagOffset + tagDim, 0f);
        if (tags.length == 0) {
            return;
        }
        for (int tag : tags) {
            int base = tag * tagDim;
            for (int k = 0; k < tagDim; k++) {
                out[tagOffset + k] += tagEmbedding[base + k];
            }
        }
        float inverse = 1f / tags.length;
        for (int k = 0; k < tagDim; k++) {
            out[tagOffset + k] *= inverse;
        }
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    /** Width of the user and item vectors: item plus tag dimensions. */
    @Override
    public int dimensions() {
        return itemDim + tagDim;
    }

    /** Width of the item embedding part. */
    public int itemDimensions() {
        return itemDim;
    }

    /** Width of the tag embedding part. */
    public int tagDimensions() {
        return tagDim;
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
    public GenreBprModel withInfo(ModelInfo newInfo) {
        return new GenreBprModel(facts.withInfo(newInfo), itemDim, tagDim, userEmbedding, itemEmbedding, tagEmbedding,
                itemBias, positiveThreshold());
    }

    /** A copy of the raw user embeddings {@code a_u}, row-major {@code users x dimensions()}. */
    public float[] userEmbedding() {
        return userEmbedding.clone();
    }

    /** A copy of the item embeddings {@code q_i}, row-major {@code items x itemDimensions()}. */
    public float[] itemEmbedding() {
        return itemEmbedding.clone();
    }

    /** A copy of the tag embeddings {@code g_t}, row-major {@code genres x tagDimensions()}. */
    public float[] tagEmbedding() {
        return tagEmbedding.clone();
    }

    /** A copy of the item biases, or {@code null}. */
    public float[] itemBiases() {
        return itemBias == null ? null : itemBias.clone();
    }

    /** The full item vector {@code v_i} (after the ELU), which scores and similarities use. */
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

    /** As {@link BprModel#likedRating()}: the {@linkplain #positiveThreshold() positive threshold}, or 1 for {@code all}. */
    @Override
    public float likedRating() {
        return foldIn.likedRating();
    }

    /**
     * Folds a visitor in as {@link BprModel#scoreNewUser} does, against this model's item
     * representations (the ELU of the item embedding ⊕ its mean tag embedding) in place of factors.
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
        return "GenreBprModel[" + users().size() + " users, " + catalog().size() + " items, " + itemDim + "+" + tagDim
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

    @Override
    public int genreDimensions() {
        return tagDim;
    }

    /** The raw tag embedding {@code g_t} of a genre (before the mean and the ELU). */
    @Override
    public float[] genreVector(int genre) {
        return java.util.Arrays.copyOfRange(tagEmbedding, genre * tagDim, (genre + 1) * tagDim);
    }
}
