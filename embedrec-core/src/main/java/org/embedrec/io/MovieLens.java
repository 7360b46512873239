package org.embedrec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.data.UserProfiles;

/**
 * Loads the MovieLens data sets of GroupLens Research (F. M. Harper and J. A. Konstan, "The MovieLens
 * Datasets: History and Context", ACM TiiS 5(4), 2015) in every published layout, detected from the
 * folder contents (see {@link Layout}). The folder may also be a release folder whose single subfolder
 * holds the files, as a downloaded zip often unpacks.
 *
 * <p><b>Items.</b> The item index lists every movie of the movies file in file order, followed by
 * any rated movie the movies file lacks (titled by its id, with no year and no genres), so
 * {@code dataset.catalog().items()} equals {@code dataset.ratings().items()}. Users are indexed in order
 * of first appearance in the ratings file. Titles are kept as published (trimmed), e.g.
 * "Toy Story (1995)"; the release year comes from the title's trailing "(1995)" or "(1994-1998)",
 * else (ML-100K) from the release date, else it is {@link ItemCatalog#UNKNOWN_YEAR}. Genres
 * "(no genres listed)" mean none; ML-100K's genre names and their order come from {@code u.genre}
 * (including its "unknown" genre).
 *
 * <p><b>Encodings.</b> The CSV releases are UTF-8 and read strictly so. ML-100K's {@code u.item} and
 * ML-1M's {@code movies.dat} are ISO-8859-1 while ML-10M's {@code movies.dat} is UTF-8, so these item
 * files are read as UTF-8 when they are valid UTF-8 and as ISO-8859-1 otherwise; accented Latin-1 text
 * is practically never valid UTF-8. Rating files are ASCII.
 *
 * <p>Malformed files throw {@link DataFormatException} naming the file, the line and its text; the
 * ratings file follows the policy of {@link DelimitedRatingsLoader}, with repeated (user, movie) pairs
 * an error (no release has any).
 */
public final class MovieLens {
    /** The ML-100K predefined train/test splits: five-fold u1..u5 and the 10-ratings-per-user ua, ub. */
    public static final List<String> PREDEFINED_SPLITS = SplitSpec.PREDEFINED;

    private static final String NO_GENRES = "(no genres listed)";
    private static final List<String> CSV_MOVIES_HEADER = List.of("movieId", "title", "genres");
    /** The columns of ratings.csv by name, in the order user, item, rating, timestamp. */
    private static final List<String> CSV_RATINGS_COLUMNS = List.of("userId", "movieId", "rating", "timestamp");
    /** ML-100K's u.item: id, title, release date, video release date, IMDb URL, then the genre flags. */
    private static final int ITEM_FIELDS_BEFORE_GENRES = 5;

    private MovieLens() {
    }

    /**
     * The file layouts of the MovieLens releases, named by the ratings file that identifies them: the one
     * place that says which files a release has and how its ratings file is delimited, for this loader and
     * for readers elsewhere (the Spark jobs read the ratings file with {@link #ratingsOptions()} and the
     * {@link #catalogFiles()} with {@link MovieLens#loadCatalog(Path, Layout)}).
     */
    public enum Layout {
        /** ML-100K: tab-separated {@code u.data}, pipe-separated {@code u.item}, {@code u.genre}, {@code u.user}. */
        ML_100K("u.data", "u.item", DelimitedRatingsLoader.Options.tsv().withScale(RatingScale.STARS), "u.genre"),
        /**
         * ML-1M and ML-10M: {@code ratings.dat} and {@code movies.dat} with {@code ::} separators. ML-1M has
         * whole stars and ML-10M half stars, so the half-star scale covers both.
         */
        DAT("ratings.dat", "movies.dat", DelimitedRatingsLoader.Options.tsv().withSeparator("::")
                .withScale(RatingScale.HALF_STARS)),
        /**
         * ml-latest, ml-latest-small, ml-20m, ml-25m: {@code ratings.csv} and {@code movies.csv}, each with a
         * header line. The ratings header names the columns, which are found by name
         * ({@link MovieLens#ratingsOptions(Path, Layout)}).
         */
        CSV("ratings.csv", "movies.csv", DelimitedRatingsLoader.Options.csv().withScale(RatingScale.HALF_STARS));

        private final String ratingsFile;
        private final String moviesFile;
        private final DelimitedRatingsLoader.Options ratingsOptions;
        private final List<String> catalogFiles;

