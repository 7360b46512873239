package org.embedrec.family.als;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link AlsModel} in a model file. Parameters: {@code dimensions}, {@code mean} (μ) and
 * {@code regularization} (the λ fold-in solves with). Tensors: {@code user_factors} F32
 * [users, dimensions], {@code item_factors} F32 [items, dimensions], {@code user_bias} F32 [users],
 * {@code item_bias} F32 [items], {@code item_train_counts} I32 [items].
 */
final class AlsCodec extends ModelCodec<AlsModel> {
    AlsCodec() {
        super(AlsModel.KIND, AlsModel.class);
    }

    @Override
    public ObjectNode parameters(AlsModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("dimensions", model.dimensions());
        parameters.put("mean", model.mean());
        parameters.put("regularization", model.regularization());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(AlsModel model) {
        long users = model.users().size();
        long items = model.items().size();
        long dim = model.dimensions();
        return List.of(Tensor.f32("user_factors", model.userFactors(), users, dim),
                Tensor.f32("item_factors", model.itemFactors(), items, dim),
                Tensor.f32("user_bias", model.userBiases(), users),
                Tensor.f32("item_bias", model.itemBiases(), items),
                Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
    }

    @Override
    public AlsModel decode(StoredModel stored) throws ModelFileException {
        int dim = stored.intParameter("dimensions");
        long users = stored.users().size();
        long items = stored.catalog().size();
        try {
            return new AlsModel(stored.facts(), dim, stored.floats("user_factors", users, dim),
                    stored.floats("item_factors", items, dim), stored.floats("user_bias", users),
                    stored.floats("item_bias", items), stored.floatParameter("mean"),
                    stored.doubleParameter("regularization"));
        } catch (IllegalArgumentException e) {
            throw stored.error("bad ALS-WR model: " + e.getMessage());
        }
    }
}
