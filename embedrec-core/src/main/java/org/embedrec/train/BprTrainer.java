package org.embedrec.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.BprModel;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.Vectors;

/**
 * Trains a {@link BprModel} from implicit feedback by mini-batch SGD on sampled triplets
 * (Rendle et al., 2009):
 *
 * <pre>
 *   mean over positive training interactions (u, i), with j drawn by the negative sampler, of
 *       loss(s(u, i) - s(u, j)) + λ (|p_u|² + |q_i|² + |q_j|² + b_i² + b_j²)
 * </pre>
 *
 * where {@code s(u, i) = p_u · q_i + b_i} and the positives are the training ratings at or above
 * {@link Options#positiveThreshold()}. With {@code d = loss'(x)}: {@code ∂/∂p_u = d (q_i - q_j) + 2λ p_u},
 * {@code ∂/∂q_i = d p_u + 2λ q_i}, {@code ∂/∂q_j = -d p_u + 2λ q_j}, {@code ∂/∂b_i = d + 2λ b_i},
 * {@code ∂/∂b_j = -d + 2λ b_j}. One epoch draws one negative per positive interaction.
 *
 * <p>Every rating the user has, positive or not, is "seen": it is excluded from their
 * recommendations and from validation rankings, and the items with any training rating are the
 * ones the model knows and samples negatives from.
 *
 * <p>Tuning: the defaults ({@link Options#defaults()}: 48 dimensions, BPR loss, Adam 0.006, 14 epochs,
 * batch 64, λ = 0.01, negatives excluding positives, item bias) beat the tutorials' configuration
 * ({@link Options#tutorial()}) and most-popular on ml-latest-small while training faster than the
 * tutorials' configuration; 64 dimensions for 20 epochs rank slightly better (NDCG@10 0.202 against
 * 0.190) at 1.5 times the cost; see docs/BENCHMARKS.md. Regularization
 * matters most: BPR treats every unseen item as a negative, and with λ ≤ 0.001 the model memorizes each
 * user's unseen items as dislikes (NDCG@10 0.18 instead of 0.20); λ ≥ 0.02 underfits. One thread and
 * one seed give bit-identical models.
 *
 * <p>Speed: each mini-batch first draws its negatives and touches the rows they will update (a
 * software prefetch), the inner loops are {@link FactorKernels} (SIMD with
 * {@code --add-modules jdk.incubator.vector}), and at ML-25M size the positives are visited in a
 * blocked (user block × item block) order (on smaller data, threads own disjoint users instead); the
 * defaults then train an epoch of ML-25M size (13.1M positives) in about 4 s on two threads
 * (docs/BENCHMARKS.md).
 */
public final class BprTrainer implements RecommenderTrainer<BprModel> {
    private final Options options;

    /** A trainer with the given options. */
    public BprTrainer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this trainer. */
    public Options options() {
        return options;
    }

    @Override
    public Optional<PositiveThreshold> positiveThreshold() {
        return Optional.of(options.positiveThreshold());
    }

    @Override
    public String kind() {
        return BprModel.KIND;
    }

    @Override
    public Map<String, Object> optionsMap() {
        return options.toMap();
    }

    /**
     * {@inheritDoc} Validation reports the ranking metrics of {@link org.embedrec.eval.RankingMetrics}
     * (at K = 10) after every epoch; with {@link Options#patience()} above 0, training stops when
     * NDCG@10 has not improved for that many epochs and keeps the best epoch.
     */
    @Override
    public BprModel fit(Ratings train, Ratings validation, ItemCatalog catalog, TrainingListener listener) {
        RecommenderTrainer.checkInputs(train, validation, catalog);
        SplittableRandom random = new SplittableRandom(options.seed());
        Objective objective = new Objective(train, validation, catalog, options, random.split());
        List<EpochRecord> history = TrainingLoop.run(objective, loopSettings(options, random.nextLong()), listener);
        ModelInfo info = new ModelInfo(BprModel.KIND, options.toMap(), Provenance.of(train.fingerprint()), history, Map.of());
        return objective.model(true, info);
    }

