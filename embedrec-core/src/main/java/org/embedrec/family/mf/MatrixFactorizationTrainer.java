package org.embedrec.family.mf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.data.UserRatings;
import org.embedrec.model.EpochRecord;
import org.embedrec.family.mf.MatrixFactorizationModel.FoldInL2;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.Vectors;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.ExampleGrid;
import org.embedrec.train.FactorKernels;
import org.embedrec.train.GradientBuffer;
import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Loss;
import org.embedrec.train.Optimizer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.RowUpdater;
import org.embedrec.train.Trainable;
import org.embedrec.train.TrainerOptions;
import org.embedrec.train.TrainingOptions;

/**
 * Trains a {@link MatrixFactorizationModel} by mini-batch stochastic gradient descent on
 *
 * <pre>
 *   mean over training ratings (u, i, y) of
 *       loss(rating(u, i), y) + λ (|p_u|² + |q_i|²) + λ_b (b_u² + b_i²)
 * </pre>
 *
 * where {@code rating} is the model's output (see {@link MatrixFactorizationModel}). The gradient is
 * hand-derived: with {@code z} the raw score and {@code d = loss'(rating, y) · rating'(z)},
 * {@code ∂/∂p_u = d q_i + 2λ p_u}, {@code ∂/∂q_i = d p_u + 2λ q_i}, {@code ∂/∂b_u = d + 2λ_b b_u},
 * {@code ∂/∂global = d}, where {@code rating'(z) = 1} for the linear output and
 * {@code (high - low) σ(z)(1 - σ(z))} for the sigmoid range.
 *
 * <p>Regularization is applied per occurrence of a row in the data (the usual SGD form of weight
 * decay), not to the whole table per batch as Keras's {@code l2} regularizer does: frequent users and
 * items get more shrinkage, which suits rating data. Each mini-batch's gradient is summed per
 * touched row, divided by the batch size and applied once with a sparse optimizer step.
 *
 * <p>Tuning: the defaults (64 dimensions, Adam at 0.005 for 20 epochs, batch 64, λ = 0.1, see
 * {@link Options#defaults()}) were tuned on ml-latest-small (docs/BENCHMARKS.md has the figures); more
 * dimensions need more regularization. One thread and one seed give bit-identical models.
 *
 * <p>Speed: with {@link Optimizer#SGD} and batch size 1 (classic biased MF as in LIBMF), each rating
 * is one fused step on the two factor rows ({@link FactorKernels#sgdStep}) without gradient
 * buffers, reaching tens of millions of ratings per second per core. On data whose factor tables and
 * ratings exceed the cache, every trainer visits the ratings in a blocked order (see
 * {@link ExampleGrid#side}): (user block, item block) cells in random order, each cell by user, as FPSG and
 * LIBMF do, which is several times faster than a full shuffle at the same accuracy; with the global
 * bias fixed ({@code trainMean} false, as {@code mf-sgd} has it) four runs of each cell's users take
 * turns ({@link FusedSgd#INTERLEAVED_RUNS}). With several threads, the cells are handed out so that no
 * two threads write the same rows at once (see {@link Trainable#blocksFormGrid}).
 */
public final class MatrixFactorizationTrainer extends EpochTrainer<MatrixFactorizationTrainer.Options, MatrixFactorizationModel> {
    /** A trainer with the given options. */
    public MatrixFactorizationTrainer(Options options) {
        super(options, Options.TABLE);
    }

    /** A factor and a bias per user and per item, and the global bias. */
    @Override
    protected double parameterCount(int users, int items) {
        return ((double) users + items) * (options().dimensions() + 1) + 1;
    }

    /** A user and an item row with their gradients, twice over for the kernels' scratch. */
    @Override
    protected double bytesPerExample() {
        return 16.0 * (options().dimensions() + 2);
    }

    @Override
    public String kind() {
        return MatrixFactorizationModel.KIND;
    }

    @Override
    protected Objective objective(Ratings train, Ratings validation, ItemCatalog catalog, SplittableRandom random) {
        return new Objective(train, validation, catalog, options(), random);
    }

