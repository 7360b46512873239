package org.embedrec.family.neural;

import java.util.Arrays;
import java.util.Objects;
import org.embedrec.nn.Mlp;

/**
 * The fitted body that the deep, hybrid and classifier models share: the input of a (user, item)
 * pair is the concatenation {@code x = p_u ⊕ q_i ⊕ f_i} of the user's embedding, the item's
 * embedding and the item's fixed feature vector (empty unless the model uses item metadata), and
 * an {@link Mlp} maps it to the outputs (one raw rating, or one logit per rating level).
 *
 * <p>Scoring every item for one user is fast because the first layer is linear in {@code x}:
 * {@code W_0 x + b_0 = (b_0 + W_0^user p_u) + W_0^item (q_i ⊕ f_i)}. The user part is computed
 * once per call and the item parts once per model (lazily, {@code items × width(1)} floats), so each
 * item costs one vector addition plus the layers after the first, and nothing is allocated per
 * item. {@link #outputs} uses the same arithmetic, so single predictions equal {@link #scoreAll}'s
 * bit for bit.
 *
 * <p>Immutable and thread-safe; arrays passed in are owned by the network afterwards.
 */
public final class ConcatenationNetwork {
    private final int userCount;
    private final int itemCount;
    private final int userDim;
    private final int itemDim;
    private final int featureWidth;
    private final float[] userEmbeddings;
    private final float[] itemEmbeddings;
    private final float[] itemFeatures;
    private final Mlp mlp;
    private final float[] parameters;
    private volatile float[] itemParts;

    /** Turns the network outputs of one pair into a score. */
    @FunctionalInterface
    public interface OutputHead {
        /** The score from {@code outputs[offset .. offset + outputWidth)}. */
        float score(float[] outputs, int offset);
    }

    /**
     * Assembles a network.
     *
     * @param userEmbeddings {@code [userCount, userDim]} row-major
     * @param itemEmbeddings {@code [itemCount, itemDim]} row-major
     * @param itemFeatures {@code [itemCount, featureWidth]} row-major; empty when featureWidth is 0
     * @param mlp the layout; its input width must be {@code userDim + itemDim + featureWidth}
     * @param parameters the MLP's flat parameters ({@link Mlp#parameterCount()} floats)
     */
    public ConcatenationNetwork(int userCount, int itemCount, int userDim, int itemDim, int featureWidth,
            float[] userEmbeddings, float[] itemEmbeddings, float[] itemFeatures, Mlp mlp, float[] parameters) {
        if (userDim < 1 || itemDim < 1 || featureWidth < 0) {
            throw new IllegalArgumentException("embedding widths must be >= 1 and the feature width >= 0, got user "
                    + userDim + ", item " + itemDim + ", features " + featureWidth);
        }
        this.mlp = Objects.requireNonNull(mlp, "mlp");
        if (mlp.inputWidth() != userDim + itemDim + featureWidth) {
            throw new IllegalArgumentException("the MLP's input width " + mlp.inputWidth() + " is not "
                    + userDim + " + " + itemDim + " + " + featureWidth);
        }
        checkLength("userEmbeddings", userEmbeddings, (long) userCount * userDim);
        checkLength("itemEmbeddings", itemEmbeddings, (long) itemCount * itemDim);
        checkLength("itemFeatures", itemFeatures, (long) itemCount * featureWidth);
        checkLength("parameters", parameters, mlp.parameterCount());
        this.userCount = userCount;
        this.itemCount = itemCount;
        this.userDim = userDim;
        this.itemDim = itemDim;
        this.featureWidth = featureWidth;
        this.userEmbeddings = userEmbeddings;
        this.itemEmbeddings = itemEmbeddings;
        this.itemFeatures = itemFeatures;
        this.parameters = parameters;
    }

