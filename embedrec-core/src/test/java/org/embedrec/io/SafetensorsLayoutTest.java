package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks, without the production reader, that files follow the safetensors layout that Python's
 * {@code safetensors.numpy.load_file} requires, and that the arrays and metadata sit where the
 * format documentation says.
 */
class SafetensorsLayoutTest {
    @TempDir
    Path dir;

    record Span(String name, long begin, long end) {
    }

    @ParameterizedTest(name = "seed {0}, biases {1}, range {2}")
    @CsvSource({"1, true, true", "2, false, false", "3, true, false", "4, false, true"})
    void fileIsAValidSafetensorsFile(long seed, boolean biases, boolean range) throws IOException {
        MatrixFactorizationModel model = TestModels.random(seed, biases, range);
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(model, file);

        RawModelFile raw = RawModelFile.read(file);

        assertThat(raw.headerLength % 8).as("header length keeps the data 8-byte aligned").isZero();
        String headerText = new String(raw.headerBytes, StandardCharsets.UTF_8);
        assertThat(headerText).startsWith("{");
        assertThat(headerText.stripTrailing()).endsWith("}");
        assertThat(headerText.substring(headerText.stripTrailing().length())).matches(" {0,7}");
        List<Span> spans = new ArrayList<>();
        raw.header.properties().forEach(field -> {
            if (!field.getKey().equals("__metadata__")) {
                JsonNode entry = field.getValue();
                assertThat(entry.get("dtype").textValue()).isIn("F32", "I32");
                long values = 1;
                for (JsonNode dimension : entry.get("shape")) {
                    values *= dimension.longValue();
                }
                long begin = entry.get("data_offsets").get(0).longValue();
                long end = entry.get("data_offsets").get(1).longValue();
                assertThat(end - begin).as("byte span of %s", field.getKey()).isEqualTo(values * 4);
                spans.add(new Span(field.getKey(), begin, end));
            }
        });
        spans.sort(Comparator.comparingLong(Span::begin));
        long expectedBegin = 0;
        for (Span span : spans) {
            assertThat(span.begin()).as("start of %s", span.name()).isEqualTo(expectedBegin);
            expectedBegin = span.end();
        }
        assertThat(expectedBegin).as("tensors cover the data section exactly").isEqualTo(raw.data.length);
        raw.metadata().properties().forEach(field -> assertThat(field.getValue().isTextual()).isTrue());

        List<String> expectedNames = biases
                ? List.of("user_factors", "item_factors", "user_bias", "item_bias", "item_train_counts")
                : List.of("user_factors", "item_factors", "item_train_counts");
        assertThat(spans).extracting(Span::name).containsExactlyElementsOf(expectedNames);
        assertThat(shape(raw, "user_factors")).containsExactly((long) model.users().size(), model.dimensions());
        assertThat(shape(raw, "item_factors")).containsExactly((long) model.items().size(), model.dimensions());
        assertThat(floats(raw, "user_factors")).isEqualTo(model.userFactors());
        assertThat(floats(raw, "item_factors")).isEqualTo(model.itemFactors());
        if (biases) {
            assertThat(floats(raw, "user_bias")).isEqualTo(model.userBiases());
            assertThat(floats(raw, "item_bias")).isEqualTo(model.itemBiases());
        }
        assertThat(raw.header.get("item_train_counts").get("dtype").textValue()).isEqualTo("I32");
        ByteBuffer counts = slice(raw, "item_train_counts");
        for (int item = 0; item < model.items().size(); item++) {
            assertThat(counts.getInt()).isEqualTo(model.itemTrainCount(item));
        }

        assertThat(raw.metadata().get("format").textValue()).isEqualTo("embedrec");
        assertThat(raw.metadata().get("format_version").textValue()).isEqualTo("1");
        assertThat(raw.metadata().get("kind").textValue()).isEqualTo("matrix-factorization");
        JsonNode embedrec = raw.embedrec();
        for (Span span : spans) {
            CRC32 crc = new CRC32();
            crc.update(raw.data, (int) span.begin(), (int) (span.end() - span.begin()));
            assertThat(embedrec.get("tensor_crc32").get(span.name()).longValue())
                    .as("CRC32 of %s as zlib.crc32 computes it", span.name()).isEqualTo(crc.getValue());
        }
        assertThat(embedrec.get("tensor_crc32").size()).isEqualTo(spans.size());
        assertThat((Object) RawModelFile.JSON.convertValue(embedrec.get("users"), List.class)).isEqualTo(model.users().ids());
        assertThat((Object) RawModelFile.JSON.convertValue(embedrec.get("items"), List.class)).isEqualTo(model.items().ids());
        assertThat(embedrec.get("catalog").get("titles").get(0).textValue()).isEqualTo(model.catalog().title(0));
        assertThat(embedrec.get("catalog").get("genre_names").size()).isEqualTo(model.catalog().genreNames().size());
        assertThat(embedrec.get("info").get("data_fingerprint").textValue()).isEqualTo(model.info().provenance().dataFingerprint());
        assertThat((Object) RawModelFile.JSON.convertValue(embedrec.get("info").get("metrics"), Map.class))
                .isEqualTo(model.info().metrics());
        JsonNode parameters = embedrec.get("model");
        assertThat(parameters.get("dimensions").intValue()).isEqualTo(model.dimensions());
        assertThat(parameters.get("has_biases").booleanValue()).isEqualTo(biases);
        assertThat(parameters.get("global_bias").floatValue()).isEqualTo(model.globalBias());
        assertThat(parameters.get("output_range").isNull()).isEqualTo(!range);
    }

    private static long[] shape(RawModelFile raw, String name) {
        JsonNode shape = raw.header.get(name).get("shape");
        long[] dims = new long[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = shape.get(d).longValue();
        }
        return dims;
    }

    private static ByteBuffer slice(RawModelFile raw, String name) {
        JsonNode offsets = raw.header.get(name).get("data_offsets");
        int begin = offsets.get(0).intValue();
        int end = offsets.get(1).intValue();
        return ByteBuffer.wrap(raw.data, begin, end - begin).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] floats(RawModelFile raw, String name) {
        ByteBuffer bytes = slice(raw, name);
        float[] values = new float[bytes.remaining() / 4];
        for (int k = 0; k < values.length; k++) {
            values[k] = bytes.getFloat();
        }
        return values;
    }
}
