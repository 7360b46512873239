package org.embedrec.family.neural;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link DeepRatingModel} in a model file: the network of {@link NeuralNetworkFiles} plus the
 * parameters {@code output_range} ({@code [low, high]} or {@code null}) and {@code loss} (the training
 * loss, {@code "MSE"}, {@code "MAE"} or {@code "BCE"}; older files: the option {@code loss}).
 */
final class DeepRatingCodec extends ModelCodec<DeepRatingModel> {
    DeepRatingCodec() {
        super(DeepRatingModel.KIND, DeepRatingModel.class);
    }

    @Override
    public ObjectNode parameters(DeepRatingModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        NeuralNetworkFiles.putNetwork(parameters, model.network());
        NeuralNetworkFiles.putRange(parameters, model.range());
        NeuralNetworkFiles.putLoss(parameters, model.loss());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(DeepRatingModel model) {
        return NeuralNetworkFiles.tensors(model);
    }

    @Override
    public DeepRatingModel decode(StoredModel stored) throws ModelFileException {
        return new DeepRatingModel(stored.facts(), NeuralNetworkFiles.network(stored), NeuralNetworkFiles.range(stored),
                NeuralNetworkFiles.loss(stored));
    }
}
