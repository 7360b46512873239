package org.embedrec.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.embedrec.io.AtomicFiles;
import org.embedrec.train.RecommenderTrainer;
import org.embedrec.family.Trainers;

/**
 * A model configuration: a name known to {@link Trainers}, options over its preset, and the trainer
 * they make, built (and so validated) once, when the configuration is made. Stored as a
 * JSON or YAML file ({@code .json}, {@code .yaml}, {@code .yml}) of the form
 * <pre>{@code
 * model: deep
 * options:
 *   dimensions: 32
 *   epochs: 10
 * }</pre>
 * {@code tune} writes the best configuration it finds in this form for {@code train --config}.
 *
 */
final class ModelConfig {
    private final String model;
    private final Map<String, Object> options;
    private final RecommenderTrainer<?> trainer;

    /**
     * @param model the configuration name, e.g. {@code mf}
     * @param options options over the preset, by the keys of the model's option table
     * @throws IllegalArgumentException naming an unknown model, or an unknown or invalid option
     */
    ModelConfig(String model, Map<String, ?> options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.trainer = Trainers.create(model, options);
    }

    /** The configuration name, e.g. {@code mf}. */
    String model() {
        return model;
    }

    /** The options given over the preset (not all of the trainer's options). */
    Map<String, Object> options() {
        return options;
    }

    /** The trainer this configuration describes. */
    RecommenderTrainer<?> trainer() {
        return trainer;
    }

    /** Configurations are equal when they name the same model with the same options. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ModelConfig config && model.equals(config.model) && options.equals(config.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, options);
    }

    @Override
    public String toString() {
        return model + " " + options;
    }

    /** Whether {@code name} names a config file ({@code .json}, {@code .yaml}, {@code .yml}) rather than a model. */
    static boolean isFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** The configuration a {@code --config} or {@code --configs} entry names: a config file read, or a model name at its preset. */
    static ModelConfig named(String nameOrFile) throws IOException {
        return isFile(nameOrFile) ? read(Path.of(nameOrFile)) : new ModelConfig(nameOrFile, Map.of());
    }

    /** The same model with {@code more} options added over these. */
    ModelConfig with(Map<String, ?> more) {
        Map<String, Object> merged = new LinkedHashMap<>(options);
        merged.putAll(more);
        return new ModelConfig(model, merged);
    }

    /** {@code key=value} pairs, comma-separated, numbers shortened to 4 significant digits. */
    static String describe(Map<String, ?> options) {
        StringBuilder text = new StringBuilder();
        options.forEach((key, value) -> text.append(text.length() == 0 ? "" : ",").append(key).append('=').append(shown(value)));
        return text.toString();
    }

    /**
     * The options as a block for people: {@code key value} cells of one width, as many to a line as fit
     * in {@code width} columns, each line starting with two spaces, in the options' order.
     */
    static String block(Map<String, ?> options, int width) {
        List<String> cells = options.entrySet().stream().map(option -> option.getKey() + " " + shown(option.getValue())).toList();
        int cellWidth = cells.stream().mapToInt(String::length).max().orElse(0) + 3;
        int perLine = Math.max(1, (width - 2) / cellWidth);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean lineEnd = i % perLine == perLine - 1 || i == cells.size() - 1;
            text.append(i % perLine == 0 ? "  " : "").append(lineEnd ? cells.get(i) + "\n" : pad(cells.get(i), cellWidth));
        }
        return text.toString();
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }

    private static Object shown(Object value) {
        return value instanceof Double real ? new BigDecimal(real).round(new MathContext(4)).stripTrailingZeros().toPlainString() : value;
    }

    /**
     * Reads a configuration file; errors name the file and, for syntax errors, the line.
     *
     * @throws IllegalArgumentException for a malformed file, a missing or unknown {@code model}, or
     *     keys other than {@code model} and {@code options}
     */
    static ModelConfig read(Path file) throws IOException {
        Map<?, ?> root;
        try {
            root = mapper(file).readValue(Files.readString(file), Map.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(file + (at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() : "")
                    + ": not a valid config file: " + e.getOriginalMessage());
        }
        if (root == null) {
            throw new IllegalArgumentException(file + ": empty config file; expected 'model' and 'options'");
        }
        for (Object key : root.keySet()) {
            if (!"model".equals(key) && !"options".equals(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "'; a config has 'model' and 'options'");
            }
        }
        if (!(root.get("model") instanceof String model)) {
            throw new IllegalArgumentException(file + ": 'model' must name a model, one of " + String.join(", ", Trainers.names()));
        }
        Object options = root.containsKey("options") ? root.get("options") : Map.of();
        if (!(options instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": 'options' must be a map of option names to values");
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        map.forEach((key, value) -> typed.put(String.valueOf(key), value));
        try {
            return new ModelConfig(model, typed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this configuration atomically as JSON or YAML by the file's extension. */
    void write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("options", options);
        String text = mapper(file).enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        AtomicFiles.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ObjectMapper mapper(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return new ObjectMapper(new YAMLFactory());
        }
        if (name.endsWith(".json")) {
            return new ObjectMapper();
        }
        throw new IllegalArgumentException(file + ": a config file must end in .json, .yaml or .yml");
    }
}
