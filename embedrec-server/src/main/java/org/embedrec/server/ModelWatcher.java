package org.embedrec.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the served models when one of their files changes ({@code serve --watch}): a daemon thread
 * looks at the files' modification time, size and file key (inode) every {@code interval} and, when
 * they differ from what it saw last, asks for a reload. A reload that fails (a file being copied
 * in place, still half-written) is logged and not retried until the files change again; the models
 * loaded before keep serving. {@code embedrec retrain} replaces a model file by an atomic rename, so
 * a watcher never sees it half-written.
 */
final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final List<Path> files;
    private final Duration interval;
    private final Runnable reload;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * Starts watching {@code files}; {@code reload} is run on the watcher's thread after a change and
     * reports its own failures.
     */
    ModelWatcher(List<Path> files, Duration interval, Runnable reload) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no model files to watch");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the watch interval must be positive, got " + interval);
        }
        this.files = List.copyOf(files);
        this.interval = interval;
        this.reload = Objects.requireNonNull(reload, "reload");
        this.thread = new Thread(this::run, "embedrec-model-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        List<Object> seen = signature(files, error -> { });
        while (!stopped) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return; // close() interrupts
            }
            List<Object> now = signature(files, error -> LOG.warn("cannot watch {}", error));
            if (!now.equals(seen)) {
                seen = now;
                LOG.info("a model file changed: reloading {}", files);
                reload.run();
            }
        }
    }

    /** What identifies the files' content cheaply: per file its key, size and modification time (or "missing"). */
    static List<Object> signature(List<Path> files, Consumer<String> problems) {
        List<Object> signature = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                signature.add(List.of(String.valueOf(attributes.fileKey()), attributes.size(),
                        attributes.lastModifiedTime().toMillis()));
            } catch (NoSuchFileException e) {
                signature.add("missing");
            } catch (IOException e) {
                problems.accept(file + ": " + e.getMessage());
                signature.add("unreadable");
            }
        }
        return signature;
    }

    /** Stops watching. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
