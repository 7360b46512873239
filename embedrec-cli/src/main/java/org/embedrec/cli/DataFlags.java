package org.embedrec.cli;

import static org.embedrec.io.DataSpec.Overrides.nested;
import static org.embedrec.io.DataSpec.Overrides.putIfGiven;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.embedrec.data.Dataset;
import org.embedrec.io.DataLoader;
import org.embedrec.io.DataSpec;
import org.embedrec.io.MovieLens;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The data flags of every command that reads data: {@code --data} (a MovieLens folder, an interactions
 * file or glob, a JDBC URL, or a data spec file) and the flags that map its columns and set its policies.
 * They make one {@link DataSpec}; flags given beside a spec file override its keys.
 */
final class DataFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-d", "--data"}, paramLabel = "SOURCE",
            description = "a MovieLens folder (layout detected), an interactions file or glob (CSV, TSV, JSON lines; Parquet with"
                    + " the embedrec-duckdb module), a JDBC URL with --query, or a data spec file (.yaml/.json)")
    String data;

    @Option(names = "--format", paramLabel = "NAME", description = "csv, tsv, jsonl or parquet (default: from the file extension)")
    String format;

    @Option(names = "--query", paramLabel = "SQL",
            description = "the SQL query of a JDBC --data; credentials come from $EMBEDREC_DB_USER and $EMBEDREC_DB_PASSWORD(_FILE)")
    String query;

    @Option(names = "--no-header", description = "CSV/TSV files have no header line: columns are named 1, 2, 3, ... by position")
    boolean noHeader;

    @Option(names = "--user-col", paramLabel = "NAME", description = "the user column (default: user, or 1 without a header)")
    String userColumn;

    @Option(names = "--item-col", paramLabel = "NAME", description = "the item column (default: item, or 2 without a header)")
    String itemColumn;

    @Option(names = "--rating-col", paramLabel = "NAME|none",
            description = "the rating column (default: rating if present, or 3); none = implicit data")
    String ratingColumn;

    @Option(names = "--time-col", paramLabel = "NAME|none",
            description = "the time column: seconds since 1970 or ISO date-times (default: timestamp or time if present, or 4)")
    String timeColumn;

    @Option(names = "--event-col", paramLabel = "NAME|none", description = "the event type column of implicit data (default: event if present)")
    String eventColumn;

    @Option(names = "--event-weights", paramLabel = "TYPE=W,...", description = "weight of each event type, e.g. view=1,cart=3,purchase=5")
    String eventWeights;

    @Option(names = "--scale", paramLabel = "MIN-MAX[/STEP]",
            description = "the rating scale, e.g. 1-5 or 0.5-5/0.5 (default: inferred, and ratings off it are errors)")
    String scale;

    @Option(names = "--on-bad-row", paramLabel = "error|skip", description = "a missing or invalid value: stop with an error (default), or skip the row and count it")
    String onBadRow;

    @Option(names = "--duplicates", paramLabel = "error|last|mean", description = "a user rating an item twice, explicit data (default: error)")
    String duplicates;

    @Option(names = "--aggregate", paramLabel = "sum|count|last",
            description = "repeated (user, item) interactions of implicit data: sum of weights (default), count, or last weight")
    String aggregate;

    @Option(names = "--item-metadata", paramLabel = "FILE|URL", description = "item metadata: a file (or a JDBC URL with --item-metadata-query)")
    String items;

    @Option(names = "--item-metadata-query", paramLabel = "SQL", description = "the SQL query of a JDBC --item-metadata")
    String itemsQuery;

    @Option(names = "--item-id-col", paramLabel = "NAME", description = "the id column of --item-metadata (default: the --item-col name, item or id)")
    String itemIdColumn;

    @Option(names = "--title-col", paramLabel = "NAME|none", description = "the title column of --item-metadata (default: title if present; else ids are shown)")
    String titleColumn;

    @Option(names = "--category-cols", paramLabel = "NAME,...",
            description = "categorical columns of --item-metadata, the categories bpr-genres and hybrid use (default: genres, category)")
    String categoryColumns;

    @Option(names = "--numeric-cols", paramLabel = "NAME,...",
            description = "numeric columns of --item-metadata (a price): each item's quartile becomes a category, e.g. price=Q1")
    String numericColumns;

    @Option(names = "--multi-value-separator", paramLabel = "TEXT", description = "splits multi-valued categories (default: |)")
    String multiValueSeparator;

    @Option(names = "--user-metadata", paramLabel = "FILE|URL",
            description = "user metadata: a file (or a JDBC URL with --user-metadata-query); every column but the id is an attribute")
    String userMetadata;

    @Option(names = "--user-metadata-query", paramLabel = "SQL", description = "the SQL query of a JDBC --user-metadata")
    String userMetadataQuery;

    @Option(names = "--user-id-col", paramLabel = "NAME", description = "the id column of --user-metadata (default: the --user-col name, user or id)")
    String userIdColumn;

    /**
     * Whether {@code --data} was given.
     *
     * @throws IllegalArgumentException if a mapping flag was given without it, which would be ignored
     */
    boolean given() {
        if (data == null && (overrides().any() || query != null || userMetadata != null)) {
            throw new IllegalArgumentException("the data flags (--user-col, --item-metadata, --scale, ...) describe a --data source;"
                    + " give --data too (a model's recorded source is read as it was recorded)");
        }
        return data != null;
    }

    /**
     * The data spec these flags describe.
     *
     * @throws IllegalArgumentException if there is no {@code --data}, or a flag or spec key is invalid
     */
    DataSpec spec() {
        if (data == null) {
            // A usage error (status 2), as picocli reports a missing required option.
            throw new ParameterException(command.commandLine(), "Missing required option: '--data=SOURCE'"
                    + " (a MovieLens folder, an interactions file or glob, a JDBC URL or a data spec file)");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Path base = Path.of(".");
        String lower = data.toLowerCase(Locale.ROOT);
        boolean specFile = Files.isRegularFile(Path.of(data)) && (lower.endsWith(".yaml") || lower.endsWith(".yml")
                || lower.endsWith(".json") && isSpecFile(Path.of(data)));
        if (specFile) {
            map.putAll(readSpecFile(Path.of(data)));
            base = Path.of(data).toAbsolutePath().getParent();
        } else {
            map.put("source", data);
        }
        overrides().applyTo(map);
        putIfGiven(map, "query", query);
        if (map.get("items") != null) {
            Map<String, Object> item = nested(map, "items");
            putIfGiven(item, "query", itemsQuery);
            putIfGiven(item, "id", itemIdColumn);
            putIfGiven(item, "title", titleColumn);
            if (categoryColumns != null) {
                item.put("categories", Arrays.asList(categoryColumns.split(",")));
            }
            putIfGiven(item, "separator", multiValueSeparator);
            if (numericColumns != null) {
                item.put("numeric", Arrays.asList(numericColumns.split(",")));
            }
        }
        if (userMetadata != null || map.get("users") != null) {
            Map<String, Object> user = nested(map, "users");
            putIfGiven(user, "source", userMetadata);
            putIfGiven(user, "query", userMetadataQuery);
            putIfGiven(user, "id", userIdColumn);
        }
        return DataSpec.fromMap(map, base);
    }

    /** The flags that {@code embedrec} and the Spark jobs share. */
    private DataSpec.Overrides overrides() {
        return new DataSpec.Overrides(format, noHeader, userColumn, itemColumn, ratingColumn, timeColumn, eventColumn,
                eventWeights, scale, onBadRow, duplicates, aggregate, items);
    }

    /** Loads the data set and reports its size on {@code out}. */
    Dataset load(PrintStream out) {
        return loadReporting(spec(), out, MovieLens.CachePolicy.AUTO);
    }

    /** Loads {@code spec} and reports its size, and the rows skipped, on {@code out}. */
    static Dataset loadReporting(DataSpec spec, PrintStream out, MovieLens.CachePolicy cache) {
        long start = System.nanoTime();
        DataLoader.Loaded loaded = DataLoader.load(spec, cache);
        Dataset data = loaded.dataset();
        out.printf(Locale.ROOT, "loaded %s: %,d %s, %,d users, %,d items (%.2f s)%n", data.name(),
                data.ratings().size(), data.implicit() ? "interactions (implicit)" : "ratings", data.ratings().userCount(),
                data.ratings().itemCount(), (System.nanoTime() - start) / 1e9);
        if (loaded.skipped() > 0) {
            out.printf(Locale.ROOT, "skipped %,d bad row(s) (--on-bad-row skip); the first: %s%n", loaded.skipped(), loaded.firstSkipped());
        }
        return data;
    }

    /** Whether a {@code .json} file is a data spec (one object with a source) rather than JSON-lines data. */
    private static boolean isSpecFile(Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), Map.class).containsKey("source");
        } catch (IOException e) {
            return false; // several objects, one per line: data
        }
    }

    private static Map<String, Object> readSpecFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try {
            Map<String, Object> map = mapper.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            if (map == null) {
                throw new IllegalArgumentException("the data spec file " + file + " is empty");
            }
            return map;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the data spec file " + file + ": " + e.getMessage(), e);
        }
    }
}
