package org.embedrec.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Columnar rating storage: parallel arrays of dense user index, item index, rating and timestamp,
 * one entry per rating, plus the two {@link IdIndex}es that map dense indices back to external ids.
 *
 * <p>There is no object per rating, so 25 million ratings take about 500 MB. Subsets made by
 * {@link #subset(int[])} share the id indices of their parent, so a model trained on a training
 * split can be evaluated on the matching test split without any id translation.
 *
 * <p>Instances are immutable; accessors that return arrays return copies. (A loader that hands its own
 * arrays to {@link #wrap} promises not to change them.)
 */
public final class Ratings {
    private final IdIndex users;
    private final IdIndex items;
    private final int[] userOf;
    private final int[] itemOf;
    private final float[] ratingOf;
    private final long[] timestampOf;
    private volatile UserRatings byUser;
    private volatile String fingerprint;

    private Ratings(IdIndex users, IdIndex items, int[] user, int[] item, float[] rating, long[] timestamp) {
        this.users = users;
        this.items = items;
        this.userOf = user;
        this.itemOf = item;
        this.ratingOf = rating;
        this.timestampOf = timestamp;
    }

    /**
     * Ratings from parallel arrays (which are copied).
     *
     * @param timestamp seconds since the epoch per rating, or {@code null} when the data has none
     * @throws IllegalArgumentException if the arrays differ in length, an index is out of range or a
     *     rating is not finite
     */
    public static Ratings of(IdIndex users, IdIndex items, int[] user, int[] item, float[] rating, long[] timestamp) {
        int n = user.length;
        return checked(users, items, user.clone(), item.clone(), rating.clone(),
                timestamp == null ? new long[n] : timestamp.clone());
    }

    /**
     * {@link #of} without copying, for loaders that fill columns of millions of rows: the ratings keep the
     * arrays, which the caller must not change afterwards.
     */
    public static Ratings wrap(IdIndex users, IdIndex items, int[] user, int[] item, float[] rating, long[] timestamp) {
        return checked(users, items, user, item, rating, timestamp == null ? new long[user.length] : timestamp);
    }

    /** Validates the columns and wraps them without copying. */
    private static Ratings checked(IdIndex users, IdIndex items, int[] user, int[] item, float[] rating, long[] timestamp) {
        int n = user.length;
        if (item.length != n || rating.length != n || timestamp.length != n) {
            throw new IllegalArgumentException("column lengths differ: users " + n + ", items " + item.length
                    + ", ratings " + rating.length + ", timestamps " + timestamp.length);
        }
        for (int i = 0; i < n; i++) {
            if (user[i] < 0 || user[i] >= users.size()) {
                throw new IllegalArgumentException("row " + i + ": user index " + user[i] + " outside [0, " + users.size() + ")");
            }
            if (item[i] < 0 || item[i] >= items.size()) {
                throw new IllegalArgumentException("row " + i + ": item index " + item[i] + " outside [0, " + items.size() + ")");
            }
            if (!Float.isFinite(rating[i])) {
                throw new IllegalArgumentException("row " + i + ": rating " + rating[i] + " is not finite");
            }
        }
        return new Ratings(users, items, user, item, rating, timestamp);
    }

    /** A builder that appends ratings by dense index; the caller owns the id indices. */
    public static Builder builder() {
        return new Builder(1024);
    }

    /** {@link #builder()} with room for {@code expectedSize} ratings before its columns grow. */
    public static Builder builder(int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("expected size must be >= 0, got " + expectedSize);
        }
        return new Builder(Math.max(1, expectedSize));
    }

    /** Number of ratings. */
    public int size() {
        return userOf.length;
    }

    /** The user id index (all users of the data set, also those without a rating in this subset). */
    public IdIndex users() {
        return users;
    }

    /** The item id index (all items of the data set, also those without a rating in this subset). */
    public IdIndex items() {
        return items;
    }

    /** Number of users in the id index. */
    public int userCount() {
        return users.size();
    }

    /** Number of items in the id index. */
    public int itemCount() {
        return items.size();
    }

    /** Dense user index of rating {@code row}. */
    public int user(int row) {
        return userOf[row];
    }

    /** Dense item index of rating {@code row}. */
    public int item(int row) {
        return itemOf[row];
    }

    /** Rating value of rating {@code row}. */
    public float rating(int row) {
        return ratingOf[row];
    }

    /** Timestamp (seconds since the epoch, 0 when unknown) of rating {@code row}. */
    public long timestamp(int row) {
        return timestampOf[row];
    }

    /** The ratings at the given rows, in that order, sharing this data's id indices. */
    public Ratings subset(int[] rows) {
        int n = rows.length;
        int[] u = new int[n];
        int[] i = new int[n];
        float[] r = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            int row = Objects.checkIndex(rows[k], userOf.length);
            u[k] = userOf[row];
            i[k] = itemOf[row];
            r[k] = ratingOf[row];
            t[k] = timestampOf[row];
        }
        return new Ratings(users, items, u, i, r, t);
    }

    /** The same ratings with every value replaced by {@code values[row]} (e.g. centred or binarized). */
    public Ratings withRatings(float[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " values, got " + values.length);
        }
        return new Ratings(users, items, userOf, itemOf, values.clone(), timestampOf);
    }

    /** A per-user (CSR) view of these ratings, built once and cached. */
    public UserRatings byUser() {
        UserRatings view = byUser;
        if (view == null) {
            view = UserRatings.of(this);
            byUser = view;
        }
        return view;
    }

    /** Number of ratings per item index. */
    public int[] itemCounts() {
        int[] counts = new int[items.size()];
        for (int item : itemOf) {
            counts[item]++;
        }
        return counts;
    }

    /** Number of ratings per user index. */
    public int[] userCounts() {
        int[] counts = new int[users.size()];
        for (int user : userOf) {
            counts[user]++;
        }
        return counts;
    }

    /** Mean rating; NaN when empty. */
    public double mean() {
        double sum = 0;
        for (float r : ratingOf) {
            sum += r;
        }
        return sum / ratingOf.length;
    }

    /** Smallest rating; NaN when empty. */
    public float min() {
        float min = Float.NaN;
        for (float r : ratingOf) {
            min = Float.isNaN(min) || r < min ? r : min;
        }
        return min;
    }

    /** Largest rating; NaN when empty. */
    public float max() {
        float max = Float.NaN;
        for (float r : ratingOf) {
            max = Float.isNaN(max) || r > max ? r : max;
        }
        return max;
    }

    /** The distinct rating values, ascending. */
    public float[] levels() {
        float[] sorted = ratingOf.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                sorted[distinct++] = sorted[k];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** Whether any rating carries a non-zero timestamp. */
    public boolean hasTimestamps() {
        for (long t : timestampOf) {
            if (t != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A SHA-256 fingerprint of the (external user id, external item id, rating) triples in row order:
     * per row the user id's UTF-8 bytes and a 0, the item id's and a 0, the rating's float bits in
     * little-endian order. Model files record it so that a model can tell which data it was trained on.
     * Computed once (a third of a second at 25 million ratings) and kept.
     */
    public String fingerprint() {
        String computed = fingerprint;
        if (computed == null) {
            computed = digest();
            fingerprint = computed;
        }
        return computed;
    }

    private String digest() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        // The same byte stream as digesting row by row, but each id is encoded once and the digest is fed in
        // large chunks; short ids are written as one long (25M ratings: 0.33 s against 0.5 s with copies).
        EncodedIds userIds = new EncodedIds(users);
        EncodedIds itemIds = new EncodedIds(items);
        // A row takes at most this much, plus the slack of writing a short id as a whole long.
        int rowBytes = userIds.longest + itemIds.longest + Integer.BYTES + Long.BYTES;
        byte[] chunk = new byte[Math.max(1 << 16, rowBytes)];
        int length = 0;
        for (int row = 0; row < size(); row++) {
            if (length + rowBytes > chunk.length) {
                digest.update(chunk, 0, length);
                length = 0;
            }
            length = userIds.put(userOf[row], chunk, length);
            length = itemIds.put(itemOf[row], chunk, length);
            LITTLE_ENDIAN_INTS.set(chunk, length, Float.floatToIntBits(ratingOf[row]));
            length += Integer.BYTES;
        }
        digest.update(chunk, 0, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final VarHandle LITTLE_ENDIAN_INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Ids as the fingerprint writes them: UTF-8 bytes and a 0; those 8 bytes long at most, 0 included, also as a long. */
    private static final class EncodedIds {
        private final byte[][] bytes;
        private final long[] words;
        /** The most bytes an id takes, its 0 included. */
        final int longest;

        EncodedIds(IdIndex ids) {
            bytes = new byte[ids.size()][];
            words = new long[ids.size()];
            int most = 0;
            for (int index = 0; index < bytes.length; index++) {
                byte[] utf8 = ids.id(index).getBytes(StandardCharsets.UTF_8);
                bytes[index] = Arrays.copyOf(utf8, utf8.length + 1);
                if (utf8.length < Long.BYTES) { // the word's top bytes stay 0: the id's end
                    for (int k = 0; k < utf8.length; k++) {
                        words[index] |= (utf8[k] & 0xffL) << (Byte.SIZE * k);
                    }
                }
                most = Math.max(most, utf8.length + 1);
            }
            longest = most;
        }

        /**
         * Writes id {@code index} at {@code chunk[at]} and returns where it ends. A short id is one long
         * write, which may spill up to 8 bytes of zeros past its end: {@code chunk} must have room for them.
         */
        int put(int index, byte[] chunk, int at) {
            byte[] id = bytes[index];
            if (id.length <= Long.BYTES) {
                LITTLE_ENDIAN_LONGS.set(chunk, at, words[index]);
            } else {
                System.arraycopy(id, 0, chunk, at, id.length);
            }
            return at + id.length;
        }
    }

    @Override
    public String toString() {
        return "Ratings[" + size() + " ratings, " + users.size() + " users, " + items.size() + " items]";
    }

    /** Appends ratings by dense index into growable columns. */
    public static final class Builder {
        private int[] user;
        private int[] item;
        private float[] rating;
        private long[] timestamp;
        private int size;

        private Builder(int capacity) {
            user = new int[capacity];
            item = new int[capacity];
            rating = new float[capacity];
            timestamp = new long[capacity];
        }

        /** Appends one rating. */
        public Builder add(int userIndex, int itemIndex, float value, long timestampSeconds) {
            if (size == user.length) {
                int capacity = size * 2;
                user = Arrays.copyOf(user, capacity);
                item = Arrays.copyOf(item, capacity);
                rating = Arrays.copyOf(rating, capacity);
                timestamp = Arrays.copyOf(timestamp, capacity);
            }
            user[size] = userIndex;
            item[size] = itemIndex;
            rating[size] = value;
            timestamp[size] = timestampSeconds;
            size++;
            return this;
        }

        /** Number of ratings added so far. */
        public int size() {
            return size;
        }

        /** Freezes the columns against the given id indices; indices are checked. */
        public Ratings build(IdIndex users, IdIndex items) {
            return checked(users, items, Arrays.copyOf(user, size), Arrays.copyOf(item, size),
                    Arrays.copyOf(rating, size), Arrays.copyOf(timestamp, size));
        }
    }
}