        Layout(String ratingsFile, String moviesFile, DelimitedRatingsLoader.Options ratingsOptions, String... otherCatalogFiles) {
            this.ratingsFile = ratingsFile;
            this.moviesFile = moviesFile;
            this.ratingsOptions = ratingsOptions;
            List<String> files = new ArrayList<>(List.of(moviesFile));
            files.addAll(List.of(otherCatalogFiles));
            this.catalogFiles = List.copyOf(files);
        }

        /** Name of the ratings file, e.g. "ratings.csv". */
        public String ratingsFile() {
            return ratingsFile;
        }

        /** Name of the movies file, e.g. "movies.csv". */
        public String moviesFile() {
            return moviesFile;
        }

        /**
         * How the ratings file is delimited, which columns hold what in the published files, and the rating
         * scale; repeated (user, movie) pairs are errors. For {@link #CSV}, whose header names the columns,
         * {@link MovieLens#ratingsOptions(Path, Layout)} reads the columns from the file's header.
         */
        public DelimitedRatingsLoader.Options ratingsOptions() {
            return ratingsOptions;
        }

        /** The files the movie catalog is read from: the movies file, and for ML-100K also {@code u.genre}. */
        public List<String> catalogFiles() {
            return catalogFiles;
        }
    }

    /** Where a release's files are and how they are laid out. */
    private record Release(Path folder, Layout layout) {
        Path file(String name) {
            return folder.resolve(name);
        }
    }

    /**
     * The layout of the MovieLens release in {@code dir} (or in its single release subfolder).
     *
     * @throws DataFormatException if the folder is missing or holds no MovieLens ratings file
     */
    public static Layout layout(Path dir) {
        return locate(dir).layout();
    }

    /**
     * Loads the release in {@code dir} (or in its single release subfolder) as a data set named after
     * the folder holding the files, with its movie catalog.
     *
     * @throws DataFormatException if the folder holds no release or a file is missing or malformed
     */
    public static Dataset load(Path dir) {
        return load(dir, CachePolicy.AUTO);
    }

    /**
     * Loads the release in {@code dir} as {@link #load(Path)} does, keeping a binary cache of the parsed
     * ratings next to the ratings file as {@code cache} says. A valid cache makes a second load of
     * ML-25M take about a second instead of several; a stale or damaged cache is ignored and rewritten
     * (see {@link CachePolicy}).
     *
     * @throws DataFormatException if the folder holds no release or a file is missing or malformed
     */
    public static Dataset load(Path dir, CachePolicy cache) {
        return load(locate(dir), Objects.requireNonNull(cache, "cache"));
    }

    /**
     * Whether loading keeps a binary copy of the parsed ratings, {@code <ratings file>.embedrec-cache},
     * beside the ratings file. The cache is used only when it matches the ratings file's size,
     * modification time and sampled content fingerprint, the movies file's ids and the loader's options,
     * and when its checksum is intact; otherwise it is rebuilt. A folder that cannot be written is
     * loaded without a cache. Delete the file to reclaim its space (20 bytes per rating).
     */
    public enum CachePolicy {
        /** Cache ratings files of at least 16 MiB (ML-1M and larger), where parsing takes noticeable time. */
        AUTO,
        /** Always cache. */
        ALWAYS,
        /** Never read or write a cache. */
        NEVER;

        static final long AUTO_MIN_BYTES = 16L << 20;

        boolean applies(Path ratingsFile) {
            try {
                return this == ALWAYS || this == AUTO && Files.size(ratingsFile) >= AUTO_MIN_BYTES;
            } catch (IOException e) {
                return false; // the loader reports the unreadable file
            }
        }
    }

    /**
     * The movie catalog of a release laid out as {@code layout} in {@code folder}, read from its
     * {@linkplain Layout#catalogFiles() catalog files} alone: the movies in file order with titles, years
     * and genres exactly as {@link #load} gives them (where {@code load} also appends rated movies that
     * the movies file lacks). The ratings file need not be there, so a reader that holds the ratings
     * elsewhere (a Spark job) can copy just these files.
     *
     * @throws DataFormatException if a catalog file is missing or malformed, or lists no movie
     */
    public static ItemCatalog loadCatalog(Path folder, Layout layout) {
        Objects.requireNonNull(folder, "folder");
        Path movies = folder.resolve(layout.moviesFile());
        return switch (layout) {
            case ML_100K -> readItemFile(movies, readGenreFile(folder.resolve("u.genre")));
            case DAT -> readMoviesDat(movies);
            case CSV -> readMoviesCsv(movies);
        };
    }

