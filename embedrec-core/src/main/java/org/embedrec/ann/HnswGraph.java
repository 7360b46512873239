package org.embedrec.ann;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * A hierarchical navigable small world graph (Malkov and Yashunin, "Efficient and robust approximate
 * nearest neighbor search using Hierarchical Navigable Small World graphs", TPAMI 2018) over the rows
 * of a {@link VectorTable}, searched by inner product: the rows with the highest {@code row · query}.
 *
 * <p>Every node sits on layer 0 and, with probability {@code m^-l}, on layers 1 .. l. A node links to
 * up to {@code 2m} others on layer 0 and {@code m} on each layer above. A search descends greedily
 * from the top layer's entry node, then explores layer 0 best first with {@code ef} candidates.
 *
 * <p>Links are chosen one of two ways ({@link #build}). For unit rows (cosine), by the paper's
 * heuristic: a candidate is kept only if it is closer to the node than to every neighbour already
 * kept, which keeps links pointing in different directions. For maximum inner product over rows of
 * any norm, the most similar nodes by inner product, as ip-NSW does (Morozov and Babenko,
 * "Non-metric similarity graphs for maximum inner product search", NeurIPS 2018): the graph then
 * leads greedily towards the large-norm rows where inner-product maxima live.
 *
 * <p>Filters are applied during the search ({@link #search}): rejected nodes are walked through
 * but never enter the results, and the search only stops once it holds {@code ef} accepted nodes
 * better than every remaining candidate, so a filter that rejects most items makes the search
 * longer, never the list shorter (while the graph holds enough accepted nodes).
 *
 * <p>Built by one thread in node order: one table and one {@link HnswOptions#seed()} give the same
 * graph. Searching is thread-safe.
 */
public final class HnswGraph {
    /** Layers are capped so that a pathological random draw cannot blow up memory. */
    private static final int MAX_LEVEL = 16;

    private final VectorTable table;
    private final int m;
    private final boolean diverseLinks;
    private final int[] bottom;
    private final int[][] upper;
    private int entry;
    private int topLevel;
    private final ThreadLocal<Search> searches;

    private HnswGraph(VectorTable table, int m, boolean diverseLinks, int[] bottom, int[][] upper, int entry, int topLevel) {
        this.table = table;
        this.m = m;
        this.diverseLinks = diverseLinks;
        this.bottom = bottom;
        this.upper = upper;
        this.entry = entry;
        this.topLevel = topLevel;
        this.searches = ThreadLocal.withInitial(() -> new Search(table.rows()));
    }

    /**
     * Links every row of {@code table}, in row order, as {@code options} says.
     *
     * @param diverseLinks link each node by the paper's heuristic (for rows of one norm, where inner
     *     product ranks like distance: cosine), else to its most similar nodes (for maximum inner
     *     product over rows of any norm, as ip-NSW does)
     */
    public static HnswGraph build(VectorTable table, HnswOptions options, boolean diverseLinks) {
        Objects.requireNonNull(options, "options");
        int n = table.rows();
        int m = options.m();
        HnswGraph graph = new HnswGraph(table, m, diverseLinks, new int[Math.multiplyExact(n, 2 * m + 1)], new int[n][], -1, -1);
        SplittableRandom random = new SplittableRandom(options.seed());
        double levelScale = 1 / Math.log(m);
        Search search = new Search(n);
        for (int node = 0; node < n; node++) {
            int level = Math.min(MAX_LEVEL, (int) (-Math.log(1 - random.nextDouble()) * levelScale));
            graph.insert(node, level, options.efConstruction(), search);
        }
        return graph;
    }

    /** Number of nodes (rows of the table). */
    public int size() {
        return table.rows();
    }

    /** Links per node on the upper layers. */
    public int m() {
        return m;
    }

    /** Bytes of the links and the vector table (array contents, without object headers). */
    public long memoryBytes() {
        long ints = bottom.length;
        for (int[] links : upper) {
            ints += links == null ? 0 : links.length;
        }
        return 4 * (ints + table.values().length);
    }

    /** The rows this graph links. */
    public VectorTable table() {
        return table;
    }

    /**
     * The {@code k} nodes with the highest inner product with {@code query} among those {@code accept}
     * admits, best first, found with {@code max(ef, k)} candidates; fewer only when the search
     * reached fewer accepted nodes.
     */
    public Neighbours search(float[] query, int k, int ef, IntPredicate accept) {
        if (query.length != table.dim()) {
            throw new IllegalArgumentException("query has " + query.length + " values, the graph's vectors " + table.dim());
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (entry < 0) {
            return new Neighbours(new int[0], new float[0]);
        }
        Search search = searches.get();
        int start = entry;
        float startScore = table.dot(start, query);
        for (int level = topLevel; level > 0; level--) {
            int[] best = greedy(query, start, startScore, level);
            start = best[0];
            startScore = Float.intBitsToFloat(best[1]);
        }
        search.layer(this, query, start, startScore, 0, Math.max(ef, k), accept);
        return search.results.best(k);
    }

    /** The node reached by always moving to the best neighbour on {@code level}: {node, float bits of its score}. */
    private int[] greedy(float[] query, int start, float startScore, int level) {
        int current = start;
        float currentScore = startScore;
        boolean moved = true;
        while (moved) {
            moved = false;
            int[] links = links(current, level);
            int base = linkBase(current, level);
            int count = links[base];
            for (int j = 1; j <= count; j++) {
                int next = links[base + j];
                float score = table.dot(next, query);
                if (score > currentScore) {
                    currentScore = score;
                    current = next;
                    moved = true;
                }
            }
        }
        return new int[] {current, Float.floatToRawIntBits(currentScore)};
    }

    private void insert(int node, int level, int efConstruction, Search search) {
        if (level > 0) {
            upper[node] = new int[level * (m + 1)];
        }
        if (entry < 0) {
            entry = node;
            topLevel = level;
            return;
        }
        float[] query = Arrays.copyOfRange(table.values(), node * table.dim(), (node + 1) * table.dim());
        int start = entry;
        float startScore = table.dot(start, query);
        for (int l = topLevel; l > level; l--) {
            int[] best = greedy(query, start, startScore, l);
            start = best[0];
            startScore = Float.intBitsToFloat(best[1]);
        }
        for (int l = Math.min(level, topLevel); l >= 0; l--) {
            search.layer(this, query, start, startScore, l, efConstruction, null);
            Neighbours found = search.results.best(search.results.size());
            int maxLinks = l == 0 ? 2 * m : m;
            int[] chosen = diverse(found.nodes(), found.scores(), found.nodes().length, maxLinks);
            setLinks(node, l, chosen, chosen.length);
            for (int neighbour : chosen) {
                link(neighbour, node, l, maxLinks);
            }
            start = found.nodes()[0];
            startScore = found.scores()[0];
        }
        if (level > topLevel) {
            entry = node;
            topLevel = level;
        }
    }

    /** Adds {@code node} to the links of {@code from} on {@code level}, pruning with the heuristic when full. */
    private void link(int from, int node, int level, int maxLinks) {
        int[] links = links(from, level);
        int base = linkBase(from, level);
        int count = links[base];
        if (count < maxLinks) {
            links[base + count + 1] = node;
            links[base] = count + 1;
            return;
        }
        int[] candidates = new int[count + 1];
        float[] scores = new float[count + 1];
        for (int j = 0; j < count; j++) {
            candidates[j] = links[base + 1 + j];
        }
        candidates[count] = node;
        for (int j = 0; j <= count; j++) {
            scores[j] = table.dot(from, candidates[j]);
        }
        sortByScore(candidates, scores);
        int[] kept = diverse(candidates, scores, candidates.length, maxLinks);
        setLinks(from, level, kept, kept.length);
    }

    /**
     * The links of a node among {@code candidates}, best first ({@code scores} their similarity to the
     * node): with diverse links the paper's heuristic, each candidate kept if it is more similar to the
     * node than to every candidate kept before it; else simply the most similar.
     */
    private int[] diverse(int[] candidates, float[] scores, int count, int maxLinks) {
        if (!diverseLinks) {
            return Arrays.copyOf(candidates, Math.min(count, maxLinks));
        }
        int[] kept = new int[Math.min(count, maxLinks)];
        int size = 0;
        for (int j = 0; j < count && size < kept.length; j++) {
            int candidate = candidates[j];
            boolean keep = true;
            for (int r = 0; r < size && keep; r++) {
                keep = table.dot(candidate, kept[r]) < scores[j];
            }
            if (keep) {
                kept[size++] = candidate;
            }
        }
        return size == kept.length ? kept : Arrays.copyOf(kept, size);
    }

    private static void sortByScore(int[] nodes, float[] scores) {
        // Insertion sort, descending: at most 2m + 1 entries, nearly sorted.
        for (int i = 1; i < nodes.length; i++) {
            int node = nodes[i];
            float score = scores[i];
            int j = i - 1;
            while (j >= 0 && (scores[j] < score || (scores[j] == score && nodes[j] > node))) {
                nodes[j + 1] = nodes[j];
                scores[j + 1] = scores[j];
                j--;
            }
            nodes[j + 1] = node;
            scores[j + 1] = score;
        }
    }

    private void setLinks(int node, int level, int[] chosen, int count) {
        int[] links = links(node, level);
        int base = linkBase(node, level);
        links[base] = count;
        System.arraycopy(chosen, 0, links, base + 1, count);
    }

    /** The array holding {@code node}'s links on {@code level}: count at {@link #linkBase}, then the links. */
    int[] links(int node, int level) {
        return level == 0 ? bottom : upper[node];
    }

    int linkBase(int node, int level) {
        return level == 0 ? node * (2 * m + 1) : (level - 1) * (m + 1);
    }

    /**
     * Writes the links (not the vectors): {@code m}, node count, entry node, top level, each node's
     * level, then every node's links layer by layer, as big-endian ints.
     */
    public void write(DataOutput out) throws IOException {
        int n = size();
        out.writeInt(m);
        out.writeInt(n);
        out.writeInt(entry);
        out.writeInt(topLevel);
        for (int node = 0; node < n; node++) {
            out.writeInt(upper[node] == null ? 0 : upper[node].length / (m + 1));
        }
        for (int node = 0; node < n; node++) {
            writeLinks(out, bottom, node * (2 * m + 1));
            if (upper[node] != null) {
                for (int base = 0; base < upper[node].length; base += m + 1) {
                    writeLinks(out, upper[node], base);
                }
            }
        }
    }

    private static void writeLinks(DataOutput out, int[] links, int base) throws IOException {
        out.writeInt(links[base]);
        for (int j = 1; j <= links[base]; j++) {
            out.writeInt(links[base + j]);
        }
    }

    /**
     * Reads what {@link #write} wrote, over {@code table}.
     *
     * @throws IOException if the links do not fit {@code table} or the header is out of range, naming the value
     */
    public static HnswGraph read(DataInput in, VectorTable table) throws IOException {
        int m = in.readInt();
        int n = in.readInt();
        int entry = in.readInt();
        int topLevel = in.readInt();
        if (m < 2 || m > 128) {
            throw new IOException("HNSW graph: m must be in [2, 128], got " + m);
        }
        if (n != table.rows()) {
            throw new IOException("HNSW graph has " + n + " nodes, but there are " + table.rows() + " vectors");
        }
        if (entry < -1 || entry >= n || topLevel < -1 || topLevel > MAX_LEVEL || (entry < 0) != (n == 0)) {
            throw new IOException("HNSW graph: bad entry node " + entry + " or top level " + topLevel);
        }
        int[] levels = new int[n];
        for (int node = 0; node < n; node++) {
            levels[node] = in.readInt();
            if (levels[node] < 0 || levels[node] > topLevel) {
                throw new IOException("HNSW graph: node " + node + " has level " + levels[node] + ", top level is " + topLevel);
            }
        }
        int[] bottom = new int[Math.multiplyExact(n, 2 * m + 1)];
        int[][] upper = new int[n][];
        for (int node = 0; node < n; node++) {
            readLinks(in, bottom, node * (2 * m + 1), 2 * m, n, node);
            if (levels[node] > 0) {
                upper[node] = new int[levels[node] * (m + 1)];
                for (int base = 0; base < upper[node].length; base += m + 1) {
                    readLinks(in, upper[node], base, m, n, node);
                }
            }
        }
        // A graph read back is only searched, never extended: how its links were chosen no longer matters.
        return new HnswGraph(table, m, false, bottom, upper, entry, topLevel);
    }

    private static void readLinks(DataInput in, int[] links, int base, int max, int n, int node) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IOException("HNSW graph: node " + node + " has " + count + " links, at most " + max + " allowed");
        }
        links[base] = count;
        for (int j = 1; j <= count; j++) {
            int link = in.readInt();
            if (link < 0 || link >= n) {
                throw new IOException("HNSW graph: node " + node + " links to " + link + ", outside [0, " + n + ")");
            }
            links[base + j] = link;
        }
    }

    /** Nodes and their inner products with the query, best first. */
    public record Neighbours(int[] nodes, float[] scores) {
    }

    /** One thread's search state: the visited set and the two heaps, reused across searches. */
    private static final class Search {
        final long[] visited;
        int[] touched = new int[256];
        int touchedCount;
        final Heap candidates = new Heap();
        final Heap results = new Heap();

        Search(int n) {
            visited = new long[(n + 63) >>> 6];
        }

        /**
         * Best-first search of {@code level} from {@code start}: leaves in {@link #results} up to
         * {@code ef} accepted nodes ({@code accept} null: all) with the highest scores found.
         */
        void layer(HnswGraph graph, float[] query, int start, float startScore, int level, int ef, IntPredicate accept) {
            clear();
            candidates.clear(false);
            results.clear(true);
            visit(start);
            candidates.push(start, startScore);
            if (accept == null || accept.test(start)) {
                results.push(start, startScore);
            }
            VectorTable table = graph.table;
            while (candidates.size() > 0) {
                float best = candidates.topScore();
                if (results.size() >= ef && best < results.topScore()) {
                    break;
                }
                int current = candidates.pop();
                int[] links = graph.links(current, level);
                int base = graph.linkBase(current, level);
                int count = links[base];
                for (int j = 1; j <= count; j++) {
                    int next = links[base + j];
                    if (!visit(next)) {
                        continue;
                    }
                    float score = table.dot(next, query);
                    if (results.size() < ef || score > results.topScore()) {
                        candidates.push(next, score);
                        if (accept == null || accept.test(next)) {
                            results.push(next, score);
                            if (results.size() > ef) {
                                results.pop();
                            }
                        }
                    }
                }
            }
        }

        /** Marks {@code node} visited; false if it already was. */
        private boolean visit(int node) {
            int word = node >>> 6;
            long bit = 1L << node;
            long bits = visited[word];
            if ((bits & bit) != 0) {
                return false;
            }
            if (bits == 0) {
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touched.length * 2);
                }
                touched[touchedCount++] = word;
            }
            visited[word] = bits | bit;
            return true;
        }

        private void clear() {
            for (int j = 0; j < touchedCount; j++) {
                visited[touched[j]] = 0;
            }
            touchedCount = 0;
        }
    }

    /**
     * A binary heap of (node, score): the lowest score on top when {@code minFirst} (the results,
     * whose worst is dropped), else the highest (the candidates, explored best first).
     */
    private static final class Heap {
        int[] nodes = new int[64];
        float[] scores = new float[64];
        int size;
        boolean minFirst;

        void clear(boolean lowestOnTop) {
            size = 0;
            minFirst = lowestOnTop;
        }

        int size() {
            return size;
        }

        float topScore() {
            return scores[0];
        }

        private boolean above(float a, float b) {
            return minFirst ? a < b : a > b;
        }

        void push(int node, float score) {
            if (size == nodes.length) {
                nodes = Arrays.copyOf(nodes, size * 2);
                scores = Arrays.copyOf(scores, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!above(score, scores[parent])) {
                    break;
                }
                nodes[i] = nodes[parent];
                scores[i] = scores[parent];
                i = parent;
            }
            nodes[i] = node;
            scores[i] = score;
        }

        int pop() {
            int top = nodes[0];
            size--;
            int node = nodes[size];
            float score = scores[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && above(scores[child + 1], scores[child])) {
                    child++;
                }
                if (!above(scores[child], score)) {
                    break;
                }
                nodes[i] = nodes[child];
                scores[i] = scores[child];
                i = child;
            }
            nodes[i] = node;
            scores[i] = score;
            return top;
        }

        /** The {@code k} highest-scoring entries, best first (ties by lower node); leaves the heap unchanged. */
        Neighbours best(int k) {
            int count = Math.min(k, size);
            int[] order = new int[size];
            float[] orderScores = new float[size];
            System.arraycopy(nodes, 0, order, 0, size);
            System.arraycopy(scores, 0, orderScores, 0, size);
            sortByScore(order, orderScores);
            return new Neighbours(Arrays.copyOf(order, count), Arrays.copyOf(orderScores, count));
        }
    }
}
