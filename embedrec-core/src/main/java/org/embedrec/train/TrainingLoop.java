package org.embedrec.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.embedrec.model.EpochRecord;

/**
 * The epoch loop shared by every trainer: shuffle, train (on one thread, or Hogwild-style on
 * several threads that each take their own part of the examples, see {@link #partition}, and update
 * the shared parameters without locks; the cells of an {@link ExampleGrid} instead go to the threads
 * one at a time, see {@link BlockScheduler}), check for divergence, validate, notify listeners, stop
 * early and restore the best epoch.
 *
 * <p>With one thread the loop is fully deterministic: the same seed gives bit-identical
 * parameters. With several threads, updates race (by design), so results vary slightly run to run.
 */
public final class TrainingLoop {
    /** Examples a worker processes between two progress reports. */
    private static final int PROGRESS_BLOCK = 16_384;
    /**
     * How many times per epoch the threads go through stratified rounds, each time a slice of every
     * cell. With one pass (each round a whole cell) two threads lost accuracy against one on
     * ml-latest-small: a user then meets only half of its items for half an epoch, then the other
     * half. With 8 passes the two agree within noise (docs/BENCHMARKS.md has the figures).
     */
    static final int PASSES_PER_ROUND = 8;
    /** Epochs of growing training loss, ending above the first epoch's, that stop a run as diverged. */
    static final int GROWING_EPOCHS = 3;

    private TrainingLoop() {
    }

    /**
     * Loop settings shared by all trainers.
     *
     * @param epochs maximum number of epochs
     * @param threads training threads (1 = deterministic)
     * @param seed seed of the shuffling and of the workers' random streams
     * @param schedule learning rate per epoch
     * @param patience epochs without validation improvement before stopping; 0 = never stop early
     * @param monitor the validation metric early stopping watches (lower is better)
     * @param warmup the first epochs early stopping never keeps (nor counts toward the patience)
     */
    public record Settings(int epochs, int threads, long seed, LearningRateSchedule schedule, int patience, String monitor,
            int warmup) {
        /** Settings without a warm-up. */
        public Settings(int epochs, int threads, long seed, LearningRateSchedule schedule, int patience, String monitor) {
            this(epochs, threads, seed, schedule, patience, monitor, 0);
        }

        /** The settings {@code training} asks for, with the loop's own seed and no warm-up. */
        public static Settings of(TrainingOptions training, long seed, String monitor) {
            return of(training, seed, monitor, 0);
        }

        /** The settings {@code training} asks for, with the loop's own seed and {@code warmup} epochs never kept. */
        public static Settings of(TrainingOptions training, long seed, String monitor, int warmup) {
            return new Settings(training.epochs(), training.threads(), seed, training.learningRate(), training.patience(),
                    monitor, warmup);
        }
    }

