package org.embedrec.family.neural;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.nn.Mlp;
import org.embedrec.nn.RatingLoss;
import org.embedrec.nn.SigmoidRange;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * The part of a model file that every {@link NeuralRatingModel} shares: its
 * {@link ConcatenationNetwork} as parameters {@code user_dimensions}, {@code item_dimensions},
 * {@code feature_width}, {@code layer_widths} (the MLP's widths, input first) and tensors
 * {@code user_embeddings} F32 [users, user_dimensions], {@code item_embeddings} F32 [items,
 * item_dimensions], {@code item_features} F32 [items, feature_width] (only when feature_width > 0),
 * {@code dense_L_weight} F32 [width(L+1), width(L)] and {@code dense_L_bias} F32 [width(L+1)] per
 * layer L, and {@code item_train_counts} I32 [items].
 */
final class NeuralNetworkFiles {
    private NeuralNetworkFiles() {
    }

    static void putNetwork(ObjectNode parameters, ConcatenationNetwork network) {
        parameters.put("user_dimensions", network.userDimensions());
        parameters.put("item_dimensions", network.itemDimensions());
        parameters.put("feature_width", network.featureWidth());
        ArrayNode widths = parameters.putArray("layer_widths");
        for (int width : network.mlp().widths()) {
            widths.add(width);
        }
    }

    static List<Tensor> tensors(NeuralRatingModel model) {
        ConcatenationNetwork network = model.network();
        long users = network.userCount();
        long items = network.itemCount();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(Tensor.f32("user_embeddings", network.userEmbeddings(), users, network.userDimensions()));
        tensors.add(Tensor.f32("item_embeddings", network.itemEmbeddings(), items, network.itemDimensions()));
        if (network.featureWidth() > 0) {
            tensors.add(Tensor.f32("item_features", network.itemFeatures(), items, network.featureWidth()));
        }
        Mlp mlp = network.mlp();
        float[] parameters = network.parameters();
        for (int l = 0; l < mlp.layerCount(); l++) {
            int in = mlp.width(l);
            int out = mlp.width(l + 1);
            tensors.add(Tensor.f32("dense_" + l + "_weight", slice(parameters, mlp.weightOffset(l), in * out), out, in));
            tensors.add(Tensor.f32("dense_" + l + "_bias", slice(parameters, mlp.biasOffset(l), out), out));
        }
        tensors.add(Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
        return tensors;
    }

    static ConcatenationNetwork network(StoredModel stored) throws ModelFileException {
        int userDim = stored.intParameter("user_dimensions");
        int itemDim = stored.intParameter("item_dimensions");
        int featureWidth = stored.intParameter("feature_width");
        JsonNode widthsNode = stored.parameter("layer_widths");
        if (!widthsNode.isArray() || widthsNode.size() < 2) {
            throw stored.error("model parameter 'layer_widths' is not an array of at least two widths: " + widthsNode);
        }
        int[] widths = new int[widthsNode.size()];
        for (int k = 0; k < widths.length; k++) {
            JsonNode width = widthsNode.get(k);
            if (!width.isIntegralNumber() || !width.canConvertToInt() || width.intValue() < 1) {
                throw stored.error("model parameter 'layer_widths' holds a bad width: " + widthsNode);
            }
            widths[k] = width.intValue();
        }
        Mlp mlp = new Mlp(widths);
        long users = stored.users().size();
        long items = stored.catalog().size();
        float[] parameters = new float[mlp.parameterCount()];
        for (int l = 0; l < mlp.layerCount(); l++) {
            int in = mlp.width(l);
            int out = mlp.width(l + 1);
            float[] weight = stored.floats("dense_" + l + "_weight", out, in);
            System.arraycopy(weight, 0, parameters, mlp.weightOffset(l), weight.length);
            float[] bias = stored.floats("dense_" + l + "_bias", out);
            System.arraycopy(bias, 0, parameters, mlp.biasOffset(l), bias.length);
        }
        float[] features = featureWidth > 0 ? stored.floats("item_features", items, featureWidth) : new float[0];
        return new ConcatenationNetwork((int) users, (int) items, userDim, itemDim, featureWidth,
                stored.floats("user_embeddings", users, userDim), stored.floats("item_embeddings", items, itemDim),
                features, mlp, parameters);
    }

    static void putLoss(ObjectNode parameters, RatingLoss loss) {
        parameters.put("loss", loss.name());
    }

    /** The parameter {@code loss}; files written before it was one recorded it in the options. */
    static RatingLoss loss(StoredModel stored) throws ModelFileException {
        if (!stored.hasParameter("loss")) {
            return legacyLoss(stored.info().hyperparameters());
        }
        String name = stored.stringParameter("loss");
        for (RatingLoss loss : RatingLoss.values()) {
            if (loss.name().equals(name)) {
                return loss;
            }
        }
        throw stored.error("model parameter 'loss' is not one of " + java.util.Arrays.toString(RatingLoss.values())
                + ": " + name);
    }

    static void putRange(ObjectNode parameters, SigmoidRange range) {
        if (range == null) {
            parameters.putNull("output_range");
        } else {
            parameters.putArray("output_range").add(range.low()).add(range.high());
        }
    }

    static SigmoidRange range(StoredModel stored) throws ModelFileException {
        JsonNode range = stored.parameter("output_range");
        if (range.isNull()) {
            return null;
        }
        if (!range.isArray() || range.size() != 2) {
            throw stored.error("model parameter 'output_range' is not null or [low, high]: " + range);
        }
        return new SigmoidRange(stored.asFloat(range.get(0), "output_range"), stored.asFloat(range.get(1), "output_range"));
    }

    private static float[] slice(float[] values, int offset, int length) {
        return java.util.Arrays.copyOfRange(values, offset, offset + length);
    }

    /** The loss of a file written before it had its own scalar: option {@code loss} when it names one, else MSE. */
    private static RatingLoss legacyLoss(java.util.Map<String, Object> hyperparameters) {
        Object name = hyperparameters.get("loss");
        for (RatingLoss candidate : RatingLoss.values()) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
        }
        return RatingLoss.MSE;
    }
}
