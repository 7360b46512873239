package org.embedrec.io;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.embedrec.data.IdIndex;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.io.DelimitedRatingsLoader.DuplicatePolicy;
import org.embedrec.io.rows.ColumnarSource;
import org.embedrec.io.rows.EncodedColumns;
import org.embedrec.io.rows.RowSource;

/**
 * Loads interactions from one or more {@link RowSource}s (read in order, as one data set) whose columns
 * are mapped by name to the user, the item and optionally the rating, the time and the event type.
 *
 * <p><b>Explicit and implicit data.</b> With a rating column the data is explicit: each value is a
 * rating, checked against the {@linkplain Options#scale() declared scale} (or, when none is declared,
 * required to be finite and within ±{@link RatingScale#ABSURD}; the scale is then what the data holds),
 * and a repeated (user, item) pair follows the {@link DuplicatePolicy}. Without one the data is
 * implicit: each interaction weighs 1, or its event type's weight ({@code view=1,cart=3,purchase=5}),
 * and the interactions of a repeated pair are aggregated into one value by the {@link Aggregation}, so
 * every value is positive and a ranking model can treat every pair as a positive interaction.
 *
 * <p><b>Bad rows.</b> A missing user or item, a rating that is not a number, not finite or off the
 * scale, an unknown event type and a time that is not a time are errors naming the source, the line
 * (or row), the column and the value, unless {@link OnBadRow#SKIP} skips such rows and counts them. A
 * column name the source lacks is an error listing the columns it has, whatever the policy.
 *
 * <p>No object is kept per row: the rows go into the columns of a {@link Ratings.Builder}, ids are
 * mapped to indices as they come (the previous id of each column is remembered, since logs are often
 * grouped by user), and repeated pairs are found with one sort ({@link DuplicateRatings}).
 */
public final class InteractionLoader {
    /** How the interactions of a repeated (user, item) pair of implicit data become one value. */
    public enum Aggregation {
        /** The number of interactions, whatever their event types. */
        COUNT,
        /** The sum of the interactions' weights (their count when there are no event types). */
        SUM,
        /** The last interaction's weight. */
        LAST
    }

    /** What to do with a row whose value is missing or invalid. */
    public enum OnBadRow {
        /** Stop with an error naming the source, the row, the column and the value. */
        ERROR,
        /** Skip the row and count it ({@link Result#skipped()}). */
        SKIP
    }

    /** Value of a column option meaning "no such column", where a default would otherwise apply. */
    public static final String NONE = "none";

    /**
     * The column names (or, for sources without a header, 1-based positions "1", "2", ...) of each
     * field; null takes the default, {@value #NONE} says there is none.
     *
     * <p>Defaults: the user is {@code user} (position 1 without a header), the item {@code item}
     * (position 2); the rating is {@code rating} when the source has that column (position 3 when
     * there are at least three), the time {@code timestamp} or {@code time} (position 4), the event type
     * {@code event}.
     */
    public record Columns(String user, String item, String rating, String time, String event) {
        /** Every column by its default. */
        public static Columns defaults() {
            return new Columns(null, null, null, null, null);
        }
    }

    /**
     * How to load.
     *
     * @param columns which column holds what
     * @param eventWeights the weight of each event type (e.g. view 1, cart 3, purchase 5); required
     *     when there is an event column, whose every value must be one of them
     * @param scale the accepted ratings of explicit data, or null to accept any finite value within
     *     ±{@link RatingScale#ABSURD}
     * @param duplicates repeated pairs of explicit data
     * @param aggregate repeated pairs of implicit data
     * @param onBadRow missing and invalid values
     */
    public record Options(Columns columns, Map<String, Float> eventWeights, RatingScale scale, DuplicatePolicy duplicates,
                          Aggregation aggregate, OnBadRow onBadRow) {
        /** Checks the weights: finite and positive. */
        public Options {
            Objects.requireNonNull(columns, "columns");
            Objects.requireNonNull(duplicates, "duplicates");
            Objects.requireNonNull(aggregate, "aggregate");
            Objects.requireNonNull(onBadRow, "onBadRow");
            eventWeights = Map.copyOf(eventWeights);
            eventWeights.forEach((event, weight) -> {
                if (!(weight > 0) || !Float.isFinite(weight)) {
                    throw new IllegalArgumentException("the weight of event type \"" + event
                            + "\" must be a finite number > 0, got " + weight);
                }
            });
        }

        /** Default columns, no event weights, no declared scale, duplicates are errors, weights sum, bad rows are errors. */
        public static Options defaults() {
            return new Options(Columns.defaults(), Map.of(), null, DuplicatePolicy.ERROR, Aggregation.SUM, OnBadRow.ERROR);
        }
    }

