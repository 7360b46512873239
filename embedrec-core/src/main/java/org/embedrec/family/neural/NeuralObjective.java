package org.embedrec.family.neural;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.Ratings;
import org.embedrec.nn.Embeddings;
import org.embedrec.nn.Mlp;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.nn.SoftmaxCrossEntropy;
import org.embedrec.train.EpochTrainer;
import org.embedrec.train.GradientBuffer;
import org.embedrec.train.Optimizer;
import org.embedrec.train.RowUpdater;
import org.embedrec.train.Trainable;
import org.embedrec.train.TrainingOptions;

/**
 * The training objective of the neural rating models: the parameters (user and item embeddings,
 * the MLP's flat parameter array) and the hand-derived gradient of
 *
 * <pre>
 *   mean over training ratings (u, i, y) of  head.loss(MLP(p_u ⊕ q_i ⊕ f_i), y) + λ (|p_u|² + |q_i|²)
 * </pre>
 *
 * where the item features {@code f_i} are fixed and the {@link Head} turns the outputs into a loss
 * and its gradient. The gradient comes from the building blocks' backward passes: the head gives
 * {@code ∂loss/∂outputs}, {@link Mlp#backward} the MLP's parameter gradient and {@code ∂loss/∂x},
 * whose user and item slices go to the embedding rows. Embedding rows take sparse (lazy) optimizer
 * steps; the MLP takes one dense step per mini-batch. Package-private for the gradient check.
 */
final class NeuralObjective<M extends org.embedrec.model.Recommender> implements EpochTrainer.Objective<M> {
    /** The output layer's loss and prediction. */
    interface Head {
        /** Returns the loss of {@code outputs[offset ..]} for rating {@code y} and writes ∂loss/∂outputs to {@code grad}. */
        double lossAndGradient(float[] outputs, int offset, float y, float[] grad);

        /** The predicted rating from {@code outputs[offset ..]}. */
        float predict(float[] outputs, int offset);
    }

    final Ratings train;
    final Ratings validation;
    final NetworkOptions network;
    final TrainingOptions training;
    private final java.util.function.BiFunction<ConcatenationNetwork, org.embedrec.model.ModelInfo, M> model;
    final Head head;
    final int dim;
    final int featureWidth;
    final float[] itemFeatures;
    final Mlp mlp;
    final float[] userEmbeddings;
    final float[] itemEmbeddings;
    final float[] dense;
    final RowUpdater userUpdater;
    final RowUpdater itemUpdater;
    final RowUpdater denseUpdater;
    final float inputDropout;
    final float hiddenDropout;

    /**
     * @param itemFeatures {@code [items, featureWidth]} fixed features (empty when featureWidth is 0)
     * @param outputs width of the output layer
     * @param outputBias initial bias of the output units (e.g. the logit of the mean rating), or null for 0
     * @param model the fitted model from the trained network and the provenance
     */
    NeuralObjective(Ratings train, Ratings validation, NetworkOptions network, TrainingOptions training, Head head,
            int featureWidth, float[] itemFeatures, int outputs, float[] outputBias, SplittableRandom random,
            java.util.function.BiFunction<ConcatenationNetwork, org.embedrec.model.ModelInfo, M> model) {
        this.train = train;
        this.validation = validation;
        this.network = network;
        this.training = training;
        this.model = model;
        this.head = head;
        this.dim = network.dimensions();
        this.featureWidth = featureWidth;
        this.itemFeatures = itemFeatures;
        int[] widths = new int[network.hidden().size() + 2];
        widths[0] = 2 * dim + featureWidth;
        for (int l = 0; l < network.hidden().size(); l++) {
            widths[l + 1] = network.hidden().get(l);
        }
        widths[widths.length - 1] = outputs;
        this.mlp = new Mlp(widths);
        this.userEmbeddings = new float[train.userCount() * dim];
        this.itemEmbeddings = new float[train.itemCount() * dim];
        training.initializer().fill(userEmbeddings, train.userCount(), dim, training.initScale(), random);
        training.initializer().fill(itemEmbeddings, train.itemCount(), dim, training.initScale(), random);
        this.dense = new float[mlp.parameterCount()];
        mlp.initialize(dense, random);
        if (outputBias != null) {
            System.arraycopy(outputBias, 0, dense, mlp.biasOffset(mlp.layerCount() - 1), outputs);
        }
        Optimizer optimizer = training.optimizer();
        this.userUpdater = optimizer.newUpdater(userEmbeddings, dim);
        this.itemUpdater = optimizer.newUpdater(itemEmbeddings, dim);
        this.denseUpdater = optimizer.newUpdater(dense, dense.length);
        this.inputDropout = (float) network.inputDropout();
        this.hiddenDropout = (float) network.hiddenDropout();
    }

    @Override
    public int exampleCount() {
        return train.size();
    }

