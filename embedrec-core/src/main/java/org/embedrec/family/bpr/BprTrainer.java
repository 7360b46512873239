package org.embedrec.family.bpr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.data.Ratings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Recommender;
import org.embedrec.model.Vectors;
import org.embedrec.train.FactorKernels;
import org.embedrec.train.GradientBuffer;
import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Optimizer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.RowUpdater;
import org.embedrec.train.TrainerOptions;
import org.embedrec.train.TrainingOptions;
import org.embedrec.model.Provenance;
import org.embedrec.model.TrainingFacts;

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
 * tutorials' configuration; more dimensions and epochs rank slightly better at a higher cost
 * (docs/BENCHMARKS.md has the figures). Regularization matters most: BPR treats every unseen item as a
 * negative, and with λ ≤ 0.001 the model memorizes each user's unseen items as dislikes; λ ≥ 0.02
 * underfits. One thread and one seed give bit-identical models.
 *
 * <p>Speed: each mini-batch first draws its negatives and touches the rows they will update (a
 * software prefetch), the inner loops are {@link FactorKernels} (SIMD with
 * {@code --add-modules jdk.incubator.vector}), and at ML-25M size the positives are visited in a
 * blocked (user block × item block) order (on smaller data, threads own disjoint users instead);
 * measured speeds are in docs/BENCHMARKS.md.
 */
public final class BprTrainer extends PairwiseTrainer<BprModel> {
    /** A trainer with the given options ({@code tagDimensions} is the genre model's and unused here). */
    public BprTrainer(Options options) {
        super(options, Options.TABLE);
    }

    @Override
    public String kind() {
        return BprModel.KIND;
    }

    @Override
    protected Objective objective(Ratings train, Ratings validation, ItemCatalog catalog, SplittableRandom random) {
        return new Objective(train, validation, catalog, options(), random);
    }

    /** The parameters of BPR-MF and the gradient of one triplet; package-private for the gradient check. */
    static final class Objective extends PairwiseObjective<BprModel> {
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
            options.training().initializer().fill(userFactors, train.userCount(), dim, options.training().initScale(), random);
            options.training().initializer().fill(itemFactors, train.itemCount(), dim, options.training().initScale(), random);
            this.userUpdater = options.training().optimizer().newUpdater(userFactors, dim);
            this.itemUpdater = options.training().optimizer().newUpdater(itemFactors, dim);
            this.itemBiasUpdater = options.training().optimizer().newUpdater(itemBias, 1);
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

