package org.embedrec.eval;

import java.util.List;
import java.util.Map;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.BiasModel;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

/**
 * The baselines printed beside every rating model: the global mean, and damped user and item
 * biases.
 *
 * <p>The bias baseline is the regularized one of Koren (2010, "Factor in the neighbors", eq. 2),
 * fitted by a few rounds of alternating damped means:
 * {@code b_i = Σ_u (r_ui − μ − b_u) / (λ_i + n_i)}, then {@code b_u = Σ_i (r_ui − μ − b_i) / (λ_u + n_u)}.
 * The damping pulls items and users with few ratings towards the mean.
 */
public final class Baselines {
    /** Default item damping λ_i (Surprise's default for its baseline is 10). */
    public static final double ITEM_DAMPING = 10;
    /** Default user damping λ_u (Surprise's default is 15). */
    public static final double USER_DAMPING = 15;
    /** The kind in the provenance of the global-mean baseline. */
    public static final String GLOBAL_MEAN_KIND = "baseline-global-mean";
    /** The kind in the provenance of the damped-bias baseline. */
    public static final String BIASES_KIND = "baseline-biases";
    private static final int ROUNDS = 10;

    private Baselines() {
    }

    /** Predicts the training mean for everything. */
    public static BiasModel globalMean(Ratings train, ItemCatalog catalog) {
        return new BiasModel(facts(GLOBAL_MEAN_KIND, Map.of(), train, catalog), (float) train.mean(),
                new float[train.userCount()], new float[train.itemCount()]);
    }

    /** Damped user and item biases with the default damping. */
    public static BiasModel biases(Ratings train, ItemCatalog catalog) {
        return biases(train, catalog, USER_DAMPING, ITEM_DAMPING);
    }

    /** Damped user and item biases. */
    public static BiasModel biases(Ratings train, ItemCatalog catalog, double userDamping, double itemDamping) {
        if (!(userDamping >= 0 && itemDamping >= 0)) {
            throw new IllegalArgumentException("damping must be >= 0, got user " + userDamping + ", item " + itemDamping);
        }
        double mean = train.mean();
        int[] userCounts = train.userCounts();
        int[] itemCounts = train.itemCounts();
        double[] userBias = new double[train.userCount()];
        double[] itemBias = new double[train.itemCount()];
        for (int round = 0; round < ROUNDS; round++) {
            double[] sums = new double[itemBias.length];
            for (int row = 0; row < train.size(); row++) {
                sums[train.item(row)] += train.rating(row) - mean - userBias[train.user(row)];
            }
            for (int i = 0; i < itemBias.length; i++) {
                itemBias[i] = sums[i] / (itemDamping + itemCounts[i] + (itemCounts[i] == 0 ? 1 : 0));
            }
            sums = new double[userBias.length];
            for (int row = 0; row < train.size(); row++) {
                sums[train.user(row)] += train.rating(row) - mean - itemBias[train.item(row)];
            }
            for (int u = 0; u < userBias.length; u++) {
                userBias[u] = sums[u] / (userDamping + userCounts[u] + (userCounts[u] == 0 ? 1 : 0));
            }
        }
        return new BiasModel(facts(BIASES_KIND, Map.of("userDamping", userDamping, "itemDamping", itemDamping), train,
                catalog), (float) mean, toFloats(userBias), toFloats(itemBias));
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = (float) values[k];
        }
        return out;
    }

    private static TrainingFacts facts(String kind, Map<String, Object> options, Ratings train, ItemCatalog catalog) {
        return new TrainingFacts(train.users(), catalog, train.itemCounts(),
                new ModelInfo(kind, options, Provenance.of(train), List.of(), Map.of()));
    }
}
