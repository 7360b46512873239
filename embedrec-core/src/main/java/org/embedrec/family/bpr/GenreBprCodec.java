package org.embedrec.family.bpr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.io.ModelCodec;
import org.embedrec.io.ModelFileException;
import org.embedrec.io.StoredModel;
import org.embedrec.io.Tensor;

/**
 * {@link GenreBprModel} in a model file. Parameters: {@code item_dimensions}, {@code tag_dimensions},
 * {@code has_item_bias}, {@code positive_threshold} (as for {@link BprCodec}). Tensors: {@code user_embedding} F32 [users, item_dimensions + tag_dimensions],
 * {@code item_embedding} F32 [items, item_dimensions], {@code tag_embedding} F32 [genres, tag_dimensions]
 * (rows in the order of {@code catalog.genre_names}), {@code item_bias} F32 [items] (only with an item
 * bias), {@code item_train_counts} I32 [items]. The ELU vectors are recomputed on load.
 */
final class GenreBprCodec extends ModelCodec<GenreBprModel> {
    GenreBprCodec() {
        super(GenreBprModel.KIND, GenreBprModel.class);
    }

    @Override
    public ObjectNode parameters(GenreBprModel model) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.put("item_dimensions", model.itemDimensions());
        parameters.put("tag_dimensions", model.tagDimensions());
        parameters.put("has_item_bias", model.hasItemBias());
        parameters.put("positive_threshold", model.positiveThreshold().toString());
        return parameters;
    }

    @Override
    public List<Tensor> tensors(GenreBprModel model) {
        long users = model.users().size();
        long items = model.items().size();
        long genres = model.catalog().genreNames().size();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(Tensor.f32("user_embedding", model.userEmbedding(), users, model.dimensions()));
        tensors.add(Tensor.f32("item_embedding", model.itemEmbedding(), items, model.itemDimensions()));
        tensors.add(Tensor.f32("tag_embedding", model.tagEmbedding(), genres, model.tagDimensions()));
        if (model.hasItemBias()) {
            tensors.add(Tensor.f32("item_bias", model.itemBiases(), items));
        }
        tensors.add(Tensor.i32("item_train_counts", model.trainingFacts().itemTrainCounts(), items));
        return tensors;
    }

    @Override
    public GenreBprModel decode(StoredModel stored) throws ModelFileException {
        int itemDim = stored.intParameter("item_dimensions");
        int tagDim = stored.intParameter("tag_dimensions");
        boolean hasItemBias = stored.booleanParameter("has_item_bias");
        long users = stored.users().size();
        long items = stored.catalog().size();
        long genres = stored.catalog().genreNames().size();
        return new GenreBprModel(stored.facts(), itemDim, tagDim,
                stored.floats("user_embedding", users, (long) itemDim + tagDim),
                stored.floats("item_embedding", items, itemDim), stored.floats("tag_embedding", genres, tagDim),
                hasItemBias ? stored.floats("item_bias", items) : null, BprCodec.positiveThreshold(stored));
    }
}