    /** The parameters being trained and the gradient of the objective; package-private for the gradient check. */
    static final class Objective implements EpochTrainer.Objective<MatrixFactorizationModel> {
        final Ratings train;
        final ItemCatalog catalog;
        final Ratings validation;
        final Options options;
        final int dim;
        final OutputRange range;
        final float[] userFactors;
        final float[] itemFactors;
        final float[] userBias;
        final float[] itemBias;
        final float[] global = new float[1];
        final RowUpdater userUpdater;
        final RowUpdater itemUpdater;
        final RowUpdater userBiasUpdater;
        final RowUpdater itemBiasUpdater;
        final RowUpdater globalUpdater;

        /**
         * The examples as (user, item, rating bits) triples, in block order when blocked: one cache line
         * holds all of an example, where three columns would cost three misses in a shuffled epoch.
         */
        final int[] examples;
        /** Example groups for the blocked ordering, or null for a full shuffle (see {@link ExampleGrid#side}). */
        final int[] blockStarts;
        /** Whether each example is one fused plain-SGD update instead of a mini-batch step. */
        final boolean fusedSgd;
        /**
         * Whether the fused loop in example order is one {@link FactorKernels#biasedSquaredSgd} call per slice:
         * with a linear output, squared loss, biases and the global bias fixed, as {@code mf-sgd} has them.
         */
        final boolean biasedSquared;

        Objective(Ratings train, Ratings validation, ItemCatalog catalog, Options options, SplittableRandom random) {
            this(train, validation, catalog, options, random, ExampleGrid.side(train.userCount(), train.itemCount(),
                    options.dimensions(), train.size(),
                    fusedSgd(options) ? FusedSgd.BLOCK_ITEM_BYTES : ExampleGrid.BLOCK_ITEM_BYTES));
        }

