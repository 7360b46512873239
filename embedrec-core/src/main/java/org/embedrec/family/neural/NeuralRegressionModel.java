package org.embedrec.family.neural;

import java.util.Objects;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;

/**
 * The neural rating models with one output, the rating itself, linear or squashed into the sigmoid
 * range ({@link DeepRatingModel}, {@link HybridRatingModel}): their head, the regression loss they
 * were trained with (for fold-in) and what a "liked" item stands for.
 */
public abstract sealed class NeuralRegressionModel extends NeuralRatingModel permits DeepRatingModel, HybridRatingModel {
    private final SigmoidRange range;
    private final RatingLoss loss;

    NeuralRegressionModel(TrainingFacts facts, ConcatenationNetwork network, SigmoidRange range, RatingLoss loss) {
        super(facts, network);
        if (network.mlp().outputWidth() != 1) {
            throw new IllegalArgumentException("a deep or hybrid rating network has one output, got "
                    + network.mlp().outputWidth());
        }
        this.range = range;
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** The sigmoid output range, or {@code null} for a linear output. */
    public final SigmoidRange range() {
        return range;
    }

    /** The loss the model was trained with; new users are folded in with it. */
    public final RatingLoss loss() {
        return loss;
    }

    @Override
    final ConcatenationNetwork.OutputHead head() {
        SigmoidRange r = range;
        return (outputs, offset) -> RatingLoss.output(outputs[offset], r);
    }

    @Override
    final NeuralFoldIn.Loss trainingLoss() {
        // BCE needs the sigmoid range; a linear model recorded with it (old files) folds in with MSE.
        RatingLoss foldInLoss = loss == RatingLoss.BCE && range == null ? RatingLoss.MSE : loss;
        return NeuralFoldIn.regression(foldInLoss, range);
    }

    /** The top of the sigmoid range; with a linear output, the average user's highest score. */
    @Override
    public final float likedRating() {
        return range != null ? range.high() : averageUserTopScore();
    }
}
