package org.embedrec.model;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.Objects;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;

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
 */
public final class MatrixFactorizationModel implements EmbeddingModel, ItemBiases, UserEmbeddings {
    /** The kind recorded in model files. */
    public static final String KIND = "matrix-factorization";

    private final IdIndex users;
    private final ItemCatalog catalog;
    private final int dim;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] userBias;
    private final float[] itemBias;
    private final float globalBias;
    private final OutputRange range;
    private final int[] itemTrainCounts;
    private final ModelInfo info;
    private volatile float[] unitItemFactors;

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
    }

    /**
     * Assembles a model from its parameters.
     *
     * @param userBias per-user bias or {@code null} for none (then {@code itemBias} must be null too)
     * @param range sigmoid output range or {@code null} for a linear output
     * @param itemTrainCounts training ratings per item; items with 0 are never recommended
     */
    public MatrixFactorizationModel(IdIndex users, ItemCatalog catalog, int dim, float[] userFactors,
            float[] itemFactors, float[] userBias, float[] itemBias, float globalBias, OutputRange range,
            int[] itemTrainCounts, ModelInfo info) {
        this.users = Objects.requireNonNull(users, "users");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        int itemCount = catalog.size();
        if (dim < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dim);
        }
        checkLength("userFactors", userFactors, (long) users.size() * dim);
        checkLength("itemFactors", itemFactors, (long) itemCount * dim);
        if ((userBias == null) != (itemBias == null)) {
            throw new IllegalArgumentException("user and item biases must both be present or both absent");
        }
        if (userBias != null) {
            checkLength("userBias", userBias, users.size());
            checkLength("itemBias", itemBias, itemCount);
        }
        if (itemTrainCounts.length != itemCount) {
            throw new IllegalArgumentException("itemTrainCounts has " + itemTrainCounts.length + " entries, expected " + itemCount);
        }
        this.dim = dim;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.globalBias = globalBias;
        this.range = range;
        this.itemTrainCounts = itemTrainCounts;
        this.info = Objects.requireNonNull(info, "info");
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

    /** Training ratings of {@code item}. */
    public int itemTrainCount(int item) {
        return itemTrainCounts[item];
    }

    /** A copy of the training rating counts per item. */
    public int[] itemTrainCounts() {
        return itemTrainCounts.clone();
    }

    /** Provenance and training history. */
    public ModelInfo info() {
        return info;
    }

    /** The same model with different provenance (e.g. with test metrics added). */
    public MatrixFactorizationModel withInfo(ModelInfo newInfo) {
        return new MatrixFactorizationModel(users, catalog, dim, userFactors, itemFactors, userBias, itemBias,
                globalBias, range, itemTrainCounts, newInfo);
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
        Objects.checkIndex(user, users.size());
        return java.util.Arrays.copyOfRange(userFactors, user * dim, user * dim + dim);
    }

    @Override
    public float[] itemVector(int item) {
        Objects.checkIndex(item, catalog.size());
        return java.util.Arrays.copyOfRange(itemFactors, item * dim, item * dim + dim);
    }

    @Override
    public boolean isKnownItem(int item) {
        return itemTrainCounts[item] > 0;
    }

    @Override
    public float predict(int user, int item) {
        Objects.checkIndex(user, users.size());
        Objects.checkIndex(item, catalog.size());
        return output(rawScore(globalBias, userFactors, itemFactors, userBias, itemBias, dim, user, item), range);
    }

    @Override
    public void scoreAll(int user, float[] out) {
        Objects.checkIndex(user, users.size());
        for (int item = 0; item < out.length; item++) {
            out[item] = output(rawScore(globalBias, userFactors, itemFactors, userBias, itemBias, dim, user, item), range);
        }
    }

    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        Objects.checkIndex(item, catalog.size());
        float[] unit = unitItemFactors;
        if (unit == null) {
            unit = Vectors.normalizedRows(itemFactors, catalog.size(), dim);
            unitItemFactors = unit;
        }
        float[] similarity = new float[catalog.size()];
        for (int other = 0; other < similarity.length; other++) {
            similarity[other] = Vectors.dot(unit, item * dim, unit, other * dim, dim);
        }
        return TopN.select(similarity, n, other -> other == item || !isKnownItem(other) || exclude.test(other));
    }

    @Override
    public String toString() {
        return "MatrixFactorizationModel[" + users.size() + " users, " + catalog.size() + " items, " + dim
                + " dimensions, biases=" + hasBiases() + ", range=" + range + "]";
    }
}
