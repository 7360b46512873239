package org.embedrec.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a failure never leaves a half-written file in place of a good one: model
 * files, config files, caches and reports all go through here.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Produces a file's content on an open channel. */
    @FunctionalInterface
    public interface ChannelWriter {
        /** Writes the whole content to {@code out}. */
        void write(FileChannel out) throws IOException;
    }

    /** Replaces {@code file} atomically with {@code content}. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        });
    }

    /**
     * Writes through a temporary sibling file and an atomic rename, so that readers (a server
     * reloading the model) see either the old or the new file, never a partial one.
     */
    public static void write(Path file, ChannelWriter writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(String.valueOf(directory), null, "directory for " + file
                    + " does not exist");
        }
        // Hidden and unique; createTempFile is avoided because it makes owner-only files.
        Path temp = directory.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.write(out);
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof AtomicMoveNotSupportedException) {
                throw new IOException("cannot replace " + file + " atomically on this file system", e);
            }
            throw e;
        }
        syncDirectory(directory);
    }

    /** Makes the rename itself durable; best effort, as some platforms cannot open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException unsupported) {
            // The file is complete and in place; only durability across a power cut is weaker.
        }
    }
}
