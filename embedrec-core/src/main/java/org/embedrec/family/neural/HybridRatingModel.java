package org.embedrec.family.neural;

import java.util.List;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;

/**
 * The hybrid model with item metadata: like {@link DeepRatingModel}, with a fixed feature vector
 * {@code f_i} per item (popularity and release-year quantiles, an unknown-year flag, multi-hot
 * genres; the trainer documents them) concatenated to the embeddings:
 *
 * <pre>
 *   z(u, i) = MLP(p_u ⊕ q_i ⊕ f_i),   rating(u, i) = z   or   low + (high - low) σ(z)
 * </pre>
 *
 * <p>Item vectors (for similar items) are the item's contribution to the first layer,
 * {@code W_0^item (q_i ⊕ f_i)}, {@link #dimensions()} = the first layer's width: the representation
 * of embedding and metadata together that the network actually uses, in one space, rather than a
 * concatenation whose 0/1 genre columns would dominate the cosine. Immutable and thread-safe.
 */
public final class HybridRatingModel extends NeuralRegressionModel {
    /** The kind recorded in model files. */
    public static final String KIND = "hybrid";

    private final List<String> featureNames;

    /**
     * Assembles a model; the network must have one output.
     *
     * @param facts the user ids, catalog, training ratings per item (items with 0 are never
     *     recommended) and info
     * @param range the sigmoid output range, or {@code null} for a linear output
     * @param loss the loss the model was trained with, which fold-in minimizes
     * @param featureNames one name per item feature column, e.g. {@code "popularity"}, {@code "genre:Drama"}
     */
    public HybridRatingModel(TrainingFacts facts, ConcatenationNetwork network, SigmoidRange range, RatingLoss loss,
            List<String> featureNames) {
        super(facts, network, range, loss);
        this.featureNames = List.copyOf(featureNames);
        if (this.featureNames.size() != network.featureWidth()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + network.featureWidth()
                    + " feature columns");
        }
    }

    /** The names of the item feature columns, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** A copy of the feature vector {@code f_i} of {@code item}. */
    public float[] itemFeatures(int item) {
        return network().itemFeatures(item);
    }

    /** The same model with different provenance (e.g. with test metrics added). */
    public HybridRatingModel withInfo(ModelInfo newInfo) {
        return new HybridRatingModel(trainingFacts().withInfo(newInfo), network(), range(), loss(), featureNames);
    }

    /** The item's part of the first layer's pre-activation, {@code W_0^item (q_i ⊕ f_i)}. */
    @Override
    public float[] itemVector(int item) {
        return network().itemPart(item);
    }

    @Override
    public int dimensions() {
        return network().firstLayerWidth();
    }

    @Override
    float[] itemVectorTable() {
        return network().itemParts();
    }
}
