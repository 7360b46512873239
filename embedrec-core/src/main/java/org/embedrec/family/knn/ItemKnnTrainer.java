package org.embedrec.family.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.TrainingListener;

/**
 * Fits an {@link ItemKnnModel} in one pass, no iterations: the positive interactions (ratings at or
 * above the threshold) form a binary user × item matrix {@code X}; two items' similarity is their
 * cosine with shrinkage,
 *
 * <pre>
 *   s(i, j) = |U(i) ∩ U(j)| / (sqrt(|U(i)| · |U(j)|) + shrinkage)
 * </pre>
 *
 * where {@code U(i)} are the users who liked {@code i}; shrinkage pulls the similarity of items with
 * few common users toward 0 (Koren 2008 uses the same form for neighbourhood models). Each item keeps
 * its {@code neighbours} most similar items with positive similarity, most similar first, ties broken
 * by the lower index. The cost is the sum over users of their positives squared; items are split
 * over {@code threads} threads, and the result does not depend on the thread count.
 */
public final class ItemKnnTrainer implements RecommenderTrainer<ItemKnnModel> {
    private final Options options;

    /** A trainer with the given options. */
    public ItemKnnTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this trainer. */
    public Options options() {
        return options;
    }

    @Override
    public String kind() {
        return ItemKnnModel.KIND;
    }

    @Override
    public Optional<PositiveThreshold> positiveThreshold() {
        return Optional.of(options.positiveThreshold());
    }

    @Override
    public Map<String, Object> optionsMap() {
        return Options.TABLE.toMap(options);
    }