    static TrainingLoop.Settings loopSettings(Options options, long seed) {
        return new TrainingLoop.Settings(options.epochs(), options.threads(), seed, options.schedule(),
                options.patience(), PairwiseObjective.MONITOR);
    }

    /** The parameters of BPR-MF and the gradient of one triplet; package-private for the gradient check. */
    static final class Objective extends PairwiseObjective {
        final ItemCatalog catalog;
        final int dim;
        final float[] userFactors;
        final float[] itemFactors;
        final float[] itemBias;
        final RowUpdater userUpdater;
        final RowUpdater itemUpdater;
        final RowUpdater itemBiasUpdater;

        Objective(Ratings train, Ratings validation, ItemCatalog catalog, Options options, SplittableRandom random) {
            super(train, validation, options);
            this.catalog = catalog;
            this.dim = options.dimensions();
            this.userFactors = new float[train.userCount() * dim];
            this.itemFactors = new float[train.itemCount() * dim];
            this.itemBias = new float[train.itemCount()];
            options.initializer().fill(userFactors, train.userCount(), dim, options.initScale(), random);
            options.initializer().fill(itemFactors, train.itemCount(), dim, options.initScale(), random);
            this.userUpdater = options.optimizer().newUpdater(userFactors, dim);
            this.itemUpdater = options.optimizer().newUpdater(itemFactors, dim);
            this.itemBiasUpdater = options.optimizer().newUpdater(itemBias, 1);
        }

        @Override
        public Map<String, float[]> parameters() {
            Map<String, float[]> tables = new LinkedHashMap<>();
            tables.put("user_factors", userFactors);
            tables.put("item_factors", itemFactors);
            if (options.itemBias()) {
                tables.put("item_bias", itemBias);
            }
            return tables;
        }

        BprModel model(boolean copy, ModelInfo info) {
            return new BprModel(new TrainingFacts(train.users(), catalog, interactions, info), dim,
                    copy ? userFactors.clone() : userFactors, copy ? itemFactors.clone() : itemFactors,
                    options.itemBias() ? (copy ? itemBias.clone() : itemBias) : null, options.positiveThreshold());
        }

        @Override
        Recommender currentModel() {
            return model(false, new ModelInfo(BprModel.KIND, Map.of(), Provenance.of(""), List.of(), Map.of()));
        }

        float score(int user, int item) {
            float s = Vectors.dot(userFactors, user * dim, itemFactors, item * dim, dim);
            return options.itemBias() ? s + itemBias[item] : s;
        }

        @Override
        double tripletObjective(int user, int positive, int negative) {
            double value = options.loss().value(score(user, positive) - score(user, negative));
            double squares = Vectors.dot(userFactors, user * dim, userFactors, user * dim, dim)
                    + Vectors.dot(itemFactors, positive * dim, itemFactors, positive * dim, dim)
                    + Vectors.dot(itemFactors, negative * dim, itemFactors, negative * dim, dim);
            if (options.itemBias()) {
                squares += itemBias[positive] * itemBias[positive] + itemBias[negative] * itemBias[negative];
            }
            return value + options.l2() * squares;
        }

        @Override
        public Worker newWorker(long seed) {
            return new BprWorker(this, seed);
        }
    }

    /** One training thread's gradient buffers. */
    static final class BprWorker extends PairwiseObjective.PairwiseWorker {
        private final Objective o;
        final GradientBuffer users;
        final GradientBuffer items;
        final GradientBuffer itemBiases;

        BprWorker(Objective objective, long seed) {
            super(objective, seed);
            this.o = objective;
            int batch = objective.options.batchSize();
            this.users = new GradientBuffer(objective.train.userCount(), objective.dim, batch);
            this.items = new GradientBuffer(objective.train.itemCount(), objective.dim, 2 * batch);
            this.itemBiases = new GradientBuffer(objective.train.itemCount(), 1, 2 * batch);
        }

        @Override
        float score(int user, int item) {
            return o.score(user, item);
        }

