package org.embedrec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;

/**
 * Loads a ratings file with one rating per line and fields separated by a fixed string: CSV, TSV,
 * MovieLens {@code ::} files and the like. Which field holds the user, item, rating and timestamp is
 * set by {@link Options}; other fields are ignored.
 *
 * <p>Users and items get dense indices in order of first appearance. Parsing keeps no object per
 * rating (ids are looked up once per line, numbers are parsed in place), so the loader scales to the
 * 25 million ratings of ML-25M.
 *
 * <p><b>Input policy.</b> Blank lines are skipped anywhere. Fields are trimmed of surrounding white
 * space and are not unquoted: rating files hold ids and numbers, so quoting is not supported. Every
 * malformed input throws a {@link DataFormatException} naming the file, the 1-based line and its text:
 * <ul>
 *   <li>a missing file, or a file without a data line;
 *   <li>bytes that are not valid in the {@linkplain Options#charset() charset};
 *   <li>a line whose number of fields differs from the first line's (the header if there is one), or a
 *       first line with fewer fields than the configured columns need;
 *   <li>an empty user or item id;
 *   <li>a rating that is not a decimal number, is not finite ("NaN", "Infinity"), or is off the
 *       {@linkplain Options#scale() rating scale} ("1e99", and for MovieLens "-1", "0", "5.5", "100");
 *   <li>a line longer than {@link #MAX_LINE_CHARS} characters (so a damaged file cannot exhaust the heap);
 *   <li>a timestamp that is not an integer;
 *   <li>a user rating the same item twice, unless the {@link DuplicatePolicy} merges such ratings.
 * </ul>
 */
public final class DelimitedRatingsLoader {
    /** What to do when a user rates the same item on more than one line. */
    public enum DuplicatePolicy {
        /** Reject the file, naming the lines of the first repeated (user, item) pair. */
        ERROR,
        /** Keep only the last rating of the pair, with its timestamp and at its position. */
        KEEP_LAST,
        /** Keep one rating holding the mean of the pair's ratings, at the last one's position and timestamp. */
        MEAN
    }

    /**
     * How to read a delimited ratings file.
     *
     * @param separator the string between fields: "," or "\t" or "::"; not empty, no line break
     * @param header whether the first non-blank line is a header to skip
     * @param userColumn 0-based index of the user id field
     * @param itemColumn 0-based index of the item id field
     * @param ratingColumn 0-based index of the rating field, or {@link #ABSENT} for implicit data where
     *     every line is a rating of 1.0
     * @param timestampColumn 0-based index of the timestamp field (integer seconds since the epoch), or
     *     {@link #ABSENT} when there is none (timestamps are then 0)
     * @param charset the file's encoding; bytes invalid in it are an error
     * @param duplicates what to do with repeated (user, item) pairs
     * @param scale the ratings accepted ({@link RatingScale#GENERIC} unless the data's origin declares one);
     *     a rating off the scale is an error naming the line, the column and the value
     */
    public record Options(String separator, boolean header, int userColumn, int itemColumn, int ratingColumn,
                          int timestampColumn, Charset charset, DuplicatePolicy duplicates, RatingScale scale) {
        /** Column index meaning "the file has no such field". */
        public static final int ABSENT = -1;

        /** Validates every option; messages name the bad value. */
        public Options {
            Objects.requireNonNull(separator, "separator");
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(duplicates, "duplicates");
            Objects.requireNonNull(scale, "scale");
            if (separator.isEmpty() || separator.indexOf('\n') >= 0 || separator.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("separator must be non-empty and contain no line break, got \""
                        + separator.replace("\n", "\\n").replace("\r", "\\r") + "\"");
            }
            if (userColumn < 0 || itemColumn < 0) {
                throw new IllegalArgumentException("user and item columns must be >= 0, got user column "
                        + userColumn + " and item column " + itemColumn);
            }
            if (ratingColumn < ABSENT || timestampColumn < ABSENT) {
                throw new IllegalArgumentException("rating and timestamp columns must be >= 0 or ABSENT (-1), got rating column "
                        + ratingColumn + " and timestamp column " + timestampColumn);
            }
            int[] used = {userColumn, itemColumn, ratingColumn, timestampColumn};
            for (int a = 0; a < used.length; a++) {
                for (int b = a + 1; b < used.length; b++) {
                    if (used[a] != ABSENT && used[a] == used[b]) {
                        throw new IllegalArgumentException("columns must differ, got user " + userColumn + ", item "
                                + itemColumn + ", rating " + ratingColumn + ", timestamp " + timestampColumn);
                    }
                }
            }
        }

        /** Options accepting any rating of {@link RatingScale#GENERIC}. */
        public Options(String separator, boolean header, int userColumn, int itemColumn, int ratingColumn,
                       int timestampColumn, Charset charset, DuplicatePolicy duplicates) {
            this(separator, header, userColumn, itemColumn, ratingColumn, timestampColumn, charset, duplicates,
                    RatingScale.GENERIC);
        }

        /** Comma-separated with a header line, columns user, item, rating, timestamp; UTF-8; duplicates are errors. */
        public static Options csv() {
            return new Options(",", true, 0, 1, 2, 3, StandardCharsets.UTF_8, DuplicatePolicy.ERROR);
        }

        /** Tab-separated without a header, columns user, item, rating, timestamp; UTF-8; duplicates are errors. */
        public static Options tsv() {
            return new Options("\t", false, 0, 1, 2, 3, StandardCharsets.UTF_8, DuplicatePolicy.ERROR);
        }

        /** These options with another separator. */
        public Options withSeparator(String newSeparator) {
            return new Options(newSeparator, header, userColumn, itemColumn, ratingColumn, timestampColumn, charset, duplicates, scale);
        }

        /** These options with or without a header line. */
        public Options withHeader(boolean hasHeader) {
            return new Options(separator, hasHeader, userColumn, itemColumn, ratingColumn, timestampColumn, charset, duplicates, scale);
        }

        /** These options with other column indices ({@link #ABSENT} for no rating or no timestamp). */
        public Options withColumns(int user, int item, int rating, int timestamp) {
            return new Options(separator, header, user, item, rating, timestamp, charset, duplicates, scale);
        }

        /** These options with another charset. */
        public Options withCharset(Charset newCharset) {
            return new Options(separator, header, userColumn, itemColumn, ratingColumn, timestampColumn, newCharset, duplicates, scale);
        }

        /** These options with another duplicate policy. */
        public Options withDuplicates(DuplicatePolicy policy) {
            return new Options(separator, header, userColumn, itemColumn, ratingColumn, timestampColumn, charset, policy, scale);
        }

        /** These options accepting the ratings of {@code newScale}. */
        public Options withScale(RatingScale newScale) {
            return new Options(separator, header, userColumn, itemColumn, ratingColumn, timestampColumn, charset, duplicates,
                    newScale);
        }

        /** The number of fields a line needs to hold every configured column. */
        int fieldsNeeded() {
            return Math.max(Math.max(userColumn, itemColumn), Math.max(ratingColumn, timestampColumn)) + 1;
        }
    }

