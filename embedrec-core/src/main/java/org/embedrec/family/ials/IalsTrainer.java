package org.embedrec.family.ials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.eval.RankingMetrics;
import org.embedrec.eval.RankingResult;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.train.FactorKernels;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.ParallelWorkers;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.SparseRows;
import org.embedrec.train.TrainingListener;

/**
 * Fits an {@link IalsModel} by alternating least squares: each epoch is one sweep that solves every
 * user's vector with the item vectors fixed, then every item's with the user vectors fixed. Each
 * solve minimizes the model's {@linkplain IalsModel.Objective objective} exactly in its block
 * ({@link Solver#EXACT}, a Cholesky factorization of a d×d system) or approximately by
 * {@code cgSteps} conjugate-gradient steps from the current vector ({@link Solver#CG}), so the
 * objective never rises from one sweep to the next. The unobserved term costs O(d²) per row through
 * the Gramian {@code QᵀQ} (or {@code PᵀP}), computed once per half-sweep.
 *
 * <p>This is the recipe of Rendle, Krichene, Zhang and Koren (2021, "Revisiting the performance of
 * iALS on item recommendation benchmarks"): observed pairs weigh 1 (or {@code 1 + confidence · r}),
 * every pair weighs α₀ toward 0, and the L2 weight of a row grows with its weight,
 * {@code λ (|I_u| + α₀ |I|)^ν}, so that λ keeps its meaning across data sizes; initialization is
 * normal with standard deviation {@code initScale / √d}.
 *
 * <p>Cost per sweep: O((users + items) · d³/3 + positives · d²) exact, O((users + items) · steps ·
 * d² + positives · steps · d) with CG. Rows are solved on {@code threads} threads; every row's solve
 * depends only on the fixed side, and the Gramian is summed over a fixed partition of the rows, so
 * the model is bit-identical for any thread count.
 */
public final class IalsTrainer implements RecommenderTrainer<IalsModel> {
    /** Rows per Gramian block: the partition that makes the Gramian's sum independent of threads. */
    private static final int GRAM_BLOCK = 256;
    /** Rows handed to a thread at a time. */
    private static final int SOLVE_CHUNK = 32;

    private final Options options;

    /** A trainer with the given options. */
    public IalsTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this trainer. */
    public Options options() {
        return options;
    }

    @Override
    public String kind() {
        return IalsModel.KIND;
    }

    @Override
    public Optional<PositiveThreshold> positiveThreshold() {
        return Optional.of(options.positiveThreshold());
    }

    @Override
    public Map<String, Object> optionsMap() {
        return Options.TABLE.toMap(options);
    }