        /** With a {@code side × side} grid of (user block, item block) example groups; 1 = no blocks. */
        Objective(Ratings train, Ratings validation, ItemCatalog catalog, Options options, SplittableRandom random,
                int side) {
            this.train = train;
            this.catalog = catalog;
            // The initial values depend on nothing but the random stream: drawn on a second thread while this
            // one packs the examples (at ML-25M size each is a sizeable part of the set-up).
            int dim = options.dimensions();
            float[] userTable = new float[train.userCount() * dim];
            float[] itemTable = new float[train.itemCount() * dim];
            CompletableFuture<Void> initialized = CompletableFuture.runAsync(() -> {
                Initializer initializer = options.training().initializer();
                initializer.fill(userTable, train.userCount(), dim, options.training().initScale(), random);
                initializer.fill(itemTable, train.itemCount(), dim, options.training().initScale(), random);
            }, task -> {
                Thread thread = new Thread(task, "embedrec-init");
                thread.setDaemon(true);
                thread.start();
            });
            int[] packed = new int[3 * train.size()];
            ExampleGrid.Placement pack = (position, row) -> {
                packed[3 * position] = train.user(row);
                packed[3 * position + 1] = train.item(row);
                packed[3 * position + 2] = Float.floatToRawIntBits(train.rating(row));
            };
            this.fusedSgd = fusedSgd(options);
            this.biasedSquared = fusedSgd && !options.sigmoid() && options.loss() == Loss.MSE && options.biases()
                    && !options.trainMean();
            if (biasedSquared && side > 1) {
                FactorKernels.warmUpBiasedSquaredSgd(dim);
            }
            if (side > 1) {
                this.blockStarts = ExampleGrid.blockByGrid(train, side, pack);
                if (fusedSgd && !options.trainMean()) {
                    ExampleGrid.interleave(packed, 3, blockStarts, FusedSgd.INTERLEAVED_RUNS);
                }
            } else {
                this.blockStarts = null;
                for (int row = 0; row < train.size(); row++) {
                    pack.place(row, row);
                }
            }
            this.examples = packed;
            this.validation = validation;
            this.options = options;
            this.dim = dim;
            int users = train.userCount();
            int items = train.itemCount();
            try {
                initialized.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            this.userFactors = userTable;
            this.itemFactors = itemTable;
            this.userBias = new float[users];
            this.itemBias = new float[items];
            double mean = train.mean();
            if (options.sigmoid()) {
                float low = Double.isNaN(options.rangeLow()) ? train.min() : (float) options.rangeLow();
                float high = Double.isNaN(options.rangeHigh()) ? train.max() : (float) options.rangeHigh();
                this.range = new OutputRange(low, high);
                // Start the intercept where the sigmoid output equals the mean rating.
                double p = Math.min(0.99, Math.max(0.01, (mean - low) / (high - low)));
                global[0] = (float) Math.log(p / (1 - p));
            } else {
                this.range = null;
                global[0] = (float) mean;
            }
            Optimizer optimizer = options.training().optimizer();
            this.userUpdater = optimizer.newUpdater(userFactors, dim);
            this.itemUpdater = optimizer.newUpdater(itemFactors, dim);
            this.userBiasUpdater = optimizer.newUpdater(userBias, 1);
            this.itemBiasUpdater = optimizer.newUpdater(itemBias, 1);
            this.globalUpdater = optimizer.newUpdater(global, 1);
        }

        /** Whether {@code options} train each example as one fused plain-SGD update: SGD with batch size 1. */
        static boolean fusedSgd(Options options) {
            return options.training().optimizer() == Optimizer.SGD && options.training().batchSize() == 1;
        }

        /** Hands the trained tables over to the model: at ML-25M size copies took 0.1-0.25 s of fresh memory. */
        @Override
        public MatrixFactorizationModel model(Ratings train, ItemCatalog catalog, ModelInfo info) {
            return new MatrixFactorizationModel(new TrainingFacts(train.users(), catalog, train.itemCounts(), info), dim,
                    userFactors, itemFactors, options.biases() ? userBias : null, options.biases() ? itemBias : null,
                    global[0], range, new FoldInL2(options.l2(), options.biasL2()));
        }

        @Override
        public int[] blockStarts() {
            return blockStarts;
        }

        @Override
        public boolean blocksFormGrid() {
            return blockStarts != null;
        }

        @Override
        public int exampleCount() {
            return train.size();
        }

        /** Users own their factor rows: with threads, each user's ratings go to one thread. */
        @Override
        public int[] partitionKeys() {
            return Trainable.keys(train.size(), this::exampleUser);
        }

        /**
         * Items are the strata: with threads, rounds in which each thread's items are a contiguous range
         * of its own. Shared, hot item rows and the item biases (16 to a cache line) otherwise bounce
         * between the cores' caches and cost much of the second thread's gain (docs/BENCHMARKS.md).
         */
        @Override
        public int[] stratumKeys() {
            return Trainable.keys(train.size(), this::exampleItem);
        }

        int exampleUser(int example) {
            return examples[3 * example];
        }

        int exampleItem(int example) {
            return examples[3 * example + 1];
        }

        float exampleRating(int example) {
            return Float.intBitsToFloat(examples[3 * example + 2]);
        }

        @Override
        public Map<String, float[]> parameters() {
            Map<String, float[]> tables = new LinkedHashMap<>();
            tables.put("user_factors", userFactors);
            tables.put("item_factors", itemFactors);
            if (options.biases()) {
                tables.put("user_bias", userBias);
                tables.put("item_bias", itemBias);
            }
            tables.put("global_bias", global);
            return tables;
        }

        float predict(int user, int item) {
            return MatrixFactorizationModel.output(rawScore(user, item), range);
        }

        float rawScore(int user, int item) {
            return MatrixFactorizationModel.rawScore(global[0], userFactors, itemFactors,
                    options.biases() ? userBias : null, itemBias, dim, user, item);
        }

        /** The objective's value for one example (the data loss plus the example's regularization). */
        double exampleObjective(int row) {
            int u = exampleUser(row);
            int i = exampleItem(row);
            double value = options.loss().value(predict(u, i), exampleRating(row));
            value += options.l2() * (Vectors.dot(userFactors, u * dim, userFactors, u * dim, dim)
                    + Vectors.dot(itemFactors, i * dim, itemFactors, i * dim, dim));
            if (options.biases()) {
                value += options.biasL2() * (userBias[u] * userBias[u] + itemBias[i] * itemBias[i]);
            }
            return value;
        }

        @Override
        public Worker newWorker(long seed, int threads) {
            return new MfWorker(this, threads);
        }

        @Override
        public Map<String, Double> validate() {
            if (validation == null || validation.size() == 0) {
                return Map.of();
            }
            double squared = 0;
            double absolute = 0;
            double loss = 0;
            for (int row = 0; row < validation.size(); row++) {
                float p = predict(validation.user(row), validation.item(row));
                float y = validation.rating(row);
                squared += (p - y) * (double) (p - y);
                absolute += Math.abs(p - y);
                loss += options.loss().value(p, y);
            }
            int n = validation.size();
            return Map.of("loss", loss / n, "rmse", Math.sqrt(squared / n), "mae", absolute / n);
        }
    }

