package org.embedrec.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The models a server answers with, behind one atomic reference. A request reads the current
 * {@link ModelSet} once, when it picks its model, and finishes on that model even if a reload swaps
 * another set in meanwhile (the old set is garbage once no request holds it). {@link #reload} loads
 * every model file afresh and swaps the new set in whole; a reload that fails (a file missing,
 * half-written, corrupt, or of other users and items than its data) swaps nothing, so the models
 * loaded before keep serving. Reloads run one at a time; requests never wait for one.
 */
public final class ModelRegistry {
    /** Loads the served models from their files, at start-up and on every reload. */
    public interface ModelLoader {
        /** The model files loaded, in order (watched for changes by {@code serve --watch}). */
        List<Path> files();

        /**
         * Loads every model afresh.
         *
         * @throws IOException or {@link IllegalArgumentException} if a model cannot be loaded; the
         *     message names the file and the problem
         */
        List<ServedModel> load() throws IOException;
    }

    private final AtomicReference<ModelSet> current;
    private final ModelLoader loader;
    private final Object reloading = new Object();

    /**
     * Serves {@code models}, reloaded by {@code loader} (null: reloading is refused).
     *
     * @throws IllegalArgumentException if there is no model or two share a name
     */
    public ModelRegistry(List<ServedModel> models, ModelLoader loader) {
        this.current = new AtomicReference<>(ModelSet.of(models, 1, Instant.now()));
        this.loader = loader;
    }

    /** The models served now. */
    ModelSet current() {
        return current.get();
    }

    /** The loader's model files; empty without a loader. */
    List<Path> files() {
        return loader == null ? List.of() : loader.files();
    }

    /**
     * {@code message} with every model file's path replaced by its file name: the folders stay on the
     * server when the message goes to a client.
     */
    String withoutFolders(String message) {
        String shown = String.valueOf(message);
        for (Path file : files()) {
            String name = String.valueOf(file.getFileName());
            shown = shown.replace(file.toAbsolutePath().toString(), name).replace(file.toString(), name);
        }
        return shown;
    }

    /** Whether models can be reloaded (the server knows their files). */
    boolean canReload() {
        return loader != null;
    }

    /**
     * Loads every model file afresh and, if all load, serves them instead of the current ones.
     *
     * @return the set now served
     * @throws IOException or {@link IllegalArgumentException} if a model cannot be loaded (the
     *     current models are kept)
     * @throws IllegalStateException without a loader
     */
    ModelSet reload() throws IOException {
        if (loader == null) {
            throw new IllegalStateException("this server was not given its model files, so it cannot reload them");
        }
        synchronized (reloading) {
            List<ServedModel> loaded = Objects.requireNonNull(loader.load(), "loaded models");
            ModelSet next = ModelSet.of(loaded, current.get().generation() + 1, Instant.now());
            current.set(next);
            return next;
        }
    }
}
