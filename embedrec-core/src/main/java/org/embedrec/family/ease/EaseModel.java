package org.embedrec.family.ease;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.Objects;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ImplicitFeedbackModel;
import org.embedrec.model.ItemSimilarity;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TopN;
import org.embedrec.model.TrainingFacts;

/**
 * A fitted EASE recommender (Steck 2019): a dense item × item weight matrix {@code B} with a zero
 * diagonal over the known items (those with at least one positive in training), and a user's scores
 * are their binary row of positives times {@code B},
 *
 * <pre>
 *   score(u, j) = Σ_{i ∈ I(u)} B_ij
 * </pre>
 *
 * Scores rank items; they are not ratings. Items without positives are unknown and score 0. A new
 * visitor needs no solve: their liked items are their {@code I(u)}. Immutable and thread-safe;
 * arrays passed in are owned by the model afterwards.
 */
public final class EaseModel implements FoldInRecommender, ImplicitFeedbackModel, ItemSimilarity {
    /** The kind recorded in model files. */
    public static final String KIND = "ease";

    private final TrainingFacts facts;
    private final int[] knownItems;
    private final int[] rowOfItem;
    private final float[] weights;
    private final int[] userStarts;
    private final int[] userItems;
    private final PositiveThreshold positiveThreshold;

    /**
     * Assembles a model.
     *
     * @param facts users, catalog, provenance, and positive training interactions per item (items with
     *     0 are unknown and never recommended)
     * @param knownItems the catalog index of each row (and column) of {@code weights}, ascending: exactly
     *     the items with a positive training count
     * @param weights {@code B}, row-major [known × known]: {@code weights[r * known + c]} is the weight
     *     of liked item {@code knownItems[r]} toward item {@code knownItems[c]}
     * @param userStarts row starts of {@code userItems}, one per user plus one
     * @param userItems each user's positive training items (catalog indices)
     * @param positiveThreshold which ratings count as liked, in training and for a folded-in visitor
     */
    public EaseModel(TrainingFacts facts, int[] knownItems, float[] weights, int[] userStarts, int[] userItems,
            PositiveThreshold positiveThreshold) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.knownItems = Objects.requireNonNull(knownItems, "knownItems");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.userStarts = Objects.requireNonNull(userStarts, "userStarts");
        this.userItems = Objects.requireNonNull(userItems, "userItems");
        this.positiveThreshold = Objects.requireNonNull(positiveThreshold, "positiveThreshold");
        int items = facts.catalog().size();
        int users = facts.users().size();
        int known = knownItems.length;
        if ((long) known * known != weights.length) {
            throw new IllegalArgumentException(known + " known items need " + (long) known * known + " weights, got "
                    + weights.length);
        }
        rowOfItem = new int[items];
        Arrays.fill(rowOfItem, -1);
        for (int row = 0; row < known; row++) {
            int item = knownItems[row];
            if (item < 0 || item >= items || (row > 0 && item <= knownItems[row - 1])) {
                throw new IllegalArgumentException("known item " + item + " at row " + row
                        + " is out of range or not ascending");
            }
            if (facts.itemTrainCount(item) == 0) {
                throw new IllegalArgumentException("known item " + item + " has no training positives");
            }
            rowOfItem[item] = row;
        }
        for (int item = 0; item < items; item++) {
            if (rowOfItem[item] < 0 && facts.itemTrainCount(item) > 0) {
                throw new IllegalArgumentException("item " + item + " has training positives but no row in B");
            }
        }
        if (userStarts.length != users + 1 || userStarts[users] != userItems.length) {
            throw new IllegalArgumentException("the user rows must cover " + users + " users");
        }
        for (int item : userItems) {
            if (item < 0 || item >= items || rowOfItem[item] < 0) {
                throw new IllegalArgumentException("user item index " + item + " out of range or unknown");
            }
        }
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    /** The catalog index of each row and column of {@link #weights()}, ascending. */
    public int[] knownItems() {
        return knownItems.clone();
    }

    /** {@code B}, row-major over the known items (a copy: known² floats). */
    public float[] weights() {
        return weights.clone();
    }

