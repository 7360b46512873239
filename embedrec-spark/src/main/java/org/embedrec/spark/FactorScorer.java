package org.embedrec.spark;

import java.io.Serializable;
import java.util.List;
import java.util.function.IntPredicate;

import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;

/**
 * The item side of a {@link MatrixFactorizationModel}, shipped to executors as one broadcast value:
 * item factors and biases, the global bias, the output range and which items are known. A user's
 * scores are computed with {@link MatrixFactorizationModel#rawScore} and
 * {@link MatrixFactorizationModel#output}, the formulas the model's own {@code predict} uses, so
 * scores computed on the cluster equal the core model's bit for bit.
 */
final class FactorScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dim;
    private final float[] itemFactors;
    private final float[] itemBiases;
    private final float globalBias;
    private final boolean hasRange;
    private final float rangeLow;
    private final float rangeHigh;
    private final boolean[] known;
    private final String[] itemIds;
    private transient MatrixFactorizationModel.OutputRange range;

    FactorScorer(MatrixFactorizationModel model) {
        int items = model.items().size();
        this.dim = model.dimensions();
        this.itemFactors = model.itemFactors();
        this.itemBiases = model.hasBiases() ? model.itemBiases() : null;
        this.globalBias = model.globalBias();
        this.hasRange = model.range() != null;
        this.rangeLow = hasRange ? model.range().low() : 0;
        this.rangeHigh = hasRange ? model.range().high() : 0;
        this.known = new boolean[items];
        this.itemIds = new String[items];
        for (int item = 0; item < items; item++) {
            known[item] = model.isKnownItem(item);
            itemIds[item] = model.items().id(item);
        }
    }

    int itemCount() {
        return known.length;
    }

    boolean isKnown(int item) {
        return known[item];
    }

    String itemId(int item) {
        return itemIds[item];
    }

    /** The model's prediction for a user with these factors and bias (ignored without biases). */
    float score(float[] userFactors, float userBias, int item) {
        float[] bias = itemBiases == null ? null : new float[] {userBias};
        return MatrixFactorizationModel.output(MatrixFactorizationModel.rawScore(globalBias, userFactors, itemFactors,
                bias, itemBiases, dim, 0, item), outputRange());
    }

    /** Every item's score for one user, into {@code out}. */
    void scoreAll(float[] userFactors, float userBias, float[] out) {
        float[] bias = itemBiases == null ? null : new float[] {userBias};
        MatrixFactorizationModel.OutputRange outputRange = outputRange();
        for (int item = 0; item < out.length; item++) {
            out[item] = MatrixFactorizationModel.output(MatrixFactorizationModel.rawScore(globalBias, userFactors,
                    itemFactors, bias, itemBiases, dim, 0, item), outputRange);
        }
    }

    /** The top {@code n} known items by score, skipping {@code exclude}, as core's {@code recommend} ranks them. */
    List<ScoredItem> top(float[] scores, int n, IntPredicate exclude) {
        return TopN.select(scores, n, item -> !known[item] || exclude.test(item));
    }

    private MatrixFactorizationModel.OutputRange outputRange() {
        if (hasRange && range == null) {
            range = new MatrixFactorizationModel.OutputRange(rangeLow, rangeHigh);
        }
        return range;
    }
}
