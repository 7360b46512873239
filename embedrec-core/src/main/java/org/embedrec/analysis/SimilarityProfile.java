package org.embedrec.analysis;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.model.EmbeddingModel;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;

/**
 * Cosine similarity of one item's vector against every item the model knows: its nearest
 * neighbours and the shape of the distribution (a histogram that is tight near 0 says the space is
 * spread out; a heavy right tail says the item sits in a dense region).
 *
 * <p>Computed from {@link EmbeddingModel#itemVector} alone, so it works for every embedding model;
 * zero vectors have similarity 0 with everything.
 *
 * @param item the query item (dense index)
 * @param similarities cosine similarity per item index; NaN for the item itself and for unknown items
 */
public record SimilarityProfile(int item, double[] similarities) {
    public SimilarityProfile {
        Objects.requireNonNull(similarities, "similarities");
    }

    /** The profile of {@code item} in {@code model}. */
    public static SimilarityProfile of(EmbeddingModel model, int item) {
        int itemCount = model.items().size();
        Objects.checkIndex(item, itemCount);
        float[] query = model.itemVector(item);
        double queryNorm = norm(query);
        double[] similarities = new double[itemCount];
        for (int other = 0; other < itemCount; other++) {
            if (other == item || !model.isKnownItem(other)) {
                similarities[other] = Double.NaN;
                continue;
            }
            float[] vector = model.itemVector(other);
            double norms = queryNorm * norm(vector);
            double dot = 0;
            for (int k = 0; k < vector.length; k++) {
                dot += (double) query[k] * vector[k];
            }
            // Rounding can put a cosine a hair outside [-1, 1]; clamp so histograms count it.
            similarities[other] = norms > 0 ? Math.max(-1, Math.min(1, dot / norms)) : 0;
        }
        return new SimilarityProfile(item, similarities);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** The {@code n} most similar items, best first, skipping items for which {@code exclude} is true. */
    public List<ScoredItem> nearest(int n, IntPredicate exclude) {
        float[] scores = new float[similarities.length];
        for (int other = 0; other < scores.length; other++) {
            scores[other] = (float) similarities[other];
        }
        return TopN.select(scores, n, other -> Double.isNaN(similarities[other]) || exclude.test(other));
    }

    /** The histogram of the similarities over {@code [-1, 1]} in {@code bins} bins. */
    public Histogram histogram(int bins) {
        return Histogram.of(similarities, bins, -1, 1);
    }

    /** A copy of the similarities. */
    @Override
    public double[] similarities() {
        return similarities.clone();
    }
}
