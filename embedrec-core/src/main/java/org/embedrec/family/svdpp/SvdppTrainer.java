package org.embedrec.family.svdpp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.UserRatings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.Initializer;
import org.embedrec.train.LearningRateSchedule;
import org.embedrec.train.Loss;
import org.embedrec.train.Optimizer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.Trainable;
import org.embedrec.train.TrainerOptions;
import org.embedrec.train.TrainingOptions;

/**
 * Trains an {@link SvdppModel} by stochastic gradient descent on
 *
 * <pre>
 *   Σ_u J_u,   J_u = Σ_{i ∈ R(u)} [ loss(r̂_ui, r_ui) + λ (|p_u|² + |q_i|²) + λ_b (b_u² + b_i²) ]
 *                    + λ_y Σ_{j ∈ N(u)} |y_j|²
 * </pre>
 *
 * with {@code r̂_ui = μ + b_u + b_i + q_i · (p_u + z_u)}, {@code z_u = |N(u)|^-½ Σ_{j ∈ N(u)} y_j}
 * and {@code N(u) = R(u)}, the items u rated in the training data. With {@code d = loss'(r̂, r)}:
 * {@code ∂/∂b_u = d + 2λ_b b_u}, {@code ∂/∂p_u = d q_i + 2λ p_u}, {@code ∂/∂q_i = d (p_u + z_u) + 2λ q_i},
 * {@code ∂/∂μ = d} (when μ is trained; else it stays the training mean), and for every
 * {@code j ∈ N(u)}: {@code ∂J_u/∂y_j = |N(u)|^-½ Σ_{i ∈ R(u)} d_i q_i + 2λ_y y_j}.
 *
 * <p>Why it is fast: per-rating SGD as in the paper touches all of {@code y_j, j ∈ N(u)} for every
 * rating, O(|R(u)|² d) per user. Here the ratings are grouped by user: users come in a shuffled
 * order (the loop's blocks are the users), each user's ratings in a shuffled order of the worker's
 * own seeded stream; {@code z_u} is computed once when the user comes up, each rating then updates
 * {@code b_u, b_i, μ, p_u, q_i} at once and adds {@code d q_i} to an accumulator, and after the
 * user's last rating every {@code y_j} takes one step with the accumulated gradient. An epoch costs
 * O(ratings · d). Regularization is per occurrence, as in matrix factorization: {@code y_j} is
 * shrunk once per user who rated j (Koren's per-rating SGD shrinks it once per rating of each such
 * user, which weighs heavy users' items far more).
 *
 * <p>Threads train Hogwild-style, each on its own slice of the shuffled users; a slice boundary may
 * cut one user's ratings in two, and each part then steps y with its share of the user's ratings
 * (and of {@code λ_y}). One thread and one seed give bit-identical models.
 */
public final class SvdppTrainer extends EpochTrainer<SvdppTrainer.Options, SvdppModel> {
    /** A trainer with the given options. */
    public SvdppTrainer(Options options) {
        super(options, Options.TABLE);
    }

    @Override
    public String kind() {
        return SvdppModel.KIND;
    }

    /** Factors and a bias per user and per item, implicit factors per item, the global bias. */
    @Override
    protected double parameterCount(int users, int items) {
        return ((double) users + items) * (options().dimensions() + 1) + (double) items * options().dimensions() + 1;
    }

    /** A user's implicit sum, its accumulated gradient and its shuffled ratings. */
    @Override
    protected double bytesPerExample() {
        return 16.0 * options().dimensions();
    }

    @Override
    protected Objective objective(Ratings train, Ratings validation, ItemCatalog catalog, SplittableRandom random) {
        return new Objective(train, validation, options(), random);
    }

    /** The parameters being trained, the ratings grouped by user, and validation; package-private for the tests. */
    static final class Objective implements EpochTrainer.Objective<SvdppModel> {
        final Options options;
        final int dim;
        /** The training ratings by user: user u's are positions {@code userStarts[u] .. userStarts[u + 1]}. */
        final int[] userStarts;
        final int[] userOf;
        final int[] itemOf;
        final float[] ratingOf;
        final Ratings validation;
        final float[] userFactors;
        final float[] itemFactors;
        final float[] implicitFactors;
        final float[] userBias;
        final float[] itemBias;
        final float[] global = new float[1];
        final float low;
        final float high;

