package org.embedrec.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed set of daemon worker threads for the sweeps of the alternating least-squares trainers:
 * {@link #run} runs one task on every worker and waits for all of them. Tasks share work by taking
 * chunks of rows from a counter, so which thread solves a row varies, and trainers keep their models
 * independent of it by making each row's arithmetic depend only on its inputs. With one thread no
 * pool is made and tasks run on the caller.
 */
public final class ParallelWorkers implements AutoCloseable {
    private final int threads;
    private final String name;
    private final ExecutorService pool;

    /**
     * @param threads the number of workers
     * @param name the threads' name, and the training named in error messages
     */
    public ParallelWorkers(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.name = name;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The number of workers. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} once on every worker and waits for all.
     *
     * @throws RuntimeException the first task's failure, as thrown
     */
    public void run(Runnable task) {
        if (pool == null) {
            task.run();
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            parts.add(pool.submit(task));
        }
        try {
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training " + name, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(name + " training failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
