package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.embedrec.family.mf.MatrixFactorizationModel;
import org.embedrec.model.Recommender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged, foreign and future files are rejected with a {@link ModelFileException} naming the file. */
class CorruptModelFileTest {
    @TempDir
    Path dir;
    Path good;
    Path bad;
    MatrixFactorizationModel model;

    @BeforeEach
    void saveAGoodFile() throws IOException {
        model = TestModels.random(11, true, true);
        good = dir.resolve("good.safetensors");
        bad = dir.resolve("bad.safetensors");
        ModelFiles.save(model, good);
    }

    private ModelFileException loadFails(Path file) {
        Throwable thrown = catchThrowable(() -> ModelFiles.load(file));
        assertThat(thrown).isInstanceOf(ModelFileException.class).hasMessageContaining(file.toString());
        assertThat(((ModelFileException) thrown).file()).isEqualTo(file);
        return (ModelFileException) thrown;
    }

    @Test
    void fileTruncatedAtAnyByteIsRejectedAsTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        for (int length = 0; length < bytes.length; length++) {
            Files.write(bad, Arrays.copyOf(bytes, length));

            assertThat(loadFails(bad)).as("truncated to %d of %d bytes", length, bytes.length)
                    .hasMessageContaining("truncated");
            assertThatThrownBy(() -> ModelFiles.readSummary(bad)).as("summary of %d bytes", length)
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void anyChangedByteOfTensorDataFailsTheChecksum() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int dataStart = bytes.length - RawModelFile.read(good).data.length;
        for (int position = dataStart; position < bytes.length; position++) {
            byte[] changed = bytes.clone();
            changed[position] ^= (byte) (1 + position % 255);
            Files.write(bad, changed);

            assertThat(loadFails(bad)).as("byte %d changed", position).hasMessageContaining("corrupt");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void changedHeaderBytesNeverCauseAnUncheckedException(long seed) throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int headerEnd = bytes.length - RawModelFile.read(good).data.length;
        Random random = new Random(seed);
        for (int trial = 0; trial < 200; trial++) {
            byte[] changed = bytes.clone();
            int position = random.nextInt(headerEnd);
            changed[position] = (byte) random.nextInt(256);
            Files.write(bad, changed);

            Throwable thrown = catchThrowable(() -> ModelFiles.load(bad));
            if (thrown != null) {
                assertThat(thrown).as("byte %d set to %d", position, changed[position])
                        .isInstanceOf(ModelFileException.class);
            }
        }
    }

    @Test
    void extraBytesAfterTheLastTensorAreRejected() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Files.write(bad, Arrays.copyOf(bytes, bytes.length + 4));

        assertThat(loadFails(bad)).hasMessageContaining("4 unexpected bytes after the last tensor");
    }

    @Test
    void newerFormatVersionIsRejectedWithItsVersion() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        raw.metadata().put("format_version", "2");
        raw.write(bad);