        Objective(Ratings train, Ratings validation, Options options, SplittableRandom random) {
            this.options = options;
            this.validation = validation;
            this.dim = options.dimensions();
            UserRatings byUser = train.byUser();
            int users = train.userCount();
            int items = train.itemCount();
            this.userStarts = new int[users + 1];
            this.userOf = new int[train.size()];
            this.itemOf = new int[train.size()];
            this.ratingOf = new float[train.size()];
            for (int user = 0; user < users; user++) {
                userStarts[user + 1] = byUser.end(user);
                for (int k = byUser.start(user); k < byUser.end(user); k++) {
                    int row = byUser.row(k);
                    userOf[k] = user;
                    itemOf[k] = train.item(row);
                    ratingOf[k] = train.rating(row);
                }
            }
            TrainingOptions training = options.training();
            this.userFactors = new float[users * dim];
            this.itemFactors = new float[items * dim];
            this.implicitFactors = new float[items * dim];
            training.initializer().fill(userFactors, users, dim, training.initScale(), random);
            training.initializer().fill(itemFactors, items, dim, training.initScale(), random);
            training.initializer().fill(implicitFactors, items, dim, training.initScale(), random);
            this.userBias = new float[users];
            this.itemBias = new float[items];
            this.global[0] = (float) train.mean();
            this.low = train.min();
            this.high = train.max();
        }

        @Override
        public int exampleCount() {
            return ratingOf.length;
        }

        /** The users are the blocks: the loop shuffles their order and keeps each user's ratings together. */
        @Override
        public int[] blockStarts() {
            return userStarts;
        }

        @Override
        public Map<String, float[]> parameters() {
            Map<String, float[]> tables = new LinkedHashMap<>();
            tables.put("user_factors", userFactors);
            tables.put("item_factors", itemFactors);
            tables.put("implicit_factors", implicitFactors);
            tables.put("user_bias", userBias);
            tables.put("item_bias", itemBias);
            tables.put("global_bias", global);
            return tables;
        }

        @Override
        public Trainable.Worker newWorker(long seed, int threads) {
            return new SvdppWorker(this, seed, threads);
        }

        /** {@code z_u} of every user at the current implicit factors, users × dim. */
        float[] userImplicit() {
            int users = userStarts.length - 1;
            float[] implicit = new float[users * dim];
            double[] scratch = new double[dim];
            for (int user = 0; user < users; user++) {
                SvdppModel.implicitSum(implicitFactors, dim, itemOf, userStarts[user], userStarts[user + 1], scratch,
                        implicit, user * dim);
            }
            return implicit;
        }

        @Override
        public Map<String, Double> validate() {
            if (validation == null || validation.size() == 0) {
                return Map.of();
            }
            float[] implicit = userImplicit();
            double squared = 0;
            double absolute = 0;
            double loss = 0;
            for (int row = 0; row < validation.size(); row++) {
                int user = validation.user(row);
                int item = validation.item(row);
                float dot = 0;
                for (int a = 0; a < dim; a++) {
                    dot += itemFactors[item * dim + a] * (userFactors[user * dim + a] + implicit[user * dim + a]);
                }
                float p = SvdppModel.clip(SvdppModel.raw(global[0], userBias[user], itemBias[item] + dot), low, high);
                float y = validation.rating(row);
                squared += (p - y) * (double) (p - y);
                absolute += Math.abs(p - y);
                loss += options.loss().value(p, y);
            }
            int n = validation.size();
            return Map.of("loss", loss / n, "rmse", Math.sqrt(squared / n), "mae", absolute / n);
        }

        @Override
        public SvdppModel model(Ratings train, ItemCatalog catalog, ModelInfo info) {
            SvdppModel.Parameters parameters = new SvdppModel.Parameters(dim, userFactors.clone(), itemFactors.clone(),
                    implicitFactors.clone(), userImplicit(), userBias.clone(), itemBias.clone(), global[0], low, high,
                    options.l2(), options.biasL2());
            return new SvdppModel(new TrainingFacts(train.users(), catalog, train.itemCounts(), info), parameters);
        }
    }

    /**
     * One training thread: takes the loop's examples in runs of one user's ratings and trains each
     * run as the class comment describes.
     */
    static final class SvdppWorker implements Trainable.Worker {
        private final Objective o;
        private final SplittableRandom random;
        private final float[] implicit;
        private final float[] accumulated;
        private final double[] scratch;
        private int[] run = new int[64];
        /** This worker's copy of μ during {@link #train}, so threads do not write one shared float per rating. */
        private float localGlobal;
        /** The number of training threads, which share this worker's change of μ (see {@link Trainable#newWorker}). */
        private final int threads;

