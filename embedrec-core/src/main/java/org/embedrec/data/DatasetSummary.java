package org.embedrec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Descriptive statistics of a {@link Dataset}, the numbers a tutorial looks at before training:
 * sizes and density, the rating distribution, how ratings spread over users and items, the most
 * rated items and a small user × item crosstab of the most active users and most rated items.
 *
 * <p>Users and items are counted only if they have at least one rating, so an item listed in the
 * catalog but never rated does not lower the density. Rankings ("most rated") order by number of
 * ratings, descending, with ties broken by the lower dense index, so the summary is deterministic.
 *
 * <p>Immutable; accessors that return arrays return copies. The figures only: the command line
 * renders them as text.
 */
public final class DatasetSummary {
    /** Number of items listed by {@link #of(Dataset)}. */
    public static final int DEFAULT_TOP_ITEMS = 10;
    /** Number of users (rows) and items (columns) in the crosstab. */
    public static final int CROSSTAB_SIZE = 15;

    private final Dataset dataset;
    private final int ratingCount;
    private final int userCount;
    private final int itemCount;
    private final double minRating;
    private final double maxRating;
    private final double meanRating;
    private final NavigableMap<Float, Integer> histogram;
    private final Quantiles ratingsPerUser;
    private final Quantiles ratingsPerItem;
    private final List<ItemStat> topItems;
    private final int[] crosstabUsers;
    private final int[] crosstabItems;
    private final double[][] crosstab;

    private DatasetSummary(Dataset dataset, int topItemCount) {
        Ratings ratings = dataset.ratings();
        this.dataset = dataset;
        this.ratingCount = ratings.size();
        this.minRating = ratings.min();
        this.maxRating = ratings.max();
        this.meanRating = ratings.mean();

        TreeMap<Float, Integer> levels = new TreeMap<>();
        for (int row = 0; row < ratingCount; row++) {
            levels.merge(ratings.rating(row), 1, Integer::sum);
        }
        this.histogram = Collections.unmodifiableNavigableMap(levels);

        int[] userCounts = ratings.userCounts();
        int[] itemCounts = ratings.itemCounts();
        int[] activeUserCounts = positive(userCounts);
        int[] activeItemCounts = positive(itemCounts);
        this.userCount = activeUserCounts.length;
        this.itemCount = activeItemCounts.length;
        this.ratingsPerUser = Quantiles.of(activeUserCounts);
        this.ratingsPerItem = Quantiles.of(activeItemCounts);

        double[] itemSums = new double[itemCounts.length];
        for (int row = 0; row < ratingCount; row++) {
            itemSums[ratings.item(row)] += ratings.rating(row);
        }
        List<ItemStat> top = new ArrayList<>();
        for (int item : mostRated(itemCounts, topItemCount)) {
            top.add(new ItemStat(item, dataset.catalog().title(item), itemCounts[item],
                    itemSums[item] / itemCounts[item]));
        }
        this.topItems = List.copyOf(top);

        this.crosstabUsers = mostRated(userCounts, CROSSTAB_SIZE);
        this.crosstabItems = mostRated(itemCounts, CROSSTAB_SIZE);
        this.crosstab = crosstab(ratings, crosstabUsers, crosstabItems);
    }

    /** The summary of {@code dataset} with the {@value #DEFAULT_TOP_ITEMS} most rated items. */
    public static DatasetSummary of(Dataset dataset) {
        return of(dataset, DEFAULT_TOP_ITEMS);
    }

    /**
     * The summary of {@code dataset} listing its {@code topItemCount} most rated items.
     *
     * @throws IllegalArgumentException if {@code topItemCount} is negative
     */
    public static DatasetSummary of(Dataset dataset, int topItemCount) {
        Objects.requireNonNull(dataset, "dataset");
        if (topItemCount < 0) {
            throw new IllegalArgumentException("topItemCount must be >= 0, got " + topItemCount);
        }
        return new DatasetSummary(dataset, topItemCount);
    }

    /** Name of the summarized data set. */
    public String name() {
        return dataset.name();
    }

    /** Number of ratings. */
    public int ratingCount() {
        return ratingCount;
    }

    /** Number of users with at least one rating. */
    public int userCount() {
        return userCount;
    }

    /** Number of items with at least one rating. */
    public int itemCount() {
        return itemCount;
    }

    /**
     * Share of the user × item matrix that is filled: {@code ratings / (users * items)} over users
     * and items with a rating; NaN when there are no ratings.
     */
    public double density() {
        return ratingCount / ((double) userCount * itemCount);
    }

    /** Smallest rating; NaN when there are no ratings. */
    public double minRating() {
        return minRating;
    }

    /** Largest rating; NaN when there are no ratings. */
    public double maxRating() {
        return maxRating;
    }

    /** Mean rating; NaN when there are no ratings. */
    public double meanRating() {
        return meanRating;
    }

    /** Number of ratings per distinct rating value, ascending by value; unmodifiable. */
    public NavigableMap<Float, Integer> ratingHistogram() {
        return histogram;
    }

    /** Quantiles of the number of ratings per user, over users with at least one rating. */
    public Quantiles ratingsPerUser() {
        return ratingsPerUser;
    }