        assertThat(loadFails(bad))
                .hasMessageContaining("format version \"2\" is not supported")
                .hasMessageContaining("newer embedrec")
                .hasMessageContaining("supported: 1");
        assertThatThrownBy(() -> ModelFiles.readSummary(bad)).hasMessageContaining("\"2\"");
    }

    @Test
    void unknownKindIsRejectedNamingTheKnownOnes() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        raw.metadata().put("kind", "two-tower");
        raw.write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("unknown model kind \"two-tower\"")
                .hasMessageContaining("matrix-factorization");
    }

    @Test
    void plainSafetensorsFileIsNotAnEmbedrecFile() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        raw.header.remove("__metadata__");
        raw.write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("not an embedrec model file");
    }

    @Test
    void csvFileIsNotASafetensorsFile() throws IOException {
        Files.writeString(bad, "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n");

        assertThat(loadFails(bad)).hasMessageContaining("not a safetensors file");
    }

    @Test
    void headerThatIsNotJsonIsRejected() throws IOException {
        byte[] bytes = new byte[8 + 16];
        bytes[0] = 16;
        System.arraycopy("{not json at all".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 16);
        Files.write(bad, bytes);

        assertThat(loadFails(bad)).hasMessageContaining("not valid JSON");
    }

    @Test
    void shapeThatDoesNotFitItsOffsetsIsRejected() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        ArrayNode shape = (ArrayNode) raw.header.get("user_factors").get("shape");
        shape.set(1, shape.get(1).intValue() + 1);
        raw.write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("tensor 'user_factors' of shape")
                .hasMessageContaining("does not fit its data_offsets");
    }

    @Test
    void shapeThatFitsItsOffsetsButNotTheModelIsRejected() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        ArrayNode shape = (ArrayNode) raw.header.get("user_factors").get("shape");
        long values = shape.get(0).longValue() * shape.get(1).longValue();
        shape.removeAll().add(values);
        raw.write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("tensor 'user_factors' has shape [" + values + "], expected ["
                + model.users().size() + ", " + model.dimensions() + "]");
    }

    @Test
    void gapsBetweenTensorsAreRejected() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        ArrayNode offsets = (ArrayNode) raw.header.get("item_train_counts").get("data_offsets");
        offsets.set(0, offsets.get(0).longValue() + 4).set(1, offsets.get(1).longValue() + 4);
        raw.write(bad, Arrays.copyOf(raw.data, raw.data.length + 4));

        assertThat(loadFails(bad)).hasMessageContaining("tensor 'item_train_counts' starts at byte")
                .hasMessageContaining("contiguous");
    }

    @Test
    void wrongDtypeIsRejected() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        ((ObjectNode) raw.header.get("item_factors")).put("dtype", "I32");
        raw.write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("tensor 'item_factors' has dtype I32, expected F32");
    }

    @Test
    void unsupportedDtypeIsRejected() throws IOException {
        RawModelFile raw = RawModelFile.read(good);
        ((ObjectNode) raw.header.get("item_factors")).put("dtype", "BF16");
        raw.write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("dtype BF16; embedrec reads F32 and I32 only");
    }

    @Test
    void biasTensorsWithoutBiasesAreUnexpected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> ((ObjectNode) doc.get("model")).put("has_biases", false)).write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("unexpected tensors [user_bias, item_bias]");
    }

    @Test
    void missingTensorIsRejected() throws IOException {
        Path linear = dir.resolve("linear.safetensors");
        ModelFiles.save(TestModels.random(11, false, true), linear);
        RawModelFile.read(linear).editEmbedrec(doc -> ((ObjectNode) doc.get("model")).put("has_biases", true)).write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("missing tensor 'user_bias'");
    }

    @Test
    void catalogOfTheWrongLengthIsRejected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> ((ArrayNode) doc.get("catalog").get("titles")).add("one more"))
                .write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("'titles' has " + (model.items().size() + 1) + " entries");
    }

    @Test
    void duplicateUserIdsAreRejected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> {
            ArrayNode users = (ArrayNode) doc.get("users");
            users.add(users.get(0));
        }).write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("duplicate id");
    }

    @Test
    void invalidOutputRangeIsRejected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> ((ObjectNode) doc.get("model")).putArray("output_range").add(5).add(1))
                .write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("inconsistent matrix-factorization model")
                .hasMessageContaining("low < high");
    }

    @Test
    void missingModelParameterIsRejected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> ((ObjectNode) doc.get("model")).remove("dimensions")).write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("model parameter 'dimensions' is missing or not an integer");
    }

    @Test
    void changedRecordedChecksumIsRejected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> {
            ObjectNode crcs = (ObjectNode) doc.get("tensor_crc32");
            crcs.put("item_factors", crcs.get("item_factors").longValue() ^ 1);
        }).write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("corrupt: tensor 'item_factors' has CRC32");
    }

    @Test
    void tensorWithoutRecordedChecksumIsRejected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> ((ObjectNode) doc.get("tensor_crc32")).remove("user_bias"))
                .write(bad);

        assertThat(loadFails(bad)).hasMessageContaining("tensor 'user_bias' has no recorded checksum");
    }

    @Test
    void tensorsInAnotherOrderStillLoad() throws IOException {
        // Python's safetensors writes tensors in its own order (by alignment, then name).
        RawModelFile raw = RawModelFile.read(good);
        List<String> reversed = new ArrayList<>();
        raw.header.fieldNames().forEachRemaining(name -> {
            if (!name.equals("__metadata__")) {
                reversed.add(0, name);
            }
        });
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String name : reversed) {
            ArrayNode offsets = (ArrayNode) raw.header.get(name).get("data_offsets");
            int begin = offsets.get(0).intValue();
            int end = offsets.get(1).intValue();
            offsets.removeAll().add(data.size()).add(data.size() + end - begin);
            data.write(raw.data, begin, end - begin);
        }
        raw.write(bad, data.toByteArray());
        assertThat(Files.readAllBytes(bad)).isNotEqualTo(Files.readAllBytes(good));

        TestModels.assertSameModel(ModelFiles.load(bad, MatrixFactorizationModel.class), model);
    }

    @Test
    void theUnchangedRewriteStillLoads() throws IOException {
        // Guards the tests above: rewriting through RawModelFile alone must not break a file.
        RawModelFile.read(good).editEmbedrec(doc -> { }).write(bad);

        Recommender loaded = ModelFiles.load(bad);
        TestModels.assertSameModel((MatrixFactorizationModel) loaded, model);
    }

    /**
     * Overwrites value {@code index} of tensor {@code name} in {@code source} with {@code value} and
     * records the new CRC32, as a tool that knows the format would: only the finiteness check stands
     * between such a file and a model.
     */
    private static void writeWithValue(Path source, Path target, String name, int index, float value) throws IOException {
        RawModelFile raw = RawModelFile.read(source);
        int begin = raw.header.get(name).get("data_offsets").get(0).intValue();
        int end = raw.header.get(name).get("data_offsets").get(1).intValue();
        java.nio.ByteBuffer.wrap(raw.data).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(begin + 4 * index, value);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(raw.data, begin, end - begin);
        raw.editEmbedrec(doc -> ((ObjectNode) doc.get("tensor_crc32")).put(name, crc.getValue())).write(target);
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void aNonFiniteValueWithARecomputedChecksumIsRejectedNamingTheTensor(float value) throws IOException {
        // Failed on main: the file loaded and the CLI printed "predicted rating NaN".
        writeWithValue(good, bad, "item_factors", 7, value);

        assertThat(loadFails(bad)).hasMessageContaining("tensor 'item_factors' holds " + value + " at index 7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mf-v1", "bpr-v1", "bpr-genres-v1", "deep-v1"})
    void everyKindRejectsANaNInAnyOfItsFloatTensors(String golden) throws Exception {
        // One check for every codec: it sits where they all read their floats (StoredModel).
        Path source = Path.of(getClass().getResource("/golden/" + golden + ".safetensors").toURI());
        RawModelFile raw = RawModelFile.read(source);
        List<String> floatTensors = new ArrayList<>();
        raw.header.properties().forEach(field -> {
            if (!field.getKey().equals("__metadata__") && field.getValue().get("dtype").asText().equals("F32")) {
                floatTensors.add(field.getKey());
            }
        });
        assertThat(floatTensors).isNotEmpty();
        for (String tensor : floatTensors) {
            writeWithValue(source, bad, tensor, 0, Float.NaN);

            assertThat(loadFails(bad)).as("%s: NaN in %s", golden, tensor)
                    .hasMessageContaining("tensor '" + tensor + "' holds NaN at index 0");
        }
    }

    @Test
    void aNonFiniteScalarParameterIsRejected() throws IOException {
        RawModelFile.read(good).editEmbedrec(doc -> ((ObjectNode) doc.get("model")).put("global_bias", Double.NaN))
                .write(bad);
        assertThat(loadFails(bad)).hasMessageContaining("model parameter 'global_bias' is NaN, not a finite 32-bit float");

        RawModelFile.read(good).editEmbedrec(doc -> ((ObjectNode) doc.get("model")).put("global_bias", 1e300))
                .write(bad);
        assertThat(loadFails(bad)).hasMessageContaining("model parameter 'global_bias' is 1E+300, not a finite 32-bit float");
    }

    @Test
    void aFifoIsRefusedInsteadOfBlockingTheLoad() throws Exception {
        // Failed on main: opening a FIFO for reading blocks until a writer appears, so load hung.
        Path fifo = dir.resolve("fifo.safetensors");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException noMkfifo) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo on this system");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");

        java.util.concurrent.CompletableFuture<Throwable> load = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> catchThrowable(() -> ModelFiles.load(fifo)));
        Throwable thrown = load.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(thrown).isInstanceOf(ModelFileException.class).hasMessageContaining(fifo.toString())
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> ModelFiles.readSummary(dir)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("is not a regular file (a folder)");
    }
}
