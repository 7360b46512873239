package org.embedrec.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The safetensors container, as read by Python's {@code safetensors.numpy.load_file}: an 8-byte
 * little-endian header length N, N bytes of JSON header (padded with spaces so the data starts
 * 8-byte aligned), then the tensors' little-endian bytes, contiguous, in offset order. Knows
 * nothing of embedrec's metadata: that is a string map to this layer.
 */
final class Safetensors {
    /** The largest header the Python/Rust reader accepts; larger files could not be read there. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    static final String METADATA_KEY = "__metadata__";
    private static final int PREFIX_BYTES = 8;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength((int) MAX_HEADER_BYTES).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /** Where one tensor's bytes are, as declared in the header; {@code begin}, {@code end} relative to the data section. */
    record Entry(String name, String dtype, long[] shape, long begin, long end) {
    }

    /**
     * A parsed, layout-checked header.
     *
     * @param metadata the {@code __metadata__} map, empty if absent
     * @param entries the tensors in offset order; contiguous from 0 to {@code dataLength}
     * @param dataStart file position of the data section
     */
    record Header(Map<String, String> metadata, List<Entry> entries, long dataStart, long dataLength) {
    }

    /**
     * The CRC32 of each tensor's little-endian bytes, by name in list order: what Python's
     * {@code zlib.crc32(array.tobytes())} gives. Per tensor rather than per data section, so that a
     * file that Python's safetensors rewrites in its own tensor order still checks.
     */
    static Map<String, Long> checksums(List<Tensor> tensors) throws IOException {
        Map<String, Long> checksums = new LinkedHashMap<>();
        ByteBuffer scratch = scratch();
        for (Tensor tensor : tensors) {
            CRC32 crc = new CRC32();
            tensor.writeChunks(scratch, crc::update);
            checksums.put(tensor.name(), crc.getValue());
        }
        return checksums;
    }

