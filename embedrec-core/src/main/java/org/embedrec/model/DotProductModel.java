package org.embedrec.model;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A recommender that ranks a user's items by a dot product plus a per-item offset:
 * {@code rank(u, i) = user[u] · item[i] + offset[i]}, with the vectors and offsets of its
 * {@link #rankingScorer()} (terms that are the same for every item of a user, such as a user bias or
 * a global mean, and monotone output functions, such as a sigmoid range or clipping, are left out).
 * Matrix factorization, BPR, iALS, ALS-WR, BPMF and SVD++ are such models.
 *
 * <p>{@link #recommend} ranks with {@link BatchTopN}, the kernel that also scores many users at once
 * ({@link BatchTopN#recommend(DotProductModel, int[], int, int[][], int)}), so a user's list is the same
 * whether asked for alone or among all users. The ranking score sums the dot product dimension by
 * dimension; it may differ from {@link #predict} in the last bits.
 */
public interface DotProductModel extends Recommender {
    /** The user vectors, item vectors and item offsets that rank items, as above. */
    DotProductScorer rankingScorer();

    /**
     * The score {@link #recommend} reports for an item of {@code user} whose ranking score is
     * {@code rankingScore}: the model's {@link #predict} up to rounding, and never decreasing in the
     * ranking score, so that lists stay sorted by it. The ranking score itself by default.
     */
    default float recommendedScore(int user, float rankingScore) {
        return rankingScore;
    }

    /**
     * {@inheritDoc} Ranked by the ranking score (ties by lower item index), each item reported with
     * {@link #recommendedScore}.
     */
    @Override
    default List<ScoredItem> recommend(int user, int n, IntPredicate exclude) {
        return BatchTopN.recommend(this, user, n, exclude);
    }
}
