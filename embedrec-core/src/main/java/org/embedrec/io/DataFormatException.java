package org.embedrec.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file that cannot be loaded: missing, empty, of an unknown layout, not decodable in the
 * expected charset, or with a malformed line. The message names the file, the 1-based line and the
 * offending text, e.g. {@code ratings.csv:17: rating "abc" is not a number in line "1,31,abc,1260759144"}.
 *
 * <p>Unchecked because a bad input file is not something a caller can recover from locally; the
 * command line reports the message as it is.
 */
public final class DataFormatException extends RuntimeException {
    /** Longest offending text kept in the message and in {@link #text()}. */
    public static final int MAX_TEXT_LENGTH = 200;

    private final transient Path file;
    private final long line;
    private final String text;

    /**
     * A problem with one line of a file.
     *
     * @param file the file being read
     * @param line the 1-based line number
     * @param text the whole offending line (truncated to {@value #MAX_TEXT_LENGTH} characters)
     * @param problem what is wrong, e.g. {@code rating "abc" is not a number}
     */
    public DataFormatException(Path file, long line, String text, String problem) {
        super(fileName(file) + ":" + line + ": " + problem + " in line \"" + truncate(text) + "\"");
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.text = truncate(text);
    }

    /**
     * A problem with a whole file (missing, empty, unknown layout); {@link #line()} is 0.
     *
     * @param message the complete message, which should name the file
     */
    public DataFormatException(Path file, String message) {
        this(file, message, null);
    }

    /** A problem with a whole file, caused by {@code cause}. */
    public DataFormatException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.line = 0;
        this.text = "";
    }

    /** The file that could not be loaded. */
    public Path file() {
        return file;
    }

    /** The 1-based line number of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }

    /** The offending line (at most {@value #MAX_TEXT_LENGTH} characters), or "" for a whole-file problem. */
    public String text() {
        return text;
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** {@code text} cut to {@value #MAX_TEXT_LENGTH} characters and "...", as messages quote rows and values. */
    public static String truncate(String text) {
        return text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH) + "...";
    }
}
