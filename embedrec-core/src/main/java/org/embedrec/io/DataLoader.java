package org.embedrec.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.data.UserAttributes;
import org.embedrec.io.rows.ColumnarSource;
import org.embedrec.io.rows.JdbcRowSource;
import org.embedrec.io.rows.RowSource;
import org.embedrec.io.rows.RowSources;

/**
 * Loads the data set a {@link DataSpec} describes, and splits it: the one way the command line, the
 * server and the report read data. A MovieLens folder goes to {@link MovieLens} (fast path, binary
 * cache); files, globs and JDBC queries go through {@link InteractionLoader} (one CSV or TSV file first
 * by its byte-level path, one Parquet file first as whole columns when a module reads it so), with the item catalog read
 * first by {@link MetadataLoader} so that its items keep their order; user metadata is read by the same
 * loader.
 */
public final class DataLoader {
    private DataLoader() {
    }

    /**
     * A loaded data set and what loading it skipped.
     *
     * @param dataset the data set
     * @param skipped rows skipped as bad ({@link InteractionLoader.OnBadRow#SKIP}), 0 otherwise
     * @param firstSkipped the first skipped row's problem, or null
     */
    public record Loaded(Dataset dataset, long skipped, String firstSkipped) {
    }

    /**
     * Loads {@code spec}.
     *
     * @param cache the binary cache policy of MovieLens folders (other sources are not cached)
     * @throws DataFormatException for missing sources and bad rows, naming the source, row, column and value
     * @throws IllegalArgumentException for a spec that does not fit its source (mapping options for a
     *     MovieLens folder, an event column without weights)
     */
    public static Loaded load(DataSpec spec, MovieLens.CachePolicy cache) {
        if (spec.isMovieLens()) {
            DataSpec plain = DataSpec.of(spec.source());
            if (!spec.equals(plain) && !spec.equals(new DataSpec(spec.source(), "movielens", null, true, plain.columns(),
                    plain.eventWeights(), null, plain.duplicates(), plain.aggregate(), plain.onBadRow(), null, null))) {
                throw new IllegalArgumentException(spec.source() + " is a MovieLens folder, read with its own columns and scale;"
                        + " to map columns yourself, give its ratings file (e.g. " + Path.of(spec.source()).resolve("ratings.csv")
                        + ") and --item-metadata with the movies file");
            }
            return new Loaded(MovieLens.load(Path.of(spec.source()), cache), 0, null);
        }
        ItemCatalog catalog = spec.items() == null ? null : loadItems(spec);
        InteractionLoader loader = new InteractionLoader(new InteractionLoader.Options(spec.columns(), spec.eventWeights(),
                spec.scale(), spec.duplicates(), spec.aggregate(), spec.onBadRow()));
        IdIndex knownItems = catalog == null ? IdIndex.of(List.of()) : catalog.items();
        List<Supplier<RowSource>> sources = sources(spec.source(), spec.format(), spec.query(), spec.header());
        String format = spec.resolvedFormat();
        boolean oneFile = sources.size() == 1 && !spec.source().startsWith("jdbc:") && !RowSources.isGlob(spec.source());
        Optional<ColumnarSource> columnar = oneFile ? RowSources.openColumnar(Path.of(spec.source()), format) : Optional.empty();
        InteractionLoader.Result result;
        if (oneFile && (format.equals("csv") || format.equals("tsv"))) {
            result = loader.loadDelimited(Path.of(spec.source()), format.equals("csv") ? ',' : '\t', spec.header(), sources.get(0), knownItems);
        } else if (columnar.isPresent()) {
            result = loader.loadColumnar(columnar.get(), sources.get(0), knownItems);
        } else {
            result = loader.load(sources, knownItems);
        }
        Ratings ratings = result.ratings();
        ItemCatalog aligned = catalog == null ? ItemCatalog.untitled(ratings.items()) : catalog.alignedTo(ratings.items());
        return new Loaded(new Dataset(name(spec), ratings, aligned, result.implicit(), loadUsers(spec)), result.skipped(),
                result.firstSkipped());
    }

    /**
     * The split {@code split} of {@code ratings}, loaded from {@code spec}: ML-100K's predefined splits are
     * read from its folder, every other split is computed ({@link SplitSpec#apply}).
     *
     * @throws IllegalArgumentException for a predefined split of data that is not an ML-100K folder
     */
    public static Split split(DataSpec spec, SplitSpec split, Ratings ratings, long seed) {
        if (split instanceof SplitSpec.Predefined predefined) {
            if (!spec.isMovieLens()) {
                throw new IllegalArgumentException("the predefined split " + predefined.name()
                        + " exists only in an ML-100K folder, not in " + spec.describe() + "; use e.g. random:0.1 or user:0.2");
            }
            return MovieLens.split(Path.of(spec.source()), split, ratings, seed);
        }
        return split.apply(ratings, seed);
    }

    /**
     * The item catalog of {@code spec}'s {@link DataSpec#items() items} source, read by {@link MetadataLoader}
     * (its id column defaulting to the interactions' item column).
     *
     * @throws NullPointerException if the spec names no items source
     */
    public static ItemCatalog loadItems(DataSpec spec) {
        try (RowSource rows = metadataRows(spec.items(), "items")) {
            return new MetadataLoader(spec.items().columns()).loadItems(rows, spec.columns().item() != null ? spec.columns().item() : "item");
        }
    }

    /**
     * The user attributes of {@code spec}'s {@link DataSpec#users() users} source, read by {@link MetadataLoader}
     * (its id column defaulting to the interactions' user column); none when the spec names no users source.
     */
    public static UserAttributes loadUsers(DataSpec spec) {
        if (spec.users() == null) {
            return UserAttributes.none();
        }
        try (RowSource rows = metadataRows(spec.users(), "users")) {
            return new MetadataLoader(spec.users().columns()).loadUsers(rows, spec.columns().user() != null ? spec.columns().user() : "user");
        }
    }

    private static RowSource metadataRows(DataSpec.Metadata metadata, String what) {
        List<Supplier<RowSource>> sources = sources(metadata.source(), metadata.format(), metadata.query(), metadata.header());
        if (sources.size() != 1) {
            throw new IllegalArgumentException(what + " come from one file, but " + metadata.source() + " matches " + sources.size());
        }
        return sources.get(0).get();
    }

    /** One supplier per file of a glob, or the one query. */
    private static List<Supplier<RowSource>> sources(String source, String format, String query, boolean header) {
        if (source.startsWith("jdbc:")) {
            return List.of(() -> JdbcRowSource.open(source, query));
        }
        return RowSources.files(source).stream()
                .<Supplier<RowSource>>map(file -> () -> RowSources.open(file, format != null ? format : RowSources.formatOf(file), header))
                .toList();
    }

    /** The data set's name: the file name without extension (of a glob: its folder), or "query". */
    private static String name(DataSpec spec) {
        if (spec.source().startsWith("jdbc:")) {
            return "query";
        }
        Path path = Path.of(spec.source()).toAbsolutePath().normalize();
        if (RowSources.isGlob(spec.source())) {
            path = path.getParent();
        }
        String name = String.valueOf(path.getFileName());
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
