package org.embedrec.family.neural;

import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.model.ModelInfo;

/**
 * The neural rating models with one output, the rating itself, linear or squashed into the sigmoid
 * range ({@link DeepRatingModel}, {@link HybridRatingModel}): their head, the regression loss they
 * were trained with (for fold-in) and what a "liked" item stands for.
 */
public abstract sealed class NeuralRegressionModel extends NeuralRatingModel permits DeepRatingModel, HybridRatingModel {
    private final SigmoidRange range;

    NeuralRegressionModel(IdIndex users, ItemCatalog catalog, ConcatenationNetwork network, SigmoidRange range,
            int[] itemTrainCounts, ModelInfo info) {
        super(users, catalog, network, itemTrainCounts, info);
        if (network.mlp().outputWidth() != 1) {
            throw new IllegalArgumentException("a deep or hybrid rating network has one output, got "
                    + network.mlp().outputWidth());
        }
        this.range = range;
    }

    /** The sigmoid output range, or {@code null} for a linear output. */
    public final SigmoidRange range() {
        return range;
    }

    @Override
    final ConcatenationNetwork.OutputHead head() {
        SigmoidRange r = range;
        return (outputs, offset) -> RatingLoss.output(outputs[offset], r);
    }

    @Override
    final NeuralFoldIn.Loss trainingLoss() {
        return NeuralFoldIn.regression(NeuralFoldIn.trainingLoss(info(), range), range);
    }

    /** The top of the sigmoid range; with a linear output, the average user's highest score. */
    @Override
    public final float likedRating() {
        return range != null ? range.high() : averageUserTopScore();
    }
}
