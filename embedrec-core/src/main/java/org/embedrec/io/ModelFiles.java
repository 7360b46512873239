package org.embedrec.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.embedrec.family.ModelFamilies;
import org.embedrec.model.ModelInfo;
import org.embedrec.model.Recommender;

/**
 * Saves and loads fitted models as embedrec model files: versioned data, never Java serialization.
 *
 * <h2>Format, version 1</h2>
 *
 * <p>A model file is a <a href="https://github.com/huggingface/safetensors">safetensors</a> file, so
 * Python reads its arrays with {@code safetensors.numpy.load_file(path)}:
 *
 * <ol>
 *   <li>8 bytes: the header length N, unsigned little-endian;
 *   <li>N bytes: a UTF-8 JSON header, padded with spaces so that N is a multiple of 8:
 *       <pre>{"__metadata__": {string: string}, "tensor_name": {"dtype": "F32" | "I32",
 *       "shape": [..], "data_offsets": [begin, end]}, ...}</pre>
 *   <li>the tensors' raw little-endian bytes, contiguous and in offset order; offsets count from
 *       the first byte after the header.
 * </ol>
 *
 * <p>{@code __metadata__} holds {@code "format": "embedrec"}, {@code "format_version": "1"},
 * {@code "kind"} (e.g. {@code "matrix-factorization"}) and {@code "embedrec"}: a JSON document, as a
 * string, with {@code model} (the kind's scalars), {@code info} ({@code options}: the
 * hyperparameters, {@code data_fingerprint}, {@code provenance}, {@code history}, {@code metrics}), {@code tensor_crc32} (the CRC32 of
 * each tensor's bytes by name, as Python's {@code zlib.crc32} computes it), {@code users} and {@code items}
 * (external ids in index order) and {@code catalog} ({@code titles}, {@code years}, {@code genres}
 * as genre indices per item, {@code genre_names}). The repository's {@code docs/MODEL_FORMAT.md}
 * lists every field and the tensors of each kind.
 *
 * <h2>Policies</h2>
 *
 * <ul>
 *   <li>Saving is atomic: the file is written to a temporary file in the target's directory, forced
 *       to disk and renamed over the target. On any failure the temporary file is deleted and an
 *       existing file at the target is untouched.
 *   <li>Loading checks everything before returning: the layout (offsets contiguous, shapes matching
 *       their byte spans, no byte missing or extra), the format and version, the kind, the metadata,
 *       the checksum of every tensor, each tensor's shape against the metadata, and that every float
 *       (tensor value or scalar parameter) is finite: a NaN model with a recomputed checksum is
 *       still refused, naming the tensor. Any problem is
 *       a {@link ModelFileException} naming the file; a truncated or corrupt file never yields a model.
 *   <li>A file of a newer format version is rejected rather than half-read.
 *   <li>Files without {@code info.provenance} (written before it existed) are read by
 *       {@code LegacyModelFiles}: the command line's {@code cli.*} options become the provenance.
 *   <li>Options must be JSON values (strings, numbers, booleans, null, lists, string-keyed maps).
 *       Whole numbers come back as {@code Integer} (or {@code Long} when too large) and fractions
 *       as {@code Double}.
 * </ul>
 *
 * <p>New model kinds plug in as one {@link ModelCodec} each, listed by their
 * {@link org.embedrec.family.ModelFamily}; the format code does not change.
 */
public final class ModelFiles {
    /** The value of {@code __metadata__.format}. */
    public static final String FORMAT = "embedrec";
    /** The format version this class writes, and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    /** The {@code __metadata__} entry holding embedrec's JSON document. */
    private static final String METADATA_ENTRY = "embedrec";
    private static final List<ModelCodec<?>> CODECS = ModelFamilies.codecs();

    private ModelFiles() {
    }

    /**
     * Saves {@code model} to {@code file} atomically, replacing an existing file. On any failure an
     * existing file at {@code file} is untouched and no temporary file remains.
     *
     * @throws IllegalArgumentException if no codec handles the model's class, the model's info names
     *     another kind, or an option is not a JSON value
     * @throws IOException if writing fails
     */
    public static void save(Recommender model, Path file) throws IOException {
        ModelCodec<?> codec = codecFor(model);
        AtomicFiles.write(file, out -> write(codec, model, out));
    }

