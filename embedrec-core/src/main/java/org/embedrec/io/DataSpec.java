package org.embedrec.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.embedrec.data.RatingScale;
import org.embedrec.io.DelimitedRatingsLoader.DuplicatePolicy;
import org.embedrec.io.InteractionLoader.Aggregation;
import org.embedrec.io.InteractionLoader.Columns;
import org.embedrec.io.InteractionLoader.OnBadRow;
import org.embedrec.io.rows.RowSources;

/**
 * Where a data set comes from and how to read it: the one description of data that every command, the
 * server and the report load through ({@link DataLoader}), and that a model's provenance records so that
 * its split can be rebuilt. The source is one of:
 * <ul>
 *   <li>a MovieLens folder (any release; the layout is detected, the fast path and the binary cache apply);
 *   <li>an interactions file or a glob of files ({@code logs/*.csv}, read in sorted path order as one
 *       data set), CSV, TSV, JSON lines, or Parquet with the {@code embedrec-duckdb} module, the format
 *       named by the extension or by {@code format};
 *   <li>a JDBC URL with a {@code query}; the credentials come from the environment
 *       ({@link org.embedrec.io.rows.JdbcRowSource}) and are never part of a spec.
 * </ul>
 *
 * <p>As a map (a YAML or JSON spec file, {@link #fromMap}; the keys of {@link #KEYS}):
 * <pre>
 * source: purchases.csv          # relative paths are relative to the spec file
 * columns: {user: customer, item: product, time: ts, event: type}
 * event-weights: {view: 1, cart: 3, purchase: 5}
 * aggregate: sum                 # implicit data: count, sum or last
 * duplicates: error              # explicit data: error, last or mean
 * scale: 1-5                     # explicit data: MIN-MAX or MIN-MAX/STEP; inferred when absent
 * on-bad-row: error              # or skip
 * header: true
 * items: {source: products.csv, id: product, title: name, categories: [category, tags], numeric: [price]}
 * users: {source: customers.csv, id: customer, categories: [segment, region], numeric: [age]}
 * </pre>
 *
 * @param source the folder, file, glob or JDBC URL
 * @param format "movielens", "jdbc", "csv", "tsv", "jsonl", "parquet" or another format a
 *     {@link org.embedrec.io.rows.RowSourceFactory} reads; null to tell from the source
 * @param query the SQL query of a JDBC source, else null
 * @param header whether delimited files start with a header line naming the columns
 * @param columns which column holds the user, item, rating, time and event type
 * @param eventWeights the weight of each event type
 * @param scale the declared rating scale, or null to infer it
 * @param duplicates repeated (user, item) pairs of explicit data
 * @param aggregate repeated (user, item) pairs of implicit data
 * @param onBadRow rows with missing or invalid values
 * @param items where the item catalog comes from, or null for none (items are then titled by their ids)
 * @param users where the user metadata comes from, or null for none
 */
