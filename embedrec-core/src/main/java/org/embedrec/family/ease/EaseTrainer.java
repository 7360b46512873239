package org.embedrec.family.ease;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
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
 * Fits an {@link EaseModel} in closed form (Steck 2019, "Embarrassingly Shallow Autoencoders for
 * Sparse Data"). The positive interactions (ratings at or above the threshold) form a binary user ×
 * item matrix {@code X} over the items with at least one positive (the known items); EASE solves
 *
 * <pre>
 *   min_B ||X − XB||² + λ||B||²   subject to diag(B) = 0
 * </pre>
 *
 * whose solution, with {@code P = (XᵀX + λI)⁻¹}, is {@code B = I − P·diag(1/diag(P))}, i.e.
 * {@code B_ij = −P_ij / P_jj} off the diagonal and 0 on it. Two exact routes to {@code P}:
 *
 * <ul>
 *   <li><b>item space</b> (more users than items, e.g. ML-20M): the Gramian {@code G = XᵀX + λI} is
 *       built densely and inverted by EJML's Cholesky solver, O(items³);</li>
 *   <li><b>user space</b> (fewer users than items, e.g. ml-latest-small): by the Woodbury identity
 *       {@code P = (I − XᵀKX)/λ} with {@code K = (λI + XXᵀ)⁻¹}, a users × users inverse; then
 *       {@code B_ij = Q_ij / (1 − Q_jj)} with {@code Q = XᵀKX}, O(users³ + positives · items).</li>
 * </ul>
 *
 * Both give the same {@code B} up to rounding; the cheaper one is chosen by shape. {@code B} is dense
 * (known items², kept as floats), so the trainer computes the memory a fit needs before allocating and
 * refuses beyond {@code maxItems} known items or beyond the free heap, pointing at iALS and item-kNN.
 *
 * <p>Tuning: {@code lambda} is the only hyperparameter. Steck used λ ≈ 500 on ML-20M (138k users);
 * sparser, smaller data wants less. The default was chosen by validation on ml-latest-small (see
 * docs/IMPLICIT.md). The rows of {@code B} are split over {@code threads} threads; each row is
 * computed the same way on any thread, so the model does not depend on the thread count.
 */
public final class EaseTrainer implements RecommenderTrainer<EaseModel> {
    private final Options options;

    /** A trainer with the given options. */
    public EaseTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this trainer. */
    public Options options() {
        return options;
    }

    @Override
    public String kind() {
        return EaseModel.KIND;
    }

    @Override
    public Optional<PositiveThreshold> positiveThreshold() {
        return Optional.of(options.positiveThreshold());
    }

    @Override
    public Map<String, Object> optionsMap() {
        return Options.TABLE.toMap(options);
    }

    /** Which exact route computes {@code P}; see the class documentation. */
    enum Route {
        ITEM_SPACE, USER_SPACE;

        static Route forShape(int users, int knownItems) {
            return knownItems <= users ? ITEM_SPACE : USER_SPACE;
        }
    }

    /** {@inheritDoc} There are no epochs: {@code validation} and {@code listener} are not used. */
    @Override
    public EaseModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        return fit(train, catalog, null);
    }

    /** Fits along {@code route}, or the cheaper one when {@code null}; tests compare the two. */
    EaseModel fit(Ratings train, ItemCatalog catalog, Route route) {
        RecommenderTrainer.checkInputs(train, null, catalog);
        int users = train.userCount();
        int items = train.itemCount();
        int[][] byUser = InteractionLists.byUser(options.positiveThreshold().positives(train));
        int[] counts = new int[items];
        for (int[] row : byUser) {
            for (int item : row) {
                counts[item]++;
            }
        }
        int[] rowOfItem = new int[items];
        int known = 0;
        for (int item = 0; item < items; item++) {
            rowOfItem[item] = counts[item] > 0 ? known++ : -1;
        }
        if (known == 0) {
            throw new IllegalArgumentException("EASE found no positive interactions (ratings >= "
                    + options.positiveThreshold() + ") to learn from");
        }
        int[] knownItems = new int[known];
        for (int item = 0; item < items; item++) {
            if (rowOfItem[item] >= 0) {
                knownItems[rowOfItem[item]] = item;
            }
        }
        Route chosen = route != null ? route : Route.forShape(users, known);
        checkMemory(known, users, chosen, options.maxItems(), availableHeap());
        int[][] rows = new int[users][];
        for (int user = 0; user < users; user++) {
            rows[user] = new int[byUser[user].length];
            for (int k = 0; k < rows[user].length; k++) {
                rows[user][k] = rowOfItem[byUser[user][k]];
            }
        }
        float[] weights = chosen == Route.ITEM_SPACE ? itemSpace(rows, known) : userSpace(rows, known);
        int[] userStarts = new int[users + 1];
        for (int user = 0; user < users; user++) {
            userStarts[user + 1] = userStarts[user] + byUser[user].length;
        }
        int[] userItems = new int[userStarts[users]];
        for (int user = 0; user < users; user++) {
            System.arraycopy(byUser[user], 0, userItems, userStarts[user], byUser[user].length);
        }
        ModelInfo info = new ModelInfo(EaseModel.KIND, optionsMap(), Provenance.of(train), List.of(),
                Map.of());
        return new EaseModel(new TrainingFacts(train.users(), catalog, counts, info), knownItems, weights, userStarts,
                userItems, options.positiveThreshold());
    }

    /**
     * The bytes a fit over {@code knownItems} items and {@code users} users allocates at its peak along
     * {@code route}: the float {@code B} (items² × 4) plus, in item space, the double Gramian, its
     * inverse and the solver's working copy (3 × items² × 8), or, in user space, two users² doubles and
     * the users × items double {@code KX}.
     */
    static long bytesNeeded(int knownItems, int users, Route route) {
        long n = knownItems;
        long u = users;
        long weights = n * n * Float.BYTES;
        return route == Route.ITEM_SPACE ? weights + 3 * n * n * Double.BYTES
                : weights + 2 * u * u * Double.BYTES + u * n * Double.BYTES;
    }

    /** Refuses a fit beyond {@code maxItems} known items or beyond {@code availableBytes}. */
    static void checkMemory(int knownItems, int users, Route route, int maxItems, long availableBytes) {
        long bytes = bytesNeeded(knownItems, users, route);
        String need = String.format(Locale.ROOT, "EASE keeps a dense %,d × %,d item matrix: this fit needs %s",
                knownItems, knownItems, megabytes(bytes));
        String instead = "; for a catalogue this large use iALS or item-knn, whose memory grows with the"
                + " interactions, not with items²";
        if (knownItems > maxItems) {
            throw new IllegalArgumentException(need + ", beyond maxItems = " + maxItems + " (raise maxItems if the heap"
                    + " allows)" + instead);
        }
        if (bytes > availableBytes) {
            throw new IllegalArgumentException(need + " but only " + megabytes(availableBytes) + " of heap is free"
                    + " (raise -Xmx)" + instead);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", (bytes + (1 << 20) - 1) >> 20);
    }

    private static long availableHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /** {@code B} from the inverse of the dense Gramian {@code XᵀX + λI} (rows: known-item indices). */
    private float[] itemSpace(int[][] rows, int n) {
        DMatrixRMaj gramian = new DMatrixRMaj(n, n);
        double[] g = gramian.data;
        for (int[] row : rows) {
            for (int a : row) {
                int offset = a * n;
                for (int b : row) {
                    g[offset + b] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += options.lambda();
        }
        double[] p = invertPositiveDefinite(gramian).data;
        float[] weights = new float[n * n];
        forRows(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                int offset = i * n;
                for (int j = 0; j < n; j++) {
                    weights[offset + j] = i == j ? 0f : (float) (-p[offset + j] / p[j * n + j]);
                }
            }
        });
        return weights;
    }

    /** {@code B} through the Woodbury identity: {@code B_ij = Q_ij / (1 − Q_jj)}, {@code Q = XᵀKX}. */
    private float[] userSpace(int[][] rows, int n) {
        int users = rows.length;
        int[][] byItem = InteractionLists.transpose(rows, n);
        DMatrixRMaj inner = new DMatrixRMaj(users, users);
        double[] m = inner.data;
        for (int[] column : byItem) {
            for (int a : column) {
                int offset = a * users;
                for (int b : column) {
                    m[offset + b] += 1;
                }
            }
        }
        for (int a = 0; a < users; a++) {
            m[a * users + a] += options.lambda();
        }
        double[] k = invertPositiveDefinite(inner).data;
        // kx[a * n + j] = (K X)_aj: the sum of K's row a over the users of item j.
        double[] kx = new double[users * n];
        forRows(users, (from, to) -> {
            for (int a = from; a < to; a++) {
                int row = a * users;
                int offset = a * n;
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int b : byItem[j]) {
                        sum += k[row + b];
                    }
                    kx[offset + j] = sum;
                }
            }
        });
        double[] diagonal = new double[n];
        for (int j = 0; j < n; j++) {
            for (int a : byItem[j]) {
                diagonal[j] += kx[a * n + j];
            }
        }
        float[] weights = new float[n * n];
        forRows(n, (from, to) -> {
            double[] q = new double[n];
            for (int i = from; i < to; i++) {
                Arrays.fill(q, 0);
                for (int a : byItem[i]) {
                    int offset = a * n;
                    for (int j = 0; j < n; j++) {
                        q[j] += kx[offset + j];
                    }
                }
                int offset = i * n;
                for (int j = 0; j < n; j++) {
                    weights[offset + j] = i == j ? 0f : (float) (q[j] / (1 - diagonal[j]));
                }
            }
        });
        return weights;
    }

    /** The inverse of a symmetric positive definite matrix, by Cholesky; {@code matrix} is overwritten. */
    private static DMatrixRMaj invertPositiveDefinite(DMatrixRMaj matrix) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(matrix.numRows);
        if (!solver.setA(matrix)) {
            throw new IllegalStateException("EASE's " + matrix.numRows + " × " + matrix.numRows
                    + " system is not positive definite; raise lambda (now a non-positive or tiny value?)");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(matrix.numRows, matrix.numCols);
        solver.invert(inverse);
        return inverse;
    }

    private interface RowRange {
        void compute(int from, int to);
    }

    /** Runs {@code range} over {@code [0, n)} split into one contiguous block per thread. */
    private void forRows(int n, RowRange range) {
        int threads = Math.max(1, Math.min(options.threads(), n));
        if (threads == 1) {
            range.compute(0, n);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) n * t / threads);
                int to = (int) ((long) n * (t + 1) / threads);
                parts.add(pool.submit(() -> range.compute(from, to)));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing EASE's weights", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("computing EASE's weights failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Options of EASE.
     *
     * @param lambda the L2 penalty λ on {@code B}; larger = smoother, more popularity
     * @param positiveThreshold which training ratings are positive interactions
     * @param maxItems the most known items a fit accepts: {@code B} alone takes items² × 4 bytes
     * @param threads threads over the rows of {@code B}; the model does not depend on them
     */
    public record Options(double lambda, PositiveThreshold positiveThreshold, int maxItems, int threads) {
        /** The largest {@code maxItems}: items² must fit one Java array. */
        public static final int MAX_ITEMS_LIMIT = 46_340;

        public Options {
            if (!(lambda > 0 && Double.isFinite(lambda))) {
                throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
            }
            Objects.requireNonNull(positiveThreshold, "positiveThreshold");
            if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
                throw new IllegalArgumentException("maxItems must be in [1, " + MAX_ITEMS_LIMIT + "], got " + maxItems);
            }
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
            }
        }

        /**
         * λ = 200, ratings ≥ 4 as positives, at most 20,000 known items (1.6 GB of weights), one thread.
         * λ = 200 was best by NDCG@10 on a validation split of ml-latest-small's training part and tied
         * best on a 40% subsample (docs/IMPLICIT.md).
         */
        public static Options defaults() {
            return new Options(200, PositiveThreshold.DEFAULT, 20_000, 1);
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(EaseModel.KIND)
                .add("lambda", "L2 penalty on the item-item weights; larger = smoother", OptionType.NUMBER,
                        Options::lambda, Options::withLambda)
                .add("positiveThreshold", "ratings >= T are positive interactions; 'all' = every rating",
                        OptionType.text(PositiveThreshold::parse), Options::positiveThreshold, Options::withPositiveThreshold)
                .add("maxItems", "the most items the dense item-item matrix may have (items^2 x 4 bytes)",
                        OptionType.INTEGER, Options::maxItems, Options::withMaxItems)
                .add("threads", "threads over the rows of the weight matrix", OptionType.INTEGER, Options::threads,
                        Options::withThreads);

        public Options withLambda(double value) {
            return new Options(value, positiveThreshold, maxItems, threads);
        }

        public Options withPositiveThreshold(PositiveThreshold value) {
            return new Options(lambda, value, maxItems, threads);
        }

        public Options withMaxItems(int value) {
            return new Options(lambda, positiveThreshold, value, threads);
        }

        public Options withThreads(int value) {
            return new Options(lambda, positiveThreshold, maxItems, value);
        }
    }
}
