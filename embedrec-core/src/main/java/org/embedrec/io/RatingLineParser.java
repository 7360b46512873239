package org.embedrec.io;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.embedrec.data.RatingScale;

/**
 * Parses the lines of one delimited ratings file one at a time, with the input policy and the messages of
 * {@link DelimitedRatingsLoader} (which reads every file it cannot take on its byte-level fast path with
 * this parser): fields split at a literal separator and trimmed of white space, the field count fixed by
 * the first non-blank line, non-empty user and item ids, a decimal rating ({@link Decimals}) on the
 * {@linkplain DelimitedRatingsLoader.Options#scale() rating scale} and
 * an integer timestamp in the configured columns.
 *
 * <p>{@link #parse} reports a bad line by returning the problem, not by throwing, so that a caller that
 * meets lines out of order (a Spark job) can report the file's first bad line, and one that reads in
 * order ({@link DelimitedRatingsLoader}) can name the file around it. After a good data line the
 * accessors give its fields. The parser keeps offset arrays and the last line between calls, so one
 * instance serves one thread; it is {@link Serializable} so that a distributed job can copy it, with the
 * field count of the file's first line, to its workers.
 */
public final class RatingLineParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String separator;
    private final int userColumn;
    private final int itemColumn;
    private final int ratingColumn;
    private final int timestampColumn;
    private final int fieldsNeeded;
    private final RatingScale scale;
    private int expectedFields = -1;
    private long expectedFieldsLine;
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private transient String line;
    private float rating;
    private long timestamp;

    /** A parser for lines laid out as {@code options} say (only the separator and the columns matter here). */
    public RatingLineParser(DelimitedRatingsLoader.Options options) {
        Objects.requireNonNull(options, "options");
        this.separator = options.separator();
        this.userColumn = options.userColumn();
        this.itemColumn = options.itemColumn();
        this.ratingColumn = options.ratingColumn();
        this.timestampColumn = options.timestampColumn();
        this.fieldsNeeded = options.fieldsNeeded();
        this.scale = options.scale();
    }

    /**
     * Parses line {@code number} (1-based) of the file. The first line given (normally the first non-blank
     * line, the header if the file has one) fixes how many fields every line must have; a header line is
     * only counted, not read.
     *
     * @return {@code null} for a good line, else the problem, e.g. {@code rating "abc" is not a number}
     */
    public String parse(long number, String text, boolean header) {
        line = Objects.requireNonNull(text, "text");
        int fields = split();
        if (expectedFields < 0) {
            if (fields < fieldsNeeded) {
                return "found " + fields + " field(s) separated by \"" + separator + "\" but the columns (user "
                        + userColumn + ", item " + itemColumn + ", rating " + ratingColumn
                        + ", timestamp " + timestampColumn + ") need " + fieldsNeeded;
            }
            expectedFields = fields;
            expectedFieldsLine = number;
        } else if (fields != expectedFields) {
            return "found " + fields + " field(s) separated by \"" + separator + "\" but line "
                    + expectedFieldsLine + " has " + expectedFields;
        }
        if (header) {
            return null;
        }
        if (starts[userColumn] == ends[userColumn]) {
            return "empty user id";
        }
        if (starts[itemColumn] == ends[itemColumn]) {
            return "empty item id";
        }
        rating = 1f;
        if (ratingColumn != DelimitedRatingsLoader.Options.ABSENT) {
            try {
                rating = Decimals.parseFloat(line, starts[ratingColumn], ends[ratingColumn]);
            } catch (NumberFormatException e) {
                return "rating \"" + field(ratingColumn) + "\" is not a number";
            }
            if (!scale.contains(rating)) {
                String value = field(ratingColumn);
                return "rating \"" + value + "\" in column " + (ratingColumn + 1) + " "
                        + (Float.isNaN(rating) || isSpelledOut(value) ? "is not a finite number"
                                : "is outside the rating scale " + scale);
            }
        }
        timestamp = 0L;
        if (timestampColumn != DelimitedRatingsLoader.Options.ABSENT) {
            try {
                timestamp = Long.parseLong(line, starts[timestampColumn], ends[timestampColumn], 10);
            } catch (NumberFormatException e) {
                return "timestamp \"" + field(timestampColumn) + "\" is not an integer";
            }
        }
        return null;
    }

    /**
     * Whether a non-finite parse came from "NaN" or "Infinity" rather than from digits too large for a
     * float (1e308 is finite, and out of every scale).
     */
    private static boolean isSpelledOut(String text) {
        return text.chars().anyMatch(c -> c == 'n' || c == 'N' || c == 'i' || c == 'I');
    }

    /** Records field boundaries (trimmed of white space) in starts/ends and returns the field count. */
    private int split() {
        int count = 0;
        int from = 0;
        while (true) {
            int at = line.indexOf(separator, from);
            int end = at < 0 ? line.length() : at;
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            int start = from;
            while (start < end && Character.isWhitespace(line.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            starts[count] = start;
            ends[count] = end;
            count++;
            if (at < 0) {
                return count;
            }
            from = at + separator.length();
        }
    }

    /** The user id of the last good line. */
    public String user() {
        return field(userColumn);
    }

    /** The item id of the last good line. */
    public String item() {
        return field(itemColumn);
    }

    /** The rating of the last good line; 1.0 when the file has no rating column. */
    public float rating() {
        return rating;
    }

    /** The timestamp of the last good line; 0 when the file has no timestamp column. */
    public long timestamp() {
        return timestamp;
    }

    /** Field {@code column} of the last line, trimmed. */
    public String field(int column) {
        return line.substring(starts[column], ends[column]);
    }

    /** Where field {@code column} of the last line starts in it, after leading white space; for lookups without a substring. */
    int start(int column) {
        return starts[column];
    }

    /** Where field {@code column} of the last line ends in it, before trailing white space. */
    int end(int column) {
        return ends[column];
    }
}