    /** One training thread's plain-SGD loop with batch size 1 (see {@link Objective#fusedSgd}). */
    static final class FusedSgd implements FactorKernels.StepRule {
        /** Examples gathered per chunk in a shuffled order; their factor rows fit in L2 cache. */
        static final int GATHER = 64;
        /**
         * Runs of each grid cell that take turns in the blocked order ({@link ExampleGrid#interleave}) when
         * the global bias stays fixed: consecutive steps then write different user rows, and the CPU
         * overlaps them (in-cache epochs 19-25% shorter). A trained global bias makes every step wait for
         * the last one's change of it anyway, and with it this order gave a worse test RMSE than plain
         * user order (docs/BENCHMARKS.md), so it keeps the plain order.
         */
        static final int INTERLEAVED_RUNS = 4;
        /**
         * Item-factor bytes of one grid block ({@link ExampleGrid#side(int, int, int, int, long)}): twice the
         * default, since plain SGD keeps no optimizer state beside the rows. At ML-25M size (d = 64, {@code
         * mf-sgd}) epochs took 0.68-0.70 s on one thread with grid side 12-16, against 0.75-0.77 s with side 29
         * (blocks of the default) and 0.76-0.81 s with side 8; two threads 0.35 s with side 15 against
         * 0.38-0.39 s with side 29 (docs/BENCHMARKS.md).
         */
        static final long BLOCK_ITEM_BYTES = 1L << 20;
        private static final int FLOATS_PER_CACHE_LINE = 16;
        private final Objective o;
        private final int[] chunkUsers = new int[GATHER];
        private final int[] chunkItems = new int[GATHER];
        private final float[] chunkRatings = new float[GATHER];
        /** Keeps the JIT from dropping the prefetching reads; its value means nothing. */
        float prefetchSink;
        /**
         * Whether {@link #train} gathers chunks and reads their rows ahead: only in a shuffled order. With
         * the blocked order at ML-25M size, one-thread epochs took 1.07-1.11 s with the reads, 0.95-0.99 s
         * without and 0.91-0.93 s without gathering either; two threads 0.56-0.58 s with the reads and
         * 0.50-0.56 s without (docs/BENCHMARKS.md).
         */
        private final boolean prefetch;
        /** The number of training threads, which share this thread's change of the global bias (see {@link #train}). */
        private final int threads;
        /** This thread's copy of the global bias during {@link #train}. */
        private float localGlobal;
        /** The example of the running {@link #sgdStep}, and what {@link #gradientScale} found for it. */
        private int stepUser;
        private int stepItem;
        private float stepRating;
        private float stepRate;
        private float stepPrediction;
        private float stepDerivative;

        FusedSgd(Objective objective, int threads) {
            this(objective, threads, objective.blockStarts == null);
        }

        /** With the chunked, reading-ahead loop or without it regardless of the order (for tests). */
        FusedSgd(Objective objective, int threads, boolean prefetch) {
            this.o = objective;
            this.threads = threads;
            this.prefetch = prefetch;
        }

