package org.embedrec.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file that cannot be read: not a safetensors or not an embedrec file, written by a newer
 * embedrec, of an unknown model kind, truncated, corrupt (checksum mismatch) or internally
 * inconsistent. The message names the file and the problem.
 */
public final class ModelFileException extends IOException {
    private final transient Path file;

    /** A problem with {@code file}, described by {@code problem}. */
    public ModelFileException(Path file, String problem) {
        super("model file " + file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** A problem with {@code file}, described by {@code problem}, caused by {@code cause}. */
    public ModelFileException(Path file, String problem, Throwable cause) {
        super("model file " + file + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