    /** Runs the loop and returns the history of the epochs whose parameters are kept. */
    public static List<EpochRecord> run(Trainable model, Settings settings, TrainingListener listener) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int n = model.exampleCount();
        int threads = Math.max(1, Math.min(settings.threads(), Math.max(1, n / PROGRESS_BLOCK)));
        List<Trainable.Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(model.newWorker(random.nextLong(), threads));
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "embedrec-train");
            thread.setDaemon(true);
            return thread;
        }) : null;
        int[] blockStarts = model.blockStarts();
        // A grid's cells: there is no order array (at ML-25M size 90 MB); one thread trains the cells in a random
        // order, and on several a scheduler hands them out.
        boolean grid = blockStarts != null && model.blocksFormGrid();
        int[] order = grid ? null : identity(n);
        // With threads and per-key ownership, the order is one cell per thread and round, each shuffled on its own.
        // The keys (an int per example) are only asked for then.
        int[] keys = threads > 1 && blockStarts == null ? model.partitionKeys() : null;
        boolean owned = keys != null;
        int[][] rounds = owned ? partition(order, keys, model.stratumKeys(), threads) : new int[][] {evenSlices(n, threads)};
        List<EpochRecord> history = new ArrayList<>();
        EarlyStopping stopping = settings.patience() > 0
                ? new EarlyStopping(model.parameters(), settings.patience(), settings.monitor(), settings.warmup()) : null;
        try {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long start = System.nanoTime();
                float rate = (float) settings.schedule().rate(epoch);
                listener.onEpochStart(epoch, settings.epochs(), n);
                if (owned) {
                    for (int[] cells : rounds) {
                        for (int t = 0; t < threads; t++) {
                            shuffle(order, cells[t], cells[t + 1], random);
                        }
                    }
                } else if (!grid) {
                    shuffle(order, blockStarts, random);
                }
                double lossSum;
                if (!grid) {
                    lossSum = trainEpoch(workers, pool, order, rounds, rate, listener);
                } else if (pool == null) {
                    lossSum = trainBlocks(workers.get(0), blockStarts, shuffledBlocks(blockStarts, random), rate, listener);
                } else {
                    lossSum = trainScheduled(workers, pool, new BlockScheduler(blockStarts, random.split()), blockStarts,
                            rate, listener);
                }
                for (Trainable.Worker worker : workers) {
                    worker.settle();
                }
                double trainLoss = lossSum / Math.max(1, n);
                checkFinite(model, epoch, trainLoss, rate);
                Map<String, Double> metrics = model.validate();
                double seconds = (System.nanoTime() - start) / 1e9;
                EpochRecord record = new EpochRecord(epoch, trainLoss,
                        metrics.getOrDefault("loss", Double.NaN), metrics, seconds, rate);
                history.add(record);
                checkNotGrowing(history, rate);
                listener.onEpochEnd(record);
                if (stopping != null) {
                    stopping.onEpochEnd(record);
                    if (stopping.shouldStop()) {
                        break;
                    }
                }
            }
            return stopping == null ? history : stopping.finish(history, listener);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Trains one epoch: on one thread the whole order; with a pool, thread {@code t} takes cell
     * {@code order[cells[t], cells[t + 1])} of each round. With several rounds, the threads go through
     * them {@link #PASSES_PER_ROUND} times, a slice of each cell at a time, and meet at a barrier after
     * every slice.
     */
    private static double trainEpoch(List<Trainable.Worker> workers, ExecutorService pool, int[] order, int[][] rounds,
            float rate, TrainingListener listener) {
        AtomicLong done = new AtomicLong();
        if (pool == null) {
            return trainSlice(workers.get(0), order, 0, order.length, rate, done, listener);
        }
        int passes = rounds.length > 1 ? PASSES_PER_ROUND : 1;
        SpinBarrier barrier = new SpinBarrier(workers.size());
        List<Future<Double>> futures = new ArrayList<>();
        for (int t = 0; t < workers.size(); t++) {
            int thread = t;
            Trainable.Worker worker = workers.get(t);
            futures.add(pool.submit(() -> {
                double sum = 0;
                try {
                    for (int pass = 0; pass < passes; pass++) {
                        for (int[] cells : rounds) {
                            long length = cells[thread + 1] - cells[thread];
                            int from = cells[thread] + (int) (length * pass / passes);
                            int to = cells[thread] + (int) (length * (pass + 1) / passes);
                            sum += trainSlice(worker, order, from, to, rate, done, listener);
                            barrier.await();
                        }
                    }
                } catch (RuntimeException | Error e) {
                    barrier.breakBarrier();
                    throw e;
                }
                return sum;
            }));
        }
        return sumOf(futures);
    }

    /**
     * Trains one epoch of a grid's blocks on the pool: each thread trains the blocks {@code scheduler} hands
     * it, each one's examples {@code blockStarts[b]} to {@code blockStarts[b + 1]} in their own order, until
     * none are left.
     */
    private static double trainScheduled(List<Trainable.Worker> workers, ExecutorService pool, BlockScheduler scheduler,
            int[] blockStarts, float rate, TrainingListener listener) {
        AtomicLong done = new AtomicLong();
        List<Future<Double>> futures = new ArrayList<>();
        for (Trainable.Worker worker : workers) {
            futures.add(pool.submit(() -> {
                double sum = 0;
                try {
                    for (int block = scheduler.next(-1); block >= 0; block = scheduler.next(block)) {
                        sum += trainSlice(worker, null, blockStarts[block], blockStarts[block + 1], rate, done, listener);
                    }
                } catch (RuntimeException | Error e) {
                    scheduler.stop();
                    throw e;
                }
                return sum;
            }));
        }
        return sumOf(futures);
    }

    /**
     * Trains one epoch of a grid's blocks on this thread, {@code blocks[0]} first, each one's examples
     * {@code blockStarts[b]} to {@code blockStarts[b + 1]} in their own order.
     */
    private static double trainBlocks(Trainable.Worker worker, int[] blockStarts, int[] blocks, float rate,
            TrainingListener listener) {
        AtomicLong done = new AtomicLong();
        double sum = 0;
        for (int block : blocks) {
            sum += trainSlice(worker, null, blockStarts[block], blockStarts[block + 1], rate, done, listener);
        }
        return sum;
    }

    /** The sum of the threads' results; rethrows the first failure (a broken barrier is only its consequence). */
    private static double sumOf(List<Future<Double>> futures) {
        double sum = 0;
        RuntimeException consequence = null;
        for (Future<Double> future : futures) {
            try {
                sum += future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SpinBarrier.Broken broken) {
                    consequence = broken;
                } else if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                } else {
                    throw new IllegalStateException("training thread failed", e.getCause());
                }
            }
        }
        if (consequence != null) {
            throw consequence;
        }
        return sum;
    }

    /** The examples in their own order: {@code 0, 1, ..., n − 1}. */
    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        return order;
    }

    /** Equal consecutive slices of {@code n} examples, one per thread: {@code threads + 1} starts. */
    private static int[] evenSlices(int n, int threads) {
        int[] starts = new int[threads + 1];
        for (int t = 0; t <= threads; t++) {
            starts[t] = (int) ((long) n * t / threads);
        }
        return starts;
    }

    private static double trainSlice(Trainable.Worker worker, int[] order, int from, int to, float rate,
            AtomicLong done, TrainingListener listener) {
        double sum = 0;
        for (int start = from; start < to; start += PROGRESS_BLOCK) {
            int end = Math.min(to, start + PROGRESS_BLOCK);
            sum += worker.train(order, start, end, rate);
            listener.onProgress(done.addAndGet(end - start));
        }
        return sum;
    }

    /**
     * A uniformly random order of the examples, or with blocks (see {@link Trainable#blockStarts()})
     * the blocks in random order, each one's examples in their given order.
     */
    static void shuffle(int[] order, int[] blockStarts, SplittableRandom random) {
        if (blockStarts == null) {
            shuffle(order, random);
            return;
        }
        int position = 0;
        for (int block : shuffledBlocks(blockStarts, random)) {
            for (int example = blockStarts[block]; example < blockStarts[block + 1]; example++) {
                order[position++] = example;
            }
        }
    }

    /** The blocks of {@code blockStarts} in a uniformly random order. */
    private static int[] shuffledBlocks(int[] blockStarts, SplittableRandom random) {
        int[] blocks = identity(blockStarts.length - 1);
        shuffle(blocks, random);
        return blocks;
    }

    /**
     * Rearranges {@code order} into cells, one per round and thread, and returns the cell starts:
     * round {@code r}, thread {@code t} trains {@code order[starts[r][t], starts[r][t + 1])}, and
     * {@code starts[r][threads]} is where the next round begins. Thread {@code t} owns the
     * {@code t}-th of {@code threads} contiguous ranges of keys with about equal example counts:
     * contiguous, so that the rows of neighbouring keys, which share cache lines (16 biases to a line,
     * and factor rows straddle lines), are written by one thread only. Without stratum keys there is
     * one round; with them (see {@link Trainable#stratumKeys()}) the stratum keys are cut the same way
     * and there is one round per thread, in which thread {@code t} takes its examples of stratum
     * range {@code (t + r) mod threads}. Deterministic: each cell lists its examples in increasing
     * order.
     */
    static int[][] partition(int[] order, int[] keys, int[] strata, int threads) {
        int[] owner = contiguousBlocks(keys, threads);
        int rounds = strata == null ? 1 : threads;
        int[] block = strata == null ? null : contiguousBlocks(strata, threads);
        int[] cellOf = new int[keys.length];
        int[] cellStarts = new int[rounds * threads + 1];
        for (int example = 0; example < keys.length; example++) {
            int thread = owner[keys[example]];
            int round = block == null ? 0 : Math.floorMod(block[strata[example]] - thread, threads);
            cellOf[example] = round * threads + thread;
            cellStarts[cellOf[example] + 1]++;
        }
        for (int cell = 0; cell < rounds * threads; cell++) {
            cellStarts[cell + 1] += cellStarts[cell];
        }
        int[] next = cellStarts.clone();
        for (int example = 0; example < keys.length; example++) {
            order[next[cellOf[example]]++] = example;
        }
        int[][] starts = new int[rounds][];
        for (int round = 0; round < rounds; round++) {
            starts[round] = java.util.Arrays.copyOfRange(cellStarts, round * threads, (round + 1) * threads + 1);
        }
        return starts;
    }

    /** The block of each key when the key range is cut into {@code blocks} consecutive ranges of about equal counts. */
    private static int[] contiguousBlocks(int[] keys, int blocks) {
        int keyCount = 0;
        for (int key : keys) {
            keyCount = Math.max(keyCount, key + 1);
        }
        int[] counts = new int[keyCount];
        for (int key : keys) {
            counts[key]++;
        }
        int[] block = new int[keyCount];
        long before = 0;
        for (int key = 0; key < keyCount; key++) {
            block[key] = (int) Math.min(blocks - 1, before * blocks / keys.length);
            before += counts[key];
        }
        return block;
    }

    /** Shuffles {@code order[from, to)} in place (Fisher-Yates). */
    private static void shuffle(int[] order, int from, int to, SplittableRandom random) {
        for (int k = to - 1; k > from; k--) {
            int j = from + random.nextInt(k - from + 1);
            int swap = order[k];
            order[k] = order[j];
            order[j] = swap;
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        shuffle(order, 0, order.length, random);
    }

    /**
     * Stops a run whose training loss grew in each of the last {@link #GROWING_EPOCHS} epochs and is now
     * above the first epoch's: the finite form of divergence, which an adaptive optimizer (Adam with
     * {@code --learning-rate 1e9}) produces instead of NaN. A healthy run's loss falls below its first
     * epoch's and stays there, so noise in a converged run cannot trigger it.
     */
    static void checkNotGrowing(List<EpochRecord> history, float rate) {
        int last = history.size() - 1;
        if (last < GROWING_EPOCHS) {
            return;
        }
        for (int k = last - GROWING_EPOCHS; k < last; k++) {
            if (!(history.get(k + 1).trainLoss() > history.get(k).trainLoss())) {
                return;
            }
        }
        double first = history.get(0).trainLoss();
        double now = history.get(last).trainLoss();
        if (!(now > first)) {
            return;
        }
        StringBuilder losses = new StringBuilder();
        for (int k = last - GROWING_EPOCHS; k <= last; k++) {
            losses.append(k > last - GROWING_EPOCHS ? ", " : "").append(String.format(java.util.Locale.ROOT, "%.4g",
                    history.get(k).trainLoss()));
        }
        throw new TrainingDivergedException("training diverged in epoch " + history.get(last).epoch()
                + ": the training loss grew for " + GROWING_EPOCHS + " epochs in a row (" + losses + ") and is above"
                + " the first epoch's (" + String.format(java.util.Locale.ROOT, "%.4g", first) + ") at learning rate "
                + rate + ". Try a smaller learning rate (e.g. " + rate / 100 + ") or another optimizer.");
    }

    private static void checkFinite(Trainable model, int epoch, double trainLoss, float rate) {
        String bad = null;
        for (Map.Entry<String, float[]> table : model.parameters().entrySet()) {
            for (float value : table.getValue()) {
                if (!Float.isFinite(value)) {
                    bad = table.getKey();
                    break;
                }
            }
            if (bad != null) {
                break;
            }
        }
        if (bad != null || !Double.isFinite(trainLoss)) {
            throw new TrainingDivergedException("training diverged in epoch " + epoch + ": "
                    + (bad != null ? "parameter table '" + bad + "' holds NaN or infinity" : "the training loss is " + trainLoss)
                    + " at learning rate " + rate
                    + ". Try a smaller learning rate (e.g. " + rate / 10 + "), stronger L2 regularization,"
                    + " or the sigmoid output range, and check the input ratings for extreme values.");
        }
    }
}
