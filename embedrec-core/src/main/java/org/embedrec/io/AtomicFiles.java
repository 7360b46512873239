package org.embedrec.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes files so that a failure never leaves a half-written file in place of a good one: model
 * files, config files, caches and reports all go through here.
 *
 * <p>Each write goes to a hidden sibling {@code .NAME.HEX.tmp}, locked while it is written, and is
 * renamed over {@code NAME}. A process killed mid-write leaves its temporary file behind; the next
 * write of the same target deletes such leftovers once no process holds their lock and they have
 * not changed for {@link #STALE_AFTER}. Errors always name the file the caller asked for, never the
 * temporary one.
 */
public final class AtomicFiles {
    /** How long a temporary file must have been left untouched before another write may delete it. */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private AtomicFiles() {
    }

    /** Produces a file's content on an open channel. */
    @FunctionalInterface
    public interface ChannelWriter {
        /** Writes the whole content to {@code out}. */
        void write(FileChannel out) throws IOException;
    }

    /**
     * Checks, without changing anything a user can see, that {@link #write} could replace
     * {@code file}: its folder exists and takes new files, and {@code file} is not a folder or other
     * non-regular file. Meant for commands that compute for minutes before saving.
     *
     * @throws IOException naming {@code file} and what is wrong with it
     */
    public static void checkWritable(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = directoryOf(file, target);
        Path probe = temporaryFor(target);
        try {
            Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw cannotCreate(file, directory, e);
        }
        Files.deleteIfExists(probe);
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
     *
     * @throws IOException naming {@code file} if it cannot be written; an existing {@code file} is
     *     then untouched and no temporary file remains
     */
    public static void write(Path file, ChannelWriter writer) throws IOException {
        write(file, writer, true);
    }

    /**
     * {@link #write(Path, ChannelWriter)} without forcing the content to disk: for caches, whose
     * reader checks every byte and rebuilds them when a crash cut them short, so the fsync of
     * hundreds of megabytes would buy nothing.
     */
    public static void writeCache(Path file, ChannelWriter writer) throws IOException {
        write(file, writer, false);
    }

    private static void write(Path file, ChannelWriter writer, boolean durable) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = directoryOf(file, target);
        deleteStaleTemporaries(target);
        // Hidden and unique; createTempFile is avoided because it makes owner-only files.
        Path temp = temporaryFor(target);
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotCreate(file, directory, e);
        }
        try {
            try (FileChannel out = channel) {
                // Held until closed: tells another writer's cleanup that this file is still in use.
                FileLock lock = tryLock(out);
                writer.write(out);
                if (durable) {
                    out.force(true);
                }
                if (lock != null) {
                    lock.release();
                }
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
            if (e instanceof IOException failed) {
                throw new IOException("cannot write " + file + ": " + reason(failed).replace(temp.toString(), file.toString()),
                        failed);
            }
            throw e;
        }
        if (durable) {
            syncDirectory(directory);
        }
    }

    /** The existing folder {@code file} goes into, or an error naming {@code file}. */
    private static Path directoryOf(Path file, Path target) throws IOException {
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException("cannot write " + file + ": the folder " + directory
                    + (directory != null && Files.exists(directory) ? " is not a folder" : " does not exist"));
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new IOException("cannot write " + file + ": it exists and is not a regular file");
        }
        return directory;
    }

    private static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /** An error about {@code file} when its folder takes no new file, not naming the temporary file. */
    private static IOException cannotCreate(Path file, Path directory, IOException cause) {
        return new IOException("cannot write " + file + ": cannot create files in " + directory + " (" + reason(cause)
                + ")", cause);
    }

    /** What went wrong, without the file name a {@link FileSystemException} message starts with. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException failed) {
            if (failed.getReason() != null) {
                return failed.getReason();
            }
            // e.g. AccessDeniedException -> "access denied"
            return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }

    private static FileLock tryLock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (IOException | OverlappingFileLockException unsupported) {
            return null; // Without a lock the age rule alone protects this file from cleanup.
        }
    }

    /**
     * Deletes {@code .NAME.HEX.tmp} siblings of {@code target} left by writes that died: unlocked
     * and unchanged for {@link #STALE_AFTER}. Best effort: a leftover that cannot be checked stays.
     */
    private static void deleteStaleTemporaries(Path target) {
        Pattern ours = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.[0-9a-f]{1,16}\\.tmp");
        Instant cutoff = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
                candidate -> ours.matcher(candidate.getFileName().toString()).matches())) {
            for (Path leftover : siblings) {
                if (Files.isRegularFile(leftover, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(leftover).toInstant().isBefore(cutoff)) {
                    deleteIfUnlocked(leftover);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // Leftovers waste space but harm nothing; the write itself must not fail because of them.
        }
    }

    private static void deleteIfUnlocked(Path leftover) {
        try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(leftover);
                lock.release();
            }
        } catch (IOException | OverlappingFileLockException inUse) {
            // Another writer (in this process or another) still holds it, or it vanished meanwhile.
        }
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