    /** Users own their embedding rows: with threads, each user's ratings go to one thread (as in matrix factorization). */
    @Override
    public int[] partitionKeys() {
        return Trainable.keys(train.size(), train::user);
    }

    /** Items are the strata, as in matrix factorization: in each round, a thread's item rows are its own. */
    @Override
    public int[] stratumKeys() {
        return Trainable.keys(train.size(), train::item);
    }

    @Override
    public Map<String, float[]> parameters() {
        Map<String, float[]> tables = new LinkedHashMap<>();
        tables.put("user_embeddings", userEmbeddings);
        tables.put("item_embeddings", itemEmbeddings);
        tables.put("dense", dense);
        return tables;
    }

    /** Copies {@code p_u ⊕ q_i ⊕ f_i} to the workspace's input. */
    void assembleInput(int user, int item, Mlp.Workspace ws) {
        float[] input = ws.input();
        Embeddings.gather(userEmbeddings, dim, user, input, 0);
        Embeddings.gather(itemEmbeddings, dim, item, input, dim);
        if (featureWidth > 0) {
            Embeddings.gather(itemFeatures, featureWidth, item, input, 2 * dim);
        }
    }

    /**
     * The objective's value for one example with the dropout masks drawn from {@code dropout}
     * (the data loss plus the example's regularization); the gradient check's reference.
     */
    double exampleObjective(int row, SplittableRandom dropout) {
        Mlp.Workspace ws = mlp.newWorkspace();
        int u = train.user(row);
        int i = train.item(row);
        assembleInput(u, i, ws);
        mlp.forwardTraining(dense, ws, inputDropout, hiddenDropout, dropout);
        double value = head.lossAndGradient(ws.activations(), ws.outputOffset(), train.rating(row), ws.outputGradient());
        double squares = 0;
        for (int k = 0; k < dim; k++) {
            squares += userEmbeddings[u * dim + k] * (double) userEmbeddings[u * dim + k]
                    + itemEmbeddings[i * dim + k] * (double) itemEmbeddings[i * dim + k];
        }
        return value + network.l2() * squares;
    }

    @Override
    public Worker newWorker(long seed, int threads) {
        return new NeuralWorker(this, new SplittableRandom(seed));
    }

    @Override
    public Map<String, Double> validate() {
        if (validation == null || validation.size() == 0) {
            return Map.of();
        }
        Mlp.Workspace ws = mlp.newWorkspace();
        float[] ignored = new float[mlp.outputWidth()];
        double squared = 0;
        double absolute = 0;
        double loss = 0;
        for (int row = 0; row < validation.size(); row++) {
            assembleInput(validation.user(row), validation.item(row), ws);
            mlp.infer(dense, ws);
            float y = validation.rating(row);
            float p = head.predict(ws.activations(), ws.outputOffset());
            squared += (p - y) * (double) (p - y);
            absolute += Math.abs(p - y);
            loss += head.lossAndGradient(ws.activations(), ws.outputOffset(), y, ignored);
        }
        int n = validation.size();
        return Map.of("loss", loss / n, "rmse", Math.sqrt(squared / n), "mae", absolute / n);
    }

    @Override
    public M model(Ratings train, org.embedrec.data.ItemCatalog catalog, org.embedrec.model.ModelInfo info) {
        return model.apply(network(), info);
    }

    /** A fitted network holding copies of the current parameters. */
    ConcatenationNetwork network() {
        return new ConcatenationNetwork(train.userCount(), train.itemCount(), dim, dim, featureWidth,
                userEmbeddings.clone(), itemEmbeddings.clone(), itemFeatures.clone(), mlp, dense.clone());
    }

    /** The sigmoid output range the options ask for (data's ends where NaN), or null for a linear output. */
    static SigmoidRange sigmoidRange(RegressionOutput options, Ratings train) {
        if (!options.sigmoid()) {
            return null;
        }
        float low = Double.isNaN(options.rangeLow()) ? train.min() : (float) options.rangeLow();
        float high = Double.isNaN(options.rangeHigh()) ? train.max() : (float) options.rangeHigh();
        if (!(low < high)) {
            throw new IllegalArgumentException("the sigmoid range [" + low + ", " + high + "] is empty: every training"
                    + " rating is equal; set rangeLow and rangeHigh or use sigmoid=false");
        }
        return new SigmoidRange(low, high);
    }

    /** A one-output rating head: {@code loss} on the output {@code z} (through {@code range} when not null). */
    static Head regression(RatingLoss loss, SigmoidRange range) {
        return new Head() {
            @Override
            public double lossAndGradient(float[] outputs, int offset, float y, float[] grad) {
                float z = outputs[offset];
                grad[0] = loss.gradient(z, y, range);
                return loss.value(z, y, range);
            }

            @Override
            public float predict(float[] outputs, int offset) {
                return RatingLoss.output(outputs[offset], range);
            }
        };
    }