        /**
         * Plain SGD over {@code order[from..to)} (or, with no order, examples {@code from..to} in their own
         * order, as a grid's epochs have them): in a blocked order one example after the other (for
         * {@link Objective#biasedSquared} in one kernel call), in a shuffled order {@link #GATHER} at a time
         * through {@link #trainGathered}.
         */
        double train(int[] order, int from, int to, float rate) {
            // Every rating updates the global bias: one shared float written by every step of every thread
            // would bounce its cache line between cores, so each thread updates a copy and adds its share of
            // the change (see Trainable#newWorker).
            float globalAtStart = o.global[0];
            localGlobal = globalAtStart;
            double lossSum = 0;
            if (prefetch) {
                lossSum = trainGathered(order, from, to, rate);
            } else if (o.biasedSquared) {
                lossSum = FactorKernels.biasedSquaredSgd(o.examples, order, from, to, o.userFactors, o.itemFactors,
                        o.userBias, o.itemBias, o.dim, localGlobal, rate, shrink(rate), biasDecay());
            } else {
                int[] examples = o.examples;
                for (int k = from; k < to; k++) {
                    int example = 3 * (order == null ? k : order[k]);
                    lossSum += sgdStep(examples[example], examples[example + 1],
                            Float.intBitsToFloat(examples[example + 2]), rate);
                }
            }
            synchronized (o.global) { // threads add their changes one at a time: none is lost
                o.global[0] += (localGlobal - globalAtStart) / threads;
            }
            return lossSum;
        }

        /**
         * {@link #train} in a shuffled order, {@link #GATHER} examples at a time: first the chunk's ratings
         * are gathered into small arrays and one float of every cache line of their factor rows and biases
         * is read, a loop of independent loads whose cache misses the CPU overlaps (Java has no prefetch
         * instruction); then the updates run on rows already in cache. Without this, every example of a
         * shuffled order waits on its own misses one after another. In a blocked order the rows are
         * mostly in cache already and the gathering costs more than it hides (see {@link #prefetch}).
         */
        private double trainGathered(int[] order, int from, int to, float rate) {
            double lossSum = 0;
            float sink = 0;
            float[] p = o.userFactors;
            float[] q = o.itemFactors;
            int[] examples = o.examples;
            float[] userBias = o.userBias;
            float[] itemBias = o.itemBias;
            int dim = o.dim;
            for (int start = from; start < to; start += GATHER) {
                int count = Math.min(GATHER, to - start);
                float touched = 0;
                for (int j = 0; j < count; j++) {
                    int example = 3 * order[start + j];
                    int u = examples[example];
                    int i = examples[example + 1];
                    chunkUsers[j] = u;
                    chunkItems[j] = i;
                    chunkRatings[j] = Float.intBitsToFloat(examples[example + 2]);
                    for (int k = 0; k < dim; k += FLOATS_PER_CACHE_LINE) {
                        touched += p[u * dim + k] + q[i * dim + k];
                    }
                    touched += userBias[u] + itemBias[i];
                }
                sink += touched;
                for (int j = 0; j < count; j++) {
                    lossSum += sgdStep(chunkUsers[j], chunkItems[j], chunkRatings[j], rate);
                }
            }
            prefetchSink = sink;
            return lossSum;
        }

        /**
         * One plain-SGD step on the rating {@code y} of user {@code u} for item {@code i}, fused into
         * one pass over the two factor rows with no gradient buffer ({@link FactorKernels#sgdStep}, with
         * {@link #gradientScale} between the dot product and the update): the same update as
         * {@link MfWorker#accumulate} with scale 1 followed by an SGD flush (both gradients are taken at the
         * old parameter values), up to rounding, except that the global bias is this worker's copy
         * (see {@link #train}). Returns the example's data loss.
         */
        double sgdStep(int u, int i, float y, float rate) {
            int dim = o.dim;
            stepUser = u;
            stepItem = i;
            stepRating = y;
            stepRate = rate;
            FactorKernels.sgdStep(o.userFactors, u * dim, o.itemFactors, i * dim, dim, shrink(rate), this);
            float d = stepDerivative;
            if (o.options.biases()) {
                float biasDecay = biasDecay();
                o.userBias[u] -= rate * (d + biasDecay * o.userBias[u]);
                o.itemBias[i] -= rate * (d + biasDecay * o.itemBias[i]);
            }
            if (o.options.trainMean()) {
                localGlobal -= rate * d;
            }
            return o.options.loss().value(stepPrediction, y);
        }