    /**
     * What was loaded.
     *
     * @param ratings the interactions, one row per (user, item) pair unless explicit duplicates are kept as errors
     * @param implicit whether there was no rating column (values are weights or counts)
     * @param skipped rows skipped by {@link OnBadRow#SKIP}
     * @param firstSkipped why the first skipped row was skipped, or null
     */
    public record Result(Ratings ratings, boolean implicit, long skipped, String firstSkipped) {
    }

    /**
     * Parses {@code "view=1,cart=3,purchase=5"}.
     *
     * @throws IllegalArgumentException naming the bad pair
     */
    public static Map<String, Float> parseWeights(String text) {
        Map<String, Float> weights = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            String event = equals < 0 ? "" : pair.substring(0, equals).strip();
            if (equals < 0 || event.isEmpty()) {
                throw new IllegalArgumentException("event weights must look like view=1,cart=3,purchase=5, got \"" + pair.strip()
                        + "\" in \"" + text + "\"");
            }
            try {
                weights.put(event, Float.parseFloat(pair.substring(equals + 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the weight of event type \"" + event + "\" is not a number: \""
                        + pair.substring(equals + 1).strip() + "\"", e);
            }
        }
        return weights;
    }

    private final Options options;

    /** A loader with these options. */
    public InteractionLoader(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Loads every source in order as one data set. Sources are opened one at a time and closed after.
     *
     * @param items item ids that keep their indices (an item catalog read first), or an empty index
     * @throws DataFormatException for a bad row (unless skipped), an unknown column, a source without rows
     */
    public Result load(List<Supplier<RowSource>> sources, IdIndex items) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no interaction source given");
        }
        Scan scan = new Scan(IdIndex.builder(), IdIndex.builder().addAll(items));
        for (Supplier<RowSource> source : sources) {
            try (RowSource rows = source.get()) {
                scan.read(rows, null);
            }
        }
        if (scan.ratings.size() == 0) {
            throw new DataFormatException(Path.of(scan.lastSource), scan.lastSource + " holds no interactions"
                    + (scan.skipped > 0 ? " that are not skipped (" + scan.skipped + " bad rows skipped; the first: "
                            + scan.firstSkipped + ")" : ""));
        }
        Ratings ratings = scan.ratings.build(scan.users.build(), scan.items.build());
        if (!scan.implicit && options.scale() == null) {
            ratings = withInferredScale(ratings, sources, scan);
        }
        return new Result(merged(ratings, sources, scan.implicit), scan.implicit, scan.skipped, scan.firstSkipped);
    }

    /**
     * The share of ratings off a scale beyond which the data is taken to have no known scale. Below it
     * the few ratings off the scale the rest follows are mistakes, like a stray 100 among star ratings.
     */
    public static final double STRAY_SHARE = 1e-3;

    /** The known scales an undeclared rating scale is inferred from, narrowest first. */
    public static final List<RatingScale> KNOWN_SCALES = List.of(RatingScale.STARS, RatingScale.HALF_STARS);