    /**
     * How to read {@code ratingsFile} of a release laid out as {@code layout}: the layout's
     * {@linkplain Layout#ratingsOptions() options}, with the columns of a {@link Layout#CSV} file found by
     * the names in its header ({@code userId}, {@code movieId}, {@code rating}, {@code timestamp}, in any
     * order; other columns are ignored).
     *
     * @throws DataFormatException if a CSV file has no header line (its first line is data, which would
     *     otherwise be skipped as a header), or a header lacking one of these names or naming one twice
     */
    public static DelimitedRatingsLoader.Options ratingsOptions(Path ratingsFile, Layout layout) {
        DelimitedRatingsLoader.Options options = layout.ratingsOptions;
        if (layout != Layout.CSV) {
            return options;
        }
        String header = DelimitedRatingsLoader.firstNonBlankLine(ratingsFile, options.charset());
        if (header == null) {
            return options; // an empty file: the loader says it holds no ratings
        }
        List<String> names = Arrays.stream(TextFiles.split(header, options.separator())).map(String::strip).toList();
        String expected = "userId,movieId,rating,timestamp";
        if (!names.isEmpty() && !names.get(0).isEmpty() && names.get(0).chars().allMatch(Character::isDigit)) {
            throw new DataFormatException(ratingsFile, 1, header, "the first line is a rating, not the header \""
                    + expected + "\" that a MovieLens ratings.csv starts with; add that header line");
        }
        int[] columns = new int[CSV_RATINGS_COLUMNS.size()];
        for (int c = 0; c < columns.length; c++) {
            String name = CSV_RATINGS_COLUMNS.get(c);
            columns[c] = names.indexOf(name);
            if (columns[c] < 0 || names.lastIndexOf(name) != columns[c]) {
                throw new DataFormatException(ratingsFile, 1, header, "expected a header naming each of the columns "
                        + String.join(", ", CSV_RATINGS_COLUMNS) + " once, in any order (normally \"" + expected
                        + "\"), but \"" + name + "\" is " + (columns[c] < 0 ? "missing" : "there twice"));
            }
        }
        return options.withColumns(columns[0], columns[1], columns[2], columns[3]);
    }

    private static Dataset load(Release release, CachePolicy cache) {
        ItemCatalog catalog = loadCatalog(release.folder(), release.layout());
        Path ratingsFile = release.file(release.layout().ratingsFile());
        DelimitedRatingsLoader loader = new DelimitedRatingsLoader(ratingsOptions(ratingsFile, release.layout()));
        Supplier<Ratings> parse = () -> loader.read(ratingsFile, IdIndex.builder(),
                IdIndex.builder().addAll(catalog.items()), false);
        Ratings ratings = cache.applies(ratingsFile)
                // The item indices start from the movies file, so its ids are part of what the cache must match.
                ? RatingsCache.load(ratingsFile, cacheContext(loader.options(), catalog.items()), parse)
                : parse.get();
        return new Dataset(folderName(release.folder()), ratings, catalog.alignedTo(ratings.items()));
    }

    /** What a ratings cache must match besides the file: the loader options and the seeded movie ids. */
    static String cacheContext(DelimitedRatingsLoader.Options options, IdIndex movies) {
        return options + "\n" + String.join("\n", movies.ids());
    }

    /**
     * One of the ML-100K predefined splits ({@link #PREDEFINED_SPLITS}): {@code name.base} as train and
     * {@code name.test} as test. Both share the id indices of {@code load(dir).ratings()}, so a model
     * trained on the split can be used with the full data set's catalog.
     *
     * @throws IllegalArgumentException if {@code name} is not a predefined split
     * @throws DataFormatException if the folder is not ML-100K, a file is missing or malformed, or a split
     *     file mentions a user or movie that {@code u.data} lacks
     */
    public static Split predefinedSplit(Path dir, String name) {
        if (!PREDEFINED_SPLITS.contains(name)) {
            throw new IllegalArgumentException("unknown predefined split '" + name + "', expected one of " + PREDEFINED_SPLITS);
        }
        Release release = require100k(locate(dir), "predefined splits");
        Ratings all = load(release, CachePolicy.AUTO).ratings();
        DelimitedRatingsLoader loader = new DelimitedRatingsLoader(Layout.ML_100K.ratingsOptions);
        return new Split(readWithIndicesOf(all, loader, release.file(name + ".base")),
                readWithIndicesOf(all, loader, release.file(name + ".test")));
    }

    /**
     * The split {@code spec} of {@code ratings}, which were loaded from {@code dir}: a
     * {@link SplitSpec.Predefined} split is read from the folder's ML-100K files
     * ({@link #predefinedSplit}), every other one is computed by {@link SplitSpec#apply}.
     *
     * @throws DataFormatException if a predefined split's files are missing or malformed
     */
    public static Split split(Path dir, SplitSpec spec, Ratings ratings, long seed) {
        if (spec instanceof SplitSpec.Predefined predefined) {
            return predefinedSplit(dir, predefined.name());
        }
        return spec.apply(ratings, seed);
    }

