package org.embedrec.family.neural;

import java.util.Objects;
import org.embedrec.nn.RatingLoss;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;

/**
 * The rating output of the neural regression models ({@link DeepRatingTrainer},
 * {@link HybridRatingTrainer}): linear or a sigmoid scaled to a range, and the training loss.
 *
 * @param loss training loss; BCE needs {@code sigmoid}
 * @param sigmoid whether the output is {@code low + (high - low) σ(z)}
 * @param rangeLow low end of the sigmoid range; NaN = the training data's minimum rating
 * @param rangeHigh high end of the sigmoid range; NaN = the training data's maximum rating
 */
public record RegressionOutput(RatingLoss loss, boolean sigmoid, double rangeLow, double rangeHigh) {
    /** Validates every value; messages name the offending one. */
    public RegressionOutput {
        Objects.requireNonNull(loss, "loss");
        if (loss == RatingLoss.BCE && !sigmoid) {
            throw new IllegalArgumentException("loss BCE needs the sigmoid output (sigmoid=true)");
        }
        if (!(Double.isNaN(rangeLow) || Double.isNaN(rangeHigh) || rangeLow < rangeHigh)) {
            throw new IllegalArgumentException("rangeLow must be < rangeHigh, got [" + rangeLow + ", " + rangeHigh + "]");
        }
    }

    /** MSE through a sigmoid scaled to the training data's rating range. */
    public static RegressionOutput defaults() {
        return new RegressionOutput(RatingLoss.MSE, true, Double.NaN, Double.NaN);
    }

    /** The keys of these options; the sigmoid comes before the loss, so that one map can switch both to BCE. */
    public static final OptionTable<RegressionOutput> TABLE = new OptionTable<RegressionOutput>("output")
            .add("sigmoid", "sigmoid output scaled to [rangeLow, rangeHigh] (else linear)", OptionType.FLAG,
                    RegressionOutput::sigmoid, RegressionOutput::withSigmoid)
            .add("loss", "MSE, MAE or BCE (BCE needs the sigmoid)", OptionType.choice(RatingLoss.class),
                    RegressionOutput::loss, RegressionOutput::withLoss)
            .add("rangeLow", "low end of the sigmoid range, or data", OptionType.NUMBER_OR_DATA,
                    RegressionOutput::rangeLow, RegressionOutput::withRangeLow)
            .add("rangeHigh", "high end of the sigmoid range, or data", OptionType.NUMBER_OR_DATA,
                    RegressionOutput::rangeHigh, RegressionOutput::withRangeHigh);

    public RegressionOutput withLoss(RatingLoss value) {
        return new RegressionOutput(value, sigmoid, rangeLow, rangeHigh);
    }

    public RegressionOutput withSigmoid(boolean value) {
        return new RegressionOutput(loss, value, rangeLow, rangeHigh);
    }

    public RegressionOutput withRangeLow(double value) {
        return new RegressionOutput(loss, sigmoid, value, rangeHigh);
    }

    public RegressionOutput withRangeHigh(double value) {
        return new RegressionOutput(loss, sigmoid, rangeLow, value);
    }

    /** The sigmoid output range; NaN ends come from the training data. */
    public RegressionOutput withRange(double low, double high) {
        return new RegressionOutput(loss, sigmoid, low, high);
    }
}