    /**
     * Infers the scale of explicit ratings given none: when all but a stray few ({@link #STRAY_SHARE}) lie on
     * a known scale (whole or half stars), the stray ones are bad rows, an error naming the first (or, with
     * {@link OnBadRow#SKIP}, skipped); otherwise every finite rating stands.
     */
    private Ratings withInferredScale(Ratings ratings, List<Supplier<RowSource>> sources, Scan scan) {
        for (RatingScale scale : KNOWN_SCALES) {
            int off = 0;
            for (int row = 0; row < ratings.size(); row++) {
                off += scale.contains(ratings.rating(row)) ? 0 : 1;
            }
            if (off == 0) {
                return ratings;
            }
            if (off > STRAY_SHARE * ratings.size()) {
                continue;
            }
            int firstOff = 0;
            while (scale.contains(ratings.rating(firstOff))) {
                firstOff++;
            }
            String[] where = locate(sources, new int[] {firstOff}, scan.ratingColumnName);
            String message = where[0] + ": value \"" + where[1] + "\" is outside the rating scale " + scale + " that the other "
                    + (ratings.size() - off) + " ratings follow (declare the scale, e.g. --scale " + DataSpec.formatScale(
                    RatingScale.between(Math.min(scale.min(), ratings.min()), Math.max(scale.max(), ratings.max())))
                    + ", to accept it) in row \"" + where[2] + "\"";
            if (options.onBadRow() == OnBadRow.ERROR) {
                throw new DataFormatException(Path.of(where[3]), message + " (or pass --on-bad-row skip to skip such rows)");
            }
            int[] kept = new int[ratings.size() - off];
            for (int row = 0, next = 0; row < ratings.size(); row++) {
                if (scale.contains(ratings.rating(row))) {
                    kept[next++] = row;
                }
            }
            if (scan.skipped == 0) {
                scan.firstSkipped = message;
            }
            scan.skipped += off;
            return ratings.subset(kept);
        }
        return ratings;
    }

    /**
     * Where kept rows {@code rows} are: for each, "source, position, column", the column's value, the row's
     * text and the source name, in one array of 4 per row; read again from the sources.
     */
    private String[] locate(List<Supplier<RowSource>> sources, int[] rows, String column) {
        String[] where = new String[4 * rows.length];
        Scan again = new Scan(IdIndex.builder(), IdIndex.builder());
        for (Supplier<RowSource> source : sources) {
            try (RowSource rowSource = source.get()) {
                again.read(rowSource, (row, at) -> {
                    for (int k = 0; k < rows.length; k++) {
                        if (row == rows[k]) {
                            int c = column == null ? -1 : at.columns().indexOf(column);
                            where[4 * k] = at.name() + ", " + at.position() + (c < 0 ? "" : ", column \"" + column + "\"");
                            where[4 * k + 1] = c < 0 ? "" : DataFormatException.truncate(String.valueOf(at.value(c)));
                            where[4 * k + 2] = DataFormatException.truncate(at.text());
                            where[4 * k + 3] = at.name();
                        }
                    }
                });
            }
        }
        return where;
    }

    /**
     * Loads one CSV or TSV file as {@link #load} does, first trying the byte-level fast path of the
     * MovieLens loader ({@link AsciiRatingsParser}) on the columns the header names: a plain file (ASCII,
     * no quotes or white space, integer times, ratings on the scale) then loads as fast as a MovieLens
     * ratings file (an event column's types matched on their bytes), and any other file takes the
     * row-by-row path, which words every error.
     *
     * @param separator ',' or '\t'
     */
    public Result loadDelimited(Path file, char separator, boolean header, Supplier<RowSource> rows, IdIndex items) {
        Scan scan = new Scan(IdIndex.builder(), IdIndex.builder());
        int[] columns;
        try (RowSource opened = rows.get()) {
            columns = scan.resolve(opened);
        }
        List<Supplier<RowSource>> sources = List.of(rows);
        DelimitedRatingsLoader.Options plain = new DelimitedRatingsLoader.Options(String.valueOf(separator), header,
                columns[0], columns[1], columns[2], columns[3], java.nio.charset.StandardCharsets.UTF_8, DuplicatePolicy.ERROR,
                options.scale() != null ? options.scale() : RatingScale.GENERIC);
        // Counting makes every event weigh 1, as the row-by-row path does.
        Map<String, Float> weights = options.aggregate() != Aggregation.COUNT ? options.eventWeights()
                : options.eventWeights().keySet().stream().collect(Collectors.toMap(type -> type, type -> 1f));
        AsciiRatingsParser.EventWeights events = columns[4] < 0 ? null : AsciiRatingsParser.EventWeights.of(columns[4], weights);
        IdIndex.Builder users = IdIndex.builder();
        IdIndex.Builder itemIds = IdIndex.builder().addAll(items);
        Ratings.Builder parsed = AsciiRatingsParser.parse(file, plain, users, itemIds, false, events);
        if (parsed != null && parsed.size() > 0) {
            return finish(parsed.build(users.build(), itemIds.build()), sources, scan);
        }
        return load(sources, items);
    }

