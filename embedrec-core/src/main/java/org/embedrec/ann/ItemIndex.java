package org.embedrec.ann;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.zip.CRC32C;
import org.embedrec.io.AtomicFiles;
import org.embedrec.io.ModelFileException;
import org.embedrec.model.DotProductModel;
import org.embedrec.model.DotProductScorer;
import org.embedrec.model.ScoredItem;
import org.embedrec.model.Vectors;

/**
 * Approximate top-N for a {@link DotProductModel}: {@link HnswGraph}s over its item vectors, one for
 * recommendations (maximum inner product) and, optionally, one for similar items (cosine).
 *
 * <p><b>Maximum inner product.</b> A model ranks item {@code i} for user {@code u} by
 * {@code u · v_i + b_i} = {@code [u, 1] · [v_i, b_i]} (without item biases, {@code u · v_i}). The
 * recommendation graph links the rows {@code [v_i, b_i]} to their largest inner products and is
 * searched with {@code [u, 1]} (ip-NSW, see {@link HnswGraph}). The usual reduction to cosine (one
 * more coordinate {@code sqrt(M² − ‖[v_i, b_i]‖²)}, Bachrach et al., RecSys 2014) was measured
 * first and dropped: on generated items whose norms spread over a factor of ten, as trained factors
 * do, it put most items near one pole and reached recall@10 of 0.35 at {@code efSearch} 100 on
 * 100,000 items, where the inner-product graph reached 0.99 (docs/BENCHMARKS.md). Similar items
 * search the unit item vectors, where inner product is cosine, with the diverse links of the paper.
 *
 * <p>Only items the model saw in training are indexed (the others are never recommended). Filters
 * are applied inside the graph search (see {@link HnswGraph}); if a search still finds fewer than
 * {@code n} items (a filter that admits fewer), the exact scan answers instead. Listed items carry
 * the exact scores: the model's {@link DotProductModel#recommendedScore} of its ranking score, and
 * the cosine of unit vectors as the exact similar-items scan computes it.
 *
 * <p><b>File.</b> {@link #save} writes the graphs (not the vectors, which are rebuilt from the model)
 * beside the model file, as {@link #fileFor} names it: the ASCII magic {@code EMBEDREC-HNSW}, a
 * format version (int), the model's {@link #fingerprint} (long), item count, indexed item count and
 * dimensions (ints), the options ({@code m}, {@code efConstruction}, {@code efSearch}: ints;
 * {@code seed}: long), whether a similar-items graph follows (byte), then the graphs
 * ({@link HnswGraph#write}); all big-endian. {@link #load} refuses a file whose fingerprint is not
 * the model's (a stale index: the model was retrained) with {@link StaleIndexException}.
 */
public final class ItemIndex {
    /** The file's first bytes. */
    static final byte[] MAGIC = "EMBEDREC-HNSW".getBytes(StandardCharsets.US_ASCII);
    /** The only format version written and read. */
    static final int FORMAT_VERSION = 1;

    private final DotProductModel model;
    private final HnswOptions options;
    private final long fingerprint;
    private final int[] indexedItems;
    private final HnswGraph recommendGraph;
    private final HnswGraph similarGraph;

    private ItemIndex(DotProductModel model, HnswOptions options, long fingerprint, int[] indexedItems,
            HnswGraph recommendGraph, HnswGraph similarGraph) {
        this.model = model;
        this.options = options;
        this.fingerprint = fingerprint;
        this.indexedItems = indexedItems;
        this.recommendGraph = recommendGraph;
        this.similarGraph = similarGraph;
    }

    /**
     * Indexes the items of {@code model} for recommendations and, if {@code similarItems}, also for
     * similar items (a second graph: twice the build time and memory).
     */
    public static ItemIndex build(DotProductModel model, HnswOptions options, boolean similarItems) {
        Objects.requireNonNull(options, "options");
        int[] indexed = knownItems(model);
        HnswGraph recommend = HnswGraph.build(innerProductTable(model, indexed), options, false);
        HnswGraph similar = similarItems ? HnswGraph.build(unitTable(model, indexed), options, true) : null;
        return new ItemIndex(model, options, fingerprint(model), indexed, recommend, similar);
    }

