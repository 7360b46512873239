package org.embedrec.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Exact top-N lists of a {@link DotProductModel} for many users at once: blocked batch scoring.
 *
 * <p>Scoring one user at a time reads the whole item table per user, so it is bound by memory. Here
 * a block of {@value #USER_BLOCK} users goes over the item table together, one chunk of items at a
 * time (the table packed dimension-major per chunk, see {@link ScoringKernel}), and the kernel
 * scores four users against a chunk with the item vectors in registers: the table is read once per
 * block, and the work is bound by arithmetic. Each user keeps a bounded heap of its N best; a
 * score enters only if it beats the user's current N-th, which the kernel tests for a whole chunk at
 * once, so almost every score is dropped without leaving registers. Seen items are excluded by
 * position: the user's ascending row of seen item indices is walked alongside the chunks, and only
 * for scores that would enter the heap. Items the model never saw in training have a NaN offset and
 * never enter. Blocks are spread over threads; a list does not depend on the block, the thread
 * count or the kernel (every score is summed in the same order, see {@link ScoringKernel}).
 *
 * <p>A list ranks by the ranking score (ties by lower item index, NaN never), exactly as
 * {@link TopN} over that score would, and reports {@link DotProductModel#recommendedScore}. A single
 * user's {@link DotProductModel#recommend} runs the same code for a block of one user.
 */
public final class BatchTopN {
    /**
     * Users per block. Their vectors (64 × d floats, 16 KB at d = 64) and one chunk of items stay in
     * L1 cache while the block goes over the chunk, so the item table streams from memory once per block.
     */
    static final int USER_BLOCK = 64;

    private BatchTopN() {
    }

    /**
     * The top-{@code n} lists of {@code users}, each without the items of its row of {@code seen}
     * and without items the model never saw in training.
     *
     * @param users user indices of the model, in the order of the lists
     * @param n the list length, {@code >= 0} (a list is shorter when its user has fewer candidates)
     * @param seen for every user index of the model, the item indices to exclude, ascending (e.g.
     *     {@code InteractionLists.byUser(train)}); rows of users not in {@code users} are not read
     * @param threads threads to spread blocks of users over, {@code >= 1}
     * @throws IllegalArgumentException if {@code n < 0}, {@code threads < 1}, {@code seen} does not
     *     have one row per user, or a row is not ascending
     * @throws IndexOutOfBoundsException if a user index is out of range
     */
    public static RecommendationLists recommend(DotProductModel model, int[] users, int n, int[][] seen, int threads) {
        return recommend(model, users, n, seen, threads, ScoringKernel.CHOSEN);
    }

    /** Which scoring kernel runs, e.g. "vector (16 float lanes)" or "scalar". */
    public static String kernel() {
        return ScoringKernel.CHOSEN.describe();
    }

    static RecommendationLists recommend(DotProductModel model, int[] users, int n, int[][] seen, int threads,
            ScoringKernel kernel) {
        Objects.requireNonNull(users, "users");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int userCount = model.users().size();
        if (seen.length != userCount) {
            throw new IllegalArgumentException("seen has " + seen.length + " rows, expected one per user (" + userCount + ")");
        }
        for (int user : users) {
            Objects.checkIndex(user, userCount);
        }
        DotProductScorer scorer = model.rankingScorer();
        PackedItems packed = scorer.packedItems(kernel);
        int capacity = Math.min(n, packed.items());
        int[] sizes = new int[users.length];
        long entries = (long) users.length * capacity;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(users.length + " lists of " + capacity + " items do not fit in one array; ask for fewer users at a time");
        }
        int[] items = new int[(int) entries];
        float[] scores = new float[(int) entries];
        int blocks = (users.length + USER_BLOCK - 1) / USER_BLOCK;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            Block block = new Block(kernel, packed, scorer.userVectors(), capacity, USER_BLOCK);
            SortedExclusion[] exclusions = new SortedExclusion[USER_BLOCK];
            for (int slot = 0; slot < USER_BLOCK; slot++) {
                exclusions[slot] = new SortedExclusion();
            }
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                int from = b * USER_BLOCK;
                int count = Math.min(USER_BLOCK, users.length - from);
                for (int slot = 0; slot < count; slot++) {
                    exclusions[slot].reset(seen[users[from + slot]], users[from + slot]);
                }
                block.run(users, from, count, exclusions);
                block.write(model, users, from, count, sizes, items, scores);
            }
        };
        run(worker, Math.min(threads, Math.max(1, blocks)));
        return new RecommendationLists(users.clone(), capacity, sizes, items, scores);
    }

    /** One user's list, as {@link DotProductModel#recommend} documents: the batch code for a block of one. */
    static List<ScoredItem> recommend(DotProductModel model, int user, int n, IntPredicate exclude) {
        Objects.checkIndex(user, model.users().size());
        Objects.requireNonNull(exclude, "exclude");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        DotProductScorer scorer = model.rankingScorer();
        ScoringKernel kernel = ScoringKernel.CHOSEN;
        PackedItems packed = scorer.packedItems(kernel);
        int capacity = Math.min(n, packed.items());
        if (capacity == 0) {
            return List.of();
        }
        int[] users = {user};
        int[] sizes = new int[1];
        int[] items = new int[capacity];
        float[] scores = new float[capacity];
        Block block = new Block(kernel, packed, scorer.userVectors(), capacity, 1);
        block.run(users, 0, 1, new IntPredicate[] {exclude});
        block.write(model, users, 0, 1, sizes, items, scores);
        List<ScoredItem> list = new ArrayList<>(sizes[0]);
        for (int rank = 0; rank < sizes[0]; rank++) {
            list.add(new ScoredItem(items[rank], scores[rank]));
        }
        return Collections.unmodifiableList(list);
    }

    private static void run(Runnable worker, int threads) {
        if (threads == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "embedrec-top-n");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("top-N scoring interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("top-N scoring thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Whether an item is in an ascending row, for queries in ascending item order: a cursor walks the
     * row alongside the chunks, so a user's exclusions cost one pass over their row.
     */
    private static final class SortedExclusion implements IntPredicate {
        private int[] row;
        private int cursor;

        void reset(int[] row, int user) {
            for (int p = 1; p < row.length; p++) {
                if (row[p] < row[p - 1]) {
                    throw new IllegalArgumentException("seen items of user " + user + " are not ascending: " + row[p - 1]
                            + " before " + row[p] + " at position " + p);
                }
            }
            this.row = row;
            this.cursor = 0;
        }

        @Override
        public boolean test(int item) {
            while (cursor < row.length && row[cursor] < item) {
                cursor++;
            }
            return cursor < row.length && row[cursor] == item;
        }
    }

    /** One thread's state for a block of users: a bounded heap per user (root = worst kept), and the kernel's buffers. */
    private static final class Block {
        private final ScoringKernel kernel;
        private final PackedItems packed;
        private final float[] userVectors;
        private final int dim;
        private final int width;
        private final int n;
        private final int[] heapItems;
        private final float[] heapScores;
        private final int[] sizes;
        /** The worst kept score of each full heap; the kernel reads four entries from any slot, hence the padding. */
        private final float[] thresholds;
        private final float[] out;
        private final long[] passing = new long[4];

        Block(ScoringKernel kernel, PackedItems packed, float[] userVectors, int n, int slots) {
            this.kernel = kernel;
            this.packed = packed;
            this.userVectors = userVectors;
            this.dim = packed.dim();
            this.width = packed.width();
            this.n = n;
            this.heapItems = new int[slots * n];
            this.heapScores = new float[slots * n];
            this.sizes = new int[slots];
            this.thresholds = new float[slots + 4];
            this.out = new float[4 * width];
        }

        /** Fills the heaps of {@code users[from .. from + count)}, slot {@code s} excluding what {@code exclusions[s]} says. */
        void run(int[] users, int from, int count, IntPredicate[] exclusions) {
            java.util.Arrays.fill(sizes, 0, count, 0);
            java.util.Arrays.fill(thresholds, Float.NEGATIVE_INFINITY);
            if (n == 0) {
                return;
            }
            float[] vectors = packed.vectors();
            float[] offsets = packed.offsets();
            int chunks = packed.chunks();
            for (int chunk = 0; chunk < chunks; chunk++) {
                int base = chunk * width * dim;
                int firstItem = chunk * width;
                for (int group = 0; group < count; group += 4) {
                    int members = Math.min(4, count - group);
                    int o0 = users[from + group] * dim;
                    int o1 = members > 1 ? users[from + group + 1] * dim : o0;
                    int o2 = members > 2 ? users[from + group + 2] * dim : o0;
                    int o3 = members > 3 ? users[from + group + 3] * dim : o0;
                    kernel.score(userVectors, o0, o1, o2, o3, members, vectors, base, offsets, firstItem, dim, thresholds,
                            group, out, passing);
                    for (int r = 0; r < members; r++) {
                        int slot = group + r;
                        int at = r * width;
                        if (sizes[slot] < n) {
                            // Until the heap is full every scored item is a candidate, even at -infinity.
                            for (int j = 0; j < width; j++) {
                                float s = out[at + j];
                                if (s == s) {
                                    offer(slot, firstItem + j, s, exclusions[slot]);
                                }
                            }
                        } else {
                            for (long bits = passing[r]; bits != 0; bits &= bits - 1) {
                                int j = Long.numberOfTrailingZeros(bits);
                                offer(slot, firstItem + j, out[at + j], exclusions[slot]);
                            }
                        }
                    }
                }
            }
        }

        /**
         * Items come in ascending order, so once the heap is full an item enters only with a score
         * strictly above the worst kept one, which it then replaces.
         */
        private void offer(int slot, int item, float score, IntPredicate exclude) {
            int size = sizes[slot];
            if (size == n && !(score > thresholds[slot])) {
                return;
            }
            if (exclude.test(item)) {
                return;
            }
            int base = slot * n;
            if (size < n) {
                siftUp(base, size, item, score);
                sizes[slot] = ++size;
            } else {
                siftDown(base, size, item, score);
            }
            if (size == n) {
                thresholds[slot] = heapScores[base];
            }
        }

        /** Whether (a, sa) ranks before (b, sb): higher score, then lower index. */
        private static boolean better(int a, float sa, int b, float sb) {
            return sa > sb || (sa == sb && a < b);
        }

        private void siftUp(int base, int position, int item, float score) {
            while (position > 0) {
                int parent = (position - 1) >>> 1;
                if (!better(heapItems[base + parent], heapScores[base + parent], item, score)) {
                    break;
                }
                heapItems[base + position] = heapItems[base + parent];
                heapScores[base + position] = heapScores[base + parent];
                position = parent;
            }
            heapItems[base + position] = item;
            heapScores[base + position] = score;
        }

        /** Puts (item, score) at the root of a heap of {@code size} and sifts it down. */
        private void siftDown(int base, int size, int item, float score) {
            int position = 0;
            while (true) {
                int child = 2 * position + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && better(heapItems[base + child], heapScores[base + child], heapItems[base + child + 1],
                        heapScores[base + child + 1])) {
                    child++;
                }
                if (!better(item, score, heapItems[base + child], heapScores[base + child])) {
                    break;
                }
                heapItems[base + position] = heapItems[base + child];
                heapScores[base + position] = heapScores[base + child];
                position = child;
            }
            heapItems[base + position] = item;
            heapScores[base + position] = score;
        }

        /** Sorts each heap best first (heapsort: the worst goes last) and writes it, with reported scores, at the users' positions. */
        void write(DotProductModel model, int[] users, int from, int count, int[] sizes, int[] items, float[] scores) {
            for (int slot = 0; slot < count; slot++) {
                int base = slot * n;
                int size = this.sizes[slot];
                for (int last = size - 1; last > 0; last--) {
                    int worstItem = heapItems[base];
                    float worstScore = heapScores[base];
                    siftDown(base, last, heapItems[base + last], heapScores[base + last]);
                    heapItems[base + last] = worstItem;
                    heapScores[base + last] = worstScore;
                }
                int position = from + slot;
                int user = users[position];
                sizes[position] = size;
                for (int rank = 0; rank < size; rank++) {
                    items[position * n + rank] = heapItems[base + rank];
                    scores[position * n + rank] = model.recommendedScore(user, heapScores[base + rank]);
                }
            }
        }
    }
}