    /**
     * Loads one file as {@link #load} does, first as whole columns handed over by {@code columnar} (e.g.
     * Parquet through DuckDB): the distinct values of the user, item and rating or event columns are
     * validated once each, with the rules of the row-by-row path, and the time column comes as integers.
     * When a value is bad, the time column is not an integer column, or the source has no rows, the file
     * is read row by row from {@code rows} instead, which names the first bad row (or skips such rows).
     */
    public Result loadColumnar(ColumnarSource columnar, Supplier<RowSource> rows, IdIndex items) {
        Scan scan = new Scan(IdIndex.builder(), IdIndex.builder());
        int[] columns;
        Ratings ratings;
        try (columnar) {
            columns = scan.resolve(columnar.name(), columnar.columns());
            List<String> header = columnar.columns();
            int value = columns[2] >= 0 ? columns[2] : columns[4];
            List<String> encoded = value >= 0 ? List.of(header.get(columns[0]), header.get(columns[1]), header.get(value))
                    : List.of(header.get(columns[0]), header.get(columns[1]));
            ratings = columnar.read(encoded, columns[3] < 0 ? null : header.get(columns[3]))
                    .map(read -> decode(read, columns[2] >= 0, columns[4] >= 0, items))
                    .orElse(null);
        }
        return ratings == null ? load(List.of(rows), items) : finish(ratings, List.of(rows), scan);
    }

    /**
     * The ratings of encoded user, item and (optional) rating or event columns, or null when a distinct
     * value is bad (missing id, rating not on the scale, event type without a weight) or there are no rows.
     * Ids are indexed in order of first appearance, as the row-by-row path does.
     */
    private Ratings decode(EncodedColumns read, boolean explicit, boolean events, IdIndex items) {
        if (read.rows() == 0) {
            return null;
        }
        IdIndex.Builder users = IdIndex.builder();
        IdIndex.Builder itemIds = IdIndex.builder().addAll(items);
        int[] userIndex = indices(read.dictionaries().get(0), users);
        int[] itemIndex = indices(read.dictionaries().get(1), itemIds);
        float[] values = {1f};
        if (explicit || events) {
            List<String> dictionary = read.dictionaries().get(2);
            RatingScale scale = options.scale() != null ? options.scale() : RatingScale.GENERIC;
            float[] parsed = new float[1];
            values = new float[dictionary.size()];
            for (int k = 0; k < values.length; k++) {
                String text = dictionary.get(k);
                if (explicit ? ratingProblem(text, scale, parsed) != null : Float.isNaN(parsed[0] = eventValue(text))) {
                    return null;
                }
                values[k] = parsed[0];
            }
        }
        if (userIndex == null || itemIndex == null) {
            return null;
        }
        // The code columns become the index columns in place: a fresh copy of 25M rows costs seconds of page faults.
        int[] user = read.codes().get(0);
        int[] item = read.codes().get(1);
        int[] valueCodes = explicit || events ? read.codes().get(2) : null;
        float[] value = new float[read.rows()];
        for (int row = 0; row < read.rows(); row++) {
            user[row] = userIndex[user[row]];
            item[row] = itemIndex[item[row]];
            value[row] = values[valueCodes == null ? 0 : valueCodes[row]];
        }
        return Ratings.wrap(users.build(), itemIds.build(), user, item, value, read.integers());
    }

    /** The index of each id of {@code dictionary} (added in order), or null when one is missing. */
    private static int[] indices(List<String> dictionary, IdIndex.Builder ids) {
        int[] indices = new int[dictionary.size()];
        for (int k = 0; k < indices.length; k++) {
            String id = dictionary.get(k);
            if (id == null || id.isEmpty()) {
                return null;
            }
            int index = ids.tryIndex(id);
            indices[k] = index >= 0 ? index : ids.add(id);
        }
        return indices;
    }

    /** Checks an inferred scale and merges repeated pairs: what every path does once its rows are read. */
    private Result finish(Ratings ratings, List<Supplier<RowSource>> sources, Scan scan) {
        if (!scan.implicit && options.scale() == null) {
            ratings = withInferredScale(ratings, sources, scan);
        }
        return new Result(merged(ratings, sources, scan.implicit), scan.implicit, scan.skipped, scan.firstSkipped);
    }

