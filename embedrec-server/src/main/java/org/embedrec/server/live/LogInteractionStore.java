package org.embedrec.server.live;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded interaction store: one append-only write-ahead log file,
 * {@code DIRECTORY/interactions.log}, that needs no setup.
 *
 * <p>One store object at a time may open a directory: it holds a lock on {@code DIRECTORY/lock}
 * (released by the operating system if the process dies), and a second one is refused.
 *
 * <h2>Format</h2>
 * A header ({@code EMBEDREC-INTERACTIONS\n} and a big-endian int version, 1), then one record per
 * batch: its payload's length (int), the CRC-32C of the payload (int), the payload (the key, the
 * fingerprint, the answer given, the interactions). A batch is one record, so it is stored all or
 * nothing.
 *
 * <h2>Durability</h2>
 * One writer thread takes every batch waiting (up to {@value #MAX_GROUP}), writes them with one
 * write and makes them durable with one {@code fdatasync} ({@code FileChannel.force(false)}): group
 * commit. Only then are their appends answered. The file's directory is synced when the file is
 * created or replaced. A failed write or sync is undone (the file is truncated back to its last
 * durable record) and the batches in it are refused, so nothing half-written is ever followed by
 * good records; if even the truncation fails, the store refuses every later append.
 *
 * <h2>Recovery</h2>
 * Opening reads the whole log into memory (the users' interactions and the keys with their
 * answers). A record cut short or failing its CRC can only be the tail written after the last
 * sync before a crash: it was never acknowledged. It and everything after it are copied to
 * {@code interactions.log.torn-OFFSET} for inspection, and the log is truncated before it.
 *
 * <h2>Forgetting</h2>
 * {@link #forget} rewrites the log without the user's interactions (to a temporary file, synced,
 * then renamed over the log), so they are gone from the disk, not only hidden. Keys are kept: a
 * retried batch is still answered as the first time. It costs a pass over the whole log.
 */
public final class LogInteractionStore implements InteractionStore {
    private static final Logger LOG = LoggerFactory.getLogger(LogInteractionStore.class);
    /** The log file's name inside the store's directory. */
    public static final String FILE = "interactions.log";
    /** The file whose lock keeps a second process (or store object) from writing the same log. */
    static final String LOCK_FILE = "lock";
    /** The format version written and the only one read. */
    public static final int VERSION = 1;
    /** The most batches made durable by one sync. */
    static final int MAX_GROUP = 512;
    private static final byte[] MAGIC = "EMBEDREC-INTERACTIONS\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + Integer.BYTES;
    private static final int MAX_RECORD_BYTES = 64 << 20;
    private static final int HAS_RATING = 1;
    private static final int HAS_WEIGHT = 2;
    private static final int HAS_EVENT = 4;

    private final Path directory;
    private final Path file;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: every key stored or being stored, with its fingerprint and answer. */
    private final Map<String, KeyEntry> keys = new HashMap<>();
    private final Map<String, UserLog> byUser = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final FileChannel lockChannel;
    /** Used by the writer thread only, after opening. */
    private FileChannel channel;
    /** Guarded by {@link #lock}: why the store refuses appends, or null. */
    private IOException failure;
    private boolean closed;

    private record KeyEntry(byte[] fingerprint, CompletableFuture<Appended> answer) {
    }

    private sealed interface Task permits AppendTask, ForgetTask, StopTask {
    }

    private record AppendTask(Batch batch, CompletableFuture<Appended> answer) implements Task {
    }

    private record ForgetTask(String user, CompletableFuture<Long> answer) implements Task {
    }

    private record StopTask() implements Task {
    }

    private LogInteractionStore(Path directory) throws IOException {
        this.directory = directory;
        this.file = directory.resolve(FILE);
        Files.createDirectories(directory);
        this.lockChannel = lock(directory);
        boolean created = !Files.exists(file);
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
        try {
            if (created || isHeaderPrefix(channel)) {
                writeHeader(channel);
                syncDirectory();
            }
            long end = recover();
            channel.position(end);
        } catch (IOException | RuntimeException e) {
            channel.close();
            lockChannel.close();
            throw e;
        }
        this.writer = new Thread(this::writeLoop, "embedrec-interaction-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Locks {@code DIRECTORY/lock} for this store's life: two writers would interleave their records. */
    private static FileChannel lock(Path directory) throws IOException {
        FileChannel lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = lockChannel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            locked = false;
        }
        if (!locked) {
            lockChannel.close();
            throw new IOException("the interaction store " + directory + " is in use by another server (its lock file "
                    + directory.resolve(LOCK_FILE) + " is held); give each server its own --store DIR, or share a"
                    + " database (--store jdbc:...)");
        }
        return lockChannel;
    }

    /**
     * Opens (or creates) the log in {@code directory} and reads it.
     *
     * @throws IOException if the file cannot be read, is not an interaction log of a known version, or
     *     another process (or store object) has the directory open
     */
    public static LogInteractionStore open(Path directory) throws IOException {
        return new LogInteractionStore(directory);
    }

    /**
     * Every interaction in the log of {@code directory}, in the order stored, read without taking the
     * store's lock, so also while a server appends to it ({@code embedrec retrain} reads it so): the
     * records are read up to the file's length when opened, stopping at the first incomplete one (a
     * write in progress), and nothing is changed on disk.
     *
     * @throws IOException if {@code directory} holds no interaction log, or one of another version
     */
    public static List<Interaction> readAll(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no interaction log " + file + ": --store DIR must be a store directory a server wrote");
        }
        List<Interaction> all = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = new BufferedInputStream(Channels.newInputStream(channel))) {
            long length = channel.size();
            checkHeader(file, in);
            scan(in, length, (record, offset) -> all.addAll(record.interactions()));
        }
        return all;
    }

    @Override
    public Appended append(Batch batch) throws IOException {
        CompletableFuture<Appended> answer;
        boolean replay;
        synchronized (lock) {
            if (closed) {
                throw new IOException("the interaction store " + file + " is closed");
            }
            if (failure != null) {
                throw new IOException("the interaction store " + file + " refuses writes after a failure: "
                        + failure.getMessage(), failure);
            }
            KeyEntry known = keys.get(batch.key());
            replay = known != null;
            if (replay) {
                if (!Arrays.equals(known.fingerprint(), batch.fingerprint())) {
                    throw new KeyReusedException(batch.key());
                }
                answer = known.answer();
            } else {
                answer = new CompletableFuture<>();
                keys.put(batch.key(), new KeyEntry(batch.fingerprint(), answer));
                queue.add(new AppendTask(batch, answer));
            }
        }
        Appended appended = await(answer);
        return replay ? new Appended(appended.stored(), true) : appended;
    }

    @Override
    public List<Interaction> interactions(String user) {
        UserLog log = byUser.get(user);
        return log == null ? List.of() : log.snapshot();
    }

    @Override
    public long forget(String user) throws IOException {
        CompletableFuture<Long> answer = new CompletableFuture<>();
        synchronized (lock) {
            if (closed || failure != null) {
                throw new IOException("the interaction store " + file + " is " + (closed ? "closed" : "failed"));
            }
            queue.add(new ForgetTask(user, answer));
        }
        return await(answer);
    }

    @Override
    public List<String> users() {
        return List.copyOf(byUser.keySet());
    }

    @Override
    public long size() {
        return size.get();
    }

    /**
     * Closed, failed, or the log file missing or read-only. A log deleted while the server runs is
     * reported because appends to the open file would still succeed, into a file no restart reads.
     */
    @Override
    public Optional<String> unwritableReason() {
        synchronized (lock) {
            if (closed) {
                return Optional.of("the interaction store is closed");
            }
            if (failure != null) {
                return Optional.of("the interaction store refuses writes after a failed write (the server log says why)");
            }
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("the interaction log file is missing (deleted while the server ran)");
        }
        if (!Files.isWritable(file) || !Files.isWritable(directory)) {
            return Optional.of("the interaction log file or its folder is not writable");
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "write-ahead log " + file;
    }

    /** Finishes the appends already queued, then closes the file. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new StopTask());
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing " + file);
        }
        channel.close();
        lockChannel.close();
    }

    private static <T> T await(CompletableFuture<T> answer) throws IOException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the interaction store");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw new IOException("the interaction store failed: " + e.getCause(), e.getCause());
        }
    }

    // ---- the writer thread ----

    private void writeLoop() {
        List<Task> tasks = new ArrayList<>();
        List<AppendTask> group = new ArrayList<>();
        while (true) {
            tasks.clear();
            try {
                tasks.add(queue.take());
            } catch (InterruptedException e) {
                continue; // Only close() stops the writer, so that no queued batch is left unanswered.
            }
            queue.drainTo(tasks, MAX_GROUP - 1);
            for (Task task : tasks) {
                if (task instanceof AppendTask append) {
                    group.add(append);
                    continue;
                }
                commit(group);
                group.clear();
                if (task instanceof ForgetTask forget) {
                    rewriteWithout(forget);
                } else {
                    return;
                }
            }
            commit(group);
            group.clear();
        }
    }

    /** Writes and syncs {@code group}, then indexes and answers it; on failure undoes the write and refuses it. */
    private void commit(List<AppendTask> group) {
        if (group.isEmpty()) {
            return;
        }
        long start = -1;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (AppendTask task : group) {
                writeRecord(bytes, task.batch(), task.batch().interactions().size());
            }
            start = channel.position();
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            IOException failed = e instanceof IOException io ? io : new IOException(e.toString(), e);
            undo(start, failed);
            synchronized (lock) {
                for (AppendTask task : group) {
                    keys.remove(task.batch().key());
                }
            }
            group.forEach(task -> task.answer().completeExceptionally(failed));
            return;
        }
        for (AppendTask task : group) {
            index(task.batch().interactions());
            task.answer().complete(new Appended(task.batch().interactions().size(), false));
        }
    }

    /** Truncates the log back to {@code start}; if that fails too, the store refuses every later write. */
    private void undo(long start, IOException cause) {
        LOG.error("writing to the interaction log {} failed; the batches in the write are refused", file, cause);
        if (start < 0) {
            return;
        }
        try {
            channel.truncate(start);
            channel.position(start);
            channel.force(false);
        } catch (IOException e) {
            e.addSuppressed(cause);
            LOG.error("could not truncate {} back to {} bytes: refusing every further write", file, start, e);
            synchronized (lock) {
                failure = e;
            }
        }
    }

    private void rewriteWithout(ForgetTask task) {
        if (!byUser.containsKey(task.user())) {
            task.answer().complete(0L);
            return;
        }
        Path temporary = directory.resolve(FILE + ".rewrite");
        long[] removed = {0};
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                writeHeader(out);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    in.skipNBytes(HEADER_BYTES);
                    scan(in, channel.position(), (record, offset) -> {
                        List<Interaction> kept = new ArrayList<>();
                        for (Interaction interaction : record.interactions()) {
                            if (interaction.user().equals(task.user())) {
                                removed[0]++;
                            } else {
                                kept.add(interaction);
                            }
                        }
                        writeRecord(bytes, record.key(), record.fingerprint(), record.stored(), kept);
                        if (bytes.size() > 1 << 20) {
                            writeFully(out, bytes);
                        }
                    });
                }
                writeFully(out, bytes);
                out.force(true);
            }
            if (removed[0] > 0) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
                try {
                    FileChannel reopened = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    channel.close();
                    channel = reopened;
                    channel.position(channel.size());
                } catch (IOException e) {
                    // The old channel writes to the replaced file: appending to it would lose batches.
                    synchronized (lock) {
                        failure = e;
                    }
                    throw e;
                }
            } else {
                Files.delete(temporary);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("forgetting user '{}' in {} failed; the log is unchanged", task.user(), file, e);
            task.answer().completeExceptionally(e);
            return;
        }
        byUser.remove(task.user());
        size.addAndGet(-removed[0]);
        task.answer().complete(removed[0]);
    }

    private static void writeFully(FileChannel out, ByteArrayOutputStream bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        bytes.reset();
    }

    private void index(List<Interaction> interactions) {
        for (Interaction interaction : interactions) {
            byUser.computeIfAbsent(interaction.user(), user -> new UserLog()).add(interaction);
        }
        size.addAndGet(interactions.size());
    }

    /** One user's interactions: appended by the writer thread, copied out for readers. */
    private static final class UserLog {
        private final List<Interaction> interactions = new ArrayList<>();

        synchronized void add(Interaction interaction) {
            interactions.add(interaction);
        }

        synchronized List<Interaction> snapshot() {
            return List.copyOf(interactions);
        }
    }

    // ---- reading and recovery ----

    /** A record read back: a batch's key and fingerprint, the answer it was given, what is left of it. */
    private record StoredRecord(String key, byte[] fingerprint, long stored, List<Interaction> interactions) {
    }

    @FunctionalInterface
    private interface RecordConsumer {
        void accept(StoredRecord record, long offset) throws IOException;
    }

    /** Reads the log into memory; cuts a torn tail off. Returns the end of the last good record. */
    private long recover() throws IOException {
        long fileSize = channel.size();
        long end;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            checkHeader(file, in);
            end = scan(in, fileSize, (record, offset) -> {
                keys.put(record.key(), new KeyEntry(record.fingerprint(),
                        CompletableFuture.completedFuture(new Appended(record.stored(), false))));
                index(record.interactions());
            });
        }
        if (end < fileSize) {
            Path torn = directory.resolve(FILE + ".torn-" + end);
            try (FileChannel copy = FileChannel.open(torn, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.transferTo(end, fileSize - end, copy);
                copy.force(true);
            }
            channel.truncate(end);
            channel.force(true);
            LOG.warn("interaction log {}: {} bytes after offset {} were not a complete record (a write cut short by a"
                    + " crash, never acknowledged); moved to {}", file, fileSize - end, end, torn);
        }
        return end;
    }

    private static void checkHeader(Path file, InputStream in) throws IOException {
        byte[] header = in.readNBytes(HEADER_BYTES);
        byte[] magic = Arrays.copyOf(header, Math.min(header.length, MAGIC.length));
        if (header.length < HEADER_BYTES || !Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + " is not an embedrec interaction log (its header is not "
                    + new String(MAGIC, StandardCharsets.US_ASCII).strip() + " and a version)");
        }
        int version = ByteBuffer.wrap(header, MAGIC.length, Integer.BYTES).getInt();
        if (version != VERSION) {
            throw new IOException(file + " has interaction log version " + version + "; this embedrec reads version "
                    + VERSION);
        }
    }

    /**
     * Reads records from {@code in} (just after the header) up to {@code limit} bytes of file and passes
     * each good one on; stops at the end or at the first record cut short or failing its CRC.
     *
     * @return the file offset after the last good record
     */
    private static long scan(InputStream in, long limit, RecordConsumer consumer) throws IOException {
        DataInputStream data = new DataInputStream(in);
        long offset = HEADER_BYTES;
        CRC32C crc = new CRC32C();
        while (offset + 2 * Integer.BYTES <= limit) {
            int length;
            int expected;
            byte[] payload;
            try {
                length = data.readInt();
                expected = data.readInt();
                if (length <= 0 || length > MAX_RECORD_BYTES || offset + 2 * Integer.BYTES + length > limit) {
                    return offset;
                }
                payload = data.readNBytes(length);
            } catch (EOFException e) {
                return offset;
            }
            if (payload.length < length) {
                return offset;
            }
            crc.reset();
            crc.update(payload);
            if ((int) crc.getValue() != expected) {
                return offset;
            }
            consumer.accept(readPayload(payload), offset);
            offset += 2 * Integer.BYTES + length;
        }
        return offset;
    }

    private static StoredRecord readPayload(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        String key = in.readUTF();
        byte[] fingerprint = new byte[in.readUnsignedByte()];
        in.readFully(fingerprint);
        long stored = in.readLong();
        int count = in.readInt();
        List<Interaction> interactions = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String user = in.readUTF();
            String item = in.readUTF();
            int flags = in.readUnsignedByte();
            Float rating = (flags & HAS_RATING) != 0 ? in.readFloat() : null;
            Float weight = (flags & HAS_WEIGHT) != 0 ? in.readFloat() : null;
            String event = (flags & HAS_EVENT) != 0 ? in.readUTF() : null;
            interactions.add(new Interaction(user, item, rating, weight, event, in.readLong()));
        }
        // Empty when every interaction of the batch was forgotten: kept for its key and answer.
        return new StoredRecord(key, fingerprint, stored, interactions);
    }

    // ---- writing ----

    private static void writeRecord(ByteArrayOutputStream out, Batch batch, long stored) throws IOException {
        writeRecord(out, batch.key(), batch.fingerprint(), stored, batch.interactions());
    }

    private static void writeRecord(ByteArrayOutputStream out, String key, byte[] fingerprint, long stored,
            List<Interaction> interactions) throws IOException {
        ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream(64 + 48 * interactions.size());
        DataOutputStream payload = new DataOutputStream(payloadBytes);
        payload.writeUTF(key);
        payload.writeByte(fingerprint.length);
        payload.write(fingerprint);
        payload.writeLong(stored);
        payload.writeInt(interactions.size());
        for (Interaction interaction : interactions) {
            payload.writeUTF(interaction.user());
            payload.writeUTF(interaction.item());
            payload.writeByte((interaction.rating() != null ? HAS_RATING : 0) | (interaction.weight() != null ? HAS_WEIGHT : 0)
                    | (interaction.event() != null ? HAS_EVENT : 0));
            if (interaction.rating() != null) {
                payload.writeFloat(interaction.rating());
            }
            if (interaction.weight() != null) {
                payload.writeFloat(interaction.weight());
            }
            if (interaction.event() != null) {
                payload.writeUTF(interaction.event());
            }
            payload.writeLong(interaction.timeMillis());
        }
        byte[] bytes = payloadBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        DataOutputStream frame = new DataOutputStream(out);
        frame.writeInt(bytes.length);
        frame.writeInt((int) crc.getValue());
        frame.write(bytes);
    }

    /** Whether the file is empty or a header cut short: created, then a crash before its header was synced. */
    private static boolean isHeaderPrefix(FileChannel in) throws IOException {
        if (in.size() >= HEADER_BYTES) {
            return false;
        }
        ByteBuffer start = ByteBuffer.allocate((int) in.size());
        in.read(start, 0);
        byte[] expected = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION).array();
        return Arrays.equals(start.array(), Arrays.copyOf(expected, start.capacity()));
    }

    private static void writeHeader(FileChannel out) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION).flip();
        out.truncate(0);
        out.position(0);
        while (header.hasRemaining()) {
            out.write(header);
        }
        out.force(true);
    }

    /** Makes a file's creation or rename in the directory durable (Linux; a no-op where unsupported). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {} on this platform", directory, e);
        }
    }
}
