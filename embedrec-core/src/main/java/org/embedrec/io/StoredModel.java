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
final class StoredModel {
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

    IdIndex users() {
        return metadata.users();
    }

    ItemCatalog catalog() {
        return metadata.catalog();
    }

    ModelInfo info() {
        return metadata.info();
    }

    /** Ids, catalog, info and the {@code item_train_counts} tensor I32 [items] that every kind stores. */
    TrainingFacts facts() throws ModelFileException {
        return new TrainingFacts(users(), catalog(), ints("item_train_counts", catalog().size()), info());
    }

    /** A problem with this file, for codec-specific checks. */
    ModelFileException error(String problem) {
        return new ModelFileException(file, problem);
    }

    /** The model parameter {@code name}; a missing node if absent. */
    JsonNode parameter(String name) {
        return metadata.parameters().path(name);
    }

    int intParameter(String name) throws ModelFileException {
        return checked(name, node -> node.isIntegralNumber() && node.canConvertToInt(), "an integer").intValue();
    }

    /** Whether the model parameter {@code name} is present (possibly null). */
    boolean hasParameter(String name) {
        return metadata.parameters().has(name);
    }

    /** A double parameter, rounded once from the exact decimal in the file. */
    double doubleParameter(String name) throws ModelFileException {
        return checked(name, JsonNode::isNumber, "a number").doubleValue();
    }

    String stringParameter(String name) throws ModelFileException {
        return checked(name, JsonNode::isTextual, "a string").textValue();
    }

    boolean booleanParameter(String name) throws ModelFileException {
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
    float floatParameter(String name) throws ModelFileException {
        return asFloat(parameter(name), name);
    }

    float asFloat(JsonNode node, String name) throws ModelFileException {
        if (!node.isNumber()) {
            throw error("model parameter '" + name + "' is missing or not a number: " + node);
        }
        return node.floatValue();
    }

    boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    /** The F32 tensor {@code name}, which must have exactly {@code shape}. */
    float[] floats(String name, long... shape) throws ModelFileException {
        return tensor(name, Tensor.DType.F32, shape).floats();
    }

    /** The I32 tensor {@code name}, which must have exactly {@code shape}. */
    int[] ints(String name, long... shape) throws ModelFileException {
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