    private static Ratings readWithIndicesOf(Ratings all, DelimitedRatingsLoader loader, Path file) {
        return loader.read(file, IdIndex.builder().addAll(all.users()), IdIndex.builder().addAll(all.items()), true);
    }

    /**
     * The ML-100K user profiles of {@code u.user} (id|age|gender|occupation|zip code), aligned with
     * {@code users} (normally {@code load(dir).ratings().users()}). Users absent from {@code u.user} get
     * an unknown profile; profiles of users not in {@code users} are ignored.
     *
     * @throws DataFormatException if the folder is not ML-100K or {@code u.user} is missing or malformed
     */
    public static UserProfiles loadUserProfiles(Path dir, IdIndex users) {
        Path file = require100k(locate(dir), "user profiles").file("u.user");
        int n = users.size();
        int[] ages = new int[n];
        String[] genders = new String[n];
        String[] occupations = new String[n];
        String[] zipCodes = new String[n];
        TextFiles.forEachLine(TextFiles.readUtf8OrLatin1(file), (number, line) -> {
            String[] fields = fields(file, number, line, "|", 5);
            int user = users.tryIndex(fields[0]);
            if (user < 0) {
                return;
            }
            try {
                ages[user] = Integer.parseInt(fields[1]);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, number, line, "age \"" + fields[1] + "\" is not an integer");
            }
            genders[user] = fields[2];
            occupations[user] = fields[3];
            zipCodes[user] = fields[4];
        });
        return UserProfiles.of(users, ages, genders, occupations, zipCodes);
    }

    private static Release require100k(Release release, String what) {
        if (release.layout() != Layout.ML_100K) {
            throw new DataFormatException(release.folder(), what + " exist only in ML-100K, but " + release.folder()
                    + " holds the " + release.layout() + " layout");
        }
        return release;
    }

    private static Release locate(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, (Files.exists(dir) ? "not a folder: " : "folder not found: ") + dir);
        }
        Layout layout = detect(dir);
        if (layout != null) {
            return new Release(dir, layout);
        }
        List<Release> nested = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children.sorted()::iterator) {
                Layout childLayout = Files.isDirectory(child) ? detect(child) : null;
                if (childLayout != null) {
                    nested.add(new Release(child, childLayout));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (nested.size() == 1) {
            return nested.get(0);
        }
        throw new DataFormatException(dir, nested.isEmpty()
                ? "no MovieLens data in " + dir + ": expected u.data (ML-100K), ratings.dat (ML-1M, ML-10M) or ratings.csv"
                        + " (ml-latest, ml-20m, ml-25m) there or in its single subfolder"
                : "several MovieLens releases in " + dir + ": " + nested.stream().map(r -> folderName(r.folder())).toList()
                        + "; pass one of them");
    }

    private static Layout detect(Path folder) {
        for (Layout layout : Layout.values()) {
            if (Files.isRegularFile(folder.resolve(layout.ratingsFile()))) {
                return layout;
            }
        }
        return null;
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "movielens" : name.toString();
    }

    /** u.genre: one "name|index" line per genre, indices 0, 1, 2, ... in order. */
    private static List<String> readGenreFile(Path file) {
        List<String> names = new ArrayList<>();
        TextFiles.forEachLine(TextFiles.readUtf8OrLatin1(file), (number, line) -> {
            String[] fields = fields(file, number, line, "|", 2);
            if (!fields[1].equals(String.valueOf(names.size()))) {
                throw new DataFormatException(file, number, line,
                        "genre index \"" + fields[1] + "\" is out of order, expected " + names.size());
            }
            names.add(fields[0]);
        });
        if (names.isEmpty()) {
            throw new DataFormatException(file, file + " lists no genres");
        }
        return names;
    }

    /** ML-100K's u.item: id|title|release date|video release date|IMDb URL|one 0/1 flag per genre. */
    private static ItemCatalog readItemFile(Path file, List<String> genreNames) {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        genreNames.forEach(catalog::genre);
        TextFiles.forEachLine(TextFiles.readUtf8OrLatin1(file), (number, line) -> {
            String[] fields = fields(file, number, line, "|", ITEM_FIELDS_BEFORE_GENRES + genreNames.size());
            List<String> genres = new ArrayList<>();
            for (int g = 0; g < genreNames.size(); g++) {
                String flag = fields[ITEM_FIELDS_BEFORE_GENRES + g];
                if (flag.equals("1")) {
                    genres.add(genreNames.get(g));
                } else if (!flag.equals("0")) {
                    throw new DataFormatException(file, number, line,
                            "flag \"" + flag + "\" of genre " + genreNames.get(g) + " is neither 0 nor 1");
                }
            }
            int year = ReleaseYears.fromTitle(fields[1]);
            addMovie(catalog, file, number, () -> line, fields[0], fields[1],
                    year != ItemCatalog.UNKNOWN_YEAR ? year : ReleaseYears.fromReleaseDate(fields[2]), genres);
        });
        return requireMovies(catalog.build(), file);
    }

    /** ML-1M and ML-10M's movies.dat: id::title::genres. */
    private static ItemCatalog readMoviesDat(Path file) {
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        TextFiles.forEachLine(TextFiles.readUtf8OrLatin1(file), (number, line) -> {
            String[] fields = fields(file, number, line, "::", 3);
            addMovie(catalog, file, number, () -> line, fields[0], fields[1], ReleaseYears.fromTitle(fields[1]), genreList(fields[2]));
        });
        return requireMovies(catalog.build(), file);
    }

    /** movies.csv: a movieId,title,genres header, then CSV records whose titles may be quoted. */
    private static ItemCatalog readMoviesCsv(Path file) {
        String text = TextFiles.read(file, StandardCharsets.UTF_8);
        ItemCatalog.Builder catalog = ItemCatalog.builder();
        long number = 0;
        try {
            // A reader over a String holds no resource, so it is not closed.
            for (CsvRecord record : CsvReader.builder().acceptCharsAfterQuotes(false).ofCsvRecord(text)) {
                boolean header = number == 0;
                number = record.getStartingLineNumber();
                List<String> fields = record.getFields();
                if (header) {
                    if (!fields.equals(CSV_MOVIES_HEADER)) {
                        throw new DataFormatException(file, number, TextFiles.line(text, number),
                                "expected the header \"" + String.join(",", CSV_MOVIES_HEADER) + "\"");
                    }
                    continue;
                }
                // No movie field holds a line break: one means a quote was opened and never closed.
                if (fields.stream().anyMatch(field -> field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0)) {
                    throw new DataFormatException(file, number, TextFiles.line(text, number),
                            "a double quote is opened and never closed");
                }
                if (fields.size() != CSV_MOVIES_HEADER.size()) {
                    throw new DataFormatException(file, number, TextFiles.line(text, number), "found " + fields.size()
                            + " comma-separated field(s) but expected 3 (a title with commas must be in double quotes)");
                }
                String title = fields.get(1);
                long lineNumber = number;
                addMovie(catalog, file, number, () -> TextFiles.line(text, lineNumber), fields.get(0).strip(), title.strip(),
                        ReleaseYears.fromTitle(title), genreList(fields.get(2)));
            }
        } catch (CsvParseException e) {
            // FastCSV names the line only in its message; the failing record follows the last good one.
            DataFormatException error = new DataFormatException(file, number + 1, TextFiles.line(text, number + 1),
                    "malformed quoting: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            error.initCause(e);
            throw error;
        }
        return requireMovies(catalog.build(), file);
    }

    /** The line's fields, trimmed, checking that there are exactly {@code count}. */
    private static String[] fields(Path file, long number, String line, String separator, int count) {
        String[] fields = TextFiles.split(line, separator);
        if (fields.length != count) {
            throw new DataFormatException(file, number, line, "found " + fields.length + " field(s) separated by \""
                    + separator + "\" but expected " + count);
        }
        for (int f = 0; f < count; f++) {
            fields[f] = fields[f].strip();
        }
        return fields;
    }

    private static List<String> genreList(String field) {
        String genres = field.strip();
        return genres.isEmpty() || genres.equals(NO_GENRES) ? List.of() : Arrays.asList(TextFiles.split(genres, "|"));
    }

    /** Adds a movie; {@code line} supplies the line's text for an error message only. */
    private static void addMovie(ItemCatalog.Builder catalog, Path file, long number, Supplier<String> line, String id,
                                 String title, int year, List<String> genres) {
        if (id.isEmpty()) {
            throw new DataFormatException(file, number, line.get(), "empty movie id");
        }
        if (catalog.tryIndex(id) >= 0) {
            throw new DataFormatException(file, number, line.get(), "movie id \"" + id + "\" appears twice");
        }
        catalog.add(id, title, year, genres);
    }

    private static ItemCatalog requireMovies(ItemCatalog catalog, Path file) {
        if (catalog.size() == 0) {
            throw new DataFormatException(file, file + " holds no movies");
        }
        return catalog;
    }
}
