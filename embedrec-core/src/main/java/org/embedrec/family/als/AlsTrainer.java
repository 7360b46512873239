package org.embedrec.family.als;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.eval.Metrics;
import org.embedrec.eval.RatingErrors;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.ParallelWorkers;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.SparseRows;
import org.embedrec.train.TrainingListener;

/**
 * Fits an {@link AlsModel} by ALS-WR, alternating least squares with weighted-λ regularization
 * (Zhou, Wilkinson, Schreiber and Pan 2008, "Large-scale parallel collaborative filtering for the
 * Netflix Prize"), with user and item biases. It minimizes
 *
 * <pre>
 *   Σ_{(u,i) rated} (r_ui − μ − b_u − b_i − p_u · q_i)²
 *     + λ Σ_u n_u (|p_u|² + b_u²)  +  λ Σ_i n_i (|q_i|² + b_i²)
 * </pre>
 *
 * with μ the training mean fixed and n_u, n_i the rating counts. Each epoch is one sweep: every
 * user's {@code [p_u, b_u]} is solved exactly with the items fixed, then every item's
 * {@code [q_i, b_i]} with the users fixed ({@link BiasedRowSolver}: the biases are fitted inside the
 * solve, by augmenting the vectors). Each half-sweep minimizes the objective exactly in its block, so
 * the objective never rises. Scaling λ by the counts makes one λ fit light and heavy raters alike,
 * and the paper found that it keeps test error from rising with more dimensions or sweeps.
 *
 * <p>Item factors start normal with standard deviation {@code initScale / √d}, biases at 0; users
 * need no start, they are solved first. Cost per sweep: O(ratings · d² + (users + items) · d³/6).
 * Rows are solved on {@code threads} threads, users then items; a row's solve reads only the fixed
 * side, so the model is bit-identical for any thread count.
 *
 * <p>Given validation ratings, each sweep records their RMSE; the trainer does not stop early (ALS-WR
 * converges in a few sweeps), but {@code tune} reads the best sweep from the history.
 */
public final class AlsTrainer implements RecommenderTrainer<AlsModel> {
    /** Rows handed to a thread at a time. */
    private static final int SOLVE_CHUNK = 32;

    private final Options options;

    /** A trainer with the given options. */
    public AlsTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this trainer. */
    public Options options() {
        return options;
    }

    @Override
    public String kind() {
        return AlsModel.KIND;
    }

    @Override
    public Map<String, Object> optionsMap() {
        return Options.TABLE.toMap(options);
    }

    @Override
    public long estimatedBytes(int users, int items, long ratings) {
        // Factors and biases, and each rating twice (by user, by item) as an index and a value.
        return RecommenderTrainer.saturatedBytes(4.0 * ((double) users + items) * (options.dimensions() + 1)
                + 2 * 8.0 * ratings + 4.0 * ((double) users + items));
    }

