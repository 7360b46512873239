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
import org.embedrec.data.InteractionLists;
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
 * above the threshold) form a binary user × item matrix {@code X}, optionally reweighted to
 * {@code W}; two items' similarity is the cosine of their columns with shrinkage,
 *
 * <pre>
 *   s(i, j) = Σ_u W_ui W_uj / (‖W_i‖ ‖W_j‖ + shrinkage)
 * </pre>
 *
 * which with no weighting is {@code |U(i) ∩ U(j)| / (sqrt(|U(i)| · |U(j)|) + shrinkage)}, where
 * {@code U(i)} are the users who liked {@code i}; shrinkage pulls the similarity of items with few
 * common users toward 0 (Koren 2008 uses the same form for neighbourhood models).
 *
 * <p>The weightings are those of implicit's {@code tfidf_weight} and {@code bm25_weight}, with items
 * as the documents and users as the terms: for {@code N} items, a user who liked {@code |I(u)|} of
 * them has {@code idf(u) = log(N / (1 + |I(u)|))}, so users who like everything count less;
 * {@link Weighting#TFIDF} sets {@code W_ui = sqrt(X_ui) · idf(u)}, and {@link Weighting#BM25}
 * {@code W_ui = X_ui (K1 + 1) / (K1 · norm(i) + X_ui) · idf(u)} with the length norm
 * {@code norm(i) = 1 − B + B · |U(i)| / mean_j |U(j)|}. Unlike implicit's {@code BM25Recommender},
 * which ranks by the plain dot product of BM25 rows, this trainer always takes the cosine; on binary
 * {@code X} BM25's per-item factor then cancels except against the shrinkage, where it lets popular
 * items' similarities shrink more. Each item keeps
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
        int[][] byUser = InteractionLists.byUser(options.positiveThreshold().positives(train));
        int[][] byItem = InteractionLists.transpose(byUser, items);
        int[] counts = new int[items];
        for (int item = 0; item < items; item++) {
            counts[item] = byItem[item].length;
        }
        double[] userWeights = userWeights(byUser, items);
        double[] itemWeights = itemWeights(counts);
        ItemKnnModel.Neighbours neighbours = neighbours(byUser, byItem, userWeights, itemWeights);
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

    /**
     * The user factor {@code g(u)} of the weighting of binary {@code X}, {@code W_ui = g(u) · f(i)}: 1
     * without weighting, {@code idf(u)} for TF-IDF and BM25.
     */
    private double[] userWeights(int[][] byUser, int items) {
        double[] weights = new double[byUser.length];
        for (int user = 0; user < byUser.length; user++) {
            weights[user] = options.weighting() == Weighting.NONE ? 1
                    : Math.log(items / (1.0 + byUser[user].length));
        }
        return weights;
    }

    /**
     * The item factor {@code f(i)} of the weighting of binary {@code X}: BM25's
     * {@code (K1 + 1) / (K1 · norm(i) + 1)}, 1 otherwise.
     */
    private double[] itemWeights(int[] counts) {
        double[] weights = new double[counts.length];
        if (options.weighting() != Weighting.BM25) {
            Arrays.fill(weights, 1);
            return weights;
        }
        double total = 0;
        for (int count : counts) {
            total += count;
        }
        double meanLength = total / counts.length;
        for (int item = 0; item < counts.length; item++) {
            double norm = 1 - options.bm25B() + options.bm25B() * counts[item] / meanLength;
            weights[item] = (options.bm25K1() + 1) / (options.bm25K1() * norm + 1);
        }
        return weights;
    }

    private ItemKnnModel.Neighbours neighbours(int[][] byUser, int[][] byItem, double[] userWeights,
            double[] itemWeights) {
        int items = byItem.length;
        int[][] lists = new int[items][];
        float[][] similarities = new float[items][];
        int threads = Math.max(1, Math.min(options.threads(), items));
        if (threads == 1) {
            new ItemRange(byUser, byItem, userWeights, itemWeights, 0, items, lists, similarities).run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    parts.add(pool.submit(new ItemRange(byUser, byItem, userWeights, itemWeights, (int) ((long) items * t / threads),
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
        private final double[] userWeights;
        private final double[] itemWeights;
        private final int from;
        private final int to;
        private final int[][] lists;
        private final float[][] similarities;

        ItemRange(int[][] byUser, int[][] byItem, double[] userWeights, double[] itemWeights, int from, int to,
                int[][] lists, float[][] similarities) {
            this.byUser = byUser;
            this.byItem = byItem;
            this.userWeights = userWeights;
            this.itemWeights = itemWeights;
            this.from = from;
            this.to = to;
            this.lists = lists;
            this.similarities = similarities;
        }

        @Override
        public void run() {
            int items = byItem.length;
            // squares[i] = Σ_{u ∈ U(i)} g(u)², so ‖W_i‖ = f(i) · sqrt(squares[i]); without weighting, |U(i)|.
            double[] squares = new double[items];
            for (int item = 0; item < items; item++) {
                for (int user : byItem[item]) {
                    squares[item] += userWeights[user] * userWeights[user];
                }
            }
            double[] common = new double[items];
            boolean[] seen = new boolean[items];
            int[] touched = new int[items];
            for (int item = from; item < to; item++) {
                int count = 0;
                for (int user : byItem[item]) {
                    double square = userWeights[user] * userWeights[user];
                    for (int other : byUser[user]) {
                        if (other != item) {
                            if (!seen[other]) {
                                seen[other] = true;
                                touched[count++] = other;
                            }
                            common[other] += square;
                        }
                    }
                }
                Integer[] order = new Integer[count];
                int positive = 0;
                float[] similarity = new float[count];
                for (int k = 0; k < count; k++) {
                    int other = touched[k];
                    order[k] = k;
                    double scale = itemWeights[item] * itemWeights[other];
                    similarity[k] = (float) (scale * common[other]
                            / (scale * Math.sqrt(squares[item] * squares[other]) + options.shrinkage()));
                    common[other] = 0;
                    seen[other] = false;
                    if (similarity[k] > 0) {
                        positive++;
                    } else {
                        similarity[k] = 0f; // a weighting can give 0, negative or 0/0: never a neighbour
                    }
                }
                Arrays.sort(order, (a, b) -> similarity[a] != similarity[b] ? Float.compare(similarity[b], similarity[a])
                        : Integer.compare(touched[a], touched[b]));
                int kept = Math.min(positive, options.neighbours());
                lists[item] = new int[kept];
                similarities[item] = new float[kept];
                for (int k = 0; k < kept; k++) {
                    lists[item][k] = touched[order[k]];
                    similarities[item][k] = similarity[order[k]];
                }
            }
        }
    }

    /** How the binary user × item matrix is weighted before the cosine; see the class documentation. */
    public enum Weighting {
        /** The binary matrix itself. */
        NONE,
        /** implicit's {@code tfidf_weight}: each user weighs {@code idf(u)}. */
        TFIDF,
        /** implicit's {@code bm25_weight}: {@code idf(u)} times a saturated, length-normalised item term. */
        BM25
    }

    /**
     * Options of item-kNN.
     *
     * @param neighbours the most similar items each item keeps
     * @param shrinkage added to the cosine's denominator; 0 = plain cosine
     * @param weighting how {@code X} is weighted before the cosine
     * @param bm25K1 BM25's term saturation {@code K1} (used by {@link Weighting#BM25} only)
     * @param bm25B BM25's length normalisation {@code B} in [0, 1] (used by {@link Weighting#BM25} only)
     * @param positiveThreshold which training ratings are positive interactions
     * @param threads threads over items; the model does not depend on them
     */
    public record Options(int neighbours, double shrinkage, Weighting weighting, double bm25K1, double bm25B,
            PositiveThreshold positiveThreshold, int threads) {
        public Options {
            if (neighbours < 1 || neighbours > 100_000) {
                throw new IllegalArgumentException("neighbours must be in [1, 100000], got " + neighbours);
            }
            if (!(shrinkage >= 0 && Double.isFinite(shrinkage))) {
                throw new IllegalArgumentException("shrinkage must be finite and >= 0, got " + shrinkage);
            }
            Objects.requireNonNull(weighting, "weighting");
            if (!(bm25K1 >= 0 && Double.isFinite(bm25K1))) {
                throw new IllegalArgumentException("bm25K1 must be finite and >= 0, got " + bm25K1);
            }
            if (!(bm25B >= 0 && bm25B <= 1)) {
                throw new IllegalArgumentException("bm25B must be in [0, 1], got " + bm25B);
            }
            Objects.requireNonNull(positiveThreshold, "positiveThreshold");
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
            }
        }

        /**
         * 400 neighbours, shrinkage 10, no weighting (BM25 with implicit's K1 = 1.2, B = 0.75 when asked
         * for), ratings ≥ 4 as positives, one thread: chosen by validation on five data sets of three
         * densities (docs/DEFAULTS.md), where 400 neighbours beat 100 in NDCG@10 and full AUC on every set;
         * TF-IDF helps on the denser sets only.
         */
        public static Options defaults() {
            return new Options(400, 10, Weighting.NONE, 1.2, 0.75, PositiveThreshold.DEFAULT, 1);
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(ItemKnnModel.KIND)
                .add("neighbours", "most similar items kept per item", OptionType.INTEGER, Options::neighbours,
                        Options::withNeighbours)
                .add("shrinkage", "added to the cosine's denominator; 0 = plain cosine", OptionType.NUMBER,
                        Options::shrinkage, Options::withShrinkage)
                .add("weighting", "weighting of the user x item matrix before the cosine: none, tfidf or bm25",
                        OptionType.choice(Weighting.class), Options::weighting, Options::withWeighting)
                .add("bm25K1", "BM25's term saturation K1 (weighting bm25 only)", OptionType.NUMBER, Options::bm25K1,
                        Options::withBm25K1)
                .add("bm25B", "BM25's length normalisation B in [0, 1] (weighting bm25 only)", OptionType.NUMBER,
                        Options::bm25B, Options::withBm25B)
                .add("positiveThreshold", "ratings >= T are positive interactions; 'all' = every rating",
                        OptionType.text(PositiveThreshold::parse), Options::positiveThreshold, Options::withPositiveThreshold)
                .add("threads", "threads over items", OptionType.INTEGER, Options::threads, Options::withThreads);

        public Options withNeighbours(int value) {
            return new Options(value, shrinkage, weighting, bm25K1, bm25B, positiveThreshold, threads);
        }

        public Options withShrinkage(double value) {
            return new Options(neighbours, value, weighting, bm25K1, bm25B, positiveThreshold, threads);
        }

        public Options withWeighting(Weighting value) {
            return new Options(neighbours, shrinkage, value, bm25K1, bm25B, positiveThreshold, threads);
        }

        public Options withBm25K1(double value) {
            return new Options(neighbours, shrinkage, weighting, value, bm25B, positiveThreshold, threads);
        }

        public Options withBm25B(double value) {
            return new Options(neighbours, shrinkage, weighting, bm25K1, value, positiveThreshold, threads);
        }

        public Options withPositiveThreshold(PositiveThreshold value) {
            return new Options(neighbours, shrinkage, weighting, bm25K1, bm25B, value, threads);
        }

        public Options withThreads(int value) {
            return new Options(neighbours, shrinkage, weighting, bm25K1, bm25B, positiveThreshold, value);
        }
    }
}
