package org.embedrec.family.knn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.data.PositiveThreshold;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link ItemKnnModel} in a model file. Parameters: {@code neighbour_count}, {@code user_item_count},
 * {@code positive_threshold} (a number or {@code "all"}). Tensors: {@code neighbour_starts} I32
 * [items + 1], {@code neighbour_items} I32 [neighbour_count], {@code neighbour_similarities} F32
 * [neighbour_count], {@code user_starts} I32 [users + 1], {@code user_items} I32 [user_item_count],
 * {@code item_train_counts} I32 [items].
 */
final class ItemKnnCodec extends ModelCodec<ItemKnnModel> {
    ItemKnnCodec() {
        super(ItemKnnModel.KIND, ItemKnnModel.class);
    }

    @Override
    public ObjectNode parameters(ItemKnnModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("neighbour_count", model.neighbours().items().length);
        parameters.put("user_item_count", model.userItems().length);
        parameters.put("positive_threshold", model.positiveThreshold().toString());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(ItemKnnModel model) {
        long users = model.users().size();
        long items = model.items().size();
        ItemKnnModel.Neighbours neighbours = model.neighbours();
        return List.of(Tensor.i32("neighbour_starts", neighbours.starts(), items + 1),
                Tensor.i32("neighbour_items", neighbours.items(), neighbours.items().length),
                Tensor.f32("neighbour_similarities", neighbours.similarities(), neighbours.similarities().length),
                Tensor.i32("user_starts", model.userStarts(), users + 1),
                Tensor.i32("user_items", model.userItems(), model.userItems().length),
                Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
    }

    @Override
    public ItemKnnModel decode(StoredModel stored) throws ModelFileException {
        long users = stored.users().size();
        long items = stored.catalog().size();
        int neighbourCount = stored.intParameter("neighbour_count");
        int userItemCount = stored.intParameter("user_item_count");
        PositiveThreshold threshold;
        try {
            threshold = PositiveThreshold.parse(stored.stringParameter("positive_threshold"));
        } catch (IllegalArgumentException e) {
            throw stored.error("bad positive_threshold: " + e.getMessage());
        }
        ItemKnnModel.Neighbours neighbours = new ItemKnnModel.Neighbours(stored.ints("neighbour_starts", items + 1),
                stored.ints("neighbour_items", neighbourCount), stored.floats("neighbour_similarities", neighbourCount));
        return new ItemKnnModel(stored.facts(), neighbours, stored.ints("user_starts", users + 1),
                stored.ints("user_items", userItemCount), threshold);
    }
}
