package org.embedrec.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.embedrec.data.IdIndex;
import org.embedrec.data.Ratings;

/**
 * A binary copy of parsed ratings kept next to the source file ({@code ratings.csv.embedrec-cache}),
 * so that loading 25 million ratings a second time reads arrays instead of parsing text.
 *
 * <p><b>Trust policy.</b> The cache is a disposable copy, never a source of truth. It is used only
 * when its header matches the source's size, modification time and content fingerprint (SHA-256 of
 * the size, the first and last MiB and 64 evenly spaced 16 KiB samples, so editing a file in place
 * without changing its size or time is still caught unless the edit falls between samples), and the
 * caller's context (loader options and seeded ids); when its CRC-32C over every byte matches; and
 * when the ratings it holds pass {@link Ratings}' own checks. Anything else, including a truncated
 * or garbled file, is ignored and replaced. It is written by {@link AtomicFiles} (a temporary file in
 * the same folder, renamed into place), so readers never see half a cache; a folder that cannot be
 * written is simply not cached.
 *
 * <p><b>Format</b> (little-endian): magic {@code "ERRATES1"}; source size, modification time in
 * milliseconds; 32-byte content fingerprint; 32-byte context hash; user ids and item ids (count, then
 * per id its UTF-8 length and bytes); rating count n; then the columns user int[n], item int[n],
 * rating float[n], timestamp long[n]; then the CRC-32C of everything before it. 20 bytes per rating.
 */
final class RatingsCache {
    /** The suffix added to the source file's name. */
    static final String SUFFIX = ".embedrec-cache";
    private static final byte[] MAGIC = "ERRATES1".getBytes(StandardCharsets.US_ASCII);
    private static final int SAMPLES = 64;
    private static final int SAMPLE_BYTES = 16 << 10;
    private static final int END_BYTES = 1 << 20;
    private static final int BUFFER_BYTES = 1 << 23;

    private RatingsCache() {
    }

    /** Where the cache of {@code source} lives. */
    static Path cacheFile(Path source) {
        return source.resolveSibling(source.getFileName() + SUFFIX);
    }

    /**
     * The ratings of {@code source} from its cache when the cache is valid for it and {@code context},
     * else from {@code parse}, after which the cache is (re)written.
     */
    static Ratings load(Path source, String context, Supplier<Ratings> parse) {
        Key key;
        try {
            key = Key.of(source, context);
        } catch (IOException e) {
            return parse.get(); // the parser reports the unreadable source properly
        }
        Ratings cached = read(cacheFile(source), key);
        if (cached != null) {
            return cached;
        }
        Ratings ratings = parse.get();
        write(cacheFile(source), key, ratings);
        return ratings;
    }

    /** What a cache must match: the source's size, time and sampled content, and the caller's context. */
    record Key(long size, long modified, byte[] fingerprint, byte[] context) {
        static Key of(Path source, String context) throws IOException {
            long size = Files.size(source);
            long modified = Files.getLastModifiedTime(source).toMillis();
            MessageDigest digest = sha256();
            try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
                digest.update(ByteBuffer.allocate(Long.BYTES).putLong(0, size));
                digest.update(readAt(channel, 0, (int) Math.min(END_BYTES, size)));
                digest.update(readAt(channel, Math.max(0, size - END_BYTES), (int) Math.min(END_BYTES, size)));
                for (int k = 0; k < SAMPLES; k++) {
                    digest.update(readAt(channel, size * k / SAMPLES, (int) Math.min(SAMPLE_BYTES, size)));
                }
            }
            return new Key(size, modified, digest.digest(), sha256().digest(context.getBytes(StandardCharsets.UTF_8)));
        }

