package org.embedrec.family.neural;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link RatingClassifierModel} in a model file: the network of {@link NeuralNetworkFiles} (its last
 * layer has one output per level) plus the tensor {@code rating_levels} F32 [levels], ascending.
 */
final class RatingClassifierCodec extends ModelCodec<RatingClassifierModel> {
    RatingClassifierCodec() {
        super(RatingClassifierModel.KIND, RatingClassifierModel.class);
    }

    @Override
    public ObjectNode parameters(RatingClassifierModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        NeuralNetworkFiles.putNetwork(parameters, model.network());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(RatingClassifierModel model) {
        List<Tensor> tensors = new ArrayList<>(NeuralNetworkFiles.tensors(model));
        float[] levels = model.levels();
        tensors.add(Tensor.f32("rating_levels", levels, levels.length));
        return tensors;
    }

    @Override
    public RatingClassifierModel decode(StoredModel stored) throws ModelFileException {
        var network = NeuralNetworkFiles.network(stored);
        float[] levels = stored.floats("rating_levels", network.mlp().outputWidth());
        return new RatingClassifierModel(stored.facts(), network, levels);
    }
}
