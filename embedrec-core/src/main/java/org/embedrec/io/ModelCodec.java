package org.embedrec.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.embedrec.model.Recommender;

/**
 * Converts one kind of model to and from the parts of a model file. The file format itself (layout,
 * ids, catalog, provenance, checksum, version) is handled by {@link ModelFiles}; a codec only says
 * which scalars and tensors its kind has. A new model kind is one new codec in its family's package,
 * listed by the family's {@link org.embedrec.family.ModelFamily}.
 *
 * @param <T> the model type
 */
public abstract class ModelCodec<T extends Recommender> {
    private final String kind;
    private final Class<T> type;

    /**
     * @param kind the kind written to {@code __metadata__.kind}, e.g. {@code "matrix-factorization"}
     * @param type the model class this codec saves and loads
     */
    protected ModelCodec(String kind, Class<T> type) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.type = java.util.Objects.requireNonNull(type, "type");
    }

    /** The kind written to {@code __metadata__.kind}, e.g. {@code "matrix-factorization"}. */
    public final String kind() {
        return kind;
    }

    /** The model class this codec saves and loads. */
    public final Class<T> type() {
        return type;
    }

    /** The model's scalars (sizes, flags, constants) as a JSON object; stored as {@code "model"}. */
    public abstract ObjectNode parameters(T model);

    /** The model's arrays, in the order they are written. */
    public abstract List<Tensor> tensors(T model);

    /** {@link #tensors} of a model already checked to be a {@link #type()}. */
    public final List<Tensor> tensorsOf(Recommender model) {
        return tensors(type().cast(model));
    }

    /**
     * Rebuilds a model. Unchecked exceptions (from model constructors' own checks) are turned into a
     * {@link ModelFileException} by the caller.
     */
    public abstract T decode(StoredModel stored) throws ModelFileException;
}