    /**
     * Why {@code text} is not a rating on {@code scale} (missing, not a number, not finite, off the
     * scale), or null when it is one; its value is then in {@code value[0]}.
     */
    private static String ratingProblem(String text, RatingScale scale, float[] value) {
        if (text == null || text.isEmpty()) {
            return "is missing (no rating)";
        }
        try {
            value[0] = Decimals.parseFloat(text, 0, text.length());
        } catch (NumberFormatException e) {
            return "is not a number";
        }
        return ratingProblem(text, value[0], scale);
    }

    /** The value of one interaction of event type {@code type}: its weight (1 when counting), NaN for a type without one. */
    private float eventValue(String type) {
        Float weight = type == null ? null : options.eventWeights().get(type);
        if (weight == null) {
            return Float.NaN;
        }
        return options.aggregate() == Aggregation.COUNT ? 1f : weight;
    }

    private Ratings merged(Ratings ratings, List<Supplier<RowSource>> sources, boolean implicit) {
        if (implicit) {
            return DuplicateRatings.merge(ratings,
                    options.aggregate() == Aggregation.LAST ? DuplicateRatings.Merge.LAST : DuplicateRatings.Merge.SUM);
        }
        if (!DuplicateRatings.anyRepeated(ratings)) {
            return ratings;
        }
        return switch (options.duplicates()) {
            case ERROR -> throw duplicateError(ratings, sources,
                    DuplicateRatings.firstRepeat(ratings, DuplicateRatings.repeatedKeys(ratings)));
            case KEEP_LAST -> DuplicateRatings.merge(ratings, DuplicateRatings.Merge.LAST);
            case MEAN -> DuplicateRatings.merge(ratings, DuplicateRatings.Merge.MEAN);
        };
    }

    /** The error for kept rows {@code rows[0] < rows[1]} of one pair; reads the sources again to find where they are. */
    private DataFormatException duplicateError(Ratings ratings, List<Supplier<RowSource>> sources, int[] rows) {
        String[] where = locate(sources, rows, null);
        return new DataFormatException(Path.of(where[7]), where[4] + ": user \"" + ratings.users().id(ratings.user(rows[1]))
                + "\" rates item \"" + ratings.items().id(ratings.item(rows[1])) + "\" again (first at " + where[0] + ": \""
                + where[2] + "\"); choose the duplicate policy last or mean (--duplicates) to merge repeated ratings");
    }

    /**
     * The indices in {@code header} of the user, item, rating, time and event columns (-1 for none), as
     * {@link Options#columns()} maps them (see {@link Columns} for the defaults): what every reader of
     * interactions, also a distributed one, resolves a source's header with.
     *
     * @param source the source's name, for messages
     * @param header the source's column names ("1", "2", ... for a source without a header)
     * @throws DataFormatException if a mapped column is not in the header, listing the header found
     * @throws IllegalArgumentException if both a rating and an event column are mapped, an event column
     *     has no weights, or one column is mapped twice
     */
    public int[] columnsOf(String source, List<String> header) {
        boolean positional = isPositional(header);
        Columns given = options.columns();
        String[] names = {
                name(given.user(), positional ? "1" : "user", header, true),
                name(given.item(), positional ? "2" : "item", header, true),
                name(given.rating(), positional ? "3" : "rating", header, false),
                name(given.time(), positional ? "4" : header.contains("timestamp") ? "timestamp" : "time", header, false),
                name(given.event(), positional ? null : "event", header, false)};
        String[] fields = {"user", "item", "rating", "time", "event"};
        int[] columns = new int[names.length];
        for (int f = 0; f < names.length; f++) {
            columns[f] = names[f] == null ? -1 : header.indexOf(names[f]);
            if (names[f] != null && columns[f] < 0) {
                throw new DataFormatException(Path.of(source), source + ": no column \"" + names[f]
                        + "\" (the " + fields[f] + " column); the " + (positional ? "columns (no header, so numbered)" : "header")
                        + " found: " + String.join(",", header)
                        + (positional || !looksLikeData(header) ? "" : " (this looks like data: if the file has no header line, pass --no-header)"));
            }
        }
        if (columns[2] >= 0 && columns[4] >= 0) {
            throw new IllegalArgumentException(source + ": both a rating column (\"" + names[2] + "\") and an event column (\""
                    + names[4] + "\") are mapped; give one (--rating-col none or --event-col none)");
        }
        if (columns[4] >= 0 && options.eventWeights().isEmpty()) {
            throw new IllegalArgumentException(source + ": the event column \"" + names[4]
                    + "\" needs a weight per event type, e.g. --event-weights view=1,cart=3,purchase=5");
        }
        for (int f = 0; f < names.length; f++) {
            for (int g = 0; g < f; g++) {
                if (columns[f] >= 0 && columns[f] == columns[g]) {
                    throw new IllegalArgumentException(source + ": column \"" + names[f] + "\" is mapped to both the "
                            + fields[g] + " and the " + fields[f]);
                }
            }
        }
        return columns;
    }

