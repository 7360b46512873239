package org.embedrec.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.TrainingFacts;

/**
 * What a {@link ModelCodec} rebuilds a model from: the checked metadata and tensors of one file.
 * Every accessor checks what it returns (presence, type, shape) and fails with a
 * {@link ModelFileException} naming the file, so codecs stay free of validation code.
 */
public final class StoredModel {
    private final Path file;
    private final ModelMetadata metadata;
    private final Map<String, Tensor> tensors;
    private final Set<String> unread;

    StoredModel(Path file, ModelMetadata metadata, Map<String, Tensor> tensors) {
        this.file = file;
        this.metadata = metadata;
        this.tensors = tensors;
        this.unread = new LinkedHashSet<>(tensors.keySet());
    }

    public IdIndex users() {
        return metadata.users();
    }

    public ItemCatalog catalog() {
        return metadata.catalog();
    }

    public ModelInfo info() {
        return metadata.info();
    }

    /** Ids, catalog, info and the {@code item_train_counts} tensor I32 [items] that every kind stores. */
    public TrainingFacts facts() throws ModelFileException {
        return new TrainingFacts(users(), catalog(), ints("item_train_counts", catalog().size()), info());
    }

    /** A problem with this file, for codec-specific checks. */
    public ModelFileException error(String problem) {
        return new ModelFileException(file, problem);
    }

    /** The model parameter {@code name}; a missing node if absent. */
    public JsonNode parameter(String name) {
        return metadata.parameters().path(name);
    }

    public int intParameter(String name) throws ModelFileException {
        return checked(name, node -> node.isIntegralNumber() && node.canConvertToInt(), "an integer").intValue();
    }

    /** Whether the model parameter {@code name} is present (possibly null). */
    public boolean hasParameter(String name) {
        return metadata.parameters().has(name);
    }

    /** A double parameter, rounded once from the exact decimal in the file. */
    public double doubleParameter(String name) throws ModelFileException {
        return checked(name, JsonNode::isNumber, "a number").doubleValue();
    }

    public String stringParameter(String name) throws ModelFileException {
        return checked(name, JsonNode::isTextual, "a string").textValue();
    }

    public boolean booleanParameter(String name) throws ModelFileException {
        return checked(name, JsonNode::isBoolean, "a boolean").booleanValue();
    }

    /** The parameter {@code name}, which must pass {@code check}; {@code expected} says what it should be. */
    private JsonNode checked(String name, Predicate<JsonNode> check, String expected) throws ModelFileException {
        JsonNode node = parameter(name);
        if (!check.test(node)) {
            throw error("model parameter '" + name + "' is missing or not " + expected + ": " + node);
        }
        return node;
    }

    /** A float parameter, rounded once from the exact decimal in the file. */
    public float floatParameter(String name) throws ModelFileException {
        return asFloat(parameter(name), name);
    }

    /** A finite float parameter: NaN, an infinity or a value beyond the float range is rejected. */
    public float asFloat(JsonNode node, String name) throws ModelFileException {
        if (!node.isNumber()) {
            throw error("model parameter '" + name + "' is missing or not a number: " + node);
        }
        float value = node.floatValue();
        if (!Float.isFinite(value)) {
            throw error("model parameter '" + name + "' is " + node.asText() + ", not a finite 32-bit float");
        }
        return value;
    }

    public boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    /**
     * The F32 tensor {@code name}, which must have exactly {@code shape} and only finite values: a
     * NaN or an infinity would make every score it touches NaN, so such a file is rejected here, the
     * one place every codec reads its floats through, with the tensor's name and the first bad value.
     */
    public float[] floats(String name, long... shape) throws ModelFileException {
        float[] values = tensor(name, Tensor.DType.F32, shape).floats();
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw error("tensor '" + name + "' holds " + values[k] + " at index " + k + " (of "
                        + values.length + " values): a model with non-finite parameters cannot score anything");
            }
        }
        return values;
    }

    /** The I32 tensor {@code name}, which must have exactly {@code shape}. */
    public int[] ints(String name, long... shape) throws ModelFileException {
        return tensor(name, Tensor.DType.I32, shape).ints();
    }

    private Tensor tensor(String name, Tensor.DType dtype, long[] shape) throws ModelFileException {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw error("missing tensor '" + name + "'");
        }
        if (tensor.dtype() != dtype) {
            throw error("tensor '" + name + "' has dtype " + tensor.dtype() + ", expected " + dtype);
        }
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw error("tensor '" + name + "' has shape " + Arrays.toString(tensor.shape()) + ", expected "
                    + Arrays.toString(shape));
        }
        unread.remove(name);
        return tensor;
    }

    /** Fails if the file holds tensors the codec did not ask for: a format this reader does not know. */
    void checkAllTensorsRead() throws ModelFileException {
        if (!unread.isEmpty()) {
            throw error("unexpected tensors " + unread + " for a " + metadata.info().kind() + " model");
        }
    }
}