public record DataSpec(String source, String format, String query, boolean header, Columns columns,
                       Map<String, Float> eventWeights, RatingScale scale, DuplicatePolicy duplicates, Aggregation aggregate,
                       OnBadRow onBadRow, Metadata items, Metadata users) {
    /** The keys of a spec map. */
    public static final Set<String> KEYS = Set.of("source", "format", "query", "header", "columns", "event-weights", "scale",
            "duplicates", "aggregate", "on-bad-row", "items", "users");
    /** The keys of the {@code items} map. */
    public static final Set<String> ITEM_KEYS = Set.of("source", "format", "query", "header", "id", "title", "year",
            "categories", "separator", "numeric");
    /** The keys of the {@code users} map: those of {@code items} but the year. */
    public static final Set<String> USER_KEYS = Set.of("source", "format", "query", "header", "id", "title",
            "categories", "separator", "numeric");
    private static final Set<String> COLUMN_KEYS = Set.of("user", "item", "rating", "time", "event");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where item or user metadata comes from: a file (its format from the extension or {@code format}) or a
     * JDBC query, and which columns hold what ({@link MetadataLoader}).
     */
    public record Metadata(String source, String format, String query, boolean header, MetadataLoader.Options columns) {
        /** Checks that there is a source. */
        public Metadata {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(columns, "columns");
        }
    }

    /**
     * The flags a command line puts beside its source to map columns and set policies (embedrec's own and
     * the Spark jobs'), each null (or false) when not given. {@link #applyTo} writes the given ones over a
     * spec map, so that flags override the keys of a spec file.
     *
     * @param eventWeights {@code TYPE=W,...} as {@link InteractionLoader#parseWeights} reads it
     * @param itemMetadata the item metadata source
     */
    public record Overrides(String format, boolean noHeader, String user, String item, String rating, String time,
                            String event, String eventWeights, String scale, String onBadRow, String duplicates,
                            String aggregate, String itemMetadata) {
        /** Whether any flag was given. */
        public boolean any() {
            return noHeader || java.util.stream.Stream.of(format, user, item, rating, time, event, eventWeights, scale, onBadRow,
                    duplicates, aggregate, itemMetadata).anyMatch(Objects::nonNull);
        }

        /** Writes the given flags into {@code spec} (a spec map, see {@link #fromMap}), replacing its nested maps by copies. */
        public void applyTo(Map<String, Object> spec) {
            putIfGiven(spec, "format", format);
            if (noHeader) {
                spec.put("header", false);
            }
            Map<String, Object> columns = nested(spec, "columns");
            putIfGiven(columns, "user", user);
            putIfGiven(columns, "item", item);
            putIfGiven(columns, "rating", rating);
            putIfGiven(columns, "time", time);
            putIfGiven(columns, "event", event);
            if (columns.isEmpty()) {
                spec.remove("columns");
            }
            if (eventWeights != null) {
                spec.put("event-weights", InteractionLoader.parseWeights(eventWeights));
            }
            putIfGiven(spec, "scale", scale);
            putIfGiven(spec, "on-bad-row", onBadRow);
            putIfGiven(spec, "duplicates", duplicates);
            putIfGiven(spec, "aggregate", aggregate);
            if (itemMetadata != null) {
                nested(spec, "items").put("source", itemMetadata);
            }
        }

        /** A copy of the map under {@code key} in {@code map} (a new one when absent), put back in its place. */
        @SuppressWarnings("unchecked")
        public static Map<String, Object> nested(Map<String, Object> map, String key) {
            Object value = map.get(key);
            Map<String, Object> copy = value instanceof Map<?, ?> existing ? new LinkedHashMap<>((Map<String, Object>) existing)
                    : new LinkedHashMap<>();
            map.put(key, copy);
            return copy;
        }

        /** Puts {@code value} under {@code key} unless it is null. */
        public static void putIfGiven(Map<String, Object> map, String key, String value) {
            if (value != null) {
                map.put(key, value);
            }
        }
    }

    /** Checks the combination of source, format and query. */
    public DataSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(duplicates, "duplicates");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(onBadRow, "onBadRow");
        eventWeights = Map.copyOf(eventWeights);
        format = format == null ? null : format.toLowerCase(Locale.ROOT);
        if (isJdbc(source) != (query != null)) {
            throw new IllegalArgumentException(isJdbc(source) ? "the JDBC source " + withoutCredentials(source)
                    + " needs a query (--query \"SELECT ...\")" : "a query is only for a JDBC source (jdbc:...), not " + source);
        }
    }

    /** The source with every other setting at its default: a MovieLens folder or a file with a header, read strictly. */
    public static DataSpec of(String source) {
        return new DataSpec(source, null, null, true, Columns.defaults(), Map.of(), null, DuplicatePolicy.ERROR,
                Aggregation.SUM, OnBadRow.ERROR, null, null);
    }

    /** A MovieLens (or any) folder or file. */
    public static DataSpec of(Path source) {
        return of(source.toString());
    }

    private static boolean isJdbc(String source) {
        return source.startsWith("jdbc:");
    }

    /**
     * The format the source is read as: "movielens" for a folder, "jdbc" for a JDBC URL, else the format
     * given or the files' extension ({@link RowSources#formatOf}).
     */
    public String resolvedFormat() {
        if (format != null) {
            return format;
        }
        if (isJdbc(source)) {
            return "jdbc";
        }
        if (!RowSources.isGlob(source) && Files.isDirectory(Path.of(source))) {
            return "movielens";
        }
        if (!RowSources.isGlob(source) && !Files.exists(Path.of(source))) {
            // A name without an extension was meant as a MovieLens folder.
            boolean folder = !String.valueOf(Path.of(source).getFileName()).contains(".");
            throw new DataFormatException(Path.of(source), (folder ? "folder not found: " : "file not found: ") + source);
        }
        return RowSources.formatOf(Path.of(source));
    }

    /** Whether this is a MovieLens folder, loaded by {@link MovieLens} with its fast path and cache. */
    public boolean isMovieLens() {
        return resolvedFormat().equals("movielens");
    }

    /** The MovieLens folder or the single file, for messages and for ML-100K's predefined splits. */
    public String describe() {
        return isJdbc(source) ? withoutCredentials(source) + " [" + query.strip() + "]" : source;
    }

    /**
     * This spec as a map of the spec-file keys, with absolute paths and without credentials: what a model's
     * provenance records ({@link #toRecorded()}). Defaults are left out.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", isJdbc(source) ? withoutCredentials(source) : absolute(source));
        putIfSet(map, "format", format);
        putIfSet(map, "query", query);
        if (!header) {
            map.put("header", false);
        }
        Map<String, Object> mapped = new LinkedHashMap<>();
        putIfSet(mapped, "user", columns.user());
        putIfSet(mapped, "item", columns.item());
        putIfSet(mapped, "rating", columns.rating());
        putIfSet(mapped, "time", columns.time());
        putIfSet(mapped, "event", columns.event());
        if (!mapped.isEmpty()) {
            map.put("columns", mapped);
        }
        if (!eventWeights.isEmpty()) {
            map.put("event-weights", new java.util.TreeMap<>(eventWeights));
        }
        if (scale != null) {
            map.put("scale", formatScale(scale));
        }
        if (duplicates != DuplicatePolicy.ERROR) {
            map.put("duplicates", duplicatesName(duplicates));
        }
        if (aggregate != Aggregation.SUM) {
            map.put("aggregate", aggregate.name().toLowerCase(Locale.ROOT));
        }
        if (onBadRow != OnBadRow.ERROR) {
            map.put("on-bad-row", onBadRow.name().toLowerCase(Locale.ROOT));
        }
        if (items != null) {
            map.put("items", metadataMap(items));
        }
        if (users != null) {
            map.put("users", metadataMap(users));
        }
        return map;
    }

    private static Map<String, Object> metadataMap(Metadata metadata) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", isJdbc(metadata.source()) ? withoutCredentials(metadata.source()) : absolute(metadata.source()));
        putIfSet(map, "format", metadata.format());
        putIfSet(map, "query", metadata.query());
        if (!metadata.header()) {
            map.put("header", false);
        }
        MetadataLoader.Options options = metadata.columns();
        putIfSet(map, "id", options.id());
        putIfSet(map, "title", options.title());
        putIfSet(map, "year", options.year());
        if (options.categories() != null) {
            map.put("categories", options.categories());
        }
        if (!options.separator().equals("|")) {
            map.put("separator", options.separator());
        }
        if (!options.numeric().isEmpty()) {
            map.put("numeric", options.numeric());
        }
        return map;
    }

    /**
     * What a model's provenance records as its data source: the absolute folder of a MovieLens folder given
     * with every default (as models always recorded it), else this spec's {@link #toMap() map} as JSON.
     */
    public String toRecorded() {
        Map<String, Object> map = toMap();
        if (map.size() == 1 && isMovieLens()) {
            return (String) map.get("source");
        }
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec map is plain values", e);
        }
    }

    /**
     * The spec a model's provenance recorded ({@link #toRecorded()}): a folder path, or a spec as JSON.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static DataSpec fromRecorded(String recorded) {
        if (!recorded.startsWith("{")) {
            return of(recorded);
        }
        try {
            return fromMap(JSON.readValue(recorded, new TypeReference<Map<String, Object>>() { }), Path.of("."));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the recorded data source is not a data spec: " + recorded, e);
        }
    }

    /**
     * The spec a spec file's map describes (see the class description); relative paths are resolved against
     * {@code base}, the spec file's folder.
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public static DataSpec fromMap(Map<String, ?> map, Path base) {
        checkKeys(map, KEYS, "a data spec");
        Object source = map.get("source");
        if (!(source instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("a data spec needs a source (a MovieLens folder, a file, a glob or a JDBC URL), got "
                    + source);
        }
        Map<String, ?> columns = submap(map, "columns");
        checkKeys(columns, COLUMN_KEYS, "columns");
        Map<String, ?> weights = submap(map, "event-weights");
        Map<String, Float> eventWeights = new LinkedHashMap<>();
        weights.forEach((event, weight) -> eventWeights.put(event, number(weight, "event-weights." + event)));
        Metadata items = metadata(map, "items", ITEM_KEYS, base);
        Metadata users = metadata(map, "users", USER_KEYS, base);
        return new DataSpec(resolve(base, text), text(map, "format"), text(map, "query"), bool(map, "header", true),
                new Columns(text(columns, "user"), text(columns, "item"), text(columns, "rating"), text(columns, "time"),
                        text(columns, "event")),
                eventWeights, map.get("scale") == null ? null : parseScale(String.valueOf(map.get("scale"))),
                parseDuplicates(text(map, "duplicates")), parseEnum(Aggregation.class, text(map, "aggregate"), Aggregation.SUM, "aggregate"),
                parseEnum(OnBadRow.class, text(map, "on-bad-row"), OnBadRow.ERROR, "on-bad-row"), items, users);
    }

    /** The metadata source of block {@code key} ("items" or "users"), or null when there is none. */
    private static Metadata metadata(Map<String, ?> map, String key, Set<String> keys, Path base) {
        if (map.get(key) == null) {
            return null;
        }
        Map<String, ?> block = submap(map, key);
        checkKeys(block, keys, key);
        Object source = block.get("source");
        if (!(source instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(key + " needs a source (a file or a JDBC URL), got " + source);
        }
        return new Metadata(resolve(base, text), text(block, "format"), text(block, "query"), bool(block, "header", true),
                new MetadataLoader.Options(text(block, "id"), text(block, "title"), text(block, "year"), names(block.get("categories")),
                        block.get("separator") == null ? "|" : String.valueOf(block.get("separator")), names(block.get("numeric"))));
    }

    /**
     * Parses a rating scale: {@code MIN-MAX} ({@code 1-5}), {@code MIN-MAX/STEP} ({@code 0.5-5/0.5}),
     * {@code stars} (1-5 in whole steps) or {@code half-stars} (0.5-5 in halves).
     *
     * @throws IllegalArgumentException naming the text
     */
    public static RatingScale parseScale(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        if (trimmed.equals("stars")) {
            return RatingScale.STARS;
        }
        if (trimmed.equals("half-stars")) {
            return RatingScale.HALF_STARS;
        }
        int slash = trimmed.indexOf('/');
        String range = slash < 0 ? trimmed : trimmed.substring(0, slash);
        int dash = range.indexOf('-', 1);
        try {
            if (dash < 0) {
                throw new NumberFormatException("no '-' between MIN and MAX");
            }
            float min = Float.parseFloat(range.substring(0, dash));
            float max = Float.parseFloat(range.substring(dash + 1));
            float step = slash < 0 ? 0f : Float.parseFloat(trimmed.substring(slash + 1));
            return new RatingScale(min, max, step);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a rating scale looks like 1-5, 0.5-5/0.5 (MIN-MAX/STEP), stars or half-stars; got \""
                    + text + "\"", e);
        }
    }

    /** The text {@link #parseScale} reads back. */
    public static String formatScale(RatingScale scale) {
        String range = scale.toString();
        return range.replace(" to ", "-").replace(" in steps of ", "/");
    }

    /**
     * Parses a duplicate policy: {@code error}, {@code last} or {@code mean}; null gives {@code error}.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static DuplicatePolicy parseDuplicates(String text) {
        if (text == null) {
            return DuplicatePolicy.ERROR;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> DuplicatePolicy.ERROR;
            case "last", "keep_last", "keep-last" -> DuplicatePolicy.KEEP_LAST;
            case "mean" -> DuplicatePolicy.MEAN;
            default -> throw new IllegalArgumentException("duplicates must be error, last or mean, got \"" + text + "\"");
        };
    }

    private static String duplicatesName(DuplicatePolicy policy) {
        return policy == DuplicatePolicy.KEEP_LAST ? "last" : policy.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a lower-case enum name ({@code count}, {@code skip}); null gives {@code fallback}.
     *
     * @throws IllegalArgumentException naming the key, the text and the choices
     */
    public static <E extends Enum<E>> E parseEnum(Class<E> type, String text, E fallback, String key) {
        if (text == null) {
            return fallback;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.strip().replace('-', '_'))) {
                return value;
            }
        }
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(value.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ", names) + ", got \"" + text + "\"");
    }

    /** A JDBC URL without a user and password: no {@code user:password@} and no password or user parameter. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@?;]*@", "//")
                .replaceAll("(?i)([?&;])(password|user)=[^&;]*", "$1")
                .replaceAll("[?&;]+$", "")
                .replaceAll("([?&;])[&;]+", "$1");
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    private static String resolve(Path base, String path) {
        return isJdbc(path) || Path.of(path).isAbsolute() ? path : base.resolve(path).normalize().toString();
    }

    /** A list of column names from a YAML list or a comma-separated string; null when absent. */
    private static List<String> names(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value).split(","));
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void checkKeys(Map<String, ?> map, Set<String> known, String what) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key \"" + key + "\" in " + what + "; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> submap(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(key + " must be a map of names to values, got " + value);
        }
        return (Map<String, ?>) value;
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static boolean bool(Map<String, ?> map, String key, boolean fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new IllegalArgumentException(key + " must be true or false, got " + value);
    }

    private static float number(Object value, String key) {
        if (value instanceof Number number) {
            return number.floatValue();
        }
        try {
            return Float.parseFloat(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got " + value, e);
        }
    }
}