        @Override
        public BprModel model(Ratings train, ItemCatalog catalog, ModelInfo info) {
            return model(true, info);
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
        public Worker newWorker(long seed, int threads) {
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
            int batch = objective.options.training().batchSize();
            this.users = new GradientBuffer(objective.train.userCount(), objective.dim, batch);
            this.items = new GradientBuffer(objective.train.itemCount(), objective.dim, 2 * batch);
            this.itemBiases = new GradientBuffer(objective.train.itemCount(), 1, 2 * batch);
        }

        @Override
        float score(int user, int item) {
            return o.score(user, item);
        }

        @Override
        void catchUp(int user, int item) {
            o.userUpdater.catchUp(user);
            o.itemUpdater.catchUp(item);
            if (o.options.itemBias()) {
                o.itemBiasUpdater.catchUp(item);
            }
        }

        @Override
        public void settle() {
            o.userUpdater.catchUpAll();
            o.itemUpdater.catchUpAll();
            if (o.options.itemBias()) {
                o.itemBiasUpdater.catchUpAll();
            }
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
     * Hyperparameters of both BPR models ({@link BprTrainer} and {@link GenreBprTrainer}); start from
     * {@link #defaults()} or {@link #tutorial()} and change them with the withers, or read a config map
     * with {@link #TABLE} ({@link GenreBprTrainer#TABLE} for the genre model).
     *
     * @param dimensions width of the user and item vectors (for the genre model: item plus tag part)
     * @param tagDimensions width of the genre tag part (genre model only, whose table alone has this
     *     key; must be below {@code dimensions} there)
     * @param l2 λ on every embedding row and item bias a triplet touches, per occurrence (genre tag
     *     embeddings are not regularized: nearly every triplet touches them)
     * @param itemBias whether scores add a learned per-item bias
     * @param loss pairwise loss on the score margin
     * @param negatives how negatives are drawn
     * @param popularityExponent exponent of {@link NegativeSampling#POPULARITY}
     * @param positiveThreshold which training ratings are positive interactions
     * @param training epochs (one epoch draws one triplet per positive interaction), triplets per
     *     step, optimizer, learning rate, initializer, seed, threads, early stopping on validation NDCG@10
     */
    public record Options(int dimensions, int tagDimensions, double l2, boolean itemBias, PairwiseLoss loss,
            NegativeSampling negatives, double popularityExponent, PositiveThreshold positiveThreshold,
            TrainingOptions training) implements TrainerOptions<Options> {
        /** Validates every value; messages name the offending one. */
        public Options {
            require(dimensions >= 1 && dimensions <= 4096, "dimensions must be in [1, 4096], got " + dimensions);
            require(tagDimensions >= 1 && tagDimensions <= 4096, "tagDimensions must be in [1, 4096], got " + tagDimensions);
            require(l2 >= 0 && Double.isFinite(l2), "l2 must be finite and >= 0, got " + l2);
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(negatives, "negatives");
            require(popularityExponent >= 0 && popularityExponent <= 2,
                    "popularityExponent must be in [0, 2], got " + popularityExponent);
            Objects.requireNonNull(positiveThreshold, "positiveThreshold");
            Objects.requireNonNull(training, "training");
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        /**
         * The defaults, tuned on ml-latest-small (see the trainer's class comment): 48 dimensions (16 of
         * them genre tags in the genre model), λ = 0.01, item bias, the BPR loss, uniform negatives that
         * exclude the user's positives, ratings ≥ 4 as positives, Adam at 0.006 for 14 epochs of batches
         * of 64, normal initialization with standard deviation 0.05, seed 42, one thread; early stopping
         * with restore-best on NDCG@10 of a 5% per-user validation part of the training data
         * ({@link TrainingOptions#DEFAULT_PATIENCE}, the epochs a maximum).
         */
        public static Options defaults() {
            return new Options(48, 16, 0.01, true, PairwiseLoss.BPR, NegativeSampling.UNIFORM_EXCLUDING_POSITIVES, 0.75,
                    PositiveThreshold.DEFAULT, new TrainingOptions(14, 64, Optimizer.ADAM,
                            LearningRateSchedule.constant(0.006), Initializer.NORMAL, 0.05, 42, 1,
                            TrainingOptions.DEFAULT_PATIENCE, TrainingOptions.DEFAULT_VALIDATION));
        }

        /**
         * The Keras triplet tutorial's procedure (doc 004, as /work/shared/peers/seed_models.py
         * {@code bpr} reproduces it): 100 dimensions, no item bias, Keras 1's dense Adam
         * ({@link Optimizer#ADAM_DENSE}: every row moves at every step, ε = 1e-8 outside the bias
         * correction) at 0.001, batch 64 (the mean loss of the batch, last batch partial), a fresh
         * shuffle per epoch, 10 epochs, negatives uniform over every item id, positives included
         * ({@link NegativeSampling#UNIFORM_ALL_ITEMS}), the {@code 1 - σ} loss, no regularization,
         * Keras's uniform ±0.05 embedding initializer, ratings ≥ 4 as positives; and as the tutorial, no
         * validation part and no early stopping: every epoch trains on all of the training data.
         */
        public static Options tutorial() {
            return defaults().withDimensions(100).withItemBias(false).withNegatives(NegativeSampling.UNIFORM_ALL_ITEMS)
                    .withLoss(PairwiseLoss.ONE_MINUS_SIGMOID).withL2(0)
                    .withTraining(defaults().training().withOptimizer(Optimizer.ADAM_DENSE)
                            .withLearningRate(LearningRateSchedule.constant(0.001)).withBatchSize(64).withEpochs(10)
                            .withInitializer(Initializer.UNIFORM).withInitScale(0.05).withPatience(0));
        }

        /**
         * The keys of the {@code bpr} model's options in config and model files (all but
         * {@code tagDimensions}); {@code positiveThreshold} is a number or {@code "all"}.
         */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(BprModel.KIND)
                .add("dimensions", "width of the user and item vectors", OptionType.INTEGER, Options::dimensions,
                        Options::withDimensions)
                .add("l2", "L2 on the rows a triplet touches, per occurrence", OptionType.NUMBER, Options::l2,
                        Options::withL2)
                .add("itemBias", "scores add a learned per-item bias", OptionType.FLAG, Options::itemBias,
                        Options::withItemBias)
                .add("loss", "BPR (-log sigmoid) or ONE_MINUS_SIGMOID (the tutorials)", OptionType.choice(PairwiseLoss.class),
                        Options::loss, Options::withLoss)
                .add("negatives", "UNIFORM, UNIFORM_ALL_ITEMS, UNIFORM_EXCLUDING_POSITIVES, POPULARITY or WARP",
                        OptionType.choice(NegativeSampling.class), Options::negatives, Options::withNegatives)
                .add("popularityExponent", "exponent of POPULARITY sampling", OptionType.NUMBER,
                        Options::popularityExponent, Options::withPopularityExponent)
                .add("positiveThreshold", "ratings >= T are positive interactions; 'all' = every rating",
                        OptionType.text(PositiveThreshold::parse), Options::positiveThreshold,
                        Options::withPositiveThreshold)
                .nest(TrainingOptions.TABLE, Options::training, Options::withTraining);

        public Options withDimensions(int value) {
            return new Options(value, tagDimensions, l2, itemBias, loss, negatives, popularityExponent, positiveThreshold,
                    training);
        }

        public Options withTagDimensions(int value) {
            return new Options(dimensions, value, l2, itemBias, loss, negatives, popularityExponent, positiveThreshold,
                    training);
        }

        public Options withL2(double value) {
            return new Options(dimensions, tagDimensions, value, itemBias, loss, negatives, popularityExponent,
                    positiveThreshold, training);
        }

        public Options withItemBias(boolean value) {
            return new Options(dimensions, tagDimensions, l2, value, loss, negatives, popularityExponent,
                    positiveThreshold, training);
        }

        public Options withLoss(PairwiseLoss value) {
            return new Options(dimensions, tagDimensions, l2, itemBias, value, negatives, popularityExponent,
                    positiveThreshold, training);
        }

        public Options withNegatives(NegativeSampling value) {
            return new Options(dimensions, tagDimensions, l2, itemBias, loss, value, popularityExponent,
                    positiveThreshold, training);
        }

        public Options withPopularityExponent(double value) {
            return new Options(dimensions, tagDimensions, l2, itemBias, loss, negatives, value, positiveThreshold,
                    training);
        }

        public Options withPositiveThreshold(PositiveThreshold value) {
            return new Options(dimensions, tagDimensions, l2, itemBias, loss, negatives, popularityExponent, value,
                    training);
        }

        @Override
        public OptionTable<Options> table() {
            return TABLE;
        }

        @Override
        public Options withTraining(TrainingOptions value) {
            return new Options(dimensions, tagDimensions, l2, itemBias, loss, negatives, popularityExponent,
                    positiveThreshold, value);
        }
    }
}