    /** {@inheritDoc} There are no epochs: {@code validation} and {@code listener} are not used. */
    @Override
    public ItemKnnModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        RecommenderTrainer.checkMemory(this, train);
        int users = train.userCount();
        int items = train.itemCount();
        int[][] byUser = positivesByUser(options.positiveThreshold().positives(train), users, items);
        int[][] byItem = transpose(byUser, items);
        int[] counts = new int[items];
        for (int item = 0; item < items; item++) {
            counts[item] = byItem[item].length;
        }
        ItemKnnModel.Neighbours neighbours = neighbours(byUser, byItem);
        int[] userStarts = new int[users + 1];
        for (int user = 0; user < users; user++) {
            userStarts[user + 1] = userStarts[user] + byUser[user].length;
        }
        int[] userItems = new int[userStarts[users]];
        for (int user = 0; user < users; user++) {
            System.arraycopy(byUser[user], 0, userItems, userStarts[user], byUser[user].length);
        }
        ModelInfo info = new ModelInfo(ItemKnnModel.KIND, optionsMap(), Provenance.of(train), List.of(),
                Map.of());
        return new ItemKnnModel(new TrainingFacts(train.users(), catalog, counts, info), neighbours, userStarts, userItems,
                options.positiveThreshold());
    }

    /** Each user's distinct positive items, ascending. */
    private static int[][] positivesByUser(Ratings positives, int users, int items) {
        int[] sizes = new int[users];
        for (int row = 0; row < positives.size(); row++) {
            sizes[positives.user(row)]++;
        }
        int[][] byUser = new int[users][];
        for (int user = 0; user < users; user++) {
            byUser[user] = new int[sizes[user]];
        }
        int[] next = new int[users];
        for (int row = 0; row < positives.size(); row++) {
            int user = positives.user(row);
            byUser[user][next[user]++] = positives.item(row);
        }
        for (int user = 0; user < users; user++) {
            int[] row = byUser[user];
            Arrays.sort(row);
            int distinct = 0;
            for (int k = 0; k < row.length; k++) {
                if (k == 0 || row[k] != row[k - 1]) {
                    row[distinct++] = row[k];
                }
            }
            byUser[user] = Arrays.copyOf(row, distinct);
        }
        return byUser;
    }

    /** The users of each item, ascending. */
    private static int[][] transpose(int[][] byUser, int items) {
        int[] sizes = new int[items];
        for (int[] row : byUser) {
            for (int item : row) {
                sizes[item]++;
            }
        }
        int[][] byItem = new int[items][];
        for (int item = 0; item < items; item++) {
            byItem[item] = new int[sizes[item]];
        }
        int[] next = new int[items];
        for (int user = 0; user < byUser.length; user++) {
            for (int item : byUser[user]) {
                byItem[item][next[item]++] = user;
            }
        }
        return byItem;
    }

    private ItemKnnModel.Neighbours neighbours(int[][] byUser, int[][] byItem) {
        int items = byItem.length;
        int[][] lists = new int[items][];
        float[][] similarities = new float[items][];
        int threads = Math.max(1, Math.min(options.threads(), items));
        if (threads == 1) {
            new ItemRange(byUser, byItem, 0, items, lists, similarities).run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    parts.add(pool.submit(new ItemRange(byUser, byItem, (int) ((long) items * t / threads),
                            (int) ((long) items * (t + 1) / threads), lists, similarities)));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing item neighbours", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("computing item neighbours failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        int[] starts = new int[items + 1];
        for (int item = 0; item < items; item++) {
            starts[item + 1] = starts[item] + lists[item].length;
        }
        int[] neighbourItems = new int[starts[items]];
        float[] neighbourSimilarities = new float[starts[items]];
        for (int item = 0; item < items; item++) {
            System.arraycopy(lists[item], 0, neighbourItems, starts[item], lists[item].length);
            System.arraycopy(similarities[item], 0, neighbourSimilarities, starts[item], lists[item].length);
        }
        return new ItemKnnModel.Neighbours(starts, neighbourItems, neighbourSimilarities);
    }

    /** The neighbour lists of items {@code [from, to)}, with this range's own co-occurrence counts. */
    private final class ItemRange implements Runnable {
        private final int[][] byUser;
        private final int[][] byItem;
        private final int from;
        private final int to;
        private final int[][] lists;
        private final float[][] similarities;

        ItemRange(int[][] byUser, int[][] byItem, int from, int to, int[][] lists, float[][] similarities) {
            this.byUser = byUser;
            this.byItem = byItem;
            this.from = from;
            this.to = to;
            this.lists = lists;
            this.similarities = similarities;
        }

        @Override
        public void run() {
            int items = byItem.length;
            int[] common = new int[items];
            int[] touched = new int[items];
            for (int item = from; item < to; item++) {
                int count = 0;
                for (int user : byItem[item]) {
                    for (int other : byUser[user]) {
                        if (other != item && common[other]++ == 0) {
                            touched[count++] = other;
                        }
                    }
                }
                Integer[] order = new Integer[count];
                float[] similarity = new float[count];
                for (int k = 0; k < count; k++) {
                    int other = touched[k];
                    order[k] = k;
                    similarity[k] = (float) (common[other]
                            / (Math.sqrt((double) byItem[item].length * byItem[other].length) + options.shrinkage()));
                    common[other] = 0;
                }
                Arrays.sort(order, (a, b) -> similarity[a] != similarity[b] ? Float.compare(similarity[b], similarity[a])
                        : Integer.compare(touched[a], touched[b]));
                int kept = Math.min(count, options.neighbours());
                lists[item] = new int[kept];
                similarities[item] = new float[kept];
                for (int k = 0; k < kept; k++) {
                    lists[item][k] = touched[order[k]];
                    similarities[item][k] = similarity[order[k]];
                }
            }
        }
    }

    /**
     * Options of item-kNN.
     *
     * @param neighbours the most similar items each item keeps
     * @param shrinkage added to the cosine's denominator; 0 = plain cosine
     * @param positiveThreshold which training ratings are positive interactions
     * @param threads threads over items; the model does not depend on them
     */
    public record Options(int neighbours, double shrinkage, PositiveThreshold positiveThreshold, int threads) {
        public Options {
            if (neighbours < 1 || neighbours > 100_000) {
                throw new IllegalArgumentException("neighbours must be in [1, 100000], got " + neighbours);
            }
            if (!(shrinkage >= 0 && Double.isFinite(shrinkage))) {
                throw new IllegalArgumentException("shrinkage must be finite and >= 0, got " + shrinkage);
            }
            Objects.requireNonNull(positiveThreshold, "positiveThreshold");
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
            }
        }

        /** 100 neighbours, shrinkage 10, ratings ≥ 4 as positives, one thread. */
        public static Options defaults() {
            return new Options(100, 10, PositiveThreshold.DEFAULT, 1);
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(ItemKnnModel.KIND)
                .add("neighbours", "most similar items kept per item", OptionType.INTEGER, Options::neighbours,
                        Options::withNeighbours)
                .add("shrinkage", "added to the cosine's denominator; 0 = plain cosine", OptionType.NUMBER,
                        Options::shrinkage, Options::withShrinkage)
                .add("positiveThreshold", "ratings >= T are positive interactions; 'all' = every rating",
                        OptionType.text(PositiveThreshold::parse), Options::positiveThreshold, Options::withPositiveThreshold)
                .add("threads", "threads over items", OptionType.INTEGER, Options::threads, Options::withThreads);

        public Options withNeighbours(int value) {
            return new Options(value, shrinkage, positiveThreshold, threads);
        }

        public Options withShrinkage(double value) {
            return new Options(neighbours, value, positiveThreshold, threads);
        }

        public Options withPositiveThreshold(PositiveThreshold value) {
            return new Options(neighbours, shrinkage, value, threads);
        }

        public Options withThreads(int value) {
            return new Options(neighbours, shrinkage, positiveThreshold, value);
        }
    }
}
