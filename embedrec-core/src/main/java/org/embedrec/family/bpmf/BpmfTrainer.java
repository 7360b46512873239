package org.embedrec.family.bpmf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.train.TrainingListener;

/**
 * Fits a {@link BpmfModel} by Gibbs sampling (Salakhutdinov and Mnih 2008, §3.3). Each sample
 * draws, in turn,
 *
 * <ol>
 *   <li>the users' hyperparameters {@code (μ_U, Λ_U)} from their {@linkplain NormalWishart Normal-Wishart}
 *       posterior given the current user rows;</li>
 *   <li>every user's row {@code (w_u, b_u)} from its {@linkplain RowPosterior Gaussian conditional} given the
 *       item rows, {@code (μ_U, Λ_U)} and α, on {@code threads} threads;</li>
 *   <li>the same for the items: {@code (μ_V, Λ_V)}, then every item's row given the new user rows;</li>
 *   <li>with {@code samplePrecision}, the observation precision α from its gamma posterior
 *       {@code Γ(1 + N/2, 1 + SSE/2)} (a Γ(1, 1) prior), else α stays {@code precision}.</li>
 * </ol>
 *
 * The first {@code burnIn} samples are discarded; of the rest, {@code keptSamples} evenly spaced ones
 * ending with the last are kept and the model averages their predictions. For a kept sample the model
 * keeps the item rows as drawn and, for the users, each row's posterior mean given those item rows
 * (one more pass over the users without drawing): the same expected prediction with less noise
 * (Rao-Blackwellization), and exactly what {@linkplain BpmfModel#scoreNewUser fold-in} computes for a
 * new user. Ratings are fitted around the training mean {@code g}; with {@code biases} each row
 * carries a bias as an extra factor whose partner is the constant 1, under the same hyperprior. Rows
 * start normal with standard deviation {@code initScale}, biases at 0.
 *
 * <p>Reproducible for any thread count: every row's randoms come from a generator seeded by (seed,
 * sample, side, row) alone, and a row's draw depends only on the other side and its generator; sums
 * over rows (hyperparameters, squared error) run in row order on one thread. So one and two threads
 * give bit-identical models.
 *
 * <p>Each sample is reported to the listener as an epoch: the training MSE of the sample as its loss
 * and, given validation ratings, the validation {@code rmse} and {@code mae} of the model so far: of
 * the sample itself until the first kept sample, then of the average of the kept samples so far, so
 * the last one is the fitted model's. Cost per sample: O(ratings · k² + (users + items) · k³/3) for
 * rows of length {@code k = d + 1}, plus a user pass for each kept sample.
 */
public final class BpmfTrainer implements RecommenderTrainer<BpmfModel> {
    /** Rows handed to a thread at a time. */
    private static final int CHUNK = 16;
    private static final int USERS = 0;
    private static final int ITEMS = 1;
    private static final int USER_PRIOR = 2;
    private static final int ITEM_PRIOR = 3;
    private static final int PRECISION = 4;
    /** Shape and rate of the Γ prior of α when it is sampled: weak next to any real data's N / 2. */
    private static final double PRECISION_PRIOR = 1;

    private final Options options;

    /** A trainer with the given options. */
    public BpmfTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this trainer. */
    public Options options() {
        return options;
    }

    @Override
    public String kind() {
        return BpmfModel.KIND;
    }

    @Override
    public Map<String, Object> optionsMap() {
        return Options.TABLE.toMap(options);
    }

    /** The current rows, the kept samples and the trainer's (or the calling) threads. */
    @Override
    public long estimatedBytes(int users, int items, long ratings) {
        double rows = (double) users + items;
        double length = options.dimensions() + 1.0;
        return RecommenderTrainer.saturatedBytes(4.0 * rows * length * (options.keptSamples() + 3)
                + 4.0 * items * options.keptSamples() + 24.0 * ratings);
    }

    @Override
    public BpmfModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        RecommenderTrainer.checkMemory(this, train);
        Objects.requireNonNull(listener, "listener");
        int dim = options.dimensions();
        int users = train.userCount();
        int items = train.itemCount();
        boolean biases = options.biases();
        int length = dim + (biases ? 1 : 0);
        int kept = options.keptSamples();
        Rows byUser = Rows.of(train, true);
        Rows byItem = Rows.of(train, false);
        float global = (float) train.mean();
        Provenance provenance = Provenance.of(train);
        RatingScale scale = provenance.ratingScale();