    private static void checkLength(String name, float[] array, long expected) {
        Objects.requireNonNull(array, name);
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " has " + array.length + " values, expected " + expected);
        }
    }

    /** Number of user embedding rows. */
    public int userCount() {
        return userCount;
    }

    /** Number of item embedding (and feature) rows. */
    public int itemCount() {
        return itemCount;
    }

    /** Width of a user embedding. */
    public int userDimensions() {
        return userDim;
    }

    /** Width of an item embedding. */
    public int itemDimensions() {
        return itemDim;
    }

    /** Width of an item feature vector (0 without metadata). */
    public int featureWidth() {
        return featureWidth;
    }

    /** The MLP layout. */
    public Mlp mlp() {
        return mlp;
    }

    /** Width of the first hidden layer (or of the output if there is no hidden layer). */
    public int firstLayerWidth() {
        return mlp.width(1);
    }

    /** A copy of the user embedding table. */
    public float[] userEmbeddings() {
        return userEmbeddings.clone();
    }

    /** A copy of the embedding of {@code user}. */
    public float[] userEmbedding(int user) {
        Objects.checkIndex(user, userCount);
        return Arrays.copyOfRange(userEmbeddings, user * userDim, user * userDim + userDim);
    }

    /** A copy of the item embedding table. */
    public float[] itemEmbeddings() {
        return itemEmbeddings.clone();
    }

    /** A copy of the item feature table. */
    public float[] itemFeatures() {
        return itemFeatures.clone();
    }

    /** A copy of the MLP's flat parameters. */
    public float[] parameters() {
        return parameters.clone();
    }

    /** A copy of the embedding of {@code item}. */
    public float[] itemEmbedding(int item) {
        Objects.checkIndex(item, itemCount);
        return Arrays.copyOfRange(itemEmbeddings, item * itemDim, item * itemDim + itemDim);
    }

    /** A copy of the feature vector of {@code item} (empty without features). */
    public float[] itemFeatures(int item) {
        Objects.checkIndex(item, itemCount);
        return Arrays.copyOfRange(itemFeatures, item * featureWidth, item * featureWidth + featureWidth);
    }

    /**
     * A copy of the item's part of the first layer's pre-activation, {@code W_0^item (q_i ⊕ f_i)}:
     * the representation of the item (embedding and features together) that the network uses.
     */
    public float[] itemPart(int item) {
        Objects.checkIndex(item, itemCount);
        int width = firstLayerWidth();
        return Arrays.copyOfRange(itemParts(), item * width, item * width + width);
    }

    /** The item parts of every item, {@code [itemCount, firstLayerWidth]}, computed once; not a copy. */
    float[] itemParts() {
        float[] parts = itemParts;
        if (parts == null) {
            int width = firstLayerWidth();
            parts = new float[itemCount * width];
            float[] side = new float[itemDim + featureWidth];
            for (int item = 0; item < itemCount; item++) {
                itemSide(item, side);
                mlp.addFirstLayerPart(parameters, userDim, side.length, side, 0, parts, item * width);
            }
            itemParts = parts;
        }
        return parts;
    }

    private void itemSide(int item, float[] side) {
        System.arraycopy(itemEmbeddings, item * itemDim, side, 0, itemDim);
        System.arraycopy(itemFeatures, item * featureWidth, side, itemDim, featureWidth);
    }

    /** {@code b_0 + W_0^user p_u} into {@code out[0 .. firstLayerWidth)}. */
    private void userPart(int user, float[] out) {
        userPart(userEmbeddings, user * userDim, out);
    }

    /** {@code b_0 + W_0^user p} for {@code p = vector[offset .. offset + userDimensions)}. */
    void userPart(float[] vector, int offset, float[] out) {
        mlp.copyFirstLayerBias(parameters, out, 0);
        mlp.addFirstLayerPart(parameters, 0, userDim, vector, offset, out, 0);
    }

    /**
     * Adds {@code (W_0^user)ᵀ δ} to {@code out[0 .. userDimensions)}: the gradient with respect to
     * the user embedding of a loss whose gradient with respect to the first layer's pre-activation
     * is {@code δ = preGradient[0 .. firstLayerWidth)}.
     */
    void addUserGradient(float[] preGradient, float[] out) {
        int in = mlp.inputWidth();
        int weights = mlp.weightOffset(0);
        for (int o = 0; o < firstLayerWidth(); o++) {
            float d = preGradient[o];
            if (d != 0f) {
                int row = weights + o * in;
                for (int j = 0; j < userDim; j++) {
                    out[j] += parameters[row + j] * d;
                }
            }
        }
    }

    /** {@link Mlp#backwardToFirstLayer} with this network's parameters. */
    void backwardToFirstLayer(Mlp.Workspace ws, float[] preGradient) {
        mlp.backwardToFirstLayer(parameters, ws, preGradient, 0);
    }

    /** The score {@code head} gives the network outputs of ({@code user}, {@code item}). */
    public float score(int user, int item, OutputHead head) {
        Objects.checkIndex(user, userCount);
        Objects.checkIndex(item, itemCount);
        Mlp.Workspace ws = mlp.newWorkspace();
        float[] pre = new float[firstLayerWidth()];
        userPart(user, pre);
        runFromItemPart(pre, new float[pre.length], item, ws);
        return head.score(ws.activations(), ws.outputOffset());
    }

    /** Copies the raw network outputs of ({@code user}, {@code item}) to {@code out}. */
    public void outputs(int user, int item, float[] out) {
        score(user, item, (outputs, offset) -> {
            System.arraycopy(outputs, offset, out, 0, mlp.outputWidth());
            return 0f;
        });
    }

    /** Writes {@code head}'s score of {@code user} for every item into {@code out}. */
    public void scoreAll(int user, float[] out, OutputHead head) {
        Objects.checkIndex(user, userCount);
        float[] userPart = new float[firstLayerWidth()];
        userPart(user, userPart);
        scoreAllFromUserPart(userPart, out, head);
    }

    /**
     * Writes {@code head}'s score of every item for the user embedding {@code userVector} (length
     * {@link #userDimensions()}; any vector, e.g. a user folded in after training) into {@code out}.
     */
    public void scoreAll(float[] userVector, float[] out, OutputHead head) {
        if (userVector.length != userDim) {
            throw new IllegalArgumentException("user vector has " + userVector.length + " values, expected " + userDim);
        }
        float[] userPart = new float[firstLayerWidth()];
        userPart(userVector, 0, userPart);
        scoreAllFromUserPart(userPart, out, head);
    }

    private void scoreAllFromUserPart(float[] userPart, float[] out, OutputHead head) {
        if (out.length != itemCount) {
            throw new IllegalArgumentException("score array has " + out.length + " entries, expected " + itemCount);
        }
        Mlp.Workspace ws = mlp.newWorkspace();
        float[] pre = new float[userPart.length];
        for (int item = 0; item < itemCount; item++) {
            runFromItemPart(userPart, pre, item, ws);
            out[item] = head.score(ws.activations(), ws.outputOffset());
        }
    }

    /**
     * Runs the network for {@code item} from a user part ({@code b_0 + W_0^user p}) into {@code ws},
     * using {@code pre} as scratch; the outputs are at {@code ws.activations()[ws.outputOffset() ..]}.
     */
    void runFromItemPart(float[] userPart, float[] pre, int item, Mlp.Workspace ws) {
        float[] parts = itemParts();
        int width = userPart.length;
        int base = item * width;
        for (int o = 0; o < width; o++) {
            pre[o] = userPart[o] + parts[base + o];
        }
        mlp.inferFromFirstLayer(parameters, pre, 0, ws);
    }
}
