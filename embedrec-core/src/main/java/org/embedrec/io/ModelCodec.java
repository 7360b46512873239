package org.embedrec.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.model.Recommender;

/**
 * Converts one kind of model to and from the parts of a model file. The file format itself (layout,
 * ids, catalog, provenance, checksum, version) is handled by {@link ModelFiles}; a codec only says
 * which scalars and tensors its kind has. A new model kind is one new codec, listed in
 * {@link ModelFiles}.
 *
 * @param <T> the model type
 */
public interface ModelCodec<T extends Recommender> {
    /** The kind written to {@code __metadata__.kind}, e.g. {@code "matrix-factorization"}. */
    String kind();

    /** The model class this codec saves and loads. */
    Class<T> type();

    /** The model's scalars (sizes, flags, constants) as a JSON object; stored as {@code "model"}. */
    ObjectNode parameters(T model);

    /** The model's arrays, in the order they are written. */
    List<Tensor> tensors(T model);

    /** {@link #tensors} of a model already checked to be a {@link #type()}. */
    default List<Tensor> tensorsOf(Recommender model) {
        return tensors(type().cast(model));
    }

    /**
     * Rebuilds a model. Unchecked exceptions (from model constructors' own checks) are turned into a
     * {@link ModelFileException} by the caller.
     */
    T decode(StoredModel stored) throws ModelFileException;
}