        float[] userFactors = initial(USERS, users);
        float[] itemFactors = initial(ITEMS, items);
        float[] userBias = biases ? new float[users] : null;
        float[] itemBias = biases ? new float[items] : null;
        float[] meanUserFactors = new float[users * dim];
        float[] meanUserBias = biases ? new float[users] : null;
        NormalWishart prior = new NormalWishart(length, options.beta0(), length + options.wishartDegrees(),
                options.wishartScale());

        float[] keptUsers = new float[users * dim * kept];
        float[] keptItems = new float[items * dim * kept];
        double[] userBiasSum = new double[users];
        double[] itemBiasSum = new double[items];
        float[] itemBiasSamples = biases ? new float[kept * items] : null;
        float[] priorMeans = new float[kept * length];
        float[] priorPrecisions = new float[kept * length * length];
        float[] precisions = new float[kept];
        double[] validationSum = validation == null ? null : new double[validation.size()];
        int averaged = 0;

        List<EpochRecord> history = new ArrayList<>();
        double alpha = options.precision();
        int threads = Math.max(1, Math.min(options.threads(), Math.max(users, items)));
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "bpmf");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Sweeper sweeper = new Sweeper(pool, threads, dim, biases, global);
            for (int sample = 1; sample <= options.samples(); sample++) {
                listener.onEpochStart(sample, options.samples(), train.size());
                long start = System.nanoTime();
                NormalWishart.Draw userPrior = prior.posterior(userFactors, userBias, dim, users,
                        stream(options.seed(), sample, USER_PRIOR, 0));
                sweeper.draw(byUser, itemFactors, itemBias, userPrior, alpha, sample, USERS, userFactors, userBias);
                NormalWishart.Draw itemPrior = prior.posterior(itemFactors, itemBias, dim, items,
                        stream(options.seed(), sample, ITEM_PRIOR, 0));
                sweeper.draw(byItem, userFactors, userBias, itemPrior, alpha, sample, ITEMS, itemFactors, itemBias);
                double sse = 0;
                for (int row = 0; row < train.size(); row++) {
                    double error = train.rating(row) - predict(global, userFactors, itemFactors, userBias, itemBias, dim,
                            train.user(row), train.item(row));
                    sse += error * error;
                }
                if (!Double.isFinite(sse)) {
                    throw new IllegalStateException("BPMF diverged in sample " + sample + " (squared error " + sse
                            + "): lower precision (now " + options.precision() + ") or wishartScale (now " + options.wishartScale()
                            + ")");
                }
                double sampleAlpha = alpha;
                if (options.samplePrecision()) {
                    alpha = NormalWishart.gamma(PRECISION_PRIOR + train.size() / 2.0,
                            stream(options.seed(), sample, PRECISION, 0)) / (PRECISION_PRIOR + sse / 2);
                }
                listener.onProgress(train.size());
                int slot = keptSlot(sample);
                if (slot >= 0) {
                    sweeper.mean(byUser, itemFactors, itemBias, userPrior, sampleAlpha, meanUserFactors, meanUserBias);
                    for (int user = 0; user < users; user++) {
                        for (int a = 0; a < dim; a++) {
                            keptUsers[(user * kept + slot) * dim + a] = meanUserFactors[user * dim + a] / kept;
                        }
                        userBiasSum[user] += biases ? meanUserBias[user] : 0;
                    }
                    for (int item = 0; item < items; item++) {
                        System.arraycopy(itemFactors, item * dim, keptItems, (item * kept + slot) * dim, dim);
                        itemBiasSum[item] += biases ? itemBias[item] : 0;
                    }
                    if (biases) {
                        System.arraycopy(itemBias, 0, itemBiasSamples, slot * items, items);
                    }
                    for (int a = 0; a < length; a++) {
                        priorMeans[slot * length + a] = (float) userPrior.mean()[a];
                    }
                    for (int a = 0; a < length * length; a++) {
                        priorPrecisions[slot * length * length + a] = (float) userPrior.precision()[a];
                    }
                    precisions[slot] = (float) sampleAlpha;
                    averaged++;
                }
                Map<String, Double> metrics = Map.of();
                if (validation != null && validation.size() > 0) {
                    double squared = 0;
                    double absolute = 0;
                    for (int row = 0; row < validation.size(); row++) {
                        int user = validation.user(row);
                        int item = validation.item(row);
                        double prediction;
                        if (averaged == 0) {
                            prediction = predict(global, userFactors, itemFactors, userBias, itemBias, dim, user, item);
                        } else {
                            if (slot >= 0) {
                                validationSum[row] += predict(0, meanUserFactors, itemFactors, meanUserBias, itemBias,
                                        dim, user, item);
                            }
                            prediction = global + validationSum[row] / averaged;
                        }
                        double error = validation.rating(row) - Math.max(scale.min(), Math.min(scale.max(), prediction));
                        squared += error * error;
                        absolute += Math.abs(error);
                    }
                    metrics = Map.of("rmse", Math.sqrt(squared / validation.size()), "mae", absolute / validation.size());
                }
                EpochRecord record = new EpochRecord(sample, sse / train.size(), Double.NaN, metrics,
                        (System.nanoTime() - start) / 1e9, 0);
                history.add(record);
                listener.onEpochEnd(record);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        float[] averageUserBias = new float[users];
        float[] averageItemBias = new float[items];
        for (int user = 0; user < users; user++) {
            averageUserBias[user] = (float) (userBiasSum[user] / kept);
        }
        for (int item = 0; item < items; item++) {
            averageItemBias[item] = (float) (itemBiasSum[item] / kept);
        }
        BpmfModel.Samples samples = new BpmfModel.Samples(kept, biases, itemBiasSamples, priorMeans, priorPrecisions,
                precisions);
        ModelInfo info = new ModelInfo(BpmfModel.KIND, optionsMap(), provenance, history, Map.of());
        return new BpmfModel(new TrainingFacts(train.users(), catalog, train.itemCounts(), info), dim, samples, global,
                keptUsers, keptItems, averageUserBias, averageItemBias);
    }

    /**
     * The slot of sample {@code sample} among the kept ones, or −1: the last sample and every
     * {@code thinning}-th before it, {@code thinning = (samples − burnIn) / keptSamples}.
     */
    int keptSlot(int sample) {
        int thinning = (options.samples() - options.burnIn()) / options.keptSamples();
        int back = options.samples() - sample;
        if (sample <= options.burnIn() || back % thinning != 0 || back / thinning >= options.keptSamples()) {
            return -1;
        }
        return options.keptSamples() - 1 - back / thinning;
    }

    private static double predict(float global, float[] userFactors, float[] itemFactors, float[] userBias,
            float[] itemBias, int dim, int user, int item) {
        double score = global;
        if (userBias != null) {
            score += userBias[user] + itemBias[item];
        }
        for (int a = 0; a < dim; a++) {
            score += (double) userFactors[user * dim + a] * itemFactors[item * dim + a];
        }
        return score;
    }

    private float[] initial(int side, int rows) {
        int dim = options.dimensions();
        float[] factors = new float[rows * dim];
        for (int row = 0; row < rows; row++) {
            SplittableRandom random = stream(options.seed(), 0, side, row);
            for (int a = 0; a < dim; a++) {
                factors[row * dim + a] = (float) (random.nextGaussian() * options.initScale());
            }
        }
        return factors;
    }

    /**
     * The random stream of one row (or one hyperparameter draw) in one sample: seeded by a mix of
     * (seed, sample, side, row) only, so that it does not depend on which thread draws the row or when.
     * Sample 0 is the initialization.
     */
    static SplittableRandom stream(long seed, int sample, int side, int row) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h + sample);
        h = mix(h + (((long) side << 32) | (row & 0xFFFFFFFFL)));
        return new SplittableRandom(h);
    }

    /** SplitMix64's finalizer: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Draws every row of one side on the pool (or the calling thread). */
    private final class Sweeper {
        private final ExecutorService pool;
        private final int threads;
        private final int dim;
        private final boolean biases;
        private final float global;

        Sweeper(ExecutorService pool, int threads, int dim, boolean biases, float global) {
            this.pool = pool;
            this.threads = threads;
            this.dim = dim;
            this.biases = biases;
            this.global = global;
        }

        /** Draws every row from its conditional posterior into {@code outFactors} and {@code outBias}. */
        void draw(Rows rows, float[] partnerFactors, float[] partnerBias, NormalWishart.Draw prior, double alpha,
                int sample, int side, float[] outFactors, float[] outBias) {
            sweep(rows, partnerFactors, partnerBias, prior, alpha, row -> stream(options.seed(), sample, side, row),
                    outFactors, outBias);
        }

        private void sweep(Rows rows, float[] partnerFactors, float[] partnerBias, NormalWishart.Draw prior,
                double alpha, IntFunction<SplittableRandom> randoms, float[] outFactors, float[] outBias) {
            double[] precision = prior.precision();
            double[] shift = prior.shift();
            int chunks = (rows.rows() + CHUNK - 1) / CHUNK;
            AtomicInteger next = new AtomicInteger();
            run(() -> {
                RowPosterior posterior = new RowPosterior(dim, biases);
                for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                    int end = Math.min(rows.rows(), (chunk + 1) * CHUNK);
                    for (int row = chunk * CHUNK; row < end; row++) {
                        posterior.draw(partnerFactors, dim, 0, partnerBias, 0, rows.partners, rows.ratings,
                                rows.starts[row], rows.starts[row + 1], global, alpha, precision, shift,
                                randoms.apply(row), outFactors, row * dim, outBias, row);
                    }
                }
            });
        }

        /**
         * Writes every row's posterior mean given the partners and the prior (no draw) into
         * {@code outFactors} and {@code outBias}: the Rao-Blackwellized rows the model keeps.
         */
        void mean(Rows rows, float[] partnerFactors, float[] partnerBias, NormalWishart.Draw prior, double alpha,
                float[] outFactors, float[] outBias) {
            sweep(rows, partnerFactors, partnerBias, prior, alpha, row -> null, outFactors, outBias);
        }

        private void run(Runnable task) {
            if (pool == null) {
                task.run();
                return;
            }
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(task));
            }
            try {
                for (Future<?> part : parts) {
                    part.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sampling BPMF", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("BPMF sampling failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The ratings of one side, row-compressed: row {@code r}'s partners and ratings are {@code [starts[r], starts[r + 1])}, in data order. */
    private static final class Rows {
        final int[] starts;
        final int[] partners;
        final float[] ratings;

        private Rows(int[] starts, int[] partners, float[] ratings) {
            this.starts = starts;
            this.partners = partners;
            this.ratings = ratings;
        }

        static Rows of(Ratings ratings, boolean byUser) {
            int rows = byUser ? ratings.userCount() : ratings.itemCount();
            int[] starts = new int[rows + 1];
            for (int k = 0; k < ratings.size(); k++) {
                starts[(byUser ? ratings.user(k) : ratings.item(k)) + 1]++;
            }
            for (int r = 0; r < rows; r++) {
                starts[r + 1] += starts[r];
            }
            int[] next = java.util.Arrays.copyOf(starts, rows);
            int[] partners = new int[ratings.size()];
            float[] values = new float[ratings.size()];
            for (int k = 0; k < ratings.size(); k++) {
                int slot = next[byUser ? ratings.user(k) : ratings.item(k)]++;
                partners[slot] = byUser ? ratings.item(k) : ratings.user(k);
                values[slot] = ratings.rating(k);
            }
            return new Rows(starts, partners, values);
        }

        int rows() {
            return starts.length - 1;
        }
    }

    /**
     * Options of BPMF.
     *
     * @param dimensions {@code d}, the factors of a user and of an item in one sample
     * @param samples Gibbs samples in all, burn-in included
     * @param burnIn samples discarded before averaging
     * @param keptSamples samples the model keeps and averages (the model's vectors have {@code d · keptSamples} values)
     * @param biases whether users and items have biases (an extra factor with a constant partner)
     * @param precision the observation precision α (its starting value with {@code samplePrecision})
     * @param samplePrecision whether α is drawn from its posterior each sample
     * @param beta0 β₀ of the Normal-Wishart hyperprior
     * @param wishartDegrees ν₀ minus the row length ({@code d} or {@code d + 1}); 0 is the paper's ν₀ = D
     * @param wishartScale {@code s} in the hyperprior's {@code W₀ = s I}
     * @param initScale the standard deviation of the initial factors
     * @param seed seed of every random draw
     * @param threads threads over users and items; the model does not depend on them
     */
    public record Options(int dimensions, int samples, int burnIn, int keptSamples, boolean biases, double precision,
            boolean samplePrecision, double beta0, double wishartDegrees, double wishartScale, double initScale,
            long seed, int threads) {
        public Options {
            if (dimensions < 1 || dimensions > 1024) {
                throw new IllegalArgumentException("dimensions must be in [1, 1024], got " + dimensions);
            }
            if (samples < 1 || samples > 100_000) {
                throw new IllegalArgumentException("samples must be in [1, 100000], got " + samples);
            }
            if (burnIn < 0 || burnIn >= samples) {
                throw new IllegalArgumentException("burnIn must be in [0, samples) = [0, " + samples + "), got " + burnIn);
            }
            if (keptSamples < 1 || keptSamples > samples - burnIn) {
                throw new IllegalArgumentException("keptSamples must be in [1, samples - burnIn] = [1, "
                        + (samples - burnIn) + "], got " + keptSamples);
            }
            if (!(precision > 0 && Double.isFinite(precision))) {
                throw new IllegalArgumentException("precision must be finite and > 0, got " + precision);
            }
            if (!(wishartDegrees >= 0 && Double.isFinite(wishartDegrees))) {
                throw new IllegalArgumentException("wishartDegrees must be finite and >= 0, got " + wishartDegrees);
            }
            new NormalWishart(dimensions + (biases ? 1 : 0), beta0, dimensions + (biases ? 1 : 0) + wishartDegrees,
                    wishartScale);
            if (!(initScale > 0 && Double.isFinite(initScale))) {
                throw new IllegalArgumentException("initScale must be finite and > 0, got " + initScale);
            }
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
            }
        }

        /**
         * 32 dimensions with biases, 100 samples of which the first 20 burn in and 16 are kept (every
         * fifth), α fixed at 1.5, the paper's hyperprior (β₀ 2, ν₀ = D, W₀ = I), initial factors with
         * standard deviation 0.1, seed 42, one thread: α and the rest chosen by validation on the
         * training part of ml-latest-small and of half its users (docs/BENCHMARKS.md, "BPMF").
         */
        public static Options defaults() {
            return new Options(32, 100, 20, 16, true, 1.5, false, 2, 0, 1, 0.1, 42, 1);
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(BpmfModel.KIND)
                .add("dimensions", "factors of a user and of an item in one sample", OptionType.INTEGER,
                        Options::dimensions, Options::withDimensions)
                .add("samples", "Gibbs samples in all, burn-in included", OptionType.INTEGER, Options::samples,
                        Options::withSamples)
                .add("burnIn", "samples discarded before averaging", OptionType.INTEGER, Options::burnIn,
                        Options::withBurnIn)
                .add("keptSamples", "evenly spaced samples after burn-in, ending with the last, that the model keeps"
                        + " and averages (its vectors have dimensions * keptSamples values)", OptionType.INTEGER,
                        Options::keptSamples, Options::withKeptSamples)
                .add("biases", "user and item biases (an extra factor with a constant partner)", OptionType.FLAG,
                        Options::biases, Options::withBiases)
                .add("precision", "alpha: the precision of a rating around its prediction (the start with"
                        + " samplePrecision)", OptionType.NUMBER, Options::precision, Options::withPrecision)
                .add("samplePrecision", "draw alpha from its posterior every sample", OptionType.FLAG,
                        Options::samplePrecision, Options::withSamplePrecision)
                .add("beta0", "beta0: prior strength of the hyperprior's mean 0", OptionType.NUMBER, Options::beta0,
                        Options::withBeta0)
                .add("wishartDegrees", "nu0 minus the row length: 0 is the paper's nu0 = D", OptionType.NUMBER,
                        Options::wishartDegrees, Options::withWishartDegrees)
                .add("wishartScale", "s in the hyperprior's W0 = s I", OptionType.NUMBER, Options::wishartScale,
                        Options::withWishartScale)
                .add("initScale", "standard deviation of the initial factors", OptionType.NUMBER, Options::initScale,
                        Options::withInitScale)
                .add("seed", "seed of every random draw", OptionType.LONG, Options::seed, Options::withSeed)
                .add("threads", "threads over users and items; the model does not depend on them", OptionType.INTEGER,
                        Options::threads, Options::withThreads);

        public Options withDimensions(int value) {
            return new Options(value, samples, burnIn, keptSamples, biases, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withSamples(int value) {
            return new Options(dimensions, value, burnIn, keptSamples, biases, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withBurnIn(int value) {
            return new Options(dimensions, samples, value, keptSamples, biases, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withKeptSamples(int value) {
            return new Options(dimensions, samples, burnIn, value, biases, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withBiases(boolean value) {
            return new Options(dimensions, samples, burnIn, keptSamples, value, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withPrecision(double value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, value, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withSamplePrecision(boolean value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, precision, value, beta0,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withBeta0(double value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, precision, samplePrecision, value,
                    wishartDegrees, wishartScale, initScale, seed, threads);
        }

        public Options withWishartDegrees(double value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, precision, samplePrecision, beta0,
                    value, wishartScale, initScale, seed, threads);
        }

        public Options withWishartScale(double value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, precision, samplePrecision, beta0,
                    wishartDegrees, value, initScale, seed, threads);
        }

        public Options withInitScale(double value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, value, seed, threads);
        }

        public Options withSeed(long value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, value, threads);
        }

        public Options withThreads(int value) {
            return new Options(dimensions, samples, burnIn, keptSamples, biases, precision, samplePrecision, beta0,
                    wishartDegrees, wishartScale, initScale, seed, value);
        }
    }
}