    /** The index file of the model file {@code modelFile}: its name with {@code .hnsw} appended, in the same folder. */
    public static Path fileFor(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".hnsw");
    }

    /** The options the graphs were built with, searching with {@link HnswOptions#efSearch()}. */
    public HnswOptions options() {
        return options;
    }

    /** The model this index answers for. */
    public DotProductModel model() {
        return model;
    }

    /** Bytes of the graphs and their vector tables (array contents, without object headers). */
    public long memoryBytes() {
        return 4L * indexedItems.length + recommendGraph.memoryBytes() + (similarGraph == null ? 0 : similarGraph.memoryBytes());
    }

    /** Number of items in the graphs: the items the model saw in training. */
    public int indexedItems() {
        return indexedItems.length;
    }

    /** Whether similar items are indexed. */
    public boolean hasSimilarItems() {
        return similarGraph != null;
    }

    /** This index searching with {@code ef} candidates instead (the graphs are shared). */
    public ItemIndex withEfSearch(int ef) {
        return new ItemIndex(model, options.withEfSearch(ef), fingerprint, indexedItems, recommendGraph, similarGraph);
    }

    /**
     * The {@code n} items of highest ranking score for {@code user}, best first (ties by lower index),
     * among the items the model saw in training for which {@code exclude} is false, as
     * {@link DotProductModel#recommend} lists them, up to the approximation.
     */
    public List<ScoredItem> recommend(int user, int n, IntPredicate exclude) {
        DotProductScorer scorer = model.rankingScorer();
        int users = model.users().size();
        Objects.checkIndex(user, users);
        checkCount(n);
        int dim = scorer.dimensions();
        float[] query = new float[recommendGraph.table().dim()];
        System.arraycopy(scorer.userVectors(), user * dim, query, 0, dim);
        if (scorer.itemBias() != null) {
            query[dim] = 1f;
        }
        HnswGraph.Neighbours found = recommendGraph.search(query, n, options.efSearch(),
                node -> !exclude.test(indexedItems[node]));
        if (found.nodes().length < n && found.nodes().length < indexedItems.length) {
            return model.recommend(user, n, exclude);
        }
        List<ScoredItem> ranked = new ArrayList<>(found.nodes().length);
        for (int node : found.nodes()) {
            int item = indexedItems[node];
            ranked.add(new ScoredItem(item, scorer.score(user, item)));
        }
        ranked.sort(ItemIndex::byScoreThenItem);
        List<ScoredItem> top = new ArrayList<>(ranked.size());
        for (ScoredItem scored : ranked) {
            top.add(new ScoredItem(scored.item(), model.recommendedScore(user, scored.score())));
        }
        return top;
    }

    /**
     * The {@code n} items most similar to {@code item} by cosine of item vectors, best first,
     * excluding {@code item}, items the model never saw and items for which {@code exclude} is true,
     * as the exact {@code similarItems} lists them, up to the approximation.
     *
     * @throws IllegalStateException if this index was built without similar items
     */
    public List<ScoredItem> similarItems(int item, int n, IntPredicate exclude) {
        if (similarGraph == null) {
            throw new IllegalStateException("this index was built without similar items: rebuild it with them");
        }
        DotProductScorer scorer = model.rankingScorer();
        Objects.checkIndex(item, model.items().size());
        checkCount(n);
        int dim = scorer.dimensions();
        float[] query = Vectors.normalizedRows(Arrays.copyOfRange(scorer.itemVectors(), item * dim, item * dim + dim), 1, dim);
        HnswGraph.Neighbours found = similarGraph.search(query, n, options.efSearch(), node -> {
            int other = indexedItems[node];
            return other != item && !exclude.test(other);
        });
        if (found.nodes().length < n && found.nodes().length < indexedItems.length - 1) {
            return scorer.similarItems(item, n, exclude);
        }
        VectorTable unit = similarGraph.table();
        List<ScoredItem> ranked = new ArrayList<>(found.nodes().length);
        for (int node : found.nodes()) {
            float cosine = Vectors.dot(query, 0, unit.values(), node * dim, dim);
            ranked.add(new ScoredItem(indexedItems[node], cosine));
        }
        ranked.sort(ItemIndex::byScoreThenItem);
        return ranked;
    }

    private static int byScoreThenItem(ScoredItem a, ScoredItem b) {
        int byScore = Float.compare(b.score(), a.score());
        return byScore != 0 ? byScore : Integer.compare(a.item(), b.item());
    }

    private static void checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of items asked for must be >= 1, got " + n);
        }
    }

    /**
     * What the index depends on in {@code model}: CRC32C of the item count, dimensions, which items
     * are known, the item vectors and the biases. A retrained or otherwise changed model has another.
     */
    public static long fingerprint(DotProductModel model) {
        DotProductScorer scorer = model.rankingScorer();
        int items = model.items().size();
        CRC32C crc = new CRC32C();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(items).putInt(scorer.dimensions()).putInt(scorer.itemBias() == null ? 0 : 1).flip();
        crc.update(header);
        byte[] known = new byte[items];
        for (int item = 0; item < items; item++) {
            known[item] = (byte) (model.isKnownItem(item) ? 1 : 0);
        }
        crc.update(known);
        update(crc, scorer.itemVectors());
        if (scorer.itemBias() != null) {
            update(crc, scorer.itemBias());
        }
        return crc.getValue();
    }

    private static void update(CRC32C crc, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += buffer.capacity() / Float.BYTES) {
            buffer.clear();
            buffer.asFloatBuffer().put(values, start, Math.min(buffer.capacity() / Float.BYTES, values.length - start));
            buffer.limit(Math.min(buffer.capacity(), (values.length - start) * Float.BYTES));
            crc.update(buffer);
        }
    }

    private static int[] knownItems(DotProductModel model) {
        int items = model.items().size();
        int[] known = new int[items];
        int count = 0;
        for (int item = 0; item < items; item++) {
            if (model.isKnownItem(item)) {
                known[count++] = item;
            }
        }
        return Arrays.copyOf(known, count);
    }

    /** The rows {@code [v_i, b_i]} (or {@code v_i} without biases) of the class comment, in {@code indexed} order. */
    private static VectorTable innerProductTable(DotProductModel model, int[] indexed) {
        DotProductScorer scorer = model.rankingScorer();
        int dim = scorer.dimensions();
        float[] vectors = scorer.itemVectors();
        float[] bias = scorer.itemBias();
        int width = dim + (bias == null ? 0 : 1);
        float[] table = new float[Math.multiplyExact(indexed.length, width)];
        for (int row = 0; row < indexed.length; row++) {
            int item = indexed[row];
            System.arraycopy(vectors, item * dim, table, row * width, dim);
            if (bias != null) {
                table[row * width + dim] = bias[item];
            }
        }
        return new VectorTable(table, indexed.length, width);
    }

    private static VectorTable unitTable(DotProductModel model, int[] indexed) {
        DotProductScorer scorer = model.rankingScorer();
        int dim = scorer.dimensions();
        float[] vectors = scorer.itemVectors();
        float[] rows = new float[Math.multiplyExact(indexed.length, dim)];
        for (int row = 0; row < indexed.length; row++) {
            System.arraycopy(vectors, indexed[row] * dim, rows, row * dim, dim);
        }
        return new VectorTable(Vectors.normalizedRows(rows, indexed.length, dim), indexed.length, dim);
    }

    /** Writes the index to {@code file} atomically (see the class comment for the layout). */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, channel -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(fingerprint);
            out.writeInt(model.items().size());
            out.writeInt(indexedItems.length);
            out.writeInt(model.rankingScorer().dimensions());
            out.writeInt(options.m());
            out.writeInt(options.efConstruction());
            out.writeInt(options.efSearch());
            out.writeLong(options.seed());
            out.writeByte(similarGraph == null ? 0 : 1);
            recommendGraph.write(out);
            if (similarGraph != null) {
                similarGraph.write(out);
            }
            out.flush();
        });
    }

    /**
     * Reads the index of {@code model} from {@code file}.
     *
     * @throws StaleIndexException if the file was built for another model (or another version of it)
     * @throws ModelFileException naming {@code file} if it is not an index file, has another format
     *     version, or is cut short or corrupt
     */
    public static ItemIndex load(Path file, DotProductModel model) throws IOException {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(stream);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ModelFileException(file, "not an embedrec HNSW index (it does not start with "
                        + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new ModelFileException(file, "HNSW index format version " + version + " is not supported (this"
                        + " version reads " + FORMAT_VERSION + "): rebuild it with `embedrec index`");
            }
            long stored = in.readLong();
            long expected = fingerprint(model);
            if (stored != expected) {
                throw new StaleIndexException(file, stored, expected);
            }
            int items = in.readInt();
            int indexedCount = in.readInt();
            int dim = in.readInt();
            int[] indexed = knownItems(model);
            if (items != model.items().size() || indexedCount != indexed.length || dim != model.rankingScorer().dimensions()) {
                throw new ModelFileException(file, "HNSW index of " + items + " items (" + indexedCount + " indexed) at d = "
                        + dim + " does not fit the model's " + model.items().size() + " items (" + indexed.length
                        + " known) at d = " + model.rankingScorer().dimensions());
            }
            HnswOptions options;
            try {
                options = new HnswOptions(in.readInt(), in.readInt(), in.readInt(), in.readLong());
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, "bad HNSW options: " + e.getMessage(), e);
            }
            boolean similar = in.readByte() != 0;
            HnswGraph recommend = HnswGraph.read(in, innerProductTable(model, indexed));
            HnswGraph similarGraph = similar ? HnswGraph.read(in, unitTable(model, indexed)) : null;
            if (in.read() != -1) {
                throw new ModelFileException(file, "HNSW index has bytes after its last graph");
            }
            return new ItemIndex(model, options, expected, indexed, recommend, similarGraph);
        } catch (EOFException e) {
            throw new ModelFileException(file, "HNSW index is cut short", e);
        } catch (ModelFileException | StaleIndexException e) {
            throw e;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("HNSW graph")) {
                throw new ModelFileException(file, e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Thrown by {@link #load} for an index built from other item vectors than the model's. */
    public static final class StaleIndexException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleIndexException(Path file, long stored, long expected) {
            super(String.format("%s: stale HNSW index: built for a model with fingerprint %08x, this model's is %08x"
                    + " (rebuild it with `embedrec index`)", file, stored, expected));
        }
    }
}