    /** {@code B_ij} for catalog items {@code i} and {@code j}; 0 when either is unknown. */
    public float weight(int from, int to) {
        int row = rowOfItem[from];
        int column = rowOfItem[to];
        return row < 0 || column < 0 ? 0f : weights[row * knownItems.length + column];
    }

    /** Row starts of {@link #userItems()}, one per user plus one. */
    public int[] userStarts() {
        return userStarts.clone();
    }

    /** Each user's positive training items, row-compressed by {@link #userStarts()}. */
    public int[] userItems() {
        return userItems.clone();
    }

    @Override
    public PositiveThreshold positiveThreshold() {
        return positiveThreshold;
    }

    @Override
    public float predict(int user, int item) {
        int column = rowOfItem[item];
        if (column < 0) {
            return 0f;
        }
        int known = knownItems.length;
        float score = 0;
        for (int k = userStarts[user]; k < userStarts[user + 1]; k++) {
            score += weights[rowOfItem[userItems[k]] * known + column];
        }
        return score;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        checkLength(out);
        Arrays.fill(out, 0f);
        for (int k = userStarts[user]; k < userStarts[user + 1]; k++) {
            addRow(rowOfItem[userItems[k]], out);
        }
    }

    /** Adds row {@code row} of {@code B} to {@code out}, in catalog indices. */
    private void addRow(int row, float[] out) {
        int known = knownItems.length;
        int offset = row * known;
        for (int column = 0; column < known; column++) {
            out[knownItems[column]] += weights[offset + column];
        }
    }

    private void checkLength(float[] out) {
        if (out.length != rowOfItem.length) {
            throw new IllegalArgumentException("the score array has " + out.length + " slots for "
                    + rowOfItem.length + " items");
        }
    }

    /** EASE scores rank items; they are not ratings. */
    @Override
    public boolean predictsRatings() {
        return false;
    }

    @Override
    public EaseModel withInfo(ModelInfo info) {
        return new EaseModel(facts.withInfo(info), knownItems, weights, userStarts, userItems, positiveThreshold);
    }

    /** The lowest rating that counts as liked (1 when every rating does). */
    @Override
    public float likedRating() {
        return positiveThreshold.lowestPositive();
    }

    /**
     * {@inheritDoc} The visitor's liked known items (ratings at or above the positive threshold) are
     * their {@code I(u)}, and their scores are that row times {@code B}: no solve. Liked items the model
     * does not know add nothing. With no liked known item, every known item scores its share of the
     * training positives, so an empty profile gets the most popular items.
     */
    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        FoldInProfiles.checkRatings(items, ratings, items(), ratingScale());
        checkLength(out);
        for (int k = 0; k < items.length; k++) {
            if (items[k] < 0 || items[k] >= rowOfItem.length) {
                throw new IllegalArgumentException("item index " + items[k] + " out of range [0, " + rowOfItem.length + ")");
            }
            if (!Float.isFinite(ratings[k])) {
                throw new IllegalArgumentException("rating " + ratings[k] + " of item " + items[k] + " is not finite");
            }
        }
        Arrays.fill(out, 0f);
        boolean[] seen = new boolean[knownItems.length];
        boolean liked = false;
        for (int k = 0; k < items.length; k++) {
            int row = rowOfItem[items[k]];
            if (row >= 0 && !seen[row] && positiveThreshold.isPositive(ratings[k])) {
                seen[row] = true;
                addRow(row, out);
                liked = true;
            }
        }
        if (!liked) {
            long total = 0;
            for (int count : facts.itemTrainCounts()) {
                total += count;
            }
            for (int item = 0; item < out.length; item++) {
                out[item] = total == 0 ? 0f : (float) facts.itemTrainCount(item) / total;
            }
        }
    }

    /**
     * The {@code n} known items with the largest weight toward {@code item} in {@code B}'s column
     * {@code item}: the items whose being liked predicts {@code item} most, largest first. Empty for an
     * unknown item.
     */
    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        int column = rowOfItem[item];
        if (column < 0) {
            return List.of();
        }
        int known = knownItems.length;
        float[] scores = new float[rowOfItem.length];
        for (int row = 0; row < known; row++) {
            scores[knownItems[row]] = weights[row * known + column];
        }
        return TopN.select(scores, n, other -> other == item || rowOfItem[other] < 0 || exclude.test(other));
    }
}
