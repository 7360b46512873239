package org.embedrec.family.bpr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Recommender;
import org.embedrec.model.TrainingFacts;
import org.embedrec.model.Vectors;
import org.embedrec.train.FactorKernels;
import org.embedrec.train.GradientBuffer;
import org.embedrec.train.OptionTable;
import org.embedrec.train.OptionType;
import org.embedrec.train.RowUpdater;

/**
 * Trains a {@link GenreBprModel}, the Keras tutorial's triplet network with genre tags, on the
 * same objective as {@link BprTrainer} with {@code s(u, i) = ELU(a_u) · ELU(concat(q_i, m_i)) + b_i}
 * and {@code m_i} the mean of the item's genre tag embeddings {@code g_t}. Item embeddings get
 * {@code dimensions - tagDimensions} columns, tags {@code tagDimensions}.
 *
 * <p>Gradient of a score, with {@code w_u = ELU(a_u)}, {@code x_i = concat(q_i, m_i)}, {@code v_i = ELU(x_i)}
 * and {@code ELU'(x) = 1} for {@code x > 0}, {@code e^x} otherwise:
 * {@code ∂s/∂a_u[k] = v_i[k] ELU'(a_u[k])}, {@code ∂s/∂q_i[k] = w_u[k] ELU'(x_i[k])} for the item part,
 * {@code ∂s/∂g_t[k] = w_u[itemDim + k] ELU'(x_i[itemDim + k]) / |tags(i)|} for each tag of the item;
 * the triplet loss chains these with {@code +d} for the positive and {@code -d} for the negative.
 * L2 applies to {@code a_u}, {@code q_i}, {@code q_j} and the biases, not to tag embeddings.
 *
 * <p>Tuning: the same {@link BprTrainer.Options#defaults()} work (the tutorial used 125 + 25
 * dimensions); the genres mostly help items with few interactions.
 */
public final class GenreBprTrainer extends PairwiseTrainer<GenreBprModel> {
    /** The keys of the genre model's options: those of {@link BprTrainer.Options#TABLE} and {@code tagDimensions}. */
    public static final OptionTable<BprTrainer.Options> TABLE = new OptionTable<BprTrainer.Options>(GenreBprModel.KIND)
            .nest(BprTrainer.Options.TABLE, options -> options, (options, same) -> same)
            .add("tagDimensions", "width of the genre tag part of the item vectors (below dimensions)", OptionType.INTEGER,
                    BprTrainer.Options::tagDimensions, BprTrainer.Options::withTagDimensions);

    /**
     * A trainer with the given options.
     *
     * @throws IllegalArgumentException if {@code tagDimensions} is not below {@code dimensions}
     */
    public GenreBprTrainer(BprTrainer.Options options) {
        super(options, TABLE);
        if (options.tagDimensions() >= options.dimensions()) {
            throw new IllegalArgumentException("the genre model needs tagDimensions < dimensions (the item embedding gets"
                    + " the rest), got tagDimensions " + options.tagDimensions() + " and dimensions " + options.dimensions());
        }
    }

    @Override
    public String kind() {
        return GenreBprModel.KIND;
    }

    @Override
    protected Objective objective(Ratings train, Ratings validation, ItemCatalog catalog, SplittableRandom random) {
        return new Objective(train, validation, catalog, options(), random);
    }

    /** The parameters of the genre model and the gradient of one triplet; package-private for the gradient check. */
    static final class Objective extends PairwiseObjective<GenreBprModel> {
        final ItemCatalog catalog;
        final int dim;
        final int itemDim;
        final int tagDim;
        final int[][] tags;
        final float[] userEmbedding;
        final float[] itemEmbedding;
        final float[] tagEmbedding;
        final float[] itemBias;
        final RowUpdater userUpdater;
        final RowUpdater itemUpdater;
        final RowUpdater tagUpdater;
        final RowUpdater itemBiasUpdater;