        @Override
        float touch(int u, int i, int j) {
            int dim = o.dim;
            float sum = FactorKernels.touch(o.userFactors, u * dim, dim) + FactorKernels.touch(o.itemFactors, i * dim, dim)
                    + FactorKernels.touch(o.itemFactors, j * dim, dim)
                    + o.userUpdater.touchState(u) + o.itemUpdater.touchState(i) + o.itemUpdater.touchState(j);
            if (o.options.itemBias()) {
                sum += o.itemBias[i] + o.itemBias[j] + o.itemBiasUpdater.touchState(i) + o.itemBiasUpdater.touchState(j);
            }
            return sum;
        }

        @Override
        double accumulate(int u, int i, int j, float scale) {
            int dim = o.dim;
            float[] p = o.userFactors;
            float[] q = o.itemFactors;
            int ub = u * dim;
            int ib = i * dim;
            int jb = j * dim;
            // One pass over p_u for both scores: the margin p_u · (q_i - q_j) + b_i - b_j.
            float x = FactorKernels.marginDot(p, ub, q, ib, jb, dim);
            if (o.options.itemBias()) {
                x += o.itemBias[i] - o.itemBias[j];
            }
            float d = o.options.loss().derivative(x) * scale;
            float decay = 2f * (float) o.options.l2() * scale;
            int uo = users.offset(u);
            float[] ug = users.gradient();
            int io = items.offset(i);
            int jo = items.offset(j);
            float[] ig = items.gradient();
            FactorKernels.pairGradient(p, ub, q, ib, jb, ug, uo, ig, io, jo, dim, d, decay);
            if (o.options.itemBias()) {
                // offset() may grow the array, and Java evaluates an array reference before its index.
                int bi = itemBiases.offset(i);
                int bj = itemBiases.offset(j);
                float[] bg = itemBiases.gradient();
                bg[bi] += d + decay * o.itemBias[i];
                bg[bj] += -d + decay * o.itemBias[j];
            }
            return o.options.loss().value(x);
        }

        @Override
        void flush(float rate, long step) {
            users.flush(o.userUpdater, rate, step);
            items.flush(o.itemUpdater, rate, step);
            if (o.options.itemBias()) {
                itemBiases.flush(o.itemBiasUpdater, rate, step);
            }
        }
    }