        private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // Read until full or at the end of the file.
            }
            return buffer.flip();
        }

        boolean matches(long otherSize, long otherModified, byte[] otherFingerprint, byte[] otherContext) {
            return size == otherSize && modified == otherModified && Arrays.equals(fingerprint, otherFingerprint)
                    && Arrays.equals(context, otherContext);
        }
    }

    /** The cached ratings, or null when the cache is missing, stale or damaged in any way. */
    static Ratings read(Path cache, Key key) {
        if (!Files.isRegularFile(cache)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(cache, StandardOpenOption.READ)) {
            In in = new In(channel);
            byte[] magic = in.bytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)
                    || !key.matches(in.getLong(), in.getLong(), in.bytes(32), in.bytes(32))) {
                return null;
            }
            IdIndex users = in.ids();
            IdIndex items = in.ids();
            int n = in.getInt();
            if (n < 0 || (long) n * 20 > channel.size()) {
                return null;
            }
            int[] user = in.ints(new int[n]);
            int[] item = in.ints(new int[n]);
            float[] rating = in.floats(new float[n]);
            long[] timestamp = in.longs(new long[n]);
            int computed = in.crc();
            if (computed != in.getInt() || in.position() != channel.size()) {
                return null;
            }
            return Ratings.of(users, items, user, item, rating, timestamp);
        } catch (IOException | RuntimeException e) {
            // A damaged cache is never trusted: any read or validation failure means "rebuild it".
            return null;
        }
    }

    /**
     * Writes the cache through {@link AtomicFiles#writeCache} (temporary sibling, rename, no fsync); failures leave no
     * cache behind and are otherwise ignored.
     */
    static void write(Path cache, Key key, Ratings ratings) {
        try {
            AtomicFiles.writeCache(cache, channel -> {
                try (Out out = new Out(channel)) {
                    out.bytes(MAGIC);
                    out.putLong(key.size());
                    out.putLong(key.modified());
                    out.bytes(key.fingerprint());
                    out.bytes(key.context());
                    out.ids(ratings.users().ids());
                    out.ids(ratings.items().ids());
                    int n = ratings.size();
                    out.putInt(n);
                    for (int row = 0; row < n; row++) {
                        out.putInt(ratings.user(row));
                    }
                    for (int row = 0; row < n; row++) {
                        out.putInt(ratings.item(row));
                    }
                    for (int row = 0; row < n; row++) {
                        out.putInt(Float.floatToRawIntBits(ratings.rating(row)));
                    }
                    for (int row = 0; row < n; row++) {
                        out.putLong(ratings.timestamp(row));
                    }
                    out.putInt(out.crc());
                }
            });
        } catch (IOException | RuntimeException e) {
            // No cache this time: the ratings were parsed correctly, only the shortcut is missing.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Buffered little-endian reads with a running CRC-32C of the bytes consumed. */
    private static final class In {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        /** Bytes before {@code mark} are already in the checksum; {@code consumed} counts them all. */
        private int mark;
        private long consumed;

        In(FileChannel channel) {
            this.channel = channel;
            buffer.limit(0);
        }

        /** Makes at least {@code count} (at most the buffer size) bytes available. */
        private void need(int count) throws IOException {
            if (buffer.remaining() >= count) {
                return;
            }
            checksumConsumed();
            buffer.compact();
            while (buffer.position() < count) {
                if (channel.read(buffer) < 0) {
                    throw new IOException("truncated cache");
                }
            }
            buffer.flip();
        }

        private void checksumConsumed() {
            crc.update(buffer.array(), mark, buffer.position() - mark);
            consumed += buffer.position() - mark;
            mark = 0;
        }

        int getInt() throws IOException {
            need(Integer.BYTES);
            return buffer.getInt();
        }

        long getLong() throws IOException {
            need(Long.BYTES);
            return buffer.getLong();
        }

        byte[] bytes(int length) throws IOException {
            byte[] out = new byte[length];
            need(length);
            buffer.get(out);
            return out;
        }

        IdIndex ids() throws IOException {
            int count = getInt();
            if (count < 0 || count > channel.size()) {
                throw new IOException("bad id count " + count);
            }
            String[] ids = new String[count];
            for (int k = 0; k < count; k++) {
                int length = getInt();
                if (length < 0 || length > BUFFER_BYTES) {
                    throw new IOException("bad id length " + length);
                }
                need(length);
                ids[k] = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
                buffer.position(buffer.position() + length);
            }
            return IdIndex.of(List.of(ids));
        }

        int[] ints(int[] out) throws IOException {
            for (int done = 0; done < out.length; ) {
                need(Integer.BYTES);
                int count = Math.min(out.length - done, buffer.remaining() / Integer.BYTES);
                buffer.asIntBuffer().get(out, done, count);
                buffer.position(buffer.position() + count * Integer.BYTES);
                done += count;
            }
            return out;
        }

        float[] floats(float[] out) throws IOException {
            for (int done = 0; done < out.length; ) {
                need(Float.BYTES);
                int count = Math.min(out.length - done, buffer.remaining() / Float.BYTES);
                buffer.asFloatBuffer().get(out, done, count);
                buffer.position(buffer.position() + count * Float.BYTES);
                done += count;
            }
            return out;
        }

        long[] longs(long[] out) throws IOException {
            for (int done = 0; done < out.length; ) {
                need(Long.BYTES);
                int count = Math.min(out.length - done, buffer.remaining() / Long.BYTES);
                buffer.asLongBuffer().get(out, done, count);
                buffer.position(buffer.position() + count * Long.BYTES);
                done += count;
            }
            return out;
        }

        /** The CRC-32C of every byte consumed so far. */
        int crc() {
            crc.update(buffer.array(), mark, buffer.position() - mark);
            consumed += buffer.position() - mark;
            mark = buffer.position();
            return (int) crc.getValue();
        }

        long position() {
            return consumed + (buffer.position() - mark);
        }
    }

    /** Buffered little-endian writes with a running CRC-32C of the bytes written. */
    private static final class Out implements AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private int mark;

        Out(FileChannel channel) {
            this.channel = channel;
        }

        private void room(int count) throws IOException {
            if (buffer.remaining() < count) {
                flush();
            }
        }

        private void flush() throws IOException {
            crc.update(buffer.array(), mark, buffer.position() - mark);
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
            mark = 0;
        }

        void putInt(int value) throws IOException {
            room(Integer.BYTES);
            buffer.putInt(value);
        }

        void putLong(long value) throws IOException {
            room(Long.BYTES);
            buffer.putLong(value);
        }

        void bytes(byte[] value) throws IOException {
            room(value.length);
            buffer.put(value);
        }

        void ids(List<String> ids) throws IOException {
            putInt(ids.size());
            for (String id : ids) {
                byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
                putInt(bytes.length);
                bytes(bytes);
            }
        }

        /** The CRC-32C of every byte written so far. */
        int crc() {
            crc.update(buffer.array(), mark, buffer.position() - mark);
            mark = buffer.position();
            return (int) crc.getValue();
        }

        @Override
        public void close() throws IOException {
            // No fsync: a cache cut short by a crash fails its checksum and is rebuilt, never trusted.
            flush();
        }
    }
}