    private static ModelCodec<?> codecFor(Recommender model) {
        return CODECS.stream()
                .filter(candidate -> candidate.type().isInstance(model))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot save a " + model.getClass().getName()
                        + ": no model file codec for it; saveable kinds: " + kinds()));
    }

    /**
     * The number of learned values in {@code model}: the elements of the float arrays its model file
     * holds (factors, biases, weights), not counts or ids. Comparable across model kinds.
     *
     * @throws IllegalArgumentException if no codec handles the model's class
     */
    public static long parameterCount(Recommender model) {
        return codecFor(model).tensorsOf(model).stream()
                .filter(tensor -> tensor.dtype() == Tensor.DType.F32)
                .mapToLong(tensor -> Tensor.elements(tensor.shape()))
                .sum();
    }

    /**
     * Loads the model in {@code file}, whatever its kind.
     *
     * @throws ModelFileException if the file is not a readable, intact embedrec model file
     */
    public static Recommender load(Path file) throws IOException {
        return load(file, Recommender.class);
    }

    /**
     * Loads the model in {@code file}, which must be a {@code type}, e.g.
     * {@code load(path, MatrixFactorizationModel.class)}.
     *
     * @throws ModelFileException if the file is not a readable, intact embedrec model file or holds
     *     another kind of model
     */
    public static <T extends Recommender> T load(Path file, Class<T> type) throws IOException {
        try (FileChannel in = open(file)) {
            CheckedHeader header = readHeader(in, file);
            ModelCodec<?> codec = header.codec();
            if (!type.isAssignableFrom(codec.type())) {
                throw new ModelFileException(file, "holds a " + codec.kind() + " model, not a " + type.getSimpleName());
            }
            Map<String, Tensor> tensors = Safetensors.readTensors(in, header.layout(), file,
                    header.metadata().tensorCrc32());
            StoredModel stored = new StoredModel(file, header.metadata(), tensors);
            Recommender model;
            try {
                model = codec.decode(stored);
            } catch (RuntimeException e) {
                // Model constructors reject what the codec does not check, e.g. an output range with low > high.
                throw new ModelFileException(file, "inconsistent " + codec.kind() + " model: " + e.getMessage(), e);
            }
            stored.checkAllTensorsRead();
            return type.cast(model);
        }
    }

    /**
     * Reads what {@code file} says about its model without reading the tensors: cheap enough for
     * listing a directory of models. Does not verify the tensor checksums (only {@link #load} does).
     *
     * @throws ModelFileException if the header is not that of a readable embedrec model file
     */
    public static ModelFileSummary readSummary(Path file) throws IOException {
        try (FileChannel in = open(file)) {
            CheckedHeader header = readHeader(in, file);
            ModelMetadata metadata = header.metadata();
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters = (Map<String, Object>) ModelMetadata.toJava(metadata.parameters());
            return new ModelFileSummary(file, header.codec().kind(), in.size(), metadata.users().size(),
                    metadata.catalog().size(), metadata.info(), parameters);
        }
    }

    /**
     * Opens a model file for reading. Only a regular file is opened: a FIFO would block the open
     * until some writer appeared, and a device or folder is never a model.
     */
    private static FileChannel open(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ModelFileException(file, "is not a regular file ("
                    + (Files.isDirectory(file) ? "a folder" : "a FIFO, socket or device") + "); a model file is expected");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    private static <T extends Recommender> void write(ModelCodec<T> codec, Recommender model, FileChannel out)
            throws IOException {
        T typed = codec.type().cast(model);
        ModelInfo info = typed.info();
        if (!info.kind().equals(codec.kind())) {
            throw new IllegalArgumentException("the model's info says kind '" + info.kind() + "' but a "
                    + codec.type().getSimpleName() + " is saved as kind '" + codec.kind() + "'");
        }
        List<Tensor> tensors = codec.tensors(typed);
        ModelMetadata metadata = new ModelMetadata(typed.users(), typed.catalog(), info, codec.parameters(typed),
                Safetensors.checksums(tensors));
        Map<String, String> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("format_version", String.valueOf(FORMAT_VERSION));
        header.put("kind", codec.kind());
        header.put(METADATA_ENTRY, metadata.toJson());
        Safetensors.write(out, tensors, header);
    }

    /** A header whose layout, format, version, kind and metadata have been checked. */
    private record CheckedHeader(Safetensors.Header layout, ModelCodec<?> codec, ModelMetadata metadata) {
    }

    private static CheckedHeader readHeader(FileChannel in, Path file) throws IOException {
        Safetensors.Header layout = Safetensors.readHeader(in, file);
        Map<String, String> entries = layout.metadata();
        if (!FORMAT.equals(entries.get("format"))) {
            throw new ModelFileException(file, "not an embedrec model file: a safetensors file whose "
                    + "__metadata__.format is " + quoted(entries.get("format")) + ", not \"" + FORMAT + "\"");
        }
        String version = entries.get("format_version");
        if (!String.valueOf(FORMAT_VERSION).equals(version)) {
            throw new ModelFileException(file, "format version " + quoted(version)
                    + " is not supported (written by a newer embedrec?); supported: " + FORMAT_VERSION);
        }
        String kind = entries.get("kind");
        ModelCodec<?> codec = CODECS.stream()
                .filter(candidate -> candidate.kind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new ModelFileException(file, "unknown model kind " + quoted(kind)
                        + "; this embedrec reads " + kinds()));
        String document = entries.get(METADATA_ENTRY);
        if (document == null) {
            throw new ModelFileException(file, "no \"" + METADATA_ENTRY + "\" entry in __metadata__");
        }
        return new CheckedHeader(layout, codec, ModelMetadata.parse(document, kind, file));
    }

    private static List<String> kinds() {
        return CODECS.stream().map(ModelCodec::kind).toList();
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "\"" + value + "\"";
    }
}
