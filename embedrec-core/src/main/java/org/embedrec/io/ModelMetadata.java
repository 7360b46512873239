package org.embedrec.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.model.EpochRecord;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Provenance;
import org.embedrec.model.Retraining;

/**
 * The {@code "embedrec"} metadata entry of a model file: everything but the tensors, as one JSON
 * document. Field names are spelled out here (snake_case), never derived from Java names, so that
 * renaming a Java field cannot change the format.
 *
 * <p>Non-finite doubles (a NaN validation loss) are written as the bare tokens {@code NaN},
 * {@code Infinity}, {@code -Infinity}, which Python's {@code json.loads} accepts. Decimals are
 * read exactly (as {@link BigDecimal}) and then rounded once, so floats and doubles round-trip
 * bit for bit.
 *
 * @param users the user ids in index order
 * @param catalog the item ids, titles, years and genres in index order
 * @param info kind, hyperparameters, provenance, history, metrics; its kind is the file's kind
 * @param parameters the model kind's scalars (dimensions, biases...), written by its codec
 * @param tensorCrc32 CRC32 of each tensor's bytes, by tensor name
 */
record ModelMetadata(IdIndex users, ItemCatalog catalog, ModelInfo info, ObjectNode parameters,
        Map<String, Long> tensorCrc32) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * This metadata as a JSON string.
     *
     * @throws IllegalArgumentException if an option value is not a string, number, boolean, null,
     *     list or string-keyed map
     */
    String toJson() {
        ObjectNode root = NODES.objectNode();
        root.set("model", parameters);
        root.set("info", infoJson(info));
        tensorCrc32.forEach(root.putObject("tensor_crc32")::put);
        root.set("users", strings(users.ids()));
        root.set("items", strings(catalog.items().ids()));
        root.set("catalog", catalogJson(catalog));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write model metadata", e);
        }
    }

    /** Parses the metadata of {@code file}, whose kind is {@code kind}. */
    static ModelMetadata parse(String json, String kind, Path file) throws ModelFileException {
        try {
            JsonNode root = JSON.readTree(json);
            Fields fields = new Fields(file);
            ObjectNode parameters = (ObjectNode) fields.object(root, "model");
            ModelInfo info = fields.info(fields.object(root, "info"), kind);
            Map<String, Long> crcs = fields.checksums(fields.object(root, "tensor_crc32"));
            List<String> itemIds = fields.strings(root, "items");
            IdIndex users = IdIndex.of(fields.strings(root, "users"));
            ItemCatalog catalog = fields.catalog(fields.object(root, "catalog"), itemIds);
            return new ModelMetadata(users, catalog, info, parameters, crcs);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "embedrec metadata is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            // Duplicate ids, numbers beyond BigDecimal's exponent range, ...: all mean a damaged file.
            throw new ModelFileException(file, "invalid embedrec metadata: " + e.getMessage(), e);
        }
    }

    /** {@code node} as plain Java values: maps, lists, strings, booleans, Integer/Long/Double, null. */
    static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(field -> map.put(field.getKey(), toJava(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    /** A JSON-compatible Java value as a node; {@code path} names it in errors. */
    static JsonNode toNode(Object value, String path) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal big) {
            return NODES.numberNode(big);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (int i = 0; i < list.size(); i++) {
                array.add(toNode(list.get(i), path + "[" + i + "]"));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            // Sorted keys make equal models give byte-identical files.
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + " has a non-string key " + entry.getKey());
                }
                sorted.put(key, entry.getValue());
            }
            ObjectNode object = NODES.objectNode();
            sorted.forEach((key, element) -> object.set(key, toNode(element, path + "." + key)));
            return object;
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName()
                + ", which a model file cannot store; use strings, numbers, booleans, lists and maps");
    }

    private static ObjectNode infoJson(ModelInfo info) {
        ObjectNode node = NODES.objectNode();
        // "options" and "data_fingerprint" keep their version-1 places, so older readers still read these files.
        node.set("options", toNode(info.hyperparameters(), "options"));
        Provenance provenance = info.provenance();
        node.put("data_fingerprint", provenance.dataFingerprint());
        ObjectNode recorded = node.putObject("provenance");
        recorded.put("data_source", provenance.dataSource());
        recorded.put("split", provenance.split());
        recorded.put("split_seed", provenance.splitSeed());
        recorded.put("early_stopping", provenance.earlyStopping());
        recorded.put("configuration", provenance.configuration());
        recorded.put("embedrec_version", provenance.embedrecVersion());
        if (provenance.ratingScale() != null) {
            ObjectNode scale = recorded.putObject("rating_scale");
            scale.put("min", provenance.ratingScale().min());
            scale.put("max", provenance.ratingScale().max());
        }
        Retraining retraining = provenance.retraining();
        if (retraining != null) {
            ObjectNode record = recorded.putObject("retraining");
            record.put("version", retraining.version());
            record.put("trained_at", retraining.trainedAt().toString());
            record.put("store", retraining.store());
            record.put("watermark_ms", retraining.watermarkMillis());
            record.put("interactions", retraining.interactions());
        }
        ArrayNode history = node.putArray("history");
        for (EpochRecord epoch : info.history()) {
            ObjectNode record = history.addObject();
            record.put("epoch", epoch.epoch());
            record.put("train_loss", epoch.trainLoss());
            record.put("validation_loss", epoch.validationLoss());
            record.set("metrics", doubles(epoch.metrics()));
            record.put("seconds", epoch.seconds());
            record.put("learning_rate", epoch.learningRate());
        }
        node.set("metrics", doubles(info.metrics()));
        return node;
    }

    private static ObjectNode catalogJson(ItemCatalog catalog) {
        ObjectNode node = NODES.objectNode();
        ArrayNode titles = node.putArray("titles");
        ArrayNode years = node.putArray("years");
        ArrayNode genres = node.putArray("genres");
        for (int item = 0; item < catalog.size(); item++) {
            titles.add(catalog.title(item));
            years.add(catalog.year(item));
            ArrayNode itemGenres = genres.addArray();
            for (int genre : catalog.genreIndices(item)) {
                itemGenres.add(genre);
            }
        }
        node.set("genre_names", strings(catalog.genreNames()));
        return node;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode doubles(Map<String, Double> values) {
        ObjectNode object = NODES.objectNode();
        new TreeMap<>(values).forEach(object::put);
        return object;
    }

    /** Typed access to metadata fields, with errors that name the file and the field. */
    private static final class Fields {
        private final Path file;

        Fields(Path file) {
            this.file = file;
        }

        ModelFileException invalid(String field, String expected) {
            return new ModelFileException(file, "embedrec metadata field '" + field + "' is missing or not " + expected);
        }

        JsonNode object(JsonNode parent, String field) throws ModelFileException {
            JsonNode node = parent.get(field);
            if (node == null || !node.isObject()) {
                throw invalid(field, "an object");
            }
            return node;
        }

        JsonNode array(JsonNode parent, String field, int expectedSize) throws ModelFileException {
            JsonNode node = parent.get(field);
            if (node == null || !node.isArray()) {
                throw invalid(field, "an array");
            }
            if (expectedSize >= 0 && node.size() != expectedSize) {
                throw new ModelFileException(file, "embedrec metadata field '" + field + "' has " + node.size()
                        + " entries, expected " + expectedSize + " (one per item)");
            }
            return node;
        }

        List<String> strings(JsonNode parent, String field) throws ModelFileException {
            JsonNode array = array(parent, field, -1);
            List<String> values = new ArrayList<>(array.size());
            for (JsonNode element : array) {
                if (!element.isTextual()) {
                    throw invalid(field, "an array of strings");
                }
                values.add(element.textValue());
            }
            return values;
        }

        String string(JsonNode parent, String field) throws ModelFileException {
            JsonNode node = parent.get(field);
            if (node == null || !node.isTextual()) {
                throw invalid(field, "a string");
            }
            return node.textValue();
        }

        Map<String, Long> checksums(JsonNode object) throws ModelFileException {
            Map<String, Long> checksums = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                JsonNode crc = entry.getValue();
                if (!crc.isIntegralNumber() || !crc.canConvertToLong() || crc.longValue() < 0
                        || crc.longValue() > 0xFFFF_FFFFL) {
                    throw invalid("tensor_crc32." + entry.getKey(), "an unsigned 32-bit integer");
                }
                checksums.put(entry.getKey(), crc.longValue());
            }
            return checksums;
        }

        int intValue(JsonNode node, String field) throws ModelFileException {
            if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
                throw invalid(field, "an integer");
            }
            return node.intValue();
        }

        double doubleValue(JsonNode parent, String field) throws ModelFileException {
            JsonNode node = parent.get(field);
            if (node == null || !node.isNumber()) {
                throw invalid(field, "a number");
            }
            return node.doubleValue();
        }

        Map<String, Double> doubles(JsonNode parent, String field) throws ModelFileException {
            JsonNode object = object(parent, field);
            Map<String, Double> values = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                values.put(entry.getKey(), doubleValue(object, entry.getKey()));
            }
            return values;
        }

        ModelInfo info(JsonNode node, String kind) throws ModelFileException {
            @SuppressWarnings("unchecked")
            Map<String, Object> options = (Map<String, Object>) toJava(object(node, "options"));
            if (options.containsValue(null)) {
                throw invalid("info.options", "free of null values");
            }
            String fingerprint = string(node, "data_fingerprint");
            Map<String, Object> hyperparameters = options;
            Provenance provenance;
            if (node.has("provenance")) {
                provenance = provenance(object(node, "provenance"), fingerprint);
            } else {
                // Written before provenance had its own field: the command line kept it in the options.
                hyperparameters = LegacyModelFiles.hyperparameters(options);
                provenance = LegacyModelFiles.provenance(options, fingerprint);
            }
            List<EpochRecord> history = new ArrayList<>();
            for (JsonNode epoch : array(node, "history", -1)) {
                if (!epoch.isObject()) {
                    throw invalid("info.history", "an array of objects");
                }
                history.add(new EpochRecord(intValue(epoch.get("epoch"), "epoch"), doubleValue(epoch, "train_loss"),
                        doubleValue(epoch, "validation_loss"), doubles(epoch, "metrics"), doubleValue(epoch, "seconds"),
                        doubleValue(epoch, "learning_rate")));
            }
            return new ModelInfo(kind, hyperparameters, provenance, history, doubles(node, "metrics"));
        }

        Provenance provenance(JsonNode node, String fingerprint) throws ModelFileException {
            JsonNode seed = node.path("split_seed");
            if (!seed.isMissingNode() && !(seed.isIntegralNumber() && seed.canConvertToLong())) {
                throw invalid("info.provenance.split_seed", "an integer");
            }
            JsonNode earlyStopping = node.path("early_stopping");
            if (!earlyStopping.isMissingNode() && !earlyStopping.isBoolean()) {
                throw invalid("info.provenance.early_stopping", "a boolean");
            }
            return new Provenance(fingerprint, optionalString(node, "data_source"), optionalString(node, "split"),
                    seed.asLong(0), earlyStopping.asBoolean(false), optionalString(node, "configuration"),
                    optionalString(node, "embedrec_version"), ratingScale(node.path("rating_scale")),
                    retraining(node.path("retraining")));
        }

        /** The retraining record, or {@code null} for a model that {@code train} made. */
        Retraining retraining(JsonNode node) throws ModelFileException {
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            String expected = "an object {\"version\": integer >= 2, \"trained_at\": ISO-8601 instant, \"store\": text,"
                    + " \"watermark_ms\": integer, \"interactions\": integer >= 0}";
            JsonNode version = node.path("version");
            JsonNode trainedAt = node.path("trained_at");
            JsonNode store = node.path("store");
            JsonNode watermark = node.path("watermark_ms");
            JsonNode interactions = node.path("interactions");
            if (!version.canConvertToInt() || !version.isIntegralNumber() || !trainedAt.isTextual() || !store.isTextual()
                    || !watermark.isIntegralNumber() || !watermark.canConvertToLong() || !interactions.isIntegralNumber()
                    || !interactions.canConvertToLong()) {
                throw invalid("info.provenance.retraining", expected);
            }
            try {
                return new Retraining(version.intValue(), Instant.parse(trainedAt.textValue()), store.textValue(),
                        watermark.longValue(), interactions.longValue());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw invalid("info.provenance.retraining", expected);
            }
        }

        /** The recorded training-data rating range, or {@code null} for files written before it was. */
        RatingScale ratingScale(JsonNode node) throws ModelFileException {
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            JsonNode min = node.path("min");
            JsonNode max = node.path("max");
            if (!min.isNumber() || !max.isNumber() || !Float.isFinite(min.floatValue()) || !Float.isFinite(max.floatValue())
                    || min.floatValue() > max.floatValue()) {
                throw invalid("info.provenance.rating_scale", "an object {\"min\": number, \"max\": number} with min <= max");
            }
            return RatingScale.between(min.floatValue(), max.floatValue());
        }

        /** A string field that may be missing or null. */
        String optionalString(JsonNode parent, String field) throws ModelFileException {
            JsonNode node = parent.path(field);
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw invalid("info.provenance." + field, "a string or null");
            }
            return node.textValue();
        }

        ItemCatalog catalog(JsonNode node, List<String> itemIds) throws ModelFileException {
            int items = itemIds.size();
            List<String> genreNames = strings(node, "genre_names");
            JsonNode titles = array(node, "titles", items);
            JsonNode years = array(node, "years", items);
            JsonNode genres = array(node, "genres", items);
            ItemCatalog.Builder builder = ItemCatalog.builder();
            for (String genre : genreNames) {
                builder.genre(genre);
            }
            for (int item = 0; item < items; item++) {
                if (!titles.get(item).isTextual()) {
                    throw invalid("catalog.titles", "an array of strings");
                }
                JsonNode itemGenres = genres.get(item);
                if (!itemGenres.isArray()) {
                    throw invalid("catalog.genres", "an array of arrays");
                }
                List<String> names = new ArrayList<>(itemGenres.size());
                for (JsonNode genre : itemGenres) {
                    int index = intValue(genre, "catalog.genres");
                    if (index < 0 || index >= genreNames.size()) {
                        throw new ModelFileException(file, "item '" + itemIds.get(item) + "' has genre index " + index
                                + ", outside the " + genreNames.size() + " genre names");
                    }
                    names.add(genreNames.get(index));
                }
                builder.add(itemIds.get(item), titles.get(item).textValue(), intValue(years.get(item), "catalog.years"),
                        names);
            }
            ItemCatalog catalog = builder.build();
            if (!catalog.genreNames().equals(genreNames)) {
                throw new ModelFileException(file, "embedrec metadata field 'catalog.genre_names' has duplicates: "
                        + genreNames);
            }
            return catalog;
        }
    }
}
