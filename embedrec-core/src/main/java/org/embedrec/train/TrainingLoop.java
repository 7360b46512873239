package org.embedrec.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * several threads that each take a contiguous slice of the shuffled order and update the shared
 * parameters without locks), check for divergence, validate, notify listeners, stop early and
 * restore the best epoch.
 *
 * <p>With one thread the loop is fully deterministic: the same seed gives bit-identical
 * parameters. With several threads, updates race (by design), so results vary slightly run to run.
 */
final class TrainingLoop {
    /** Examples a worker processes between two progress reports. */
    private static final int PROGRESS_BLOCK = 16_384;

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
     */
    record Settings(int epochs, int threads, long seed, LearningRateSchedule schedule, int patience, String monitor) {
    }

    /** Runs the loop and returns the history of the epochs whose parameters are kept. */
    static List<EpochRecord> run(Trainable model, Settings settings, TrainingListener listener) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        int n = model.exampleCount();
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        int threads = Math.max(1, Math.min(settings.threads(), Math.max(1, n / PROGRESS_BLOCK)));
        List<Trainable.Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(model.newWorker(random.nextLong()));
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "embedrec-train");
            thread.setDaemon(true);
            return thread;
        }) : null;
        int[] blockStarts = model.blockStarts();
        int[] keys = model.partitionKeys();
        // With threads and per-key ownership, the order is one segment per thread, each shuffled on its own.
        int[] segments = threads > 1 && blockStarts == null && keys != null ? partition(order, keys, threads) : null;
        List<EpochRecord> history = new ArrayList<>();
        Map<String, float[]> best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        try {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long start = System.nanoTime();
                float rate = (float) settings.schedule().rate(epoch);
                listener.onEpochStart(epoch, settings.epochs(), n);
                if (segments != null) {
                    for (int t = 0; t < threads; t++) {
                        shuffle(order, segments[t], segments[t + 1], random);
                    }
                } else {
                    shuffle(order, blockStarts, random);
                }
                double lossSum = trainEpoch(workers, pool, order, segments, rate, listener);
                double trainLoss = lossSum / Math.max(1, n);
                checkFinite(model, epoch, trainLoss, rate);
                Map<String, Double> metrics = model.validate();
                double seconds = (System.nanoTime() - start) / 1e9;
                EpochRecord record = new EpochRecord(epoch, trainLoss,
                        metrics.getOrDefault("loss", Double.NaN), metrics, seconds, rate);
                history.add(record);
                listener.onEpochEnd(record);
                if (settings.patience() > 0 && metrics.containsKey(settings.monitor())) {
                    double score = metrics.get(settings.monitor());
                    if (score < bestScore) {
                        bestScore = score;
                        bestEpoch = epoch;
                        best = copy(model.parameters());
                    } else if (epoch - bestEpoch >= settings.patience()) {
                        restore(model.parameters(), best);
                        listener.onEarlyStop(bestEpoch);
                        return new ArrayList<>(history.subList(0, bestEpoch));
                    }
                }
            }
            if (best != null && bestEpoch < history.size()) {
                // Patience did not run out, but a later epoch was worse: keep the best one all the same.
                restore(model.parameters(), best);
                listener.onEarlyStop(bestEpoch);
                return new ArrayList<>(history.subList(0, bestEpoch));
            }
            return history;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static double trainEpoch(List<Trainable.Worker> workers, ExecutorService pool, int[] order, int[] segments,
            float rate, TrainingListener listener) {
        AtomicLong done = new AtomicLong();
        int n = order.length;
        int threads = workers.size();
        if (pool == null) {
            return trainSlice(workers.get(0), order, 0, n, rate, done, listener);
        }
        List<Future<Double>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Trainable.Worker worker = workers.get(t);
            int from = segments != null ? segments[t] : (int) ((long) n * t / threads);
            int to = segments != null ? segments[t + 1] : (int) ((long) n * (t + 1) / threads);
            futures.add(pool.submit(() -> trainSlice(worker, order, from, to, rate, done, listener)));
        }
        double sum = 0;
        try {
            for (Future<Double> future : futures) {
                sum += future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("training thread failed", e.getCause());
        }
        return sum;
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
        int blocks = blockStarts.length - 1;
        int[] blockOrder = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            blockOrder[b] = b;
        }
        shuffle(blockOrder, random);
        int position = 0;
        for (int block : blockOrder) {
            for (int example = blockStarts[block]; example < blockStarts[block + 1]; example++) {
                order[position++] = example;
            }
        }
    }

    /**
     * Rearranges {@code order} into one segment per thread such that each key's examples fall in one
     * segment, assigning keys (largest first) to the least-loaded thread; returns the segment starts
     * ({@code threads + 1} entries). Deterministic: ties go to the smaller key and thread.
     */
    static int[] partition(int[] order, int[] keys, int threads) {
        int keyCount = 0;
        for (int key : keys) {
            keyCount = Math.max(keyCount, key + 1);
        }
        int[] counts = new int[keyCount];
        for (int key : keys) {
            counts[key]++;
        }
        Integer[] byCount = new Integer[keyCount];
        for (int key = 0; key < keyCount; key++) {
            byCount[key] = key;
        }
        java.util.Arrays.sort(byCount, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
        int[] owner = new int[keyCount];
        long[] load = new long[threads];
        for (int key : byCount) {
            int least = 0;
            for (int t = 1; t < threads; t++) {
                if (load[t] < load[least]) {
                    least = t;
                }
            }
            owner[key] = least;
            load[least] += counts[key];
        }
        int[] starts = new int[threads + 1];
        for (int t = 0; t < threads; t++) {
            starts[t + 1] = starts[t] + (int) load[t];
        }
        int[] next = starts.clone();
        for (int example = 0; example < keys.length; example++) {
            order[next[owner[keys[example]]]++] = example;
        }
        return starts;
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

    private static Map<String, float[]> copy(Map<String, float[]> parameters) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }

    private static void restore(Map<String, float[]> parameters, Map<String, float[]> saved) {
        parameters.forEach((name, values) -> System.arraycopy(saved.get(name), 0, values, 0, values.length));
    }
}
