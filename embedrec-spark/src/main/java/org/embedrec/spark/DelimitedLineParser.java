package org.embedrec.spark;

import java.io.Serializable;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.embedrec.io.DelimitedRatingsLoader;

/**
 * Parses one line of a delimited ratings file on an executor, with the rules and messages of
 * {@link DelimitedRatingsLoader}: a line becomes a row of {@link SparkRatings#SCHEMA} plus a problem and
 * a text field, both {@code null} for a good line and naming the problem and the line's text otherwise. Problems are
 * returned, not thrown, so that the driver can report the first bad line of the file as the core
 * loader does, whichever task meets it first.
 */
final class DelimitedLineParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String separator;
    private final int userColumn;
    private final int itemColumn;
    private final int ratingColumn;
    private final int timestampColumn;
    private final int fieldsNeeded;
    private final int expectedFields;
    private final long expectedFieldsLine;

    /**
     * A parser for lines of a file whose first non-blank line (the header, if any) is line
     * {@code firstLine} with {@code firstLineFields} fields.
     */
    DelimitedLineParser(DelimitedRatingsLoader.Options options, long firstLine, int firstLineFields) {
        this.separator = options.separator();
        this.userColumn = options.userColumn();
        this.itemColumn = options.itemColumn();
        this.ratingColumn = options.ratingColumn();
        this.timestampColumn = options.timestampColumn();
        this.fieldsNeeded = Math.max(Math.max(userColumn, itemColumn), Math.max(ratingColumn, timestampColumn)) + 1;
        this.expectedFields = firstLineFields;
        this.expectedFieldsLine = firstLine;
    }

    /** The number of fields of {@code line}. */
    static int countFields(String line, String separator) {
        int count = 1;
        for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, at + separator.length())) {
            count++;
        }
        return count;
    }

    /** The fields of {@code line} between separators (a literal string, not a pattern), untrimmed. */
    private String[] split(String line) {
        String[] fields = new String[countFields(line, separator)];
        int from = 0;
        for (int k = 0; k < fields.length - 1; k++) {
            int at = line.indexOf(separator, from);
            fields[k] = line.substring(from, at);
            from = at + separator.length();
        }
        fields[fields.length - 1] = line.substring(from);
        return fields;
    }

    /** The problem with the first non-blank line's field count, or null when it has enough fields. */
    String firstLineProblem() {
        if (expectedFields >= fieldsNeeded) {
            return null;
        }
        return "found " + expectedFields + " field(s) separated by \"" + separator + "\" but the columns (user "
                + userColumn + ", item " + itemColumn + ", rating " + ratingColumn + ", timestamp "
                + timestampColumn + ") need " + fieldsNeeded;
    }

    /** Parses data line {@code number} (1-based); blank and header lines must have been dropped. */
    Row parse(long number, String line) {
        // Hadoop's text input replaces undecodable bytes by U+FFFD, which no MovieLens file contains.
        if (line.indexOf('\uFFFD') >= 0) {
            return problem(number, line, "bytes are not valid UTF-8");
        }
        String[] fields = split(line);
        if (fields.length != expectedFields) {
            return problem(number, line, "found " + fields.length + " field(s) separated by \"" + separator
                    + "\" but line " + expectedFieldsLine + " has " + expectedFields);
        }
        String user = fields[userColumn].strip();
        String item = fields[itemColumn].strip();
        if (user.isEmpty()) {
            return problem(number, line, "empty user id");
        }
        if (item.isEmpty()) {
            return problem(number, line, "empty item id");
        }
        float rating = 1f;
        if (ratingColumn != DelimitedRatingsLoader.Options.ABSENT) {
            String text = fields[ratingColumn].strip();
            try {
                rating = parseDecimal(text);
            } catch (NumberFormatException e) {
                return problem(number, line, "rating \"" + text + "\" is not a number");
            }
            if (!Float.isFinite(rating)) {
                return problem(number, line, "rating \"" + text + "\" is not a finite number");
            }
        }
        long timestamp = 0;
        if (timestampColumn != DelimitedRatingsLoader.Options.ABSENT) {
            String text = fields[timestampColumn].strip();
            try {
                timestamp = Long.parseLong(text);
            } catch (NumberFormatException e) {
                return problem(number, line, "timestamp \"" + text + "\" is not an integer");
            }
        }
        return RowFactory.create(user, item, rating, timestamp, number, null, null);
    }

    /**
     * {@link Float#parseFloat} restricted as the core loader restricts it: decimal and exponent notation,
     * "NaN" and "Infinity", no hexadecimal and no "f"/"d" suffix.
     */
    static float parseDecimal(String number) {
        String unsigned = number.startsWith("-") || number.startsWith("+") ? number.substring(1) : number;
        if (!unsigned.equals("NaN") && !unsigned.equals("Infinity")) {
            for (int i = 0; i < number.length(); i++) {
                char c = number.charAt(i);
                if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                    throw new NumberFormatException("not a decimal number: \"" + number + "\"");
                }
            }
        }
        return Float.parseFloat(number);
    }

    private static Row problem(long number, String line, String problem) {
        return RowFactory.create("", "", 0f, 0L, number, problem, line);
    }
}