        SvdppWorker(Objective objective, long seed, int threads) {
            this.o = objective;
            this.threads = threads;
            this.random = new SplittableRandom(seed);
            this.implicit = new float[objective.dim];
            this.accumulated = new float[objective.dim];
            this.scratch = new double[objective.dim];
        }

        @Override
        public double train(int[] order, int from, int to, float rate) {
            float globalAtStart = o.global[0];
            localGlobal = globalAtStart;
            double loss = 0;
            int start = from;
            while (start < to) {
                int user = o.userOf[order[start]];
                int end = start + 1;
                while (end < to && o.userOf[order[end]] == user) {
                    end++;
                }
                loss += trainUser(user, order, start, end, rate);
                start = end;
            }
            if (o.options.trainMean()) {
                synchronized (o.global) { // threads add their changes one at a time: none is lost
                    o.global[0] += (localGlobal - globalAtStart) / threads;
                }
            }
            return loss;
        }

        /** One user's ratings {@code order[from .. to)}, in a shuffled order; returns their data loss. */
        private double trainUser(int user, int[] order, int from, int to, float rate) {
            int dim = o.dim;
            int first = o.userStarts[user];
            int count = o.userStarts[user + 1] - first;
            SvdppModel.implicitSum(o.implicitFactors, dim, o.itemOf, first, first + count, scratch, implicit, 0);
            int length = to - from;
            if (run.length < length) {
                run = new int[Math.max(length, 2 * run.length)];
            }
            System.arraycopy(order, from, run, 0, length);
            shuffle(run, length);
            java.util.Arrays.fill(accumulated, 0f);
            float[] p = o.userFactors;
            float[] q = o.itemFactors;
            int ub = user * dim;
            float decay = 1f - rate * 2f * (float) o.options.l2();
            float biasDecay = 2f * (float) o.options.biasL2();
            boolean trainMean = o.options.trainMean();
            Loss lossFunction = o.options.loss();
            double loss = 0;
            for (int k = 0; k < length; k++) {
                int position = run[k];
                int item = o.itemOf[position];
                float target = o.ratingOf[position];
                int ib = item * dim;
                float dot = 0;
                for (int a = 0; a < dim; a++) {
                    dot += q[ib + a] * (p[ub + a] + implicit[a]);
                }
                float prediction = SvdppModel.raw(localGlobal, o.userBias[user], o.itemBias[item] + dot);
                float d = lossFunction.derivative(prediction, target);
                float step = rate * d;
                for (int a = 0; a < dim; a++) {
                    float pa = p[ub + a];
                    float qa = q[ib + a];
                    accumulated[a] += d * qa;
                    p[ub + a] = decay * pa - step * qa;
                    q[ib + a] = decay * qa - step * (pa + implicit[a]);
                }
                o.userBias[user] -= rate * (d + biasDecay * o.userBias[user]);
                o.itemBias[item] -= rate * (d + biasDecay * o.itemBias[item]);
                if (trainMean) {
                    localGlobal -= step;
                }
                loss += lossFunction.value(prediction, target);
            }
            stepImplicitFactors(first, count, length, rate);
            return loss;
        }

        /**
         * Steps every {@code y_j, j ∈ N(u)} (positions {@code first ..} of the user's {@code count}
         * ratings) with the gradient accumulated over {@code length} of them, and their share of
         * {@code λ_y}.
         */
        private void stepImplicitFactors(int first, int count, int length, float rate) {
            int dim = o.dim;
            float[] y = o.implicitFactors;
            float scale = (float) (1 / Math.sqrt(count));
            float decay = 1f - rate * 2f * (float) o.options.implicitL2() * length / count;
            for (int a = 0; a < dim; a++) {
                accumulated[a] *= rate * scale;
            }
            for (int k = first; k < first + count; k++) {
                int jb = o.itemOf[k] * dim;
                for (int a = 0; a < dim; a++) {
                    y[jb + a] = decay * y[jb + a] - accumulated[a];
                }
            }
        }

        /** Fisher-Yates over {@code values[0 .. length)} from this worker's stream. */
        private void shuffle(int[] values, int length) {
            for (int k = length - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int swap = values[k];
                values[k] = values[j];
                values[j] = swap;
            }
        }
    }

