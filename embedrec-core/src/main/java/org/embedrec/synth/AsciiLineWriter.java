package org.embedrec.synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes ASCII text (decimal numbers, separators, fixed byte strings) into its own byte buffer and
 * streams it to an {@link OutputStream}. Numbers are formatted straight into the buffer, so writing
 * 25 million CSV lines creates no object per line.
 */
final class AsciiLineWriter implements Closeable {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private final byte[] digits = new byte[20];
    private int used;

    AsciiLineWriter(OutputStream out) {
        this.out = out;
    }

    /** Appends the decimal form of a non-negative number. */
    AsciiLineWriter decimal(long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        int length = 0;
        do {
            digits[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        ensure(length);
        while (length > 0) {
            buffer[used++] = digits[--length];
        }
        return this;
    }

    /** Appends one ASCII character. */
    AsciiLineWriter character(char c) throws IOException {
        ensure(1);
        buffer[used++] = (byte) c;
        return this;
    }

    /** Appends bytes as they are. */
    AsciiLineWriter bytes(byte[] text) throws IOException {
        ensure(text.length);
        System.arraycopy(text, 0, buffer, used, text.length);
        used += text.length;
        return this;
    }

    /** Appends an ASCII string (for headers; not for per-line data). */
    AsciiLineWriter text(String ascii) throws IOException {
        return bytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private void ensure(int length) throws IOException {
        if (used + length > buffer.length) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }

    /** Writes out what is buffered and closes the stream. */
    @Override
    public void close() throws IOException {
        try (out) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
