package org.embedrec.family.neural;

import org.embedrec.nn.SoftmaxCrossEntropy;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;

/**
 * The rating classifier: the concatenation network with one logit per rating level (the distinct
 * ratings of the training data, e.g. 0.5, 1, …, 5) and a softmax:
 *
 * <pre>
 *   P(rating = r_k | u, i) = softmax(MLP(p_u ⊕ q_i))_k
 *   predict(u, i)          = Σ_k r_k P(r_k | u, i)        (the expected rating)
 *   mostLikelyRating(u, i) = argmax_k P(r_k | u, i)
 * </pre>
 *
 * <p>The expected rating minimizes the expected squared error under the model's distribution, so
 * its RMSE is normally lower than the arg-max's. Item vectors are the item embeddings. Immutable and
 * thread-safe.
 */
public final class RatingClassifierModel extends NeuralRatingModel {
    /** The kind recorded in model files. */
    public static final String KIND = "rating-classifier";

    private final float[] levels;

    /**
     * Assembles a model.
     *
     * @param facts the user ids, catalog, training ratings per item (items with 0 are never
     *     recommended) and info
     * @param levels the rating of each output, strictly ascending; as many as the network's outputs
     */
    public RatingClassifierModel(TrainingFacts facts, ConcatenationNetwork network, float[] levels) {
        super(facts, network);
        if (levels.length != network.mlp().outputWidth() || levels.length < 2) {
            throw new IllegalArgumentException("a classifier needs one output per rating level (at least 2), got "
                    + levels.length + " levels and " + network.mlp().outputWidth() + " outputs");
        }
        for (int k = 1; k < levels.length; k++) {
            if (!(levels[k - 1] < levels[k])) {
                throw new IllegalArgumentException("rating levels must ascend strictly, got "
                        + java.util.Arrays.toString(levels));
            }
        }
        if (network.featureWidth() != 0) {
            throw new IllegalArgumentException("the rating classifier takes no item features");
        }
        this.levels = levels.clone();
    }

    /** The rating levels, ascending (a copy). */
    public float[] levels() {
        return levels.clone();
    }

    /** The probability of each rating level for ({@code user}, {@code item}). */
    public float[] probabilities(int user, int item) {
        float[] logits = new float[levels.length];
        network().outputs(user, item, logits);
        float[] p = new float[levels.length];
        SoftmaxCrossEntropy.softmax(logits, 0, levels.length, p, 0);
        return p;
    }

    /** The rating level with the highest probability (the lower level on a tie). */
    public float mostLikelyRating(int user, int item) {
        return network().score(user, item, (outputs, offset) -> levels[argmax(outputs, offset, levels.length)]);
    }

    /** The same model with different provenance (e.g. with test metrics added). */
    public RatingClassifierModel withInfo(ModelInfo newInfo) {
        return new RatingClassifierModel(trainingFacts().withInfo(newInfo), network(), levels);
    }

    /** {@code Σ_k r_k softmax(z)_k}, computed without scratch arrays. */
    @Override
    ConcatenationNetwork.OutputHead head() {
        float[] r = levels;
        return (outputs, offset) -> expectedRating(outputs, offset, r);
    }

    @Override
    NeuralFoldIn.Loss trainingLoss() {
        return NeuralFoldIn.classifier(levels);
    }

    /** The highest rating level. */
    @Override
    public float likedRating() {
        return levels[levels.length - 1];
    }

    /** The expected rating {@code Σ_k levels[k] softmax(logits)_k}. */
    public static float expectedRating(float[] logits, int offset, float[] levels) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < levels.length; k++) {
            max = Math.max(max, logits[offset + k]);
        }
        double sum = 0;
        double weighted = 0;
        for (int k = 0; k < levels.length; k++) {
            double e = Math.exp(logits[offset + k] - max);
            sum += e;
            weighted += e * levels[k];
        }
        return (float) (weighted / sum);
    }

    /**
     * The index of the level nearest {@code y} in ascending {@code levels} (the lower one on a tie):
     * the class a rating trains, e.g. a validation or fold-in rating that is not itself a level.
     */
    public static int nearestLevel(float[] levels, float y) {
        int at = java.util.Arrays.binarySearch(levels, y);
        if (at >= 0) {
            return at;
        }
        int above = -at - 1;
        if (above == 0) {
            return 0;
        }
        if (above == levels.length) {
            return levels.length - 1;
        }
        return y - levels[above - 1] <= levels[above] - y ? above - 1 : above;
    }

    private static int argmax(float[] values, int offset, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (values[offset + k] > values[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    /** The item's embedding {@code q_i}. */
    @Override
    public float[] itemVector(int item) {
        return network().itemEmbedding(item);
    }

    @Override
    public int dimensions() {
        return network().itemDimensions();
    }

    @Override
    float[] itemVectorTable() {
        return network().itemEmbeddings();
    }
}