    /**
     * Hyperparameters of SVD++; start from {@link #defaults()} and change them with the withers, or
     * read a config map with {@link #TABLE}. Training is plain SGD, one rating at a time (the
     * optimizer must be SGD and the batch size 1).
     *
     * @param dimensions factor width
     * @param l2 λ on user and item factors {@code p, q}, per rating
     * @param implicitL2 λ_y on implicit factors {@code y}, per user who rated the item
     * @param biasL2 λ_b on user and item biases, per rating
     * @param trainMean whether μ is trained (else it stays the training ratings' mean)
     * @param loss training loss
     * @param training epochs, learning rate (schedule), initializer, seed, threads, early stopping
     */
    public record Options(int dimensions, double l2, double implicitL2, double biasL2, boolean trainMean, Loss loss,
            TrainingOptions training) implements TrainerOptions<Options> {
        /** Validates every value; messages name the offending one. */
        public Options {
            require(dimensions >= 1 && dimensions <= 4096, "dimensions must be in [1, 4096], got " + dimensions);
            require(l2 >= 0 && Double.isFinite(l2), "l2 must be finite and >= 0, got " + l2);
            require(implicitL2 >= 0 && Double.isFinite(implicitL2), "implicitL2 must be finite and >= 0, got " + implicitL2);
            require(biasL2 >= 0 && Double.isFinite(biasL2), "biasL2 must be finite and >= 0, got " + biasL2);
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(training, "training");
            require(training.optimizer() == Optimizer.SGD, "svdpp trains by plain SGD, one user's ratings at a time;"
                    + " optimizer must be SGD, got " + training.optimizer());
            require(training.batchSize() == 1, "svdpp trains by plain SGD, one rating per step; batchSize must be 1, got "
                    + training.batchSize());
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }

        /**
         * The defaults, chosen by validation on ml-latest-small and on a half of its users (docs/BENCHMARKS.md,
         * "SVD++"; {@code SvdppTuning} in the tests): 64 dimensions, λ = 0.05, λ_y = 3 (the implicit factors
         * overfit first: with λ_y = λ the validation error rises after epoch 10), λ_b = 0.005, μ fixed at
         * the mean, MSE, SGD at 0.015 decaying by 0.85 per epoch for 20 epochs (the error is flat by then,
         * so the run needs no early stopping, and loses nothing with it), normal initialization with
         * standard deviation 0.05, seed 42, one thread.
         */
        public static Options defaults() {
            return new Options(64, 0.05, 3, 0.005, false, Loss.MSE,
                    new TrainingOptions(20, 1, Optimizer.SGD, LearningRateSchedule.parse("0.015*0.85"),
                            Initializer.NORMAL, 0.05, 42, 1, 0, 0.1));
        }

        /** The keys of these options in config and model files. */
        public static final OptionTable<Options> TABLE = new OptionTable<Options>(SvdppModel.KIND)
                .add("dimensions", "factor width", OptionType.INTEGER, Options::dimensions, Options::withDimensions)
                .add("l2", "L2 on user and item factors, per rating", OptionType.NUMBER, Options::l2, Options::withL2)
                .add("implicitL2", "L2 on implicit item factors, per user who rated the item", OptionType.NUMBER,
                        Options::implicitL2, Options::withImplicitL2)
                .add("biasL2", "L2 on user and item biases, per rating", OptionType.NUMBER, Options::biasL2,
                        Options::withBiasL2)
                .add("trainMean", "train the global mean (else it stays the training mean)", OptionType.FLAG,
                        Options::trainMean, Options::withTrainMean)
                .add("loss", "MSE or MAE", OptionType.choice(Loss.class), Options::loss, Options::withLoss)
                .nest(TrainingOptions.TABLE, Options::training, Options::withTraining);

        public Options withDimensions(int value) {
            return new Options(value, l2, implicitL2, biasL2, trainMean, loss, training);
        }

        public Options withL2(double value) {
            return new Options(dimensions, value, implicitL2, biasL2, trainMean, loss, training);
        }

        public Options withImplicitL2(double value) {
            return new Options(dimensions, l2, value, biasL2, trainMean, loss, training);
        }

        public Options withBiasL2(double value) {
            return new Options(dimensions, l2, implicitL2, value, trainMean, loss, training);
        }

        public Options withTrainMean(boolean value) {
            return new Options(dimensions, l2, implicitL2, biasL2, value, loss, training);
        }

        public Options withLoss(Loss value) {
            return new Options(dimensions, l2, implicitL2, biasL2, trainMean, value, training);
        }

        @Override
        public OptionTable<Options> table() {
            return TABLE;
        }

        @Override
        public Options withTraining(TrainingOptions value) {
            return new Options(dimensions, l2, implicitL2, biasL2, trainMean, loss, value);
        }
    }
}
