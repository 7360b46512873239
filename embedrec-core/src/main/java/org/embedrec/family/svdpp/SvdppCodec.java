package org.embedrec.family.svdpp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link SvdppModel} in a model file. Parameters: {@code dimensions}, {@code global_bias},
 * {@code prediction_range} ({@code [low, high]}), {@code fold_in_l2} and {@code fold_in_bias_l2}.
 * Tensors: {@code user_factors} F32 [users, dimensions] ({@code p}), {@code user_implicit} F32
 * [users, dimensions] (each training user's {@code z_u}, so that serving needs no rating lists),
 * {@code item_factors} F32 [items, dimensions] ({@code q}), {@code implicit_factors} F32 [items,
 * dimensions] ({@code y}), {@code user_bias} F32 [users], {@code item_bias} F32 [items],
 * {@code item_train_counts} I32 [items].
 */
final class SvdppCodec extends ModelCodec<SvdppModel> {
    SvdppCodec() {
        super(SvdppModel.KIND, SvdppModel.class);
    }

    @Override
    public ObjectNode parameters(SvdppModel model) {
        SvdppModel.Parameters p = model.parameters();
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("dimensions", p.dim());
        parameters.put("global_bias", p.globalBias());
        parameters.putArray("prediction_range").add(p.low()).add(p.high());
        parameters.put("fold_in_l2", p.foldInL2());
        parameters.put("fold_in_bias_l2", p.foldInBiasL2());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(SvdppModel model) {
        SvdppModel.Parameters p = model.parameters();
        long users = model.users().size();
        long items = model.items().size();
        long dim = p.dim();
        return List.of(Tensor.f32("user_factors", p.userFactors(), users, dim),
                Tensor.f32("user_implicit", p.userImplicit(), users, dim),
                Tensor.f32("item_factors", p.itemFactors(), items, dim),
                Tensor.f32("implicit_factors", p.implicitFactors(), items, dim),
                Tensor.f32("user_bias", p.userBias(), users),
                Tensor.f32("item_bias", p.itemBias(), items),
                Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
    }

    @Override
    public SvdppModel decode(StoredModel stored) throws ModelFileException {
        int dim = stored.intParameter("dimensions");
        long users = stored.users().size();
        long items = stored.catalog().size();
        var range = stored.parameter("prediction_range");
        if (!range.isArray() || range.size() != 2) {
            throw stored.error("model parameter 'prediction_range' is not [low, high]: " + range);
        }
        SvdppModel.Parameters parameters;
        try {
            parameters = new SvdppModel.Parameters(dim, stored.floats("user_factors", users, dim),
                    stored.floats("item_factors", items, dim), stored.floats("implicit_factors", items, dim),
                    stored.floats("user_implicit", users, dim), stored.floats("user_bias", users),
                    stored.floats("item_bias", items), stored.floatParameter("global_bias"),
                    stored.asFloat(range.get(0), "prediction_range"), stored.asFloat(range.get(1), "prediction_range"),
                    stored.doubleParameter("fold_in_l2"), stored.doubleParameter("fold_in_bias_l2"));
        } catch (IllegalArgumentException e) {
            throw stored.error("bad SVD++ parameters: " + e.getMessage());
        }
        return new SvdppModel(stored.facts(), parameters);
    }
}
