package org.embedrec.family.ials;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link IalsModel} in a model file. Parameters: {@code dimensions}, {@code unobserved_weight},
 * {@code regularization}, {@code regularization_exponent}, {@code confidence} (the objective that
 * fold-in solves again) and {@code positive_threshold} (a number or {@code "all"}). Tensors:
 * {@code user_factors} F32 [users, dimensions], {@code item_factors} F32 [items, dimensions],
 * {@code item_train_counts} I32 [items].
 */
final class IalsCodec extends ModelCodec<IalsModel> {
    IalsCodec() {
        super(IalsModel.KIND, IalsModel.class);
    }

    @Override
    public ObjectNode parameters(IalsModel model) {
        IalsModel.Objective objective = model.objective();
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("dimensions", model.dimensions());
        parameters.put("unobserved_weight", objective.unobservedWeight());
        parameters.put("regularization", objective.regularization());
        parameters.put("regularization_exponent", objective.regularizationExponent());
        parameters.put("confidence", objective.confidence());
        parameters.put("positive_threshold", objective.positiveThreshold().toString());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(IalsModel model) {
        long users = model.users().size();
        long items = model.items().size();
        long dim = model.dimensions();
        return List.of(Tensor.f32("user_factors", model.userFactors(), users, dim),
                Tensor.f32("item_factors", model.itemFactors(), items, dim),
                Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
    }

    @Override
    public IalsModel decode(StoredModel stored) throws ModelFileException {
        int dim = stored.intParameter("dimensions");
        long users = stored.users().size();
        long items = stored.catalog().size();
        IalsModel.Objective objective;
        try {
            objective = new IalsModel.Objective(stored.doubleParameter("unobserved_weight"),
                    stored.doubleParameter("regularization"), stored.doubleParameter("regularization_exponent"),
                    stored.doubleParameter("confidence"),
                    PositiveThreshold.parse(stored.stringParameter("positive_threshold")));
        } catch (IllegalArgumentException e) {
            throw stored.error("bad iALS objective: " + e.getMessage());
        }
        return new IalsModel(stored.facts(), dim, stored.floats("user_factors", users, dim),
                stored.floats("item_factors", items, dim), objective);
    }
}