    /** The column name to use: the given one, else the default when required or present; null for none. */
    private static String name(String given, String fallback, List<String> header, boolean required) {
        if (given != null) {
            return given.equals(NONE) ? null : given;
        }
        return required || fallback != null && header.contains(fallback) ? fallback : null;
    }

    /**
     * Why the rating {@code value}, parsed from {@code text}, is not on {@code scale}, or null when it is:
     * the loader's wording, which distributed readers share.
     */
    public static String ratingProblem(String text, float value, RatingScale scale) {
        // "1e99" overflows to infinity but is a number off the scale; "NaN" and "Infinity" are not finite.
        return Float.isInfinite(value) && text.chars().noneMatch(c -> c == 'n' || c == 'N' || c == 'i' || c == 'I')
                ? "is outside the rating scale " + scale : scale.problem(value);
    }

    /** Receives the position of each kept row, for locating rows after the fact. */
    @FunctionalInterface
    private interface RowListener {
        void kept(int row, RowSource at);
    }

    /** One pass over the sources: maps ids, validates values, appends kept rows. */
    private final class Scan {
        final IdIndex.Builder users;
        final IdIndex.Builder items;
        final Ratings.Builder ratings = Ratings.builder();
        final IdColumn userIds;
        final IdColumn itemIds;
        List<String> mappedNames;
        String ratingColumnName;
        boolean implicit;
        long skipped;
        String firstSkipped;
        String lastSource = "";

        Scan(IdIndex.Builder users, IdIndex.Builder items) {
            this.users = users;
            this.items = items;
            this.userIds = new IdColumn(users);
            this.itemIds = new IdColumn(items);
        }

        void read(RowSource rows, RowListener listener) {
            lastSource = rows.name();
            int[] columns = resolve(rows);
            int user = columns[0];
            int item = columns[1];
            int rating = columns[2];
            int time = columns[3];
            int event = columns[4];
            boolean isImplicit = rating < 0;
            RatingScale scale = options.scale() != null ? options.scale() : RatingScale.GENERIC;
            float[] parsed = new float[1];
            while (rows.next()) {
                String userId = rows.value(user);
                if (userId == null || userId.isEmpty()) {
                    bad(rows, user, userId, "is missing (no user id)");
                    continue;
                }
                String itemId = rows.value(item);
                if (itemId == null || itemId.isEmpty()) {
                    bad(rows, item, itemId, "is missing (no item id)");
                    continue;
                }
                float value = 1f;
                if (!isImplicit) {
                    String text = rows.value(rating);
                    String problem = ratingProblem(text, scale, parsed);
                    if (problem != null) {
                        bad(rows, rating, text, problem);
                        continue;
                    }
                    value = parsed[0];
                } else if (event >= 0) {
                    String type = rows.value(event);
                    value = eventValue(type);
                    if (Float.isNaN(value)) {
                        bad(rows, event, type, type == null || type.isEmpty() ? "is missing (no event type)"
                                : "is not an event type with a weight (weights: " + options.eventWeights() + ")");
                        continue;
                    }
                }
                long seconds = 0;
                if (time >= 0) {
                    String text = rows.value(time);
                    seconds = text == null || text.isEmpty() ? Long.MIN_VALUE : seconds(text);
                    if (seconds == Long.MIN_VALUE) {
                        bad(rows, time, text, text == null || text.isEmpty() ? "is missing (no time)"
                                : "is not a time (integer seconds since 1970, or an ISO date-time such as 2024-05-01T12:30:00Z)");
                        continue;
                    }
                }
                if (listener != null) {
                    listener.kept(ratings.size(), rows);
                }
                ratings.add(userIds.index(userId), itemIds.index(itemId), value, seconds);
            }
        }