    /** The output bias that starts a one-output rating network at the mean training rating. */
    static float[] meanRatingBias(Ratings train, SigmoidRange range) {
        double mean = train.mean();
        return new float[] {range == null ? (float) mean : range.inverse(mean)};
    }

    /**
     * A softmax head over rating {@code levels}: cross-entropy against the level of {@code y} (the
     * nearest level if {@code y} is not one, which only validation data can cause), predicting the
     * expected rating.
     */
    static Head classifier(float[] levels) {
        return new Head() {
            @Override
            public double lossAndGradient(float[] outputs, int offset, float y, float[] grad) {
                return SoftmaxCrossEntropy.lossAndGradient(outputs, offset, levels.length, RatingClassifierModel.nearestLevel(levels, y), grad, 0);
            }

            @Override
            public float predict(float[] outputs, int offset) {
                return RatingClassifierModel.expectedRating(outputs, offset, levels);
            }
        };
    }

    /** Output biases at the log frequencies of the levels in {@code train}, so training starts from the prior. */
    static float[] levelPriorBias(Ratings train, float[] levels) {
        double[] counts = new double[levels.length];
        for (int row = 0; row < train.size(); row++) {
            counts[RatingClassifierModel.nearestLevel(levels, train.rating(row))]++;
        }
        float[] bias = new float[levels.length];
        for (int k = 0; k < levels.length; k++) {
            bias[k] = (float) Math.log((counts[k] + 1) / (train.size() + levels.length));
        }
        return bias;
    }

    /** One training thread: its workspace, dropout stream, gradient buffers and step counter. */
    static final class NeuralWorker implements Trainable.Worker {
        private final NeuralObjective o;
        private final SplittableRandom random;
        private final Mlp.Workspace ws;
        final GradientBuffer users;
        final GradientBuffer items;
        final float[] denseGradient;
        private long step;

        NeuralWorker(NeuralObjective objective, SplittableRandom random) {
            this.o = objective;
            this.random = random;
            this.ws = objective.mlp.newWorkspace();
            int batch = objective.training.batchSize();
            this.users = new GradientBuffer(objective.train.userCount(), objective.dim, batch);
            this.items = new GradientBuffer(objective.train.itemCount(), objective.dim, batch);
            this.denseGradient = new float[objective.dense.length];
        }

        @Override
        public double train(int[] order, int from, int to, float rate) {
            int batchSize = o.training.batchSize();
            double lossSum = 0;
            for (int start = from; start < to; start += batchSize) {
                int end = Math.min(to, start + batchSize);
                float scale = 1f / (end - start);
                for (int k = start; k < end; k++) {
                    // The dense layer is updated at every step, so it is always up to date.
                    o.userUpdater.catchUp(o.train.user(order[k]));
                    o.itemUpdater.catchUp(o.train.item(order[k]));
                    lossSum += accumulate(order[k], scale);
                }
                step++;
                users.flush(o.userUpdater, rate, step);
                items.flush(o.itemUpdater, rate, step);
                o.denseUpdater.update(0, denseGradient, 0, rate, step);
                java.util.Arrays.fill(denseGradient, 0f);
            }
            return lossSum;
        }

        @Override
        public void settle() {
            o.userUpdater.catchUpAll();
            o.itemUpdater.catchUpAll();
        }

        /**
         * Adds {@code scale} times the gradient of {@link NeuralObjective#exampleObjective} (with this
         * worker's next dropout masks) for rating {@code row} to the buffers; returns the data loss.
         */
        double accumulate(int row, float scale) {
            int dim = o.dim;
            int u = o.train.user(row);
            int i = o.train.item(row);
            o.assembleInput(u, i, ws);
            o.mlp.forwardTraining(o.dense, ws, o.inputDropout, o.hiddenDropout, random);
            float[] outputGradient = ws.outputGradient();
            double loss = o.head.lossAndGradient(ws.activations(), ws.outputOffset(), o.train.rating(row), outputGradient);
            for (int k = 0; k < outputGradient.length; k++) {
                outputGradient[k] *= scale;
            }
            o.mlp.backward(o.dense, ws, denseGradient);
            float[] dx = ws.inputGradient();
            float decay = 2f * (float) o.network.l2() * scale;
            int uo = users.offset(u);
            float[] ug = users.gradient();
            int io = items.offset(i);
            float[] ig = items.gradient();
            float[] p = o.userEmbeddings;
            float[] q = o.itemEmbeddings;
            int ub = u * dim;
            int ib = i * dim;
            Embeddings.scatter(dx, 0, dim, 1f, ug, uo);
            Embeddings.scatter(dx, dim, dim, 1f, ig, io);
            for (int k = 0; k < dim; k++) {
                ug[uo + k] += decay * p[ub + k];
                ig[io + k] += decay * q[ib + k];
            }
            return loss;
        }
    }
}
