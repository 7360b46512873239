package org.embedrec.family.ease;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link EaseModel} in a model file. Parameters: {@code known_item_count}, {@code user_item_count},
 * {@code positive_threshold} (a number or {@code "all"}). Tensors: {@code known_items} I32 [known],
 * {@code weights} F32 [known, known] (B, row-major), {@code user_starts} I32 [users + 1],
 * {@code user_items} I32 [user_item_count], {@code item_train_counts} I32 [items].
 */
final class EaseCodec extends ModelCodec<EaseModel> {
    EaseCodec() {
        super(EaseModel.KIND, EaseModel.class);
    }

    @Override
    public ObjectNode parameters(EaseModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("known_item_count", model.knownItems().length);
        parameters.put("user_item_count", model.userItems().length);
        parameters.put("positive_threshold", model.positiveThreshold().toString());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(EaseModel model) {
        long users = model.users().size();
        long items = model.items().size();
        long known = model.knownItems().length;
        return List.of(Tensor.i32("known_items", model.knownItems(), known),
                Tensor.f32("weights", model.weights(), known, known),
                Tensor.i32("user_starts", model.userStarts(), users + 1),
                Tensor.i32("user_items", model.userItems(), model.userItems().length),
                Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
    }

    @Override
    public EaseModel decode(StoredModel stored) throws ModelFileException {
        long users = stored.users().size();
        int known = stored.intParameter("known_item_count");
        int userItemCount = stored.intParameter("user_item_count");
        PositiveThreshold threshold;
        try {
            threshold = PositiveThreshold.parse(stored.stringParameter("positive_threshold"));
        } catch (IllegalArgumentException e) {
            throw stored.error("bad positive_threshold: " + e.getMessage());
        }
        try {
            return new EaseModel(stored.facts(), stored.ints("known_items", known),
                    stored.floats("weights", known, known), stored.ints("user_starts", users + 1),
                    stored.ints("user_items", userItemCount), threshold);
        } catch (IllegalArgumentException e) {
            throw stored.error("inconsistent EASE model: " + e.getMessage());
        }
    }
}