    /**
     * The longest line a ratings file may have, in characters: 1 MiB. A ratings line holds a few ids and
     * numbers; the bound keeps a damaged file with a gigabyte line from exhausting the heap.
     */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private final Options options;

    /** A loader reading files as {@code options} describe. */
    public DelimitedRatingsLoader(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options this loader reads with. */
    public Options options() {
        return options;
    }

    /**
     * Loads {@code file} as a data set named after the file (without extension) whose catalog knows
     * only the item ids.
     *
     * @throws DataFormatException if the file is missing or malformed (see the class description)
     */
    public Dataset load(Path file) {
        Ratings ratings = read(file, IdIndex.builder(), IdIndex.builder(), false);
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return Dataset.of(dot > 0 ? name.substring(0, dot) : name, ratings);
    }

    /**
     * Reads {@code file} into ratings indexed by {@code users} and {@code items}, which may be seeded so
     * that known ids keep their indices (MovieLens puts the movies file first).
     *
     * @param closedIds when true, an id missing from the seeded builders is an error instead of new
     */
    Ratings read(Path file, IdIndex.Builder users, IdIndex.Builder items, boolean closedIds) {
        // The byte parser reads plain files several times faster; it works on copies of the seeded ids
        // so that, when it gives up, the line reader starts from the same state.
        IdIndex.Builder fastUsers = IdIndex.builder().addAll(users.build());
        IdIndex.Builder fastItems = IdIndex.builder().addAll(items.build());
        Ratings.Builder parsed = AsciiRatingsParser.parse(file, options, fastUsers, fastItems, closedIds);
        if (parsed != null) {
            users = fastUsers;
            items = fastItems;
        } else {
            LineParser parser = new LineParser(file, users, items, closedIds);
            forEachLine(file, parser);
            parsed = parser.ratings;
        }
        if (parsed.size() == 0) {
            throw new DataFormatException(file, file + " holds no ratings"
                    + (options.header() ? " below its header line" : ""));
        }
        Ratings ratings = parsed.build(users.build(), items.build());
        if (!DuplicateRatings.anyRepeated(ratings)) {
            return ratings;
        }
        return switch (options.duplicates()) {
            case ERROR -> throw duplicateError(file, ratings,
                    DuplicateRatings.firstRepeat(ratings, DuplicateRatings.repeatedKeys(ratings)));
            case KEEP_LAST -> DuplicateRatings.merge(ratings, DuplicateRatings.Merge.LAST);
            case MEAN -> DuplicateRatings.merge(ratings, DuplicateRatings.Merge.MEAN);
        };
    }

    /** Receives every non-blank line; {@code header} marks the header line. */
    @FunctionalInterface
    private interface LineHandler {
        void accept(long number, String line, boolean header);
    }

    private void forEachLine(Path file, LineHandler handler) {
        long number = 0;
        try (BoundedLineReader reader = new BoundedLineReader(TextFiles.openStrict(file, options.charset()), MAX_LINE_CHARS)) {
            boolean headerPending = options.header();
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                if (number == 1) {
                    line = TextFiles.stripByteOrderMark(line);
                }
                if (!line.isBlank()) {
                    handler.accept(number, line, headerPending);
                    headerPending = false;
                }
            }
        } catch (BoundedLineReader.LineTooLongException e) {
            throw lineTooLong(file, number + 1, e.start());
        } catch (CharacterCodingException e) {
            throw TextFiles.undecodable(file, options.charset(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The first non-blank line of {@code file} without a byte order mark, or {@code null} when there is
     * none; read within {@link #MAX_LINE_CHARS}.
     *
     * @throws DataFormatException if the file is missing, does not decode, or the line is too long
     */
    static String firstNonBlankLine(Path file, Charset charset) {
        long number = 0;
        try (BoundedLineReader reader = new BoundedLineReader(TextFiles.openStrict(file, charset), MAX_LINE_CHARS)) {
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                line = number == 1 ? TextFiles.stripByteOrderMark(line) : line;
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        } catch (BoundedLineReader.LineTooLongException e) {
            throw lineTooLong(file, number + 1, e.start());
        } catch (CharacterCodingException e) {
            throw TextFiles.undecodable(file, charset, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The error for a line over {@link #MAX_LINE_CHARS}, which is never read whole. */
    static DataFormatException lineTooLong(Path file, long number, String start) {
        return new DataFormatException(file, number, start + "...", "line is longer than " + MAX_LINE_CHARS
                + " characters, the limit for a ratings line (a ratings line holds a few ids and numbers)");
    }

    /** The error for rows {@code rows[0] < rows[1]} rating the same item; rereads the file for their lines. */
    private DataFormatException duplicateError(Path file, Ratings ratings, int[] rows) {
        long[] lineNumbers = new long[2];
        String[] lines = new String[2];
        int[] dataRow = {0};
        forEachLine(file, (number, line, header) -> {
            if (header) {
                return;
            }
            for (int k = 0; k < 2; k++) {
                if (dataRow[0] == rows[k]) {
                    lineNumbers[k] = number;
                    lines[k] = line;
                }
            }
            dataRow[0]++;
        });
        int row = rows[1];
        return new DataFormatException(file, lineNumbers[1], lines[1], "user \"" + ratings.users().id(ratings.user(row))
                + "\" rates item \"" + ratings.items().id(ratings.item(row)) + "\" again (first at line " + lineNumbers[0]
                + ": \"" + DataFormatException.truncate(lines[0]) + "\"; choose duplicate policy KEEP_LAST or MEAN to merge repeated ratings)");
    }

    /** Parses one line at a time ({@link RatingLineParser}) into the ratings builder, mapping ids to indices. */
    private final class LineParser implements LineHandler {
        private final Path file;
        private final RatingLineParser fields = new RatingLineParser(options);
        private final IdColumn userIds;
        private final IdColumn itemIds;
        private final Ratings.Builder ratings = Ratings.builder();
        private long number;
        private String line;

        LineParser(Path file, IdIndex.Builder users, IdIndex.Builder items, boolean closedIds) {
            this.file = file;
            this.userIds = new IdColumn("user", users, closedIds);
            this.itemIds = new IdColumn("item", items, closedIds);
        }

        @Override
        public void accept(long lineNumber, String text, boolean header) {
            number = lineNumber;
            line = text;
            String problem = fields.parse(lineNumber, text, header);
            if (problem != null) {
                throw error(problem);
            }
            if (header) {
                return;
            }
            int user = userIds.index(options.userColumn());
            int item = itemIds.index(options.itemColumn());
            ratings.add(user, item, fields.rating(), fields.timestamp());
        }

        private DataFormatException error(String problem) {
            return new DataFormatException(file, number, line, problem);
        }

        /**
         * Maps one id field to its dense index, remembering the previous id: ratings files are usually
         * grouped by user, so most lines repeat the last user and need no substring or hash lookup.
         */
        private final class IdColumn {
            private final String kind;
            private final IdIndex.Builder ids;
            private final boolean closed;
            private String lastId;
            private int lastIndex;

            IdColumn(String kind, IdIndex.Builder ids, boolean closed) {
                this.kind = kind;
                this.ids = ids;
                this.closed = closed;
            }

            /** The index of the (non-empty) id in field {@code column} of the line just parsed. */
            int index(int column) {
                int start = fields.start(column);
                int length = fields.end(column) - start;
                if (lastId != null && lastId.length() == length && line.regionMatches(start, lastId, 0, length)) {
                    return lastIndex;
                }
                String id = fields.field(column);
                int index = closed ? ids.tryIndex(id) : ids.add(id);
                if (index < 0) {
                    throw error(kind + " \"" + id + "\" does not occur in the full data set");
                }
                lastId = id;
                lastIndex = index;
                return index;
            }
        }
    }
}