        Objective(Ratings train, Ratings validation, ItemCatalog catalog, BprTrainer.Options options,
                SplittableRandom random) {
            super(train, validation, options);
            this.catalog = catalog;
            this.dim = options.dimensions();
            this.tagDim = options.tagDimensions();
            this.itemDim = dim - tagDim;
            int genres = catalog.genreNames().size();
            this.tags = new int[catalog.size()][];
            for (int item = 0; item < tags.length; item++) {
                tags[item] = catalog.genreIndices(item);
            }
            this.userEmbedding = new float[train.userCount() * dim];
            this.itemEmbedding = new float[train.itemCount() * itemDim];
            this.tagEmbedding = new float[genres * tagDim];
            this.itemBias = new float[train.itemCount()];
            options.training().initializer().fill(userEmbedding, train.userCount(), dim, options.training().initScale(), random);
            options.training().initializer().fill(itemEmbedding, train.itemCount(), itemDim, options.training().initScale(), random);
            options.training().initializer().fill(tagEmbedding, genres, tagDim, options.training().initScale(), random);
            this.userUpdater = options.training().optimizer().newUpdater(userEmbedding, dim);
            this.itemUpdater = options.training().optimizer().newUpdater(itemEmbedding, itemDim);
            this.tagUpdater = options.training().optimizer().newUpdater(tagEmbedding, tagDim);
            this.itemBiasUpdater = options.training().optimizer().newUpdater(itemBias, 1);
        }

        @Override
        public Map<String, float[]> parameters() {
            Map<String, float[]> tables = new LinkedHashMap<>();
            tables.put("user_embedding", userEmbedding);
            tables.put("item_embedding", itemEmbedding);
            tables.put("tag_embedding", tagEmbedding);
            if (options.itemBias()) {
                tables.put("item_bias", itemBias);
            }
            return tables;
        }

        @Override
        public GenreBprModel model(Ratings train, ItemCatalog catalog, ModelInfo info) {
            return model(true, info);
        }

        GenreBprModel model(boolean copy, ModelInfo info) {
            return new GenreBprModel(new TrainingFacts(train.users(), catalog, interactions, info), itemDim, tagDim,
                    copy ? userEmbedding.clone() : userEmbedding, copy ? itemEmbedding.clone() : itemEmbedding,
                    copy ? tagEmbedding.clone() : tagEmbedding,
                    options.itemBias() ? (copy ? itemBias.clone() : itemBias) : null, options.positiveThreshold());
        }

        @Override
        Recommender currentModel() {
            return model(false, new ModelInfo(GenreBprModel.KIND, Map.of(), Provenance.of(""), List.of(), Map.of()));
        }

        /** Writes ELU(a_u) into {@code out}. */
        void userVector(int user, float[] out) {
            for (int k = 0; k < dim; k++) {
                out[k] = GenreBprModel.elu(userEmbedding[user * dim + k]);
            }
        }

        /** Writes the pre-activation x_i into {@code input} and ELU(x_i) into {@code out}. */
        void itemVector(int item, float[] input, float[] out) {
            GenreBprModel.itemInput(tags[item], itemEmbedding, tagEmbedding, itemDim, tagDim, item, input, 0);
            for (int k = 0; k < dim; k++) {
                out[k] = GenreBprModel.elu(input[k]);
            }
        }

        @Override
        double tripletObjective(int user, int positive, int negative) {
            float[] w = new float[dim];
            float[] input = new float[dim];
            float[] vi = new float[dim];
            float[] vj = new float[dim];
            userVector(user, w);
            itemVector(positive, input, vi);
            itemVector(negative, input, vj);
            float x = Vectors.dot(w, 0, vi, 0, dim) - Vectors.dot(w, 0, vj, 0, dim);
            if (options.itemBias()) {
                x += itemBias[positive] - itemBias[negative];
            }
            double squares = Vectors.dot(userEmbedding, user * dim, userEmbedding, user * dim, dim)
                    + Vectors.dot(itemEmbedding, positive * itemDim, itemEmbedding, positive * itemDim, itemDim)
                    + Vectors.dot(itemEmbedding, negative * itemDim, itemEmbedding, negative * itemDim, itemDim);
            if (options.itemBias()) {
                squares += itemBias[positive] * itemBias[positive] + itemBias[negative] * itemBias[negative];
            }
            return options.loss().value(x) + options.l2() * squares;
        }

        @Override
        public Worker newWorker(long seed, int threads) {
            return new GenreWorker(this, seed);
        }
    }

    /** One training thread's gradient buffers and scratch vectors. */
    static final class GenreWorker extends PairwiseObjective.PairwiseWorker {
        private final Objective o;
        final GradientBuffer users;
        final GradientBuffer items;
        final GradientBuffer tags;
        final GradientBuffer itemBiases;
        private final float[] w;
        private final float[] xi;
        private final float[] vi;
        private final float[] xj;
        private final float[] vj;

