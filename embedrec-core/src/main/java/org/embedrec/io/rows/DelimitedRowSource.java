package org.embedrec.io.rows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.embedrec.io.DataFormatException;

/**
 * The rows of a UTF-8 CSV or TSV file, read with FastCSV (RFC 4180 quoting, so a field may hold the
 * separator in double quotes). Fields are trimmed of surrounding white space; blank lines are skipped.
 *
 * <p><b>Column names.</b> With a header (the first non-blank line) the columns are named by it; a
 * leading byte order mark is dropped, and an empty or repeated name is an error. Without a header the
 * columns are named by their 1-based positions, {@code "1"}, {@code "2"}, ..., so that a mapping can
 * name them either way. Every row must have as many fields as the first line; a row with another count
 * is an error naming the file, the line and its text, as is a byte that is not UTF-8 and a quote
 * opened and never closed.
 */
public final class DelimitedRowSource implements RowSource {
    private final Path file;
    private final char separator;
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final List<String> columns;
    private final boolean header;
    private final long firstLine;
    private CsvRecord current;
    /** The first line of the file, held back when it is data rather than a header. */
    private CsvRecord pending;

    private DelimitedRowSource(Path file, char separator, boolean header) {
        this.file = file;
        this.separator = separator;
        this.header = header;
        RowSources.requireFile(file);
        try {
            // Files.newBufferedReader decodes strictly: an invalid byte is an error, never a replacement character.
            this.reader = CsvReader.builder().fieldSeparator(separator).skipEmptyLines(true).ignoreDifferentFieldCount(true)
                    .acceptCharsAfterQuotes(false).ofCsvRecord(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        this.records = reader.iterator();
        CsvRecord first = advance();
        if (first == null) {
            close();
            throw new DataFormatException(file, file + " is empty");
        }
        this.firstLine = first.getStartingLineNumber();
        List<String> names = new ArrayList<>(first.getFieldCount());
        for (int c = 0; c < first.getFieldCount(); c++) {
            String name = first.getField(c).strip();
            if (c == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            names.add(header ? name : String.valueOf(c + 1));
        }
        if (header) {
            checkHeader(first, names);
        } else {
            pending = first;
        }
        this.columns = List.copyOf(names);
    }

    /** A comma-separated file, whose first line names the columns when {@code header}. */
    public static DelimitedRowSource csv(Path file, boolean header) {
        return new DelimitedRowSource(file, ',', header);
    }

    /** A tab-separated file, whose first line names the columns when {@code header}. */
    public static DelimitedRowSource tsv(Path file, boolean header) {
        return new DelimitedRowSource(file, '\t', header);
    }

    private void checkHeader(CsvRecord first, List<String> names) {
        for (int c = 0; c < names.size(); c++) {
            if (names.get(c).isEmpty()) {
                close();
                throw new DataFormatException(file, first.getStartingLineNumber(), joined(first),
                        "header column " + (c + 1) + " has no name (if the file has no header line, say so: --no-header)");
            }
            if (names.indexOf(names.get(c)) != c) {
                close();
                throw new DataFormatException(file, first.getStartingLineNumber(), joined(first),
                        "header names column \"" + names.get(c) + "\" twice");
            }
        }
    }

    private CsvRecord advance() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException e) {
            long line = current == null ? 1 : current.getStartingLineNumber() + 1;
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DataFormatException(file, file + ":" + line + ": malformed quoting: " + cause.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                long line = current == null ? 1 : current.getStartingLineNumber() + 1;
                throw new DataFormatException(file, file + ": near line " + line
                        + ": the file is not valid UTF-8 text (save it as UTF-8)", e);
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (pending != null) {
            current = pending;
            pending = null;
        } else {
            CsvRecord record = advance();
            if (record == null) {
                return false;
            }
            current = record;
        }
        if (current.getFieldCount() != columns.size()) {
            throw new DataFormatException(file, current.getStartingLineNumber(), joined(current), "found "
                    + current.getFieldCount() + " field(s) separated by \"" + printable(separator) + "\" but line "
                    + firstLine + (header ? " (the header)" : "") + " has " + columns.size());
        }
        return true;
    }

    @Override
    public String value(int column) {
        String value = current.getField(column);
        // Most fields have no surrounding space; strip() would copy none of them anyway.
        return value.strip();
    }

    @Override
    public String position() {
        return "line " + current.getStartingLineNumber();
    }

    /** The 1-based line the current row starts on. */
    public long line() {
        return current.getStartingLineNumber();
    }

    @Override
    public String text() {
        return joined(current);
    }

    private String joined(CsvRecord record) {
        StringJoiner joiner = new StringJoiner(String.valueOf(separator));
        record.getFields().forEach(joiner::add);
        return joiner.toString();
    }

    private static String printable(char separator) {
        return separator == '\t' ? "\\t" : String.valueOf(separator);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Only read: nothing is lost when closing fails.
        }
    }
}