    /** Writes header and tensors (in list order) to {@code out}. */
    static void write(WritableByteChannel out, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA_KEY);
        metadata.forEach(meta::put);
        long offset = 0;
        for (Tensor tensor : tensors) {
            if (header.has(tensor.name())) {
                throw new IllegalArgumentException("duplicate or reserved tensor name '" + tensor.name() + "'");
            }
            ObjectNode entry = header.putObject(tensor.name());
            entry.put("dtype", tensor.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + tensor.byteLength());
            offset += tensor.byteLength();
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) & ~7;
        if (padded > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("model metadata takes " + padded + " bytes, over the "
                    + MAX_HEADER_BYTES + "-byte safetensors header limit");
        }
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        writeFully(out, prefix.flip());
        ByteBuffer scratch = scratch();
        for (Tensor tensor : tensors) {
            tensor.writeChunks(scratch, chunk -> writeFully(out, chunk));
        }
    }

    /** Reads and checks the header of {@code file} open as {@code in}; leaves the position undefined. */
    static Header readHeader(FileChannel in, Path file) throws IOException {
        long size = in.size();
        if (size < PREFIX_BYTES) {
            throw new ModelFileException(file, "truncated or not a safetensors file: " + size
                    + " bytes, fewer than the 8-byte header length");
        }
        ByteBuffer prefix = ByteBuffer.allocate(PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in.position(0), prefix, file);
        long headerLength = prefix.flip().getLong();
        if (headerLength < 0 || headerLength > size - PREFIX_BYTES) {
            throw new ModelFileException(file, "truncated or not a safetensors file: header length "
                    + Long.toUnsignedString(headerLength) + " exceeds the " + (size - PREFIX_BYTES) + " bytes that follow it");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ModelFileException(file, "not a safetensors file: header length " + headerLength
                    + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) headerLength);
        readFully(in, bytes, file);
        if (headerLength == 0 || bytes.get(0) != '{') {
            throw new ModelFileException(file, "not a safetensors file: header does not start with '{'");
        }
        JsonNode json;
        try {
            json = JSON.readTree(new String(bytes.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, "not a safetensors file: header is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "not a safetensors file: unreadable header: " + e.getMessage(), e);
        }
        if (!json.isObject()) {
            throw new ModelFileException(file, "not a safetensors file: header is not a JSON object");
        }
        long dataStart = PREFIX_BYTES + headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(field.getValue(), metadata, file);
            } else {
                entries.add(readEntry(field.getKey(), field.getValue(), file));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkContiguous(entries, size - dataStart, file);
        return new Header(metadata, List.copyOf(entries), dataStart, size - dataStart);
    }

    private static void readMetadata(JsonNode node, Map<String, String> metadata, Path file) throws ModelFileException {
        if (!node.isObject()) {
            throw new ModelFileException(file, "not a safetensors file: " + METADATA_KEY + " is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new ModelFileException(file, "not a safetensors file: " + METADATA_KEY + " value '"
                        + field.getKey() + "' is not a string");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
    }

    private static Entry readEntry(String name, JsonNode node, Path file) throws ModelFileException {
        JsonNode dtype = node.path("dtype");
        JsonNode shape = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!dtype.isTextual() || !shape.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new ModelFileException(file, "tensor '" + name
                    + "' needs a string dtype, a shape array and two data_offsets, got " + node);
        }
        long[] dims = new long[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = nonNegativeLong(shape.get(d), name, "shape", file);
        }
        long begin = nonNegativeLong(offsets.get(0), name, "data_offsets", file);
        long end = nonNegativeLong(offsets.get(1), name, "data_offsets", file);
        if (begin > end) {
            throw new ModelFileException(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] that end before they begin");
        }
        long elements = Tensor.elements(dims);
        boolean knownSize = dtype.textValue().equals("F32") || dtype.textValue().equals("I32");
        if (knownSize && (elements < 0 || elements > Long.MAX_VALUE / Tensor.DType.BYTES
                || elements * Tensor.DType.BYTES != end - begin)) {
            throw new ModelFileException(file, "tensor '" + name + "' of shape " + Arrays.toString(dims)
                    + " (values of 4 bytes) does not fit its data_offsets [" + begin + ", " + end + "] ("
                    + (end - begin) + " bytes)");
        }
        return new Entry(name, dtype.textValue(), dims, begin, end);
    }

    private static long nonNegativeLong(JsonNode node, String tensor, String field, Path file) throws ModelFileException {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new ModelFileException(file, "tensor '" + tensor + "' has " + field + " value " + node
                    + ", not a non-negative integer");
        }
        return node.longValue();
    }

    private static void checkContiguous(List<Entry> entries, long dataLength, Path file) throws ModelFileException {
        long expected = 0;
        for (Entry entry : entries) {
            if (entry.begin() != expected) {
                throw new ModelFileException(file, "tensor '" + entry.name() + "' starts at byte " + entry.begin()
                        + " of the data section, expected " + expected + " (tensors must be contiguous)");
            }
            expected = entry.end();
        }
        if (dataLength < expected) {
            throw new ModelFileException(file, "truncated: the tensors need " + expected
                    + " bytes of data but the file has " + dataLength + " after the header");
        }
        if (dataLength > expected) {
            throw new ModelFileException(file, "has " + (dataLength - expected)
                    + " unexpected bytes after the last tensor");
        }
    }

    /**
     * Reads every tensor of {@code header} from {@code in} and checks it against its CRC32 in
     * {@code expectedCrc32}. Returns the tensors by name, in offset order.
     */
    static Map<String, Tensor> readTensors(FileChannel in, Header header, Path file, Map<String, Long> expectedCrc32)
            throws IOException {
        in.position(header.dataStart());
        ByteBuffer scratch = scratch();
        int perChunk = scratch.capacity() / Tensor.DType.BYTES;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry entry : header.entries()) {
            Tensor.DType dtype = dtype(entry, file);
            Long expected = expectedCrc32.get(entry.name());
            if (expected == null) {
                throw new ModelFileException(file, "tensor '" + entry.name() + "' has no recorded checksum");
            }
            long elements = Tensor.elements(entry.shape());
            if (elements > Integer.MAX_VALUE - 8) {
                throw new ModelFileException(file, "tensor '" + entry.name() + "' has " + elements
                        + " values, too many for one Java array");
            }
            int length = (int) elements;
            float[] floats = dtype == Tensor.DType.F32 ? new float[length] : null;
            int[] ints = dtype == Tensor.DType.I32 ? new int[length] : null;
            CRC32 crc = new CRC32();
            for (int start = 0; start < length; start += perChunk) {
                int count = Math.min(perChunk, length - start);
                scratch.clear().limit(count * Tensor.DType.BYTES);
                readFully(in, scratch, file);
                crc.update(scratch.flip());
                scratch.position(0);
                if (floats != null) {
                    scratch.asFloatBuffer().get(floats, start, count);
                } else {
                    scratch.asIntBuffer().get(ints, start, count);
                }
            }
            if (crc.getValue() != expected) {
                throw new ModelFileException(file, String.format(
                        "corrupt: tensor '%s' has CRC32 %08x but the header recorded %08x", entry.name(),
                        crc.getValue(), expected));
            }
            tensors.put(entry.name(), floats != null ? Tensor.f32(entry.name(), floats, entry.shape())
                    : Tensor.i32(entry.name(), ints, entry.shape()));
        }
        return tensors;
    }

    private static Tensor.DType dtype(Entry entry, Path file) throws ModelFileException {
        try {
            return Tensor.DType.valueOf(entry.dtype());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "tensor '" + entry.name() + "' has dtype " + entry.dtype()
                    + "; embedrec reads F32 and I32 only");
        }
    }

    private static ByteBuffer scratch() {
        return ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new ModelFileException(file, "truncated: ended while reading (was it changed while being read?)");
            }
        }
    }
}