        GenreWorker(Objective objective, long seed) {
            super(objective, seed);
            this.o = objective;
            int batch = objective.options.training().batchSize();
            this.users = new GradientBuffer(objective.train.userCount(), objective.dim, batch);
            this.items = new GradientBuffer(objective.train.itemCount(), objective.itemDim, 2 * batch);
            this.tags = new GradientBuffer(Math.max(1, objective.catalog.genreNames().size()), objective.tagDim, 32);
            this.itemBiases = new GradientBuffer(objective.train.itemCount(), 1, 2 * batch);
            int dim = objective.dim;
            w = new float[dim];
            xi = new float[dim];
            vi = new float[dim];
            xj = new float[dim];
            vj = new float[dim];
        }

        @Override
        float score(int user, int item) {
            o.userVector(user, w);
            o.itemVector(item, xi, vi);
            float s = Vectors.dot(w, 0, vi, 0, o.dim);
            return o.options.itemBias() ? s + o.itemBias[item] : s;
        }

        @Override
        void catchUp(int user, int item) {
            o.userUpdater.catchUp(user);
            o.itemUpdater.catchUp(item);
            for (int tag : o.tags[item]) {
                o.tagUpdater.catchUp(tag);
            }
            if (o.options.itemBias()) {
                o.itemBiasUpdater.catchUp(item);
            }
        }

        @Override
        public void settle() {
            o.userUpdater.catchUpAll();
            o.itemUpdater.catchUpAll();
            o.tagUpdater.catchUpAll();
            if (o.options.itemBias()) {
                o.itemBiasUpdater.catchUpAll();
            }
        }

        @Override
        float touch(int u, int i, int j) {
            int itemDim = o.itemDim;
            return FactorKernels.touch(o.userEmbedding, u * o.dim, o.dim)
                    + FactorKernels.touch(o.itemEmbedding, i * itemDim, itemDim)
                    + FactorKernels.touch(o.itemEmbedding, j * itemDim, itemDim);
        }

        @Override
        double accumulate(int u, int i, int j, float scale) {
            int dim = o.dim;
            o.userVector(u, w);
            o.itemVector(i, xi, vi);
            o.itemVector(j, xj, vj);
            float x = Vectors.dot(w, 0, vi, 0, dim) - Vectors.dot(w, 0, vj, 0, dim);
            if (o.options.itemBias()) {
                x += o.itemBias[i] - o.itemBias[j];
            }
            float d = o.options.loss().derivative(x) * scale;
            float decay = 2f * (float) o.options.l2() * scale;
            float[] a = o.userEmbedding;
            int ub = u * dim;
            int uo = users.offset(u);
            float[] ug = users.gradient();
            for (int k = 0; k < dim; k++) {
                float slope = a[ub + k] > 0 ? 1f : w[k] + 1f;
                ug[uo + k] += d * (vi[k] - vj[k]) * slope + decay * a[ub + k];
            }
            itemGradient(i, d, xi, vi, decay);
            itemGradient(j, -d, xj, vj, decay);
            if (o.options.itemBias()) {
                int bi = itemBiases.offset(i);
                int bj = itemBiases.offset(j);
                float[] bg = itemBiases.gradient();
                bg[bi] += d + decay * o.itemBias[i];
                bg[bj] += -d + decay * o.itemBias[j];
            }
            return o.options.loss().value(x);
        }

        /** Adds {@code d · ∂s/∂(item and tag rows of item)} plus the item row's decay. */
        private void itemGradient(int item, float d, float[] input, float[] output, float decay) {
            int itemDim = o.itemDim;
            int io = items.offset(item);
            float[] ig = items.gradient();
            int base = item * itemDim;
            for (int k = 0; k < itemDim; k++) {
                float slope = input[k] > 0 ? 1f : output[k] + 1f;
                ig[io + k] += d * w[k] * slope + decay * o.itemEmbedding[base + k];
            }
            int[] itemTags = o.tags[item];
            if (itemTags.length == 0) {
                return;
            }
            float share = d / itemTags.length;
            for (int tag : itemTags) {
                int to = tags.offset(tag);
                float[] tg = tags.gradient();
                for (int k = 0; k < o.tagDim; k++) {
                    int c = itemDim + k;
                    float slope = input[c] > 0 ? 1f : output[c] + 1f;
                    tg[to + k] += share * w[c] * slope;
                }
            }
        }

        @Override
        void flush(float rate, long step) {
            users.flush(o.userUpdater, rate, step);
            items.flush(o.itemUpdater, rate, step);
            tags.flush(o.tagUpdater, rate, step);
            if (o.options.itemBias()) {
                itemBiases.flush(o.itemBiasUpdater, rate, step);
            }
        }
    }
}
