package org.embedrec.family.bpmf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link BpmfModel} in a model file. Parameters: {@code dimensions} (d, per sample),
 * {@code kept_samples} (S), {@code biases}, {@code global_mean}. Tensors: {@code user_factors} F32
 * [users, d·S] (the samples side by side, divided by S), {@code item_factors} F32 [items, d·S],
 * {@code user_bias} F32 [users] and {@code item_bias} F32 [items] (mean biases, zeros without biases),
 * {@code item_train_counts} I32 [items]; for fold-in, per sample: {@code item_bias_samples} F32
 * [S, items] (with biases only), {@code user_prior_mean} F32 [S, k], {@code user_prior_precision} F32
 * [S, k, k] (k = d + 1 with biases, else d), {@code observation_precision} F32 [S].
 */
final class BpmfCodec extends ModelCodec<BpmfModel> {
    BpmfCodec() {
        super(BpmfModel.KIND, BpmfModel.class);
    }

    @Override
    public ObjectNode parameters(BpmfModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("dimensions", model.sampleDimensions());
        parameters.put("kept_samples", model.samples().count());
        parameters.put("biases", model.hasBiases());
        parameters.put("global_mean", model.global());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(BpmfModel model) {
        long users = model.users().size();
        long items = model.items().size();
        long width = model.dimensions();
        BpmfModel.Samples samples = model.samples();
        long count = samples.count();
        long k = samples.rowLength(model.sampleDimensions());
        List<Tensor> tensors = new ArrayList<>(List.of(Tensor.f32("user_factors", model.userVectors(), users, width),
                Tensor.f32("item_factors", model.itemVectors(), items, width),
                Tensor.f32("user_bias", model.userBiases(), users),
                Tensor.f32("item_bias", model.itemBiases(), items),
                Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items)));
        if (samples.biases()) {
            tensors.add(Tensor.f32("item_bias_samples", samples.itemBiases(), count, items));
        }
        tensors.add(Tensor.f32("user_prior_mean", samples.userPriorMeans(), count, k));
        tensors.add(Tensor.f32("user_prior_precision", samples.userPriorPrecisions(), count, k, k));
        tensors.add(Tensor.f32("observation_precision", samples.precisions(), count));
        return tensors;
    }

    @Override
    public BpmfModel decode(StoredModel stored) throws ModelFileException {
        int dim = stored.intParameter("dimensions");
        int count = stored.intParameter("kept_samples");
        boolean biases = stored.booleanParameter("biases");
        float global = stored.floatParameter("global_mean");
        if (dim < 1 || count < 1 || (long) dim * count > Integer.MAX_VALUE) {
            throw stored.error("bad BPMF shape: " + count + " samples of " + dim + " dimensions");
        }
        long users = stored.users().size();
        long items = stored.catalog().size();
        long width = (long) dim * count;
        long k = dim + (biases ? 1 : 0);
        try {
            BpmfModel.Samples samples = new BpmfModel.Samples(count, biases,
                    biases ? stored.floats("item_bias_samples", count, items) : null,
                    stored.floats("user_prior_mean", count, k), stored.floats("user_prior_precision", count, k, k),
                    stored.floats("observation_precision", count));
            return new BpmfModel(stored.facts(), dim, samples, global, stored.floats("user_factors", users, width),
                    stored.floats("item_factors", items, width), stored.floats("user_bias", users),
                    stored.floats("item_bias", items));
        } catch (IllegalArgumentException e) {
            throw stored.error("bad BPMF model: " + e.getMessage());
        }
    }
}
