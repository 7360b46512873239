package org.embedrec.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A frozen, bidirectional map between external ids (user or item ids as they appear in the
 * source files) and dense indices {@code 0..size()-1}.
 *
 * <p>External ids are kept as strings: MovieLens ids are integers, but generic data sets often use
 * strings, and a string key costs nothing at training time because every model works on the dense
 * indices. Use {@link #index(String)} where an unknown id is an error and {@link #tryIndex(String)}
 * where it is expected.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class IdIndex {
    private final String[] ids;
    private final Map<String, Integer> positions;

    private IdIndex(String[] ids, Map<String, Integer> positions) {
        this.ids = ids;
        this.positions = positions;
    }

    /** An index over {@code ids} in the given order; duplicates are rejected. */
    public static IdIndex of(List<String> ids) {
        Builder builder = new Builder();
        for (String id : ids) {
            int before = builder.size();
            if (builder.add(id) != before) {
                throw new IllegalArgumentException("duplicate id '" + id + "'");
            }
        }
        return builder.build();
    }

    /** Returns a builder that assigns indices in first-seen order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of ids. */
    public int size() {
        return ids.length;
    }

    /**
     * The dense index of {@code id}.
     *
     * @throws NoSuchElementException if the id is unknown
     */
    public int index(String id) {
        int index = tryIndex(id);
        if (index < 0) {
            throw new NoSuchElementException("unknown id '" + id + "'");
        }
        return index;
    }

    /** The dense index of {@code id}, or -1 if it is unknown. */
    public int tryIndex(String id) {
        Integer index = positions.get(id);
        return index == null ? -1 : index;
    }

    /** Whether {@code id} is known. */
    public boolean contains(String id) {
        return positions.containsKey(id);
    }

    /**
     * The external id of dense index {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public String id(int index) {
        Objects.checkIndex(index, ids.length);
        return ids[index];
    }

    /** All external ids in index order, as an unmodifiable list. */
    public List<String> ids() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdIndex other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "IdIndex[size=" + ids.length + "]";
    }

    /** Assigns dense indices to ids in first-seen order; {@link #build()} freezes the result. */
    public static final class Builder {
        private final HashMap<String, Integer> positions = new HashMap<>();
        private String[] ids = new String[16];
        private int size;

        private Builder() {
        }

        /** Starts from an existing index: its ids keep their indices. */
        public Builder addAll(IdIndex index) {
            for (String id : index.ids) {
                add(id);
            }
            return this;
        }

        /** Returns the index of {@code id}, adding it if it is new. */
        public int add(String id) {
            Objects.requireNonNull(id, "id");
            Integer existing = positions.putIfAbsent(id, size);
            if (existing != null) {
                return existing;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size] = id;
            return size++;
        }

        /** The index of {@code id} or -1. */
        public int tryIndex(String id) {
            Integer index = positions.get(id);
            return index == null ? -1 : index;
        }

        /** Number of ids added so far. */
        public int size() {
            return size;
        }

        /** Freezes the ids added so far into an immutable index. */
        public IdIndex build() {
            return new IdIndex(Arrays.copyOf(ids, size), new HashMap<>(positions));
        }
    }
}