        /** The indices of the user, item, rating, time and event columns in {@code rows} (-1 for none). */
        private int[] resolve(RowSource rows) {
            return resolve(rows.name(), rows.columns());
        }

        /** {@link #resolve(RowSource)} for the source {@code source} with the columns {@code header}. */
        private int[] resolve(String source, List<String> header) {
            int[] columns = columnsOf(source, header);
            String[] fields = {"user", "item", "rating", "time", "event"};
            String[] names = new String[columns.length];
            for (int f = 0; f < columns.length; f++) {
                names[f] = columns[f] < 0 ? null : header.get(columns[f]);
            }
            List<String> mapped = Arrays.asList(names);
            if (mappedNames == null) {
                mappedNames = mapped;
                implicit = columns[2] < 0;
                ratingColumnName = names[2];
            } else if (!mappedNames.equals(mapped)) {
                throw new DataFormatException(Path.of(source), source + ": maps the columns " + describe(fields, names)
                        + " but the first source maps " + describe(fields, mappedNames.toArray(String[]::new))
                        + "; every file of one data set must have the same columns");
            }
            return columns;
        }

        private static String describe(String[] fields, String[] names) {
            List<String> pairs = new ArrayList<>();
            for (int f = 0; f < fields.length; f++) {
                pairs.add(fields[f] + "=" + (names[f] == null ? NONE : names[f]));
            }
            return String.join(", ", pairs);
        }

        private void bad(RowSource rows, int column, String value, String problem) {
            String message = badValue(rows, column, value, problem);
            if (options.onBadRow() == OnBadRow.ERROR) {
                throw new DataFormatException(Path.of(rows.name()), message
                        + " (pass --on-bad-row skip to skip such rows and count them)");
            }
            if (skipped++ == 0) {
                firstSkipped = message;
            }
        }
    }

    /**
     * The message for a bad value of the current row: the source, the line or row, the column, the value
     * and the row's text, e.g. {@code events.csv, line 17, column "rating": value "five" is not a number in row "..."}.
     */
    static String badValue(RowSource rows, int column, String value, String problem) {
        return rows.name() + ", " + rows.position() + ", column \"" + rows.columns().get(column) + "\": value "
                + (value == null ? "(none)" : "\"" + DataFormatException.truncate(value) + "\"") + " " + problem
                + " in row \"" + DataFormatException.truncate(rows.text()) + "\"";
    }

    /** Whether the columns are named by position, "1", "2", ..., as for a file without a header. */
    private static boolean isPositional(List<String> header) {
        for (int c = 0; c < header.size(); c++) {
            if (!header.get(c).equals(String.valueOf(c + 1))) {
                return false;
            }
        }
        return true;
    }

    /** Whether header names look like values (numbers), as when a file without a header is read with one. */
    private static boolean looksLikeData(List<String> header) {
        return header.stream().anyMatch(name -> !name.isEmpty() && name.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-'));
    }

    /**
     * Seconds since 1970 of {@code text}: an integer, or an ISO-8601 instant ({@code 2024-05-01T12:30:00Z}),
     * date-time ({@code 2024-05-01T12:30:00} or with a space, taken as UTC) or date; Long.MIN_VALUE if none.
     */
    public static long seconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notInteger) {
            try {
                if (text.length() == 10) {
                    return LocalDate.parse(text).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                }
                String iso = text.replace(' ', 'T');
                try {
                    return OffsetDateTime.parse(iso).toEpochSecond();
                } catch (DateTimeParseException noOffset) {
                    return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
                }
            } catch (DateTimeParseException e) {
                return Long.MIN_VALUE;
            }
        }
    }

    /** Maps one id column to dense indices, remembering the previous id (logs are often grouped by user). */
    private static final class IdColumn {
        private final IdIndex.Builder ids;
        private String lastId;
        private int lastIndex;

        IdColumn(IdIndex.Builder ids) {
            this.ids = ids;
        }

        int index(String id) {
            if (id.equals(lastId)) {
                return lastIndex;
            }
            int index = ids.tryIndex(id);
            lastId = id;
            lastIndex = index >= 0 ? index : ids.add(id);
            return lastIndex;
        }
    }
}