    /**
     * {@inheritDoc} Reports each sweep to {@code listener} with the objective per positive as its
     * training loss and, given {@code validation}, the ranking metrics at 10 of the sweep's model.
     *
     * @throws IllegalStateException if the objective stops being finite, naming the sweep and what to try
     */
    @Override
    public IalsModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        Objects.requireNonNull(listener, "listener");
        IalsModel.Objective objective = options.objective();
        SparseRows byUser = positivesByUser(options.positiveThreshold().positives(train), train.userCount(),
                objective);
        SparseRows byItem = byUser.transpose(train.itemCount());
        int dim = options.dimensions();
        int users = train.userCount();
        int items = train.itemCount();
        SplittableRandom random = new SplittableRandom(options.seed());
        float[] userFactors = initial(random.split(), users, dim);
        float[] itemFactors = initial(random.split(), items, dim);
        int[] itemCounts = train.itemCounts();
        List<EpochRecord> history = new ArrayList<>();
        int threads = Math.max(1, Math.min(options.threads(), Math.max(users, items)));
        try (ParallelWorkers workers = new ParallelWorkers(threads, "ials")) {
            Sweeper sweeper = new Sweeper(workers, dim, objective);
            double[] itemGram = sweeper.gram(itemFactors, items);
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                listener.onEpochStart(epoch, options.epochs(), byUser.size());
                long start = System.nanoTime();
                sweeper.solve(byUser, itemFactors, itemGram, items, userFactors);
                double[] userGram = sweeper.gram(userFactors, users);
                sweeper.solve(byItem, userFactors, userGram, users, itemFactors);
                itemGram = sweeper.gram(itemFactors, items);
                double loss = sweeper.objective(byUser, byItem, userFactors, itemFactors, userGram, itemGram)
                        / Math.max(1, byUser.size());
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("iALS diverged in sweep " + epoch + " (objective " + loss
                            + "): raise regularization (now " + options.regularization() + ") or lower confidence (now "
                            + options.confidence() + ")");
                }
                listener.onProgress(byUser.size());
                Map<String, Double> metrics = Map.of();
                if (validation != null && validation.size() > 0) {
                    IalsModel current = new IalsModel(new TrainingFacts(train.users(), catalog, itemCounts,
                            info(train, List.of())), dim, userFactors, itemFactors, objective);
                    RankingResult result = RankingMetrics.evaluate(current, train, validation,
                            options.positiveThreshold(), RankingMetrics.DEFAULT_K, options.threads());
                    metrics = new LinkedHashMap<>(result.toMap());
                }
                EpochRecord record = new EpochRecord(epoch, loss, Double.NaN, metrics,
                        (System.nanoTime() - start) / 1e9, 0);
                history.add(record);
                listener.onEpochEnd(record);
            }
        }
        return new IalsModel(new TrainingFacts(train.users(), catalog, itemCounts, info(train, history)), dim,
                userFactors, itemFactors, objective);
    }

    private ModelInfo info(Ratings train, List<EpochRecord> history) {
        return new ModelInfo(IalsModel.KIND, optionsMap(), Provenance.of(train), history, Map.of());
    }

    private float[] initial(SplittableRandom random, int rows, int dim) {
        float[] factors = new float[rows * dim];
        double scale = options.initScale() / Math.sqrt(dim);
        for (int k = 0; k < factors.length; k++) {
            factors[k] = (float) (random.nextGaussian() * scale);
        }
        return factors;
    }

    private static double squaredNorm(float[] factors, int row, int dim) {
        double sum = 0;
        for (int a = 0; a < dim; a++) {
            double v = factors[row * dim + a];
            sum += v * v;
        }
        return sum;
    }

    /** Runs half-sweeps and Gramians on the workers. */
    private final class Sweeper {
        private final ParallelWorkers workers;
        private final int dim;
        private final IalsModel.Objective objective;

        Sweeper(ParallelWorkers workers, int dim, IalsModel.Objective objective) {
            this.workers = workers;
            this.dim = dim;
            this.objective = objective;
        }

        /** {@code VᵀV} (full, symmetric) of the first {@code rows} rows of {@code vectors}, block by block. */
        double[] gram(float[] vectors, int rows) {
            int blocks = (rows + GRAM_BLOCK - 1) / GRAM_BLOCK;
            double[][] partial = new double[blocks][];
            AtomicInteger next = new AtomicInteger();
            workers.run(() -> {
                for (int block = next.getAndIncrement(); block < blocks; block = next.getAndIncrement()) {
                    double[] part = new double[dim * dim];
                    RowSolver.addGram(vectors, dim, block * GRAM_BLOCK, Math.min(rows, (block + 1) * GRAM_BLOCK), part);
                    partial[block] = part;
                }
            });
            double[] gram = new double[dim * dim];
            for (double[] part : partial) {
                for (int k = 0; k < gram.length; k++) {
                    gram[k] += part[k];
                }
            }
            RowSolver.symmetrize(gram, dim);
            return gram;
        }

        /**
         * The objective of {@link IalsModel.Objective}: the positives' weighted errors, α₀ times the sum
         * of every pair's squared score ({@code Σ_ab (PᵀP)_ab (QᵀQ)_ab}), and the rows' regularization.
         * Users are summed in fixed blocks, added in block order, so the figure does not depend on the
         * thread count.
         */
        double objective(SparseRows byUser, SparseRows byItem, float[] userFactors, float[] itemFactors,
                double[] userGram, double[] itemGram) {
            int users = byUser.rows();
            int blocks = (users + GRAM_BLOCK - 1) / GRAM_BLOCK;
            double[] partial = new double[blocks];
            AtomicInteger next = new AtomicInteger();
            workers.run(() -> {
                for (int block = next.getAndIncrement(); block < blocks; block = next.getAndIncrement()) {
                    double sum = 0;
                    for (int user = block * GRAM_BLOCK; user < Math.min(users, (block + 1) * GRAM_BLOCK); user++) {
                        for (int k = byUser.starts[user]; k < byUser.starts[user + 1]; k++) {
                            double error = 1 - FactorKernels.dot(userFactors, user * dim, itemFactors, byUser.indices[k] * dim, dim);
                            sum += byUser.values[k] * error * error;
                        }
                        sum += objective.rowRegularization(byUser.count(user), byItem.rows()) * squaredNorm(userFactors, user, dim);
                    }
                    partial[block] = sum;
                }
            });
            double total = 0;
            for (double part : partial) {
                total += part;
            }
            for (int item = 0; item < byItem.rows(); item++) {
                total += objective.rowRegularization(byItem.count(item), users) * squaredNorm(itemFactors, item, dim);
            }
            double unobserved = 0;
            for (int k = 0; k < dim * dim; k++) {
                unobserved += userGram[k] * itemGram[k];
            }
            return total + objective.unobservedWeight() * unobserved;
        }

        /** Solves every row of {@code rows} against {@code fixed} (with Gramian {@code gram}) into {@code out}. */
        void solve(SparseRows rows, float[] fixed, double[] gram, int fixedRows, float[] out) {
            double[] weightedGram = new double[gram.length];
            for (int k = 0; k < gram.length; k++) {
                weightedGram[k] = objective.unobservedWeight() * gram[k];
            }
            int chunks = (rows.rows() + SOLVE_CHUNK - 1) / SOLVE_CHUNK;
            AtomicInteger next = new AtomicInteger();
            workers.run(() -> {
                RowSolver solver = new RowSolver(dim);
                for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                    int end = Math.min(rows.rows(), (chunk + 1) * SOLVE_CHUNK);
                    for (int row = chunk * SOLVE_CHUNK; row < end; row++) {
                        double lambda = objective.rowRegularization(rows.count(row), fixedRows);
                        int from = rows.starts[row];
                        int to = rows.starts[row + 1];
                        if (options.solver() == Solver.EXACT) {
                            solver.exact(fixed, weightedGram, rows.indices, rows.values, from, to, lambda, out, row * dim);
                        } else {
                            solver.conjugateGradient(fixed, weightedGram, rows.indices, rows.values, from, to, lambda,
                                    options.cgSteps(), out, row * dim);
                        }
                    }
                }
            });
        }
    }

    /** The positives by user, weighted by {@code objective}; a repeated (user, item) pair keeps its last rating. */
    static SparseRows positivesByUser(Ratings positives, int users, IalsModel.Objective objective) {
        int n = positives.size();
        // Rows bucketed by user in file order, then each user's keys (item, row) sorted: the order
        // (user, item, row) without boxing.
        int[] userStarts = new int[users + 1];
        for (int row = 0; row < n; row++) {
            userStarts[positives.user(row) + 1]++;
        }
        for (int user = 0; user < users; user++) {
            userStarts[user + 1] += userStarts[user];
        }
        int[] fill = java.util.Arrays.copyOf(userStarts, users);
        long[] keys = new long[n];
        for (int row = 0; row < n; row++) {
            keys[fill[positives.user(row)]++] = (long) positives.item(row) << 32 | row;
        }
        int[] starts = new int[users + 1];
        int[] indices = new int[n];
        float[] weights = new float[n];
        int count = 0;
        for (int user = 0; user < users; user++) {
            java.util.Arrays.sort(keys, userStarts[user], userStarts[user + 1]);
            for (int k = userStarts[user]; k < userStarts[user + 1]; k++) {
                int item = (int) (keys[k] >>> 32);
                int row = (int) keys[k];
                if (k > userStarts[user] && indices[count - 1] == item) {
                    count--;
                }
                indices[count] = item;
                weights[count++] = objective.weight(positives.rating(row));
            }
            starts[user + 1] = count;
        }
        return new SparseRows(starts, java.util.Arrays.copyOf(indices, count),
                java.util.Arrays.copyOf(weights, count));
    }

    /** How each row's least-squares problem is solved. */
    public enum Solver {
        /** Cholesky factorization of the row's d×d normal equations: the exact block minimum. */
        EXACT,
        /** {@code cgSteps} conjugate-gradient steps from the row's current vector: cheaper, approximate. */
        CG
    }

    /**
     * Options of iALS. See {@link IalsModel.Objective} for the objective they weight.
     *
     * @param dimensions length of the user and item vectors
     * @param unobservedWeight α₀, the weight of every pair's squared score (pulling unobserved scores to 0)
     * @param regularization λ
     * @param regularizationExponent ν: the L2 weight of a row is {@code λ (observed + α₀ · other side)^ν}
     * @param confidence a positive with rating r weighs {@code 1 + confidence · r}; 0 = all weigh 1
     * @param epochs sweeps, each solving every user then every item
     * @param solver {@link Solver#EXACT} or {@link Solver#CG}
     * @param cgSteps conjugate-gradient steps per row and sweep (with {@link Solver#CG})
     * @param positiveThreshold which training ratings are positive interactions
     * @param seed seed of the initial vectors
     * @param threads threads over users and items; the model does not depend on them
     * @param initScale initial vectors are normal with standard deviation {@code initScale / √dimensions}
     */
    public record Options(int dimensions, double unobservedWeight, double regularization, double regularizationExponent,
            double confidence, int epochs, Solver solver, int cgSteps, PositiveThreshold positiveThreshold, long seed,
            int threads, double initScale) {
        public Options {
            if (dimensions < 1 || dimensions > 4096) {
                throw new IllegalArgumentException("dimensions must be in [1, 4096], got " + dimensions);
            }
            if (epochs < 1 || epochs > 10_000) {
                throw new IllegalArgumentException("epochs must be in [1, 10000], got " + epochs);
            }
            Objects.requireNonNull(solver, "solver");
            if (cgSteps < 1 || cgSteps > 1000) {
                throw new IllegalArgumentException("cgSteps must be in [1, 1000], got " + cgSteps);
            }
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
            }
            if (!(initScale > 0 && Double.isFinite(initScale))) {
                throw new IllegalArgumentException("initScale must be finite and > 0, got " + initScale);
            }
            new IalsModel.Objective(unobservedWeight, regularization, regularizationExponent, confidence,
                    Objects.requireNonNull(positiveThreshold, "positiveThreshold"));
        }

        /**
         * 64 dimensions, α₀ 0.07, λ 0.025 scaled with ν 1, no rating confidence, 15 sweeps of 3 CG steps,
         * ratings ≥ 3 as positive interactions, seed 42, one thread, initScale 0.1: dimensions, λ and ν as
         * chosen on ml-latest-small (docs/IMPLICIT.md) and confirmed on five validation sets of three
         * densities; α₀ 0.07 and the threshold 3 from those sets (docs/DEFAULTS.md), where they raise the
         * full AUC on every set (by 0.008 to 0.024) for at most 0.016 of NDCG@10.
         */
        public static Options defaults() {
            return new Options(64, 0.07, 0.025, 1, 0, 15, Solver.CG, 3, PositiveThreshold.atLeast(3), 42, 1, 0.1);
        }

        /** The weights of the objective these options fit. */
        public IalsModel.Objective objective() {
            return new IalsModel.Objective(unobservedWeight, regularization, regularizationExponent, confidence,
                    positiveThreshold);
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(IalsModel.KIND)
                .add("dimensions", "length of the user and item vectors", OptionType.INTEGER, Options::dimensions,
                        Options::withDimensions)
                .add("unobservedWeight", "alpha0: weight of every pair's squared score", OptionType.NUMBER,
                        Options::unobservedWeight, Options::withUnobservedWeight)
                .add("regularization", "lambda", OptionType.NUMBER, Options::regularization, Options::withRegularization)
                .add("regularizationExponent", "nu: a row's L2 weight is lambda * (observed + alpha0 * other side)^nu",
                        OptionType.NUMBER, Options::regularizationExponent, Options::withRegularizationExponent)
                .add("confidence", "a positive rated r weighs 1 + confidence * r", OptionType.NUMBER, Options::confidence,
                        Options::withConfidence)
                .add("epochs", "sweeps (users, then items)", OptionType.INTEGER, Options::epochs, Options::withEpochs)
                .add("solver", "EXACT (Cholesky) or CG (conjugate gradient)", OptionType.choice(Solver.class),
                        Options::solver, Options::withSolver)
                .add("cgSteps", "conjugate-gradient steps per row and sweep", OptionType.INTEGER, Options::cgSteps,
                        Options::withCgSteps)
                .add("positiveThreshold", "ratings >= T are positive interactions; 'all' = every rating",
                        OptionType.text(PositiveThreshold::parse), Options::positiveThreshold, Options::withPositiveThreshold)
                .add("seed", "seed of the initial vectors", OptionType.LONG, Options::seed, Options::withSeed)
                .add("threads", "threads over users and items; the model does not depend on them", OptionType.INTEGER,
                        Options::threads, Options::withThreads)
                .add("initScale", "initial vectors ~ N(0, (initScale / sqrt(dimensions))^2)", OptionType.NUMBER,
                        Options::initScale, Options::withInitScale);

        public Options withDimensions(int value) {
            return new Options(value, unobservedWeight, regularization, regularizationExponent, confidence, epochs,
                    solver, cgSteps, positiveThreshold, seed, threads, initScale);
        }

        public Options withUnobservedWeight(double value) {
            return new Options(dimensions, value, regularization, regularizationExponent, confidence, epochs, solver,
                    cgSteps, positiveThreshold, seed, threads, initScale);
        }

        public Options withRegularization(double value) {
            return new Options(dimensions, unobservedWeight, value, regularizationExponent, confidence, epochs, solver,
                    cgSteps, positiveThreshold, seed, threads, initScale);
        }

        public Options withRegularizationExponent(double value) {
            return new Options(dimensions, unobservedWeight, regularization, value, confidence, epochs, solver, cgSteps,
                    positiveThreshold, seed, threads, initScale);
        }

        public Options withConfidence(double value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, value, epochs,
                    solver, cgSteps, positiveThreshold, seed, threads, initScale);
        }

        public Options withEpochs(int value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, confidence, value,
                    solver, cgSteps, positiveThreshold, seed, threads, initScale);
        }

        public Options withSolver(Solver value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, confidence, epochs,
                    value, cgSteps, positiveThreshold, seed, threads, initScale);
        }

        public Options withCgSteps(int value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, confidence, epochs,
                    solver, value, positiveThreshold, seed, threads, initScale);
        }

        public Options withPositiveThreshold(PositiveThreshold value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, confidence, epochs,
                    solver, cgSteps, value, seed, threads, initScale);
        }

        public Options withSeed(long value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, confidence, epochs,
                    solver, cgSteps, positiveThreshold, value, threads, initScale);
        }

        public Options withThreads(int value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, confidence, epochs,
                    solver, cgSteps, positiveThreshold, seed, value, initScale);
        }

        public Options withInitScale(double value) {
            return new Options(dimensions, unobservedWeight, regularization, regularizationExponent, confidence, epochs,
                    solver, cgSteps, positiveThreshold, seed, threads, value);
        }
    }
}
