package org.embedrec.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.ItemBiases;
import org.embedrec.model.Recommender;

/**
 * The items with the highest and lowest learned bias, as the fast.ai tutorial reads them: the bias is
 * what the model thinks of a movie once each user's generosity is taken out, so the top of the list is
 * "liked even by people who rate low" and the bottom "disliked even by generous raters".
 *
 * <p>Only items with at least {@code minRatings} training ratings take part: a bias learned from two
 * ratings is mostly noise and regularization, and would crowd the ends of the list.
 *
 * @param minRatings the rating-count threshold used
 * @param eligible how many items had at least {@code minRatings} ratings
 * @param highest highest bias first
 * @param lowest lowest bias first
 */
public record BiasRanking(int minRatings, int eligible, List<RankedItem> highest, List<RankedItem> lowest) {
    public BiasRanking {
        highest = List.copyOf(highest);
        lowest = List.copyOf(lowest);
    }

    /**
     * One ranked item.
     *
     * @param item dense item index
     * @param title its title
     * @param ratings its training rating count
     * @param bias its learned bias
     */
    public record RankedItem(int item, String title, int ratings, float bias) {
    }

    /**
     * Ranks the items of {@code model}, which must have learned biases.
     *
     * @param itemCounts training ratings per item (e.g. {@code train.itemCounts()})
     * @param minRatings least training ratings an item needs to be ranked
     * @param n how many items to list at each end
     * @throws IllegalArgumentException if the model has no item biases
     */
    public static BiasRanking of(Recommender model, int[] itemCounts, int minRatings, int n) {
        if (!(model instanceof ItemBiases biases) || !biases.hasBiases()) {
            throw new IllegalArgumentException("this model has no item biases to rank (" + model
                    + "); train with biases, e.g. matrix factorization with biases on");
        }
        return of(biases, model.catalog(), itemCounts, minRatings, n);
    }

    /** Ranks items by the biases of {@code biases}; see {@link #of(Recommender, int[], int, int)}. */
    public static BiasRanking of(ItemBiases biases, ItemCatalog catalog, int[] itemCounts, int minRatings, int n) {
        Objects.requireNonNull(biases, "biases");
        if (itemCounts.length != catalog.size()) {
            throw new IllegalArgumentException("itemCounts has " + itemCounts.length + " entries, the catalog "
                    + catalog.size() + " items");
        }
        if (minRatings < 0 || n < 0) {
            throw new IllegalArgumentException("minRatings and n must be >= 0, got " + minRatings + " and " + n);
        }
        List<RankedItem> eligible = new ArrayList<>();
        for (int item = 0; item < itemCounts.length; item++) {
            if (itemCounts[item] >= Math.max(1, minRatings)) {
                eligible.add(new RankedItem(item, catalog.title(item), itemCounts[item], biases.itemBias(item)));
            }
        }
        // Ties break by index so the ranking is reproducible.
        Comparator<RankedItem> byBias = Comparator.comparingDouble(RankedItem::bias).thenComparingInt(RankedItem::item);
        List<RankedItem> lowest = eligible.stream().sorted(byBias).limit(n).toList();
        List<RankedItem> highest = eligible.stream()
                .sorted(Comparator.comparingDouble(RankedItem::bias).reversed().thenComparingInt(RankedItem::item))
                .limit(n).toList();
        return new BiasRanking(minRatings, eligible.size(), highest, lowest);
    }
}
