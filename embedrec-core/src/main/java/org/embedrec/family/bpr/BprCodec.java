package org.embedrec.family.bpr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;
import org.embedrec.data.PositiveThreshold;

/**
 * {@link BprModel} in a model file. Parameters: {@code dimensions}, {@code has_item_bias},
 * {@code positive_threshold} ({@code "4.0"} or {@code "all"}; older files: the option
 * {@code positiveThreshold}). Tensors:
 * {@code user_factors} F32 [users, dimensions], {@code item_factors} F32 [items, dimensions],
 * {@code item_bias} F32 [items] (only with an item bias), {@code item_train_counts} I32 [items].
 */
final class BprCodec extends ModelCodec<BprModel> {
    BprCodec() {
        super(BprModel.KIND, BprModel.class);
    }

    @Override
    public ObjectNode parameters(BprModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("dimensions", model.dimensions());
        parameters.put("has_item_bias", model.hasItemBias());
        parameters.put("positive_threshold", model.positiveThreshold().toString());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(BprModel model) {
        long users = model.users().size();
        long items = model.items().size();
        long dim = model.dimensions();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(Tensor.f32("user_factors", model.userFactors(), users, dim));
        tensors.add(Tensor.f32("item_factors", model.itemFactors(), items, dim));
        if (model.hasItemBias()) {
            tensors.add(Tensor.f32("item_bias", model.itemBiases(), items));
        }
        tensors.add(Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
        return tensors;
    }

    @Override
    public BprModel decode(StoredModel stored) throws ModelFileException {
        int dim = stored.intParameter("dimensions");
        boolean hasItemBias = stored.booleanParameter("has_item_bias");
        long users = stored.users().size();
        long items = stored.catalog().size();
        return new BprModel(stored.facts(), dim, stored.floats("user_factors", users, dim),
                stored.floats("item_factors", items, dim), hasItemBias ? stored.floats("item_bias", items) : null,
                positiveThreshold(stored));
    }

    /** The parameter {@code positive_threshold} ("4.0" or "all"); older files recorded it in the options. */
    static PositiveThreshold positiveThreshold(StoredModel stored) throws ModelFileException {
        if (!stored.hasParameter("positive_threshold")) {
            return legacyPositiveThreshold(stored.info().hyperparameters());
        }
        return PositiveThreshold.parse(stored.stringParameter("positive_threshold"));
    }

    /** The positive threshold of a file written before it had its own scalar: option {@code positiveThreshold}, else the default. */
    static PositiveThreshold legacyPositiveThreshold(java.util.Map<String, Object> hyperparameters) {
        Object recorded = hyperparameters.get("positiveThreshold");
        return recorded == null ? PositiveThreshold.DEFAULT : PositiveThreshold.parse(String.valueOf(recorded));
    }
}
