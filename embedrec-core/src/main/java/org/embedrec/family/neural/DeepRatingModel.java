package org.embedrec.family.neural;

import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;

/**
 * The deep concatenation model: user and item embeddings side by side, a stack of Dense + ReLU
 * layers and one output, optionally squashed by the sigmoid range:
 *
 * <pre>
 *   z(u, i)      = MLP(p_u ⊕ q_i)
 *   rating(u, i) = z   or   low + (high - low) σ(z)
 * </pre>
 *
 * <p>This is the Keras tutorial's "RecommenderNet", the fast.ai collaborative-filtering neural net
 * and the lectures' "DeepRegressionModel", which differ only in widths and dropout (see the
 * trainer's presets). Item vectors (for similar items) are the item embeddings {@code q_i}.
 * Immutable and thread-safe.
 */
public final class DeepRatingModel extends NeuralRegressionModel {
    /** The kind recorded in model files. */
    public static final String KIND = "deep";

    /**
     * Assembles a model; the network must have one output and no item features.
     *
     * @param facts the user ids, catalog, training ratings per item (items with 0 are never
     *     recommended) and info
     * @param range the sigmoid output range, or {@code null} for a linear output
     * @param loss the loss the model was trained with, which fold-in minimizes
     */
    public DeepRatingModel(TrainingFacts facts, ConcatenationNetwork network, SigmoidRange range, RatingLoss loss) {
        super(facts, network, range, loss);
        if (network.featureWidth() != 0) {
            throw new IllegalArgumentException("a deep rating network has no item features, got "
                    + network.featureWidth());
        }
    }

    /** The same model with different provenance (e.g. with test metrics added). */
    public DeepRatingModel withInfo(ModelInfo newInfo) {
        return new DeepRatingModel(trainingFacts().withInfo(newInfo), network(), range(), loss());
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
