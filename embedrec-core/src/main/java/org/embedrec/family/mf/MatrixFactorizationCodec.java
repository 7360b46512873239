package org.embedrec.family.mf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.family.mf.MatrixFactorizationModel.OutputRange;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;
import org.embedrec.family.mf.MatrixFactorizationModel.FoldInL2;

/**
 * {@link MatrixFactorizationModel} in a model file. Parameters: {@code dimensions},
 * {@code has_biases}, {@code global_bias}, {@code output_range} ({@code [low, high]} or
 * {@code null}), {@code fold_in_l2} and {@code fold_in_bias_l2} (older files: the options {@code l2}
 * and {@code biasL2}). Tensors: {@code user_factors} F32 [users, dimensions], {@code item_factors} F32
 * [items, dimensions], {@code user_bias} F32 [users] and {@code item_bias} F32 [items] (only with
 * biases), {@code item_train_counts} I32 [items].
 */
final class MatrixFactorizationCodec extends ModelCodec<MatrixFactorizationModel> {
    MatrixFactorizationCodec() {
        super(MatrixFactorizationModel.KIND, MatrixFactorizationModel.class);
    }

    @Override
    public ObjectNode parameters(MatrixFactorizationModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("dimensions", model.dimensions());
        parameters.put("has_biases", model.hasBiases());
        parameters.put("global_bias", model.globalBias());
        OutputRange range = model.range();
        if (range == null) {
            parameters.putNull("output_range");
        } else {
            parameters.putArray("output_range").add(range.low()).add(range.high());
        }
        parameters.put("fold_in_l2", model.foldInL2().factors());
        parameters.put("fold_in_bias_l2", model.foldInL2().bias());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(MatrixFactorizationModel model) {
        long users = model.users().size();
        long items = model.items().size();
        long dim = model.dimensions();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(Tensor.f32("user_factors", model.userFactors(), users, dim));
        tensors.add(Tensor.f32("item_factors", model.itemFactors(), items, dim));
        if (model.hasBiases()) {
            tensors.add(Tensor.f32("user_bias", model.userBiases(), users));
            tensors.add(Tensor.f32("item_bias", model.itemBiases(), items));
        }
        tensors.add(Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
        return tensors;
    }

    @Override
    public MatrixFactorizationModel decode(StoredModel stored) throws ModelFileException {
        int dim = stored.intParameter("dimensions");
        boolean hasBiases = stored.booleanParameter("has_biases");
        float globalBias = stored.floatParameter("global_bias");
        long users = stored.users().size();
        long items = stored.catalog().size();
        return new MatrixFactorizationModel(stored.facts(), dim,
                stored.floats("user_factors", users, dim), stored.floats("item_factors", items, dim),
                hasBiases ? stored.floats("user_bias", users) : null,
                hasBiases ? stored.floats("item_bias", items) : null,
                globalBias, outputRange(stored), foldInL2(stored));
    }

    private static FoldInL2 foldInL2(StoredModel stored) throws ModelFileException {
        if (!stored.hasParameter("fold_in_l2")) {
            return legacyFoldInL2(stored.info().hyperparameters());
        }
        return new FoldInL2(stored.doubleParameter("fold_in_l2"), stored.doubleParameter("fold_in_bias_l2"));
    }

    private static OutputRange outputRange(StoredModel stored) throws ModelFileException {
        JsonNode range = stored.parameter("output_range");
        if (range.isNull()) {
            return null;
        }
        if (!range.isArray() || range.size() != 2) {
            throw stored.error("model parameter 'output_range' is not null or [low, high]: " + range);
        }
        return new OutputRange(stored.asFloat(range.get(0), "output_range"),
                stored.asFloat(range.get(1), "output_range"));
    }

    /**
     * The fold-in λ of a file written before it had its own scalars: options {@code l2} and
     * {@code biasL2} when finite and not negative, each else {@link FoldInL2#DEFAULT}'s.
     */
    private static FoldInL2 legacyFoldInL2(java.util.Map<String, Object> hyperparameters) {
        return new FoldInL2(penalty(hyperparameters.get("l2"), FoldInL2.DEFAULT.factors()),
                penalty(hyperparameters.get("biasL2"), FoldInL2.DEFAULT.bias()));
    }

    private static double penalty(Object recorded, double fallback) {
        return recorded instanceof Number value && Double.isFinite(value.doubleValue()) && value.doubleValue() >= 0
                ? value.doubleValue() : fallback;
    }
}
