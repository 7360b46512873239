package org.embedrec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.embedrec.data.IdIndex;
import org.embedrec.data.Ratings;

/**
 * The fast path of {@link DelimitedRatingsLoader}: parses a well-formed ASCII ratings file straight
 * from bytes, with no String per line and no hash lookup for a numeric id already seen.
 *
 * <p>It accepts only the plain case, which is every published MovieLens ratings file: ASCII lines
 * ending in {@code \n} or {@code \r\n}, a separator of punctuation or a tab (",", "\t", "::"), no white
 * space, quotes or separator characters inside fields,
 * ratings that are short plain decimals and timestamps that are plain integers. On anything else,
 * including every malformed line, it gives up and returns {@code null}, and the loader rereads the
 * file line by line: that reader is the reference for the input policy and produces the exact error
 * message, so the two paths cannot disagree on what a file means.
 */
final class AsciiRatingsParser {
    private static final int CHUNK = 1 << 23;
    /** A canonical decimal of up to 18 digits fits a long; longer ids take the String path. */
    private static final int MAX_NUMERIC_ID_DIGITS = 18;
    private static final float[] POWERS_OF_TEN = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f};

    private final DelimitedRatingsLoader.Options options;
    private final byte[] separator;
    private final IdColumn userIds;
    private final IdColumn itemIds;
    private final Ratings.Builder ratings = Ratings.builder();
    private final EventWeights events;
    private final int columns;
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int expectedFields = -1;
    private boolean headerPending;

    private AsciiRatingsParser(DelimitedRatingsLoader.Options options, IdIndex.Builder users, IdIndex.Builder items,
            boolean closedIds, EventWeights events) {
        this.options = options;
        this.separator = options.separator().getBytes(StandardCharsets.US_ASCII);
        this.userIds = new IdColumn(users, closedIds);
        this.itemIds = new IdColumn(items, closedIds);
        this.events = events;
        this.columns = Math.max(options.fieldsNeeded(), events == null ? 0 : events.column() + 1);
        this.headerPending = options.header();
    }

    /** Whether the fast path can read files with these options at all. */
    static boolean supports(DelimitedRatingsLoader.Options options) {
        Charset charset = options.charset();
        boolean asciiCompatible = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1);
        if (!asciiCompatible) {
            return false;
        }
        // The separator must not hold a character that ids or numbers are made of, nor a space.
        return options.separator().chars().allMatch(
                c -> c == '\t' || c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c) && "\"+-.".indexOf(c) < 0);
    }

    /**
     * The ratings of {@code file}, or {@code null} when the file is not plain (see the class comment);
     * {@code users} and {@code items} then hold ids of the lines read before giving up.
     */
    static Ratings.Builder parse(Path file, DelimitedRatingsLoader.Options options, IdIndex.Builder users,
            IdIndex.Builder items, boolean closedIds) {
        return parse(file, options, users, items, closedIds, null);
    }

    /**
     * {@link #parse(Path, DelimitedRatingsLoader.Options, IdIndex.Builder, IdIndex.Builder, boolean)} of an
     * interaction log whose value is the weight of each line's event type ({@code options} then has no
     * rating column); a type without a weight is not plain, so the row-by-row reader words its error.
     */
    static Ratings.Builder parse(Path file, DelimitedRatingsLoader.Options options, IdIndex.Builder users,
            IdIndex.Builder items, boolean closedIds, EventWeights events) {
        if (!supports(options)) {
            return null;
        }
        TextFiles.requireFile(file);
        AsciiRatingsParser parser = new AsciiRatingsParser(options, users, items, closedIds, events);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parser.parse(channel) ? parser.ratings : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private boolean parse(FileChannel channel) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int filled = 0;
        boolean first = true;
        boolean eof = false;
        while (!eof) {
            ByteBuffer target = ByteBuffer.wrap(buffer, filled, buffer.length - filled);
            int read = 0;
            while (target.hasRemaining() && (read = channel.read(target)) >= 0) {
                // Fill the chunk completely so that few lines straddle two reads.
            }
            eof = read < 0;
            int limit = target.position();
            int position = 0;
            if (first) {
                first = false;
                if (limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
                    if (!options.charset().equals(StandardCharsets.UTF_8)) {
                        return false;
                    }
                    position = 3;
                }
            }
            while (true) {
                int newline = indexOf(buffer, (byte) '\n', position, limit);
                if (newline < 0) {
                    break;
                }
                if (!line(buffer, position, newline)) {
                    return false;
                }
                position = newline + 1;
            }
            if (eof) {
                if (position < limit && !line(buffer, position, limit)) {
                    return false;
                }
                break;
            }
            filled = limit - position;
            if (filled == buffer.length) {
                return false; // a line longer than a chunk is not a ratings line
            }
            System.arraycopy(buffer, position, buffer, 0, filled);
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Parses the line {@code bytes[from, to)} (without its '\n'); false means "not plain, give up". */
    private boolean line(byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        if (from == to) {
            return true; // an empty line is skipped, as the line reader does
        }
        if (to - from > DelimitedRatingsLoader.MAX_LINE_CHARS) {
            return false; // the line reader reports it
        }
        int count = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == separator[0]) {
                // A separator character that does not start a whole separator is left to the line reader.
                if (i + separator.length > to || !field(count++, start, i)) {
                    return false;
                }
                for (int k = 1; k < separator.length; k++) {
                    if (bytes[i + k] != separator[k]) {
                        return false;
                    }
                }
                i += separator.length - 1;
                start = i + 1;
            } else if (b <= ' ' || b >= 0x7f || b == '"') {
                return false; // white space, control bytes, quotes and non-ASCII take the line reader
            }
        }
        if (!field(count++, start, to)) {
            return false;
        }
        if (expectedFields < 0) {
            if (count < columns) {
                return false;
            }
            expectedFields = count;
        } else if (count != expectedFields) {
            return false;
        }
        if (headerPending) {
            headerPending = false;
            return true;
        }
        int user = userIds.index(bytes, starts[options.userColumn()], ends[options.userColumn()]);
        int item = user < 0 ? -1 : itemIds.index(bytes, starts[options.itemColumn()], ends[options.itemColumn()]);
        if (item < 0) {
            return false;
        }
        float rating = 1f;
        if (events != null) {
            rating = events.weight(bytes, starts[events.column()], ends[events.column()]);
            if (Float.isNaN(rating)) {
                return false;
            }
        } else if (options.ratingColumn() != DelimitedRatingsLoader.Options.ABSENT) {
            rating = decimal(bytes, starts[options.ratingColumn()], ends[options.ratingColumn()]);
            if (!options.scale().contains(rating)) {
                return false; // NaN (not plain) or off the scale: the line reader words the error
            }
        }
        long timestamp = 0;
        if (options.timestampColumn() != DelimitedRatingsLoader.Options.ABSENT) {
            timestamp = integer(bytes, starts[options.timestampColumn()], ends[options.timestampColumn()]);
            if (timestamp == Long.MIN_VALUE) {
                return false;
            }
        }
        ratings.add(user, item, rating, timestamp);
        return true;
    }

    private boolean field(int index, int start, int end) {
        if (index == starts.length) {
            if (index > 1024) {
                return false;
            }
            starts = Arrays.copyOf(starts, index * 2);
            ends = Arrays.copyOf(ends, index * 2);
        }
        starts[index] = start;
        ends[index] = end;
        return true;
    }

    /**
     * A plain decimal of at most 7 digits, bit for bit as {@link Decimals#parseFloat} reads it (the same
     * exact-integer-over-exact-power division), or NaN when the field is anything else.
     */
    static float decimal(byte[] bytes, int start, int end) {
        int i = start;
        boolean negative = i < end && bytes[i] == '-';
        if (i < end && (negative || bytes[i] == '+')) {
            i++;
        }
        int mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < end; i++) {
            int c = bytes[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                fractionDigits += point ? 1 : 0;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Float.NaN;
            }
        }
        if (digits == 0 || digits > POWERS_OF_TEN.length - 1) {
            return Float.NaN;
        }
        float value = mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    /** An optionally negative integer of 1 to 18 digits, or {@link Long#MIN_VALUE} for anything else. */
    static long integer(byte[] bytes, int start, int end) {
        boolean negative = start < end && bytes[start] == '-';
        int i = negative ? start + 1 : start;
        if (i == end || end - i > MAX_NUMERIC_ID_DIGITS) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < end; i++) {
            int c = bytes[i] - '0';
            if (c < 0 || c > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + c;
        }
        return negative ? -value : value;
    }

    /** The weights of an event column's types, matched on the field's bytes (a log has a handful of types). */
    record EventWeights(int column, byte[][] names, float[] weights) {
        static EventWeights of(int column, Map<String, Float> weights) {
            byte[][] names = new byte[weights.size()][];
            float[] values = new float[weights.size()];
            int k = 0;
            for (Map.Entry<String, Float> weight : weights.entrySet()) {
                names[k] = weight.getKey().getBytes(StandardCharsets.UTF_8);
                values[k++] = weight.getValue();
            }
            return new EventWeights(column, names, values);
        }

        /** The weight of the type in {@code bytes[start, end)}, or NaN for a type without one. */
        float weight(byte[] bytes, int start, int end) {
            for (int k = 0; k < names.length; k++) {
                if (Arrays.equals(bytes, start, end, names[k], 0, names[k].length)) {
                    return weights[k];
                }
            }
            return Float.NaN;
        }
    }

    /**
     * Dense indices of one id column. Canonical decimal ids (no sign, no leading zero) are keyed by
     * their numeric value in a primitive hash table in front of the id builder; any other id is looked
     * up by its text. The previous line's id is remembered, since files are usually grouped by user.
     */
    private static final class IdColumn {
        private final IdIndex.Builder ids;
        private final boolean closed;
        private final NumericIds numeric = new NumericIds();
        private long lastValue = -1;
        private int lastIndex = -1;

        IdColumn(IdIndex.Builder ids, boolean closed) {
            this.ids = ids;
            this.closed = closed;
        }

        /** The index of the id in {@code bytes[start, end)}, or -1 to give up (empty or unknown closed id). */
        int index(byte[] bytes, int start, int end) {
            if (start == end) {
                return -1;
            }
            long value = canonicalDecimal(bytes, start, end);
            if (value < 0) {
                return lookup(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
            }
            if (value == lastValue) {
                return lastIndex;
            }
            int index = numeric.get(value);
            if (index < 0) {
                index = lookup(Long.toString(value));
                if (index < 0) {
                    return -1;
                }
                numeric.put(value, index);
            }
            lastValue = value;
            lastIndex = index;
            return index;
        }

        private int lookup(String id) {
            return closed ? ids.tryIndex(id) : ids.add(id);
        }

        private static long canonicalDecimal(byte[] bytes, int start, int end) {
            int length = end - start;
            if (length > MAX_NUMERIC_ID_DIGITS || (length > 1 && bytes[start] == '0')) {
                return -1;
            }
            long value = 0;
            for (int i = start; i < end; i++) {
                int c = bytes[i] - '0';
                if (c < 0 || c > 9) {
                    return -1;
                }
                value = value * 10 + c;
            }
            return value;
        }
    }

    /**
     * Indices of numeric ids: a direct table for ids below 2^24 (MovieLens ids are below 300,000),
     * a hash map above. Entries hold index + 1 so that 0 means absent.
     */
    private static final class NumericIds {
        private static final int DIRECT_LIMIT = 1 << 24;
        private int[] direct = new int[1 << 16];
        private final HashMap<Long, Integer> large = new HashMap<>();

        int get(long id) {
            if (id < DIRECT_LIMIT) {
                return id < direct.length ? direct[(int) id] - 1 : -1;
            }
            return large.getOrDefault(id, -1);
        }

        void put(long id, int index) {
            if (id < DIRECT_LIMIT) {
                if (id >= direct.length) {
                    direct = Arrays.copyOf(direct, (int) Math.min(DIRECT_LIMIT, Math.max(id + 1, 2L * direct.length)));
                }
                direct[(int) id] = index + 1;
            } else {
                large.put(id, index);
            }
        }
    }
}