        /** What a step multiplies the factor rows by before it adds the gradient: {@code 1 − rate · 2λ}. */
        private float shrink(float rate) {
            return 1f - rate * 2f * (float) o.options.l2();
        }

        /** The bias's own term in its step, per unit of bias: {@code 2λ_b}. */
        private float biasDecay() {
            return 2f * (float) o.options.biasL2();
        }

        /** {@link #sgdStep}'s prediction and {@code rate · d} from the dot product of the example's rows. */
        @Override
        public float gradientScale(float dot) {
            float z = localGlobal + dot;
            if (o.options.biases()) {
                z += o.userBias[stepUser] + o.itemBias[stepItem];
            }
            // Tested here rather than in output(): with the linear output, OutputRange may never be loaded,
            // and the JIT does not inline a method whose signature names an unloaded class.
            float prediction = z;
            float outputSlope = 1f;
            if (o.range != null) {
                prediction = MatrixFactorizationModel.output(z, o.range);
                outputSlope = o.range.slope(prediction);
            }
            stepPrediction = prediction;
            stepDerivative = o.options.loss().derivative(prediction, stepRating) * outputSlope;
            return stepRate * stepDerivative;
        }
    }

    /** One training thread's gradient buffers and step counter, and its fused SGD loop. */
    static final class MfWorker implements Trainable.Worker {
        private final Objective o;
        final GradientBuffer users;
        final GradientBuffer items;
        final GradientBuffer userBiases;
        final GradientBuffer itemBiases;
        final GradientBuffer global;
        private long step;
        /**
         * The fused SGD loop's state, created by the training thread on its first call, in that thread's
         * own allocation buffer: the workers' per-step writes then never share a cache line.
         */
        private FusedSgd fused;
        private final int threads;

        MfWorker(Objective objective, int threads) {
            this.o = objective;
            this.threads = threads;
            int batch = objective.options.training().batchSize();
            this.users = new GradientBuffer(objective.train.userCount(), objective.dim, batch);
            this.items = new GradientBuffer(objective.train.itemCount(), objective.dim, batch);
            this.userBiases = new GradientBuffer(objective.train.userCount(), 1, batch);
            this.itemBiases = new GradientBuffer(objective.train.itemCount(), 1, batch);
            this.global = new GradientBuffer(1, 1, 1);
        }

        @Override
        public double train(int[] order, int from, int to, float rate) {
            if (o.fusedSgd) {
                if (fused == null) {
                    fused = new FusedSgd(o, threads);
                }
                step += to - from;
                return fused.train(order, from, to, rate);
            }
            int batchSize = o.options.training().batchSize();
            double lossSum = 0;
            for (int start = from; start < to; start += batchSize) {
                int end = Math.min(to, start + batchSize);
                float scale = 1f / (end - start);
                for (int k = start; k < end; k++) {
                    int example = order == null ? k : order[k];
                    catchUp(example);
                    lossSum += accumulate(example, scale);
                }
                step++;
                users.flush(o.userUpdater, rate, step);
                items.flush(o.itemUpdater, rate, step);
                if (o.options.biases()) {
                    userBiases.flush(o.userBiasUpdater, rate, step);
                    itemBiases.flush(o.itemBiasUpdater, rate, step);
                }
                if (o.options.trainMean()) {
                    global.flush(o.globalUpdater, rate, step);
                }
            }
            return lossSum;
        }

        @Override
        public void settle() {
            o.userUpdater.catchUpAll();
            o.itemUpdater.catchUpAll();
            o.userBiasUpdater.catchUpAll();
            o.itemBiasUpdater.catchUpAll();
            o.globalUpdater.catchUpAll();
        }

        /** Brings the rows example {@code row} reads up to date ({@link RowUpdater#catchUp}). */
        private void catchUp(int row) {
            int u = o.exampleUser(row);
            int i = o.exampleItem(row);
            o.userUpdater.catchUp(u);
            o.itemUpdater.catchUp(i);
            o.userBiasUpdater.catchUp(u);
            o.itemBiasUpdater.catchUp(i);
            o.globalUpdater.catchUp(0);
        }

