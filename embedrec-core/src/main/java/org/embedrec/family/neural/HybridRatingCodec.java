package org.embedrec.family.neural;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link HybridRatingModel} in a model file: the network of {@link NeuralNetworkFiles} (with its
 * {@code item_features} tensor), the parameters {@code output_range} ({@code [low, high]} or
 * {@code null}), {@code loss} (as for {@link DeepRatingCodec}) and {@code feature_names} (one string per feature column).
 */
final class HybridRatingCodec extends ModelCodec<HybridRatingModel> {
    HybridRatingCodec() {
        super(HybridRatingModel.KIND, HybridRatingModel.class);
    }

    @Override
    public ObjectNode parameters(HybridRatingModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        NeuralNetworkFiles.putNetwork(parameters, model.network());
        NeuralNetworkFiles.putRange(parameters, model.range());
        NeuralNetworkFiles.putLoss(parameters, model.loss());
        ArrayNode names = parameters.putArray("feature_names");
        model.featureNames().forEach(names::add);
        return parameters;
    }

    @Override
    public List<Tensor> tensors(HybridRatingModel model) {
        return NeuralNetworkFiles.tensors(model);
    }

    @Override
    public HybridRatingModel decode(StoredModel stored) throws ModelFileException {
        JsonNode namesNode = stored.parameter("feature_names");
        if (!namesNode.isArray()) {
            throw stored.error("model parameter 'feature_names' is missing or not an array: " + namesNode);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : namesNode) {
            if (!name.isTextual()) {
                throw stored.error("model parameter 'feature_names' holds a non-string: " + name);
            }
            names.add(name.textValue());
        }
        return new HybridRatingModel(stored.facts(), NeuralNetworkFiles.network(stored), NeuralNetworkFiles.range(stored),
                NeuralNetworkFiles.loss(stored), names);
    }
}