    /** Quantiles of the number of ratings per item, over items with at least one rating. */
    public Quantiles ratingsPerItem() {
        return ratingsPerItem;
    }

    /** The most rated items, most rated first (ties: lower item index first); unmodifiable. */
    public List<ItemStat> topItems() {
        return topItems;
    }

    /**
     * User indices of the crosstab rows: the (up to) {@value #CROSSTAB_SIZE} users with the most
     * ratings, most active first, ties by lower index.
     */
    public int[] crosstabUsers() {
        return crosstabUsers.clone();
    }

    /** The catalog title of {@code item}, e.g. to name the crosstab's columns. */
    public String title(int item) {
        return dataset.catalog().title(item);
    }

    /** Item indices of the crosstab columns: the (up to) {@value #CROSSTAB_SIZE} most rated items, in rank order. */
    public int[] crosstabItems() {
        return crosstabItems.clone();
    }

    /**
     * The crosstab {@code [row][column]} of {@link #crosstabUsers()} × {@link #crosstabItems()}:
     * the sum of the user's ratings of the item (the rating itself unless the data repeats the pair),
     * NaN where the user did not rate it. This is pandas'
     * {@code crosstab(user, item, values=rating, aggfunc=sum)} restricted to those users and items.
     */
    public double[][] crosstab() {
        double[][] copy = new double[crosstab.length][];
        for (int row = 0; row < crosstab.length; row++) {
            copy[row] = crosstab[row].clone();
        }
        return copy;
    }

    /** The user ids, for the dense user indices of {@link #crosstabUsers()}. */
    public IdIndex users() {
        return dataset.ratings().users();
    }

    /** The item ids, for the dense item indices of {@link #topItems()} and {@link #crosstabItems()}. */
    public IdIndex items() {
        return dataset.ratings().items();
    }

    @Override
    public String toString() {
        return "DatasetSummary[" + name() + ": " + ratingCount + " ratings, " + userCount + " users, "
                + itemCount + " items]";
    }

    /**
     * The quantiles of a distribution (here: ratings per user or per item) at 0, 25, 50, 75, 90, 99
     * and 100 percent. Quantile {@code p} of the ascending values {@code x[0..n-1]} is computed by
     * linear interpolation between closest ranks, like numpy's default: with {@code h = p * (n - 1)},
     * it is {@code x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)])}.
     *
     * @param min the smallest value
     * @param p25 the first quartile
     * @param median the median
     * @param p75 the third quartile
     * @param p90 the 90th percentile
     * @param p99 the 99th percentile
     * @param max the largest value
     */
    public record Quantiles(double min, double p25, double median, double p75, double p90, double p99, double max) {
        /** The quantiles of {@code values} (in any order); all NaN when {@code values} is empty. */
        public static Quantiles of(int[] values) {
            double[] sorted = Arrays.stream(values).asDoubleStream().sorted().toArray();
            return new Quantiles(quantile(sorted, 0), quantile(sorted, 0.25), quantile(sorted, 0.5),
                    quantile(sorted, 0.75), quantile(sorted, 0.9), quantile(sorted, 0.99), quantile(sorted, 1));
        }

        private static double quantile(double[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            double h = p * (sorted.length - 1);
            int below = (int) Math.floor(h);
            int above = Math.min(below + 1, sorted.length - 1);
            return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
        }
    }

    /**
     * One of the most rated items.
     *
     * @param item dense item index
     * @param title the item's title in the catalog
     * @param count number of ratings of the item
     * @param meanRating mean of those ratings
     */
    public record ItemStat(int item, String title, int count, double meanRating) {
    }

    /** The values that are positive, in order. */
    private static int[] positive(int[] counts) {
        return Arrays.stream(counts).filter(count -> count > 0).toArray();
    }

    /** Indices of the (up to) {@code limit} largest positive counts, largest first, ties by lower index. */
    private static int[] mostRated(int[] counts, int limit) {
        return IntStream.range(0, counts.length)
                .filter(index -> counts[index] > 0)
                .boxed()
                .sorted(Comparator.<Integer>comparingInt(index -> counts[index]).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static double[][] crosstab(Ratings ratings, int[] rowUsers, int[] columnItems) {
        int[] rowOf = positions(rowUsers, ratings.userCount());
        int[] columnOf = positions(columnItems, ratings.itemCount());
        double[][] cells = new double[rowUsers.length][columnItems.length];
        for (double[] row : cells) {
            Arrays.fill(row, Double.NaN);
        }
        for (int r = 0; r < ratings.size(); r++) {
            int row = rowOf[ratings.user(r)];
            int column = columnOf[ratings.item(r)];
            if (row >= 0 && column >= 0) {
                double cell = cells[row][column];
                cells[row][column] = Double.isNaN(cell) ? ratings.rating(r) : cell + ratings.rating(r);
            }
        }
        return cells;
    }

    /** Inverse of {@code chosen}: position of each index in it, or -1. */
    private static int[] positions(int[] chosen, int size) {
        int[] positions = new int[size];
        Arrays.fill(positions, -1);
        for (int k = 0; k < chosen.length; k++) {
            positions[chosen[k]] = k;
        }
        return positions;
    }
}
