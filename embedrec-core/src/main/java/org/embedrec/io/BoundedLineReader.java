package org.embedrec.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines as {@link java.io.BufferedReader#readLine} does (ended by {@code \n}, {@code \r} or
 * {@code \r\n}), but refuses a line longer than a bound instead of growing a buffer without limit: a
 * damaged or hostile data file with a multi-gigabyte line fails after reading the bound, not with an
 * {@link OutOfMemoryError}.
 */
final class BoundedLineReader implements Closeable {
    /** A line longer than the bound; holds the line's first characters for the error message. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String start;

        LineTooLongException(String start, int limit) {
            super("line longer than " + limit + " characters");
            this.start = start;
        }

        /** The first characters of the line. */
        String start() {
            return start;
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean skipLineFeed;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or {@code null} at the end. */
    String readLine() throws IOException {
        StringBuilder pending = null;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer, 0, buffer.length);
                position = 0;
                limit = Math.max(read, 0);
                if (read < 0) {
                    return pending == null ? null : pending.toString();
                }
                continue;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int length = position - start;
            int before = pending == null ? 0 : pending.length();
            if ((long) before + length > maxChars) {
                String head = pending != null ? pending.substring(0, Math.min(before, 200))
                        : new String(buffer, start, Math.min(length, 200));
                throw new LineTooLongException(head, maxChars);
            }
            if (position < limit) {
                skipLineFeed = buffer[position++] == '\r';
                if (pending == null) {
                    return new String(buffer, start, length);
                }
                return pending.append(buffer, start, length).toString();
            }
            if (pending == null) {
                pending = new StringBuilder(Math.max(16, length * 2));
            }
            pending.append(buffer, start, length);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
