package org.embedrec.io.rows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.embedrec.io.DataFormatException;

/**
 * The rows of a UTF-8 JSON-lines file: one flat JSON object per line, e.g.
 * {@code {"user": "u1", "item": "i9", "event": "view", "ts": 1700000000}}. Blank lines are skipped.
 *
 * <p>The columns are the keys of the first object, in its order. A later object may lack a key (its
 * value is then {@code null}, a missing value) and may hold keys the first lacks (they are ignored).
 * Strings, numbers and booleans are read as the text they hold; {@code null} is a missing value. A line
 * that is not a JSON object, or a value that is an object or an array, is an error naming the file, the
 * line and its text.
 */
public final class JsonLinesRowSource implements RowSource {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final BufferedReader reader;
    private final List<String> columns;
    private final Map<String, Integer> positions = new HashMap<>();
    private final String[] values;
    private long number;
    private String line;
    private String pendingLine;
    private long pendingNumber;

    private JsonLinesRowSource(Path file) {
        this.file = file;
        RowSources.requireFile(file);
        try {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String first = nextNonBlankLine();
        if (first == null) {
            close();
            throw new DataFormatException(file, file + " is empty");
        }
        List<String> keys = new ArrayList<>();
        parseObject(first, keys);
        this.columns = List.copyOf(keys);
        for (int c = 0; c < columns.size(); c++) {
            positions.put(columns.get(c), c);
        }
        this.values = new String[columns.size()];
        this.pendingLine = first;
        this.pendingNumber = number;
    }

    /** The rows of {@code file}. */
    public static JsonLinesRowSource open(Path file) {
        return new JsonLinesRowSource(file);
    }

    private String nextNonBlankLine() {
        try {
            for (String text; (text = reader.readLine()) != null; ) {
                number++;
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    return text;
                }
            }
            return null;
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, file + ": line " + (number + 1) + ": the file is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Parses one line's object: with {@code keys} non-null collects its keys in order (the first line),
     * else fills {@link #values} by column.
     */
    private void parseObject(String text, List<String> keys) {
        line = text;
        if (keys == null) {
            Arrays.fill(values, null);
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw error("expected a JSON object {...} on every line");
            }
            for (JsonToken token; (token = parser.nextToken()) == JsonToken.FIELD_NAME; ) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw error("the value of \"" + key + "\" is " + (value == JsonToken.START_OBJECT ? "an object" : "an array")
                            + "; only strings, numbers and booleans can be loaded");
                }
                if (keys != null) {
                    if (keys.contains(key)) {
                        throw error("key \"" + key + "\" appears twice");
                    }
                    keys.add(key);
                } else {
                    Integer column = positions.get(key);
                    if (column != null) {
                        values[column] = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw error("more than one JSON value on the line");
            }
        } catch (JsonProcessingException e) {
            throw error("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse line " + number + " of " + file, e);
        }
    }

    private DataFormatException error(String problem) {
        return new DataFormatException(file, number, line, problem);
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        String text;
        if (pendingLine != null) {
            text = pendingLine;
            number = pendingNumber;
            pendingLine = null;
        } else {
            text = nextNonBlankLine();
            if (text == null) {
                return false;
            }
        }
        parseObject(text, null);
        return true;
    }

    @Override
    public String value(int column) {
        return values[column];
    }

    @Override
    public String position() {
        return "line " + number;
    }

    @Override
    public String text() {
        return line;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Only read: nothing is lost when closing fails.
        }
    }
}