    /**
     * {@inheritDoc} Reports each sweep with the objective per rating as its training loss and, given
     * {@code validation}, the validation MSE as its loss and RMSE and MAE as metrics.
     *
     * @throws IllegalStateException if the objective stops being finite, naming the sweep and what to try
     */
    @Override
    public AlsModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        Objects.requireNonNull(listener, "listener");
        int dim = options.dimensions();
        int users = train.userCount();
        int items = train.itemCount();
        SparseRows byUser = ratingsByUser(train);
        SparseRows byItem = byUser.transpose(items);
        float mean = (float) train.mean();
        float[] userFactors = new float[users * dim];
        float[] userBias = new float[users];
        float[] itemFactors = initial(new SplittableRandom(options.seed()), items, dim);
        float[] itemBias = new float[items];
        int[] itemCounts = train.itemCounts();
        List<EpochRecord> history = new ArrayList<>();
        int threads = Math.max(1, Math.min(options.threads(), Math.max(users, items)));
        try (ParallelWorkers workers = new ParallelWorkers(threads, "als-wr")) {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                listener.onEpochStart(epoch, options.epochs(), train.size());
                long start = System.nanoTime();
                solveAll(workers, byUser, itemFactors, itemBias, mean, userFactors, userBias);
                solveAll(workers, byItem, userFactors, userBias, mean, itemFactors, itemBias);
                double loss = objective(byUser, byItem, userFactors, userBias, itemFactors, itemBias, mean, dim,
                        options.regularization()) / train.size();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("ALS-WR diverged in sweep " + epoch + " (objective " + loss
                            + "): raise regularization (now " + options.regularization() + ")");
                }
                listener.onProgress(train.size());
                Map<String, Double> metrics = Map.of();
                double validationLoss = Double.NaN;
                if (validation != null && validation.size() > 0) {
                    AlsModel current = new AlsModel(new TrainingFacts(train.users(), catalog, itemCounts,
                            info(train, List.of())), dim, userFactors, itemFactors, userBias, itemBias, mean,
                            options.regularization());
                    RatingErrors errors = Metrics.ratingErrors(current, validation);
                    validationLoss = errors.mse();
                    metrics = Map.of("loss", errors.mse(), "rmse", errors.rmse(), "mae", errors.mae());
                }
                EpochRecord record = new EpochRecord(epoch, loss, validationLoss, metrics,
                        (System.nanoTime() - start) / 1e9, 0);
                history.add(record);
                listener.onEpochEnd(record);
            }
        }
        return new AlsModel(new TrainingFacts(train.users(), catalog, itemCounts, info(train, history)), dim,
                userFactors, itemFactors, userBias, itemBias, mean, options.regularization());
    }

    /** Solves every row of {@code rows} against the fixed side into {@code outFactors} and {@code outBias}. */
    private void solveAll(ParallelWorkers workers, SparseRows rows, float[] fixedFactors, float[] fixedBias,
            float mean, float[] outFactors, float[] outBias) {
        int chunks = (rows.rows() + SOLVE_CHUNK - 1) / SOLVE_CHUNK;
        AtomicInteger next = new AtomicInteger();
        workers.run(() -> {
            BiasedRowSolver solver = new BiasedRowSolver(options.dimensions());
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                int end = Math.min(rows.rows(), (chunk + 1) * SOLVE_CHUNK);
                for (int row = chunk * SOLVE_CHUNK; row < end; row++) {
                    solver.solve(fixedFactors, fixedBias, mean, rows.indices, rows.values, rows.starts[row],
                            rows.starts[row + 1], options.regularization(), outFactors, outBias, row);
                }
            }
        });
    }

    private ModelInfo info(Ratings train, List<EpochRecord> history) {
        return new ModelInfo(AlsModel.KIND, optionsMap(), Provenance.of(train), history, Map.of());
    }

    private float[] initial(SplittableRandom random, int rows, int dim) {
        float[] factors = new float[rows * dim];
        double scale = options.initScale() / Math.sqrt(dim);
        for (int k = 0; k < factors.length; k++) {
            factors[k] = (float) (random.nextGaussian() * scale);
        }
        return factors;
    }

    /** The objective of the class comment, summed over users (the errors, their penalty) and items (theirs). */
    static double objective(SparseRows byUser, SparseRows byItem, float[] userFactors, float[] userBias,
            float[] itemFactors, float[] itemBias, float mean, int dim, double lambda) {
        double errors = 0;
        double penalty = 0;
        for (int user = 0; user < byUser.rows(); user++) {
            for (int k = byUser.starts[user]; k < byUser.starts[user + 1]; k++) {
                int item = byUser.indices[k];
                double score = (double) mean + userBias[user] + itemBias[item];
                for (int a = 0; a < dim; a++) {
                    score += (double) userFactors[user * dim + a] * itemFactors[item * dim + a];
                }
                double error = byUser.values[k] - score;
                errors += error * error;
            }
            penalty += byUser.count(user) * squaredNorm(userFactors, userBias, user, dim);
        }
        for (int item = 0; item < byItem.rows(); item++) {
            penalty += byItem.count(item) * squaredNorm(itemFactors, itemBias, item, dim);
        }
        return errors + lambda * penalty;
    }

    private static double squaredNorm(float[] factors, float[] bias, int row, int dim) {
        double sum = (double) bias[row] * bias[row];
        for (int a = 0; a < dim; a++) {
            double v = factors[row * dim + a];
            sum += v * v;
        }
        return sum;
    }

    /** Every training rating by user, in training order, repeated pairs included. */
    static SparseRows ratingsByUser(Ratings train) {
        UserRatings byUser = train.byUser();
        int users = byUser.userCount();
        int[] starts = new int[users + 1];
        int[] items = new int[train.size()];
        float[] ratings = new float[train.size()];
        for (int user = 0; user < users; user++) {
            starts[user + 1] = byUser.end(user);
            for (int position = byUser.start(user); position < byUser.end(user); position++) {
                int row = byUser.row(position);
                items[position] = train.item(row);
                ratings[position] = train.rating(row);
            }
        }
        return new SparseRows(starts, items, ratings);
    }

    /**
     * Options of ALS-WR.
     *
     * @param dimensions length of the user and item factors
     * @param regularization λ: a row with n ratings has its factors and bias penalized by λ·n
     * @param epochs sweeps, each solving every user then every item
     * @param seed seed of the initial item factors
     * @param threads threads over users and items; the model does not depend on them
     * @param initScale initial item factors are normal with standard deviation {@code initScale / √dimensions}
     */
    public record Options(int dimensions, double regularization, int epochs, long seed, int threads,
            double initScale) {
        public Options {
            if (dimensions < 1 || dimensions > 4096) {
                throw new IllegalArgumentException("dimensions must be in [1, 4096], got " + dimensions);
            }
            if (!(regularization > 0 && Double.isFinite(regularization))) {
                throw new IllegalArgumentException("regularization must be finite and > 0, got " + regularization);
            }
            if (epochs < 1 || epochs > 10_000) {
                throw new IllegalArgumentException("epochs must be in [1, 10000], got " + epochs);
            }
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
            }
            if (!(initScale > 0 && Double.isFinite(initScale))) {
                throw new IllegalArgumentException("initScale must be finite and > 0, got " + initScale);
            }
        }

        /**
         * 32 dimensions, λ 0.15, 10 sweeps, seed 42, one thread, initScale 1: chosen by validation on the
         * training part of ml-latest-small, a random half of its users and its 1,700 most rated items
         * ({@code AlsTuning}; docs/BENCHMARKS.md, "ALS-WR"), where λ 0.15 was best or within 0.0035 RMSE
         * of the best on all three; 64 dimensions with λ 0.1 is 0.003 better on the full data at three
         * times the cost.
         */
        public static Options defaults() {
            return new Options(32, 0.15, 10, 42, 1, 1);
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(AlsModel.KIND)
                .add("dimensions", "length of the user and item factors", OptionType.INTEGER, Options::dimensions,
                        Options::withDimensions)
                .add("regularization", "lambda: a row with n ratings is penalized by lambda * n * |factors, bias|^2",
                        OptionType.NUMBER, Options::regularization, Options::withRegularization)
                .add("epochs", "sweeps (users, then items)", OptionType.INTEGER, Options::epochs, Options::withEpochs)
                .add("seed", "seed of the initial item factors", OptionType.LONG, Options::seed, Options::withSeed)
                .add("threads", "threads over users and items; the model does not depend on them", OptionType.INTEGER,
                        Options::threads, Options::withThreads)
                .add("initScale", "initial item factors ~ N(0, (initScale / sqrt(dimensions))^2)", OptionType.NUMBER,
                        Options::initScale, Options::withInitScale);

        public Options withDimensions(int value) {
            return new Options(value, regularization, epochs, seed, threads, initScale);
        }

        public Options withRegularization(double value) {
            return new Options(dimensions, value, epochs, seed, threads, initScale);
        }

        public Options withEpochs(int value) {
            return new Options(dimensions, regularization, value, seed, threads, initScale);
        }

        public Options withSeed(long value) {
            return new Options(dimensions, regularization, epochs, value, threads, initScale);
        }

        public Options withThreads(int value) {
            return new Options(dimensions, regularization, epochs, seed, value, initScale);
        }

        public Options withInitScale(double value) {
            return new Options(dimensions, regularization, epochs, seed, threads, value);
        }
    }
}
