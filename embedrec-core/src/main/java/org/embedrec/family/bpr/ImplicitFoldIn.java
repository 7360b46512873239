package org.embedrec.family.bpr;

import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.Cholesky;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.ModelInfo;

/**
 * Folds a new user into a ranking model scored {@code s(u, i) = w_u · v_i (+ b_i)}: the implicit
 * least-squares fold-in of Hu, Koren and Volinsky (2008, "Collaborative filtering for implicit
 * feedback datasets"). With the item vectors {@code v_i} of every trained item fixed, the visitor's
 * vector {@code w} minimizes
 *
 * <pre>
 *   Σ_{trained i} c_i (y_i − v_i · w)²  +  λ |w − w̄|²
 * </pre>
 *
 * with {@code y_i = 1} for the visitor's positive ratings and 0 otherwise, confidence
 * {@code c_i = 1 + α} for every item the visitor rated (a rating below the positive threshold means
 * "seen, not liked": target 0 at full confidence) and 1 for the rest, and {@code w̄} the mean trained
 * user vector. The normal equations are one d×d solve,
 *
 * <pre>
 *   (VᵀV + α Σ_{rated} v vᵀ + λ I) w = (1 + α) Σ_{positive} v + λ w̄
 * </pre>
 *
 * where {@code VᵀV} (over trained items) is computed once, on first use. The whole-catalogue term
 * is what makes this a ranking fold-in: scoring every item high costs as much as missing the likes,
 * so {@code w} points at what is particular to the visitor's likes; the model's item biases keep
 * the popularity. An empty profile has nothing to fit and gets {@code w̄}, the average user the
 * {@link org.embedrec.model.FoldInRecommender} contract asks for (the objective alone would give
 * {@code (VᵀV + λI)⁻¹ λ w̄}, nearly the zero vector).
 *
 * <p>The constants are relative, so they mean the same for any catalogue size and vector scale:
 * {@code α = }{@value #RELATIVE_CONFIDENCE}{@code  × (trained items) / d}, so that one rated item
 * weighs about as much in its direction as the whole catalogue does on average per direction
 * ({@code trace(VᵀV)/d}); and {@code λ = }{@value #RELATIVE_L2}{@code  × trace(VᵀV) / d}. The
 * paper's α of about 40 is for confidences that grow with counts; here, with ~9,000 items and 48
 * dimensions, α ≈ 190; on ml-latest-small α = 40 found 159 held-out likes in the top 10 where
 * this α found 180 (docs/IMPLICIT.md). Fitting the offset from {@code w̄} with unrated targets
 * equal to the average user's scores (which would make the empty profile exact without a special
 * case) did worse too: the average user ranks worse than the item biases alone there.
 *
 * <p>Which ratings are positive is the threshold the model was trained with, a field of the model
 * (old model files that do not record it mean {@link PositiveThreshold#DEFAULT}). Thread-safe; a call allocates O(d²) besides the output.
 */
final class ImplicitFoldIn {
    /** α relative to (trained items) / d. */
    static final double RELATIVE_CONFIDENCE = 1;
    /** λ relative to {@code trace(VᵀV) / d}, the mean eigenvalue of the item Gram matrix. */
    static final double RELATIVE_L2 = 0.01;

    private final ItemCatalog catalog;
    private final DotProductScorer scorer;
    private final PositiveThreshold threshold;
    private volatile Prepared prepared;

    /** What every fold-in of one model shares, computed on first use. */
    private record Prepared(double confidence, double lambda, double[] gram, float[] meanUser) {
    }

    ImplicitFoldIn(ItemCatalog catalog, DotProductScorer scorer, PositiveThreshold threshold) {
        this.catalog = catalog;
        this.scorer = scorer;
        this.threshold = java.util.Objects.requireNonNull(threshold, "threshold");
    }

    /** The ratings that count as likes. */
    PositiveThreshold positiveThreshold() {
        return threshold;
    }

    /**
     * The threshold itself (rounded up to a float): the weakest rating that counts as a like. Every
     * positive rating weighs the same in this fold-in, so any of them means "liked"; for a threshold
     * of {@code all} every rating is positive and this returns 1.
     */
    float likedRating() {
        return threshold.lowestPositive();
    }

    /** Scores every item for the folded-in visitor, as {@link org.embedrec.model.FoldInRecommender#scoreNewUser} says. */
    void scoreNewUser(int[] items, float[] ratings, float[] out) {
        float[] user = fit(items, ratings);
        scorer.scoreAll(user, 0, out);
    }

    /** The visitor's vector {@code w}: the mean user for an empty profile, else the solution above. */
    float[] fit(int[] items, float[] ratings) {
        FoldInProfiles.check(items, ratings, catalog.items(), scorer::isKnownItem);
        Prepared shared = prepared();
        if (items.length == 0) {
            return shared.meanUser().clone();
        }
        int dim = scorer.dimensions();
        float[] vectors = scorer.itemVectors();
        double confidence = shared.confidence();
        double[] lhs = shared.gram().clone();
        double[] rhs = new double[dim];
        for (int j = 0; j < dim; j++) {
            rhs[j] = shared.lambda() * shared.meanUser()[j];
        }
        for (int k = 0; k < items.length; k++) {
            int offset = items[k] * dim;
            boolean positive = threshold.isPositive(ratings[k]);
            for (int a = 0; a < dim; a++) {
                double va = vectors[offset + a];
                if (positive) {
                    rhs[a] += (1 + confidence) * va;
                }
                for (int b = 0; b <= a; b++) {
                    lhs[a * dim + b] += confidence * va * vectors[offset + b];
                }
            }
        }
        double[] solution = Cholesky.solve(lhs, rhs, dim);
        float[] user = new float[dim];
        for (int j = 0; j < dim; j++) {
            user[j] = (float) solution[j];
        }
        return user;
    }

    private Prepared prepared() {
        Prepared result = prepared;
        if (result == null) {
            synchronized (this) {
                result = prepared;
                if (result == null) {
                    result = prepare();
                    prepared = result;
                }
            }
        }
        return result;
    }

    /** α, λ, {@code VᵀV + λI} (lower triangle, trained items only) and the mean user vector. */
    private Prepared prepare() {
        int dim = scorer.dimensions();
        float[] vectors = scorer.itemVectors();
        double[] gram = new double[dim * dim];
        int trained = 0;
        for (int item = 0; item < catalog.size(); item++) {
            if (!scorer.isKnownItem(item)) {
                continue;
            }
            trained++;
            int offset = item * dim;
            for (int a = 0; a < dim; a++) {
                double va = vectors[offset + a];
                for (int b = 0; b <= a; b++) {
                    gram[a * dim + b] += va * vectors[offset + b];
                }
            }
        }
        double trace = 0;
        for (int j = 0; j < dim; j++) {
            trace += gram[j * dim + j];
        }
        // The floor keeps the system positive definite when every item vector is zero.
        double lambda = Math.max(RELATIVE_L2 * trace / dim, 1e-9);
        for (int j = 0; j < dim; j++) {
            gram[j * dim + j] += lambda;
        }
        float[] users = scorer.userVectors();
        int userCount = users.length / dim;
        double[] sum = new double[dim];
        for (int user = 0; user < userCount; user++) {
            for (int j = 0; j < dim; j++) {
                sum[j] += users[user * dim + j];
            }
        }
        float[] meanUser = new float[dim];
        for (int j = 0; j < dim; j++) {
            meanUser[j] = userCount == 0 ? 0f : (float) (sum[j] / userCount);
        }
        return new Prepared(RELATIVE_CONFIDENCE * trained / dim, lambda, gram, meanUser);
    }
}
