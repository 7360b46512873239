package org.embedrec.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named array of a model file: 32-bit floats or ints, row-major, with a shape whose product is
 * the number of values. Holds (does not copy) the array it was made from.
 */
public final class Tensor {
    /** The element types embedrec writes and reads, by their safetensors names. Both are 4 bytes. */
    public enum DType {
        F32, I32;

        static final int BYTES = 4;
    }

    /** Receives the little-endian bytes of a tensor chunk by chunk. */
    interface ChunkSink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final float[] floats;
    private final int[] ints;

    private Tensor(String name, DType dtype, long[] shape, float[] floats, int[] ints) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = dtype;
        this.shape = shape.clone();
        this.floats = floats;
        this.ints = ints;
        long length = dtype == DType.F32 ? floats.length : ints.length;
        if (elements(shape) != length) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + length + " values but shape "
                    + Arrays.toString(shape));
        }
    }

    /** A float tensor over {@code values} (not copied). */
    public static Tensor f32(String name, float[] values, long... shape) {
        return new Tensor(name, DType.F32, shape, Objects.requireNonNull(values, name), null);
    }

    /** An int tensor over {@code values} (not copied). */
    public static Tensor i32(String name, int[] values, long... shape) {
        return new Tensor(name, DType.I32, shape, null, Objects.requireNonNull(values, name));
    }

    /** The product of {@code shape}, or -1 if it overflows a long. */
    static long elements(long[] shape) {
        long product = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                product = Math.multiplyExact(product, dimension);
            } catch (ArithmeticException overflow) {
                return -1;
            }
        }
        return product;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    long byteLength() {
        return (long) (dtype == DType.F32 ? floats.length : ints.length) * DType.BYTES;
    }

    /** The values of a float tensor (not a copy). */
    float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not F32");
        }
        return floats;
    }

    /** The values of an int tensor (not a copy). */
    int[] ints() {
        if (ints == null) {
            throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not I32");
        }
        return ints;
    }

    /**
     * Passes the values as little-endian bytes to {@code sink}, in chunks of at most
     * {@code scratch.capacity()} bytes staged in {@code scratch} (a little-endian buffer whose
     * capacity is a multiple of 4), so that a 100 MB table needs no 100 MB byte copy.
     */
    void writeChunks(ByteBuffer scratch, ChunkSink sink) throws IOException {
        int length = dtype == DType.F32 ? floats.length : ints.length;
        int perChunk = scratch.capacity() / DType.BYTES;
        for (int start = 0; start < length; start += perChunk) {
            int count = Math.min(perChunk, length - start);
            scratch.clear();
            if (floats != null) {
                scratch.asFloatBuffer().put(floats, start, count);
            } else {
                scratch.asIntBuffer().put(ints, start, count);
            }
            scratch.limit(count * DType.BYTES);
            sink.accept(scratch);
        }
    }
}