    /**
     * Hyperparameters of both BPR models ({@link BprTrainer} and {@link GenreBprTrainer}); build with
     * {@link #builder()}, start from {@link #defaults()} or {@link #tutorial()}, or read a config map
     * with {@link #fromMap}.
     *
     * @param dimensions width of the user and item vectors (for the genre model: item plus tag part)
     * @param tagDimensions width of the genre tag part (genre model only; must be below {@code dimensions} there)
     * @param epochs maximum epochs; one epoch draws one triplet per positive interaction
     * @param batchSize triplets per optimizer step
     * @param optimizer SGD, Adagrad or Adam
     * @param schedule learning rate per epoch
     * @param l2 λ on every embedding row and item bias a triplet touches, per occurrence (genre tag
     *     embeddings are not regularized: nearly every triplet touches them)
     * @param itemBias whether scores add a learned per-item bias
     * @param loss pairwise loss on the score margin
     * @param negatives how negatives are drawn
     * @param popularityExponent exponent of {@link NegativeSampling#POPULARITY}
     * @param positiveThreshold which training ratings are positive interactions
     * @param initializer initializer of the embedding tables (biases start at 0)
     * @param initScale scale of the initializer
     * @param seed seed of initialization, shuffling and sampling
     * @param threads training threads; 1 gives bit-identical models for one seed
     * @param patience early stopping patience in epochs on validation NDCG@10; 0 = off
     */
    public record Options(int dimensions, int tagDimensions, int epochs, int batchSize, Optimizer optimizer,
            LearningRateSchedule schedule, double l2, boolean itemBias, PairwiseLoss loss, NegativeSampling negatives,
            double popularityExponent, PositiveThreshold positiveThreshold, Initializer initializer, double initScale,
            long seed, int threads, int patience) {
        /** Validates every value; messages name the offending one. */
        public Options {
            require(dimensions >= 1 && dimensions <= 4096, "dimensions must be in [1, 4096], got " + dimensions);
            require(tagDimensions >= 1 && tagDimensions <= 4096, "tagDimensions must be in [1, 4096], got " + tagDimensions);
            require(epochs >= 1, "epochs must be >= 1, got " + epochs);
            require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
            Objects.requireNonNull(optimizer, "optimizer");
            Objects.requireNonNull(schedule, "schedule");
            require(l2 >= 0 && Double.isFinite(l2), "l2 must be finite and >= 0, got " + l2);
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(negatives, "negatives");
            require(popularityExponent >= 0 && popularityExponent <= 2,
                    "popularityExponent must be in [0, 2], got " + popularityExponent);
            Objects.requireNonNull(positiveThreshold, "positiveThreshold");
            Objects.requireNonNull(initializer, "initializer");
            require(initScale > 0 && Double.isFinite(initScale), "initScale must be > 0, got " + initScale);
            require(threads >= 1, "threads must be >= 1, got " + threads);
            require(patience >= 0, "patience must be >= 0, got " + patience);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        /** The defaults, tuned on ml-latest-small (see the trainer's class comment). */
        public static Options defaults() {
            return builder().build();
        }

        /**
         * The Keras triplet tutorials' configuration: 100 dimensions, no item bias, Adam 0.001, batch
         * 64, 10 epochs, uniform negatives, the {@code 1 - σ} loss, no regularization, Keras's
         * uniform ±0.05 embedding initializer, ratings ≥ 4 as positives.
         */
        public static Options tutorial() {
            return builder().dimensions(100).itemBias(false).optimizer(Optimizer.ADAM).learningRate(0.001)
                    .batchSize(64).epochs(10).negatives(NegativeSampling.UNIFORM).loss(PairwiseLoss.ONE_MINUS_SIGMOID)
                    .l2(0).initializer(Initializer.UNIFORM, 0.05).positiveThreshold(PositiveThreshold.DEFAULT).build();
        }

        /** A builder starting from the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder starting from these options. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** These options as a JSON-compatible map (stored in model files); {@link #fromMap} reads it back. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("dimensions", dimensions);
            map.put("tagDimensions", tagDimensions);
            map.put("epochs", epochs);
            map.put("batchSize", batchSize);
            map.put("optimizer", optimizer.name());
            map.put("learningRate", schedule.toString());
            map.put("l2", l2);
            map.put("itemBias", itemBias);
            map.put("loss", loss.name());
            map.put("negatives", negatives.name());
            map.put("popularityExponent", popularityExponent);
            map.put("positiveThreshold", positiveThreshold.toString());
            map.put("initializer", initializer.name());
            map.put("initScale", initScale);
            map.put("seed", seed);
            map.put("threads", threads);
            map.put("patience", patience);
            return map;
        }

        /**
         * Options from a config map with the keys of {@link #toMap()}; absent keys keep their
         * defaults. Enum values are case-insensitive names, {@code learningRate} a
         * {@link LearningRateSchedule} text, {@code positiveThreshold} a number or {@code "all"}.
         *
         * @throws IllegalArgumentException naming an unknown key, or the key and value that is malformed
         */
        public static Options fromMap(Map<String, ?> map) {
            OptionValues values = new OptionValues("BPR", map);
            Builder b = builder();
            values.integer("dimensions").ifPresent(b::dimensions);
            values.integer("tagDimensions").ifPresent(b::tagDimensions);
            values.integer("epochs").ifPresent(b::epochs);
            values.integer("batchSize").ifPresent(b::batchSize);
            values.choice("optimizer", Optimizer.class).ifPresent(b::optimizer);
            values.parsed("learningRate", LearningRateSchedule::parse).ifPresent(b::schedule);
            values.number("l2").ifPresent(b::l2);
            values.flag("itemBias").ifPresent(b::itemBias);
            values.choice("loss", PairwiseLoss.class).ifPresent(b::loss);
            values.choice("negatives", NegativeSampling.class).ifPresent(b::negatives);
            values.number("popularityExponent").ifPresent(b::popularityExponent);
            values.parsed("positiveThreshold", PositiveThreshold::parse).ifPresent(b::positiveThreshold);
            values.choice("initializer", Initializer.class).ifPresent(value -> b.initializer = value);
            values.number("initScale").ifPresent(value -> b.initScale = value);
            values.longInteger("seed").ifPresent(b::seed);
            values.integer("threads").ifPresent(b::threads);
            values.integer("patience").ifPresent(b::patience);
            values.rejectUnread();
            return b.build();
        }

        /** Mutable holder for building {@link Options}; every setter returns the builder. */
        public static final class Builder {
            private int dimensions = 48;
            private int tagDimensions = 16;
            private int epochs = 14;
            private int batchSize = 64;
            private Optimizer optimizer = Optimizer.ADAM;
            private LearningRateSchedule schedule = LearningRateSchedule.constant(0.006);
            private double l2 = 0.01;
            private boolean itemBias = true;
            private PairwiseLoss loss = PairwiseLoss.BPR;
            private NegativeSampling negatives = NegativeSampling.UNIFORM_EXCLUDING_POSITIVES;
            private double popularityExponent = 0.75;
            private PositiveThreshold positiveThreshold = PositiveThreshold.DEFAULT;
            private Initializer initializer = Initializer.NORMAL;
            private double initScale = 0.05;
            private long seed = 42;
            private int threads = 1;
            private int patience;

            private Builder() {
            }

            private Builder(Options o) {
                dimensions = o.dimensions;
                tagDimensions = o.tagDimensions;
                epochs = o.epochs;
                batchSize = o.batchSize;
                optimizer = o.optimizer;
                schedule = o.schedule;
                l2 = o.l2;
                itemBias = o.itemBias;
                loss = o.loss;
                negatives = o.negatives;
                popularityExponent = o.popularityExponent;
                positiveThreshold = o.positiveThreshold;
                initializer = o.initializer;
                initScale = o.initScale;
                seed = o.seed;
                threads = o.threads;
                patience = o.patience;
            }

            public Builder dimensions(int value) {
                dimensions = value;
                return this;
            }

            public Builder tagDimensions(int value) {
                tagDimensions = value;
                return this;
            }

            public Builder epochs(int value) {
                epochs = value;
                return this;
            }

            public Builder batchSize(int value) {
                batchSize = value;
                return this;
            }

            public Builder optimizer(Optimizer value) {
                optimizer = value;
                return this;
            }

            public Builder learningRate(double value) {
                schedule = LearningRateSchedule.constant(value);
                return this;
            }

            public Builder schedule(LearningRateSchedule value) {
                schedule = value;
                return this;
            }

            public Builder l2(double value) {
                l2 = value;
                return this;
            }

            public Builder itemBias(boolean value) {
                itemBias = value;
                return this;
            }

            public Builder loss(PairwiseLoss value) {
                loss = value;
                return this;
            }

            public Builder negatives(NegativeSampling value) {
                negatives = value;
                return this;
            }

            public Builder popularityExponent(double value) {
                popularityExponent = value;
                return this;
            }

            public Builder positiveThreshold(PositiveThreshold value) {
                positiveThreshold = value;
                return this;
            }

            public Builder initializer(Initializer value, double scale) {
                initializer = value;
                initScale = scale;
                return this;
            }

            public Builder seed(long value) {
                seed = value;
                return this;
            }

            public Builder threads(int value) {
                threads = value;
                return this;
            }

            public Builder patience(int value) {
                patience = value;
                return this;
            }

            /** Validates and builds the options. */
            public Options build() {
                return new Options(dimensions, tagDimensions, epochs, batchSize, optimizer, schedule, l2, itemBias, loss,
                        negatives, popularityExponent, positiveThreshold, initializer, initScale, seed, threads, patience);
            }
        }
    }
}