        /**
         * Adds {@code scale} times the gradient of {@link Objective#exampleObjective} for rating
         * {@code row} to the buffers and returns the example's data loss.
         */
        double accumulate(int row, float scale) {
            int dim = o.dim;
            int u = o.exampleUser(row);
            int i = o.exampleItem(row);
            float y = o.exampleRating(row);
            float z = o.rawScore(u, i);
            float prediction = MatrixFactorizationModel.output(z, o.range);
            float outputSlope = 1f;
            if (o.range != null) {
                outputSlope = o.range.slope(prediction);
            }
            float d = o.options.loss().derivative(prediction, y) * outputSlope * scale;
            float decay = 2f * (float) o.options.l2() * scale;
            int uo = users.offset(u);
            float[] ug = users.gradient();
            int io = items.offset(i);
            float[] ig = items.gradient();
            int ub = u * dim;
            int ib = i * dim;
            float[] p = o.userFactors;
            float[] q = o.itemFactors;
            for (int k = 0; k < dim; k++) {
                float pk = p[ub + k];
                float qk = q[ib + k];
                ug[uo + k] += d * qk + decay * pk;
                ig[io + k] += d * pk + decay * qk;
            }
            if (o.options.biases()) {
                float biasDecay = 2f * (float) o.options.biasL2() * scale;
                // offset() may grow the array, and Java evaluates an array reference before its index.
                int ubo = userBiases.offset(u);
                userBiases.gradient()[ubo] += d + biasDecay * o.userBias[u];
                int ibo = itemBiases.offset(i);
                itemBiases.gradient()[ibo] += d + biasDecay * o.itemBias[i];
            }
            if (o.options.trainMean()) {
                global.gradient()[global.offset(0)] += d;
            }
            return o.options.loss().value(prediction, y);
        }
    }

