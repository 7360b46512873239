package org.embedrec.io;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A model file taken apart without the production reader, the way Python's safetensors sees it:
 * the 8-byte little-endian header length, the JSON header and the data section. Tests use it to
 * check the layout independently and to craft damaged files.
 */
final class RawModelFile {
    /** Reads and writes NaN as the bare token, as the format (and Python's json module) does. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    final long headerLength;
    final byte[] headerBytes;
    final ObjectNode header;
    final byte[] data;

    private RawModelFile(long headerLength, byte[] headerBytes, ObjectNode header, byte[] data) {
        this.headerLength = headerLength;
        this.headerBytes = headerBytes;
        this.header = header;
        this.data = data;
    }

    static RawModelFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] headerBytes = Arrays.copyOfRange(bytes, 8, 8 + (int) headerLength);
        ObjectNode header = (ObjectNode) JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        return new RawModelFile(headerLength, headerBytes, header, Arrays.copyOfRange(bytes, 8 + (int) headerLength, bytes.length));
    }

    ObjectNode metadata() {
        return (ObjectNode) header.get("__metadata__");
    }

    /** The parsed {@code "embedrec"} metadata document. */
    ObjectNode embedrec() throws IOException {
        return (ObjectNode) JSON.readTree(metadata().get("embedrec").textValue());
    }

    /** Replaces the {@code "embedrec"} document after letting {@code edit} change it. */
    RawModelFile editEmbedrec(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode document = embedrec();
        edit.accept(document);
        metadata().put("embedrec", JSON.writeValueAsString(document));
        return this;
    }

    /** Writes header (re-padded to a multiple of 8) and {@code data} to {@code file}. */
    void write(Path file, byte[] data) throws IOException {
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        while (out.position() < 8 + padded) {
            out.put((byte) ' ');
        }
        out.put(data);
        Files.write(file, out.array());
    }

    void write(Path file) throws IOException {
        write(file, data);
    }
}
