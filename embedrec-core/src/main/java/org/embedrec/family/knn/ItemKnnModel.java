package org.embedrec.family.knn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.model.FoldInProfiles;
import org.embedrec.model.FoldInRecommender;
import org.embedrec.model.ImplicitFeedbackModel;
import org.embedrec.model.ItemSimilarity;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.TrainingFacts;

/**
 * A fitted item-based nearest-neighbour recommender (Sarwar et al. 2001; Deshpande and Karypis 2004):
 * each item keeps its {@code K} most similar items with their similarities {@code s(i, j)}, and a
 * user's score for an item is the sum of its similarities to the items the user liked,
 *
 * <pre>
 *   score(u, j) = Σ_{i ∈ I(u), j ∈ N(i)} s(i, j)
 * </pre>
 *
 * where {@code I(u)} are the user's positive training interactions and {@code N(i)} the neighbours
 * kept for {@code i}, as implicit's {@code ItemItemRecommender} scores. Scores rank items; they are
 * not ratings. A new visitor needs no solve: their liked items are their {@code I(u)}. Immutable and
 * thread-safe; arrays passed in are owned by the model afterwards.
 */
public final class ItemKnnModel implements FoldInRecommender, ImplicitFeedbackModel, ItemSimilarity {
    /** The kind recorded in model files. */
    public static final String KIND = "item-knn";

    private final TrainingFacts facts;
    private final Neighbours neighbours;
    private final int[] userStarts;
    private final int[] userItems;
    private final PositiveThreshold positiveThreshold;

    /**
     * The neighbour lists of every item, row-compressed: item {@code i}'s neighbours are
     * {@code items[starts[i] .. starts[i + 1])}, most similar first, with their {@code similarities}.
     */
    public record Neighbours(int[] starts, int[] items, float[] similarities) {
        public Neighbours {
            Objects.requireNonNull(starts, "starts");
            if (items.length != similarities.length || starts.length == 0 || starts[starts.length - 1] != items.length) {
                throw new IllegalArgumentException("neighbour lists of " + (starts.length - 1) + " items do not match "
                        + items.length + " neighbours and " + similarities.length + " similarities");
            }
            for (int k = 0; k + 1 < starts.length; k++) {
                if (starts[k] > starts[k + 1]) {
                    throw new IllegalArgumentException("neighbour list starts decrease at item " + k);
                }
            }
            for (int item : items) {
                if (item < 0 || item >= starts.length - 1) {
                    throw new IllegalArgumentException("neighbour index " + item + " out of range");
                }
            }
        }
    }

    /**
     * Assembles a model.
     *
     * @param facts users, catalog, provenance, and positive training interactions per item (items with
     *     0 are never recommended)
     * @param neighbours every item's neighbours
     * @param userStarts row starts of {@code userItems}, one per user plus one
     * @param userItems each user's positive training items
     * @param positiveThreshold which ratings count as liked, in training and for a folded-in visitor
     */
    public ItemKnnModel(TrainingFacts facts, Neighbours neighbours, int[] userStarts, int[] userItems,
            PositiveThreshold positiveThreshold) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
        this.userStarts = Objects.requireNonNull(userStarts, "userStarts");
        this.userItems = Objects.requireNonNull(userItems, "userItems");
        this.positiveThreshold = Objects.requireNonNull(positiveThreshold, "positiveThreshold");
        int items = facts.catalog().size();
        int users = facts.users().size();
        if (neighbours.starts().length != items + 1) {
            throw new IllegalArgumentException("the neighbour lists must cover the catalog's " + items + " items");
        }
        if (userStarts.length != users + 1 || userStarts[users] != userItems.length) {
            throw new IllegalArgumentException("the user rows must cover " + users + " users");
        }
        for (int item : userItems) {
            if (item < 0 || item >= items) {
                throw new IllegalArgumentException("user item index " + item + " out of range");
            }
        }
    }

    @Override
    public TrainingFacts trainingFacts() {
        return facts;
    }

    /** Every item's neighbours. */
    public Neighbours neighbours() {
        return neighbours;
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
        float score = 0;
        for (int k = userStarts[user]; k < userStarts[user + 1]; k++) {
            int liked = userItems[k];
            for (int n = neighbours.starts()[liked]; n < neighbours.starts()[liked + 1]; n++) {
                if (neighbours.items()[n] == item) {
                    score += neighbours.similarities()[n];
                }
            }
        }
        return score;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (int k = userStarts[user]; k < userStarts[user + 1]; k++) {
            addNeighbours(userItems[k], out);
        }
    }

    private void addNeighbours(int liked, float[] out) {
        for (int n = neighbours.starts()[liked]; n < neighbours.starts()[liked + 1]; n++) {
            out[neighbours.items()[n]] += neighbours.similarities()[n];
        }
    }

    /** Item-kNN scores rank items; they are not ratings. */
    @Override
    public boolean predictsRatings() {
        return false;
    }

    @Override
    public ItemKnnModel withInfo(ModelInfo info) {
        return new ItemKnnModel(facts.withInfo(info), neighbours, userStarts, userItems, positiveThreshold);
    }

    /** The lowest rating that counts as liked (1 when every rating does). */
    @Override
    public float likedRating() {
        return positiveThreshold.lowestPositive();
    }

    /**
     * {@inheritDoc} The visitor's liked items (ratings at or above the positive threshold) are their
     * {@code I(u)}; with none, every known item scores its share of the training interactions, so an
     * empty profile gets the most popular items.
     */
    @Override
    public void scoreNewUser(int[] items, float[] ratings, float[] out) {
        FoldInProfiles.checkRatings(items, ratings, items(), ratingScale());
        java.util.Arrays.fill(out, 0f);
        boolean liked = false;
        for (int k = 0; k < items.length; k++) {
            if (positiveThreshold.isPositive(ratings[k])) {
                addNeighbours(items[k], out);
                liked = true;
            }
        }
        if (!liked) {
            int[] counts = facts.itemTrainCounts();
            long total = 0;
            for (int count : counts) {
                total += count;
            }
            for (int item = 0; item < out.length; item++) {
                out[item] = total == 0 ? 0f : (float) counts[item] / total;
            }
        }
    }

    /**
     * {@inheritDoc} From {@code item}'s kept neighbours, by their shrunk cosine: fewer than {@code n}
     * when fewer neighbours remain.
     */
    @Override
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        List<ScoredItem> similar = new ArrayList<>();
        for (int k = neighbours.starts()[item]; k < neighbours.starts()[item + 1] && similar.size() < n; k++) {
            int other = neighbours.items()[k];
            if (isKnownItem(other) && !exclude.test(other)) {
                similar.add(new ScoredItem(other, neighbours.similarities()[k]));
            }
        }
        return similar;
    }
}