    /**
     * Hyperparameters of matrix factorization; start from {@link #defaults()} and change them with the
     * withers, or read a config map with {@link #TABLE}.
     *
     * @param dimensions embedding width
     * @param l2 λ on user and item factors (per occurrence, see the class comment)
     * @param biasL2 λ_b on user and item biases
     * @param biases whether to learn user and item biases
     * @param trainMean whether the global bias is trained (else it stays where it starts: the training
     *     ratings' mean, or with the sigmoid output the score whose output is that mean)
     * @param sigmoid whether the output is a sigmoid scaled to [rangeLow, rangeHigh]
     * @param rangeLow low end of the sigmoid range; NaN = the training data's minimum rating
     * @param rangeHigh high end of the sigmoid range; NaN = the training data's maximum rating
     * @param loss training loss
     * @param training epochs, optimizer, learning rate, initializer, seed, threads, early stopping
     */
    public record Options(int dimensions, double l2, double biasL2, boolean biases, boolean trainMean, boolean sigmoid,
            double rangeLow, double rangeHigh, Loss loss, TrainingOptions training) implements TrainerOptions<Options> {
        /** Validates every value; messages name the offending one. */
        public Options {
            require(dimensions >= 1 && dimensions <= 4096, "dimensions must be in [1, 4096], got " + dimensions);
            require(l2 >= 0 && Double.isFinite(l2), "l2 must be finite and >= 0, got " + l2);
            require(biasL2 >= 0 && Double.isFinite(biasL2), "biasL2 must be finite and >= 0, got " + biasL2);
            require(Double.isNaN(rangeLow) || Double.isNaN(rangeHigh) || rangeLow < rangeHigh,
                    "rangeLow must be < rangeHigh, got [" + rangeLow + ", " + rangeHigh + "]");
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(training, "training");
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        /**
         * The defaults, tuned on ml-latest-small: biased, sigmoid-range MF with 64 dimensions, λ = 0.1,
         * λ_b = 0.01, MSE, Adam at 0.005 for 20 epochs of batches of 64, normal initialization with
         * standard deviation 0.05, seed 42, one thread; early stopping with restore-best on the RMSE of a
         * 5% per-user validation part of the training data ({@link TrainingOptions#DEFAULT_PATIENCE}, the
         * 20 epochs a maximum).
         */
        public static Options defaults() {
            return new Options(64, 0.1, 0.01, true, true, true, Double.NaN, Double.NaN, Loss.MSE,
                    new TrainingOptions(20, 64, Optimizer.ADAM, LearningRateSchedule.constant(0.005),
                            Initializer.NORMAL, 0.05, 42, 1, TrainingOptions.DEFAULT_PATIENCE,
                            TrainingOptions.DEFAULT_VALIDATION));
        }

        /** The keys of these options in config and model files; {@code rangeLow}/{@code rangeHigh} also take "data". */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(MatrixFactorizationModel.KIND)
                .add("dimensions", "embedding width", OptionType.INTEGER, Options::dimensions, Options::withDimensions)
                .add("l2", "L2 on factors, per rating", OptionType.NUMBER, Options::l2, Options::withL2)
                .add("biasL2", "L2 on biases, per rating", OptionType.NUMBER, Options::biasL2, Options::withBiasL2)
                .add("biases", "learn user and item biases", OptionType.FLAG, Options::biases, Options::withBiases)
                .add("trainMean", "train the global bias (else it stays the training mean)", OptionType.FLAG,
                        Options::trainMean, Options::withTrainMean)
                .add("sigmoid", "sigmoid output scaled to [rangeLow, rangeHigh] (else linear)", OptionType.FLAG,
                        Options::sigmoid, Options::withSigmoid)
                .add("rangeLow", "low end of the sigmoid range, or data", OptionType.NUMBER_OR_DATA, Options::rangeLow,
                        Options::withRangeLow)
                .add("rangeHigh", "high end of the sigmoid range, or data", OptionType.NUMBER_OR_DATA, Options::rangeHigh,
                        Options::withRangeHigh)
                .add("loss", "MSE or MAE", OptionType.choice(Loss.class), Options::loss, Options::withLoss)
                .nest(TrainingOptions.TABLE, Options::training, Options::withTraining);

        public Options withDimensions(int value) {
            return new Options(value, l2, biasL2, biases, trainMean, sigmoid, rangeLow, rangeHigh, loss, training);
        }

        public Options withL2(double value) {
            return new Options(dimensions, value, biasL2, biases, trainMean, sigmoid, rangeLow, rangeHigh, loss, training);
        }

        public Options withBiasL2(double value) {
            return new Options(dimensions, l2, value, biases, trainMean, sigmoid, rangeLow, rangeHigh, loss, training);
        }

        public Options withBiases(boolean value) {
            return new Options(dimensions, l2, biasL2, value, trainMean, sigmoid, rangeLow, rangeHigh, loss, training);
        }

        public Options withTrainMean(boolean value) {
            return new Options(dimensions, l2, biasL2, biases, value, sigmoid, rangeLow, rangeHigh, loss, training);
        }

        public Options withSigmoid(boolean value) {
            return new Options(dimensions, l2, biasL2, biases, trainMean, value, rangeLow, rangeHigh, loss, training);
        }

        public Options withRangeLow(double value) {
            return new Options(dimensions, l2, biasL2, biases, trainMean, sigmoid, value, rangeHigh, loss, training);
        }

        public Options withRangeHigh(double value) {
            return new Options(dimensions, l2, biasL2, biases, trainMean, sigmoid, rangeLow, value, loss, training);
        }

        /** The sigmoid output range; NaN ends come from the training data. */
        public Options withRange(double low, double high) {
            return new Options(dimensions, l2, biasL2, biases, trainMean, sigmoid, low, high, loss, training);
        }

        public Options withLoss(Loss value) {
            return new Options(dimensions, l2, biasL2, biases, trainMean, sigmoid, rangeLow, rangeHigh, value, training);
        }

        @Override
        public OptionTable<Options> table() {
            return TABLE;
        }

        @Override
        public Options withTraining(TrainingOptions value) {
            return new Options(dimensions, l2, biasL2, biases, trainMean, sigmoid, rangeLow, rangeHigh, loss, value);
        }
    }
}
