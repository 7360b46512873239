package org.embedrec.io.rows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.embedrec.io.DataFormatException;

/**
 * Opens files as {@link RowSource}s: CSV, TSV and JSON lines in core, any other format through a
 * {@link RowSourceFactory} on the class path (Parquet with the {@code embedrec-duckdb} module), and
 * expands a glob such as {@code logs/2024-*.csv} into its files.
 */
public final class RowSources {
    /** The formats core reads itself. */
    public static final List<String> CORE_FORMATS = List.of("csv", "tsv", "jsonl");

    /** The module that reads formats core cannot, named in the error for a format nobody reads. */
    public static final String DUCKDB_MODULE = "embedrec-duckdb";

    private RowSources() {
    }

    /**
     * The format of {@code file} by its extension: {@code csv}, {@code tsv} ({@code .tsv}, {@code .tab}),
     * {@code jsonl} ({@code .jsonl}, {@code .ndjson}, {@code .json}), {@code parquet}; a trailing
     * compression extension is not understood. Any other extension is returned as it is, lower case,
     * for a {@link RowSourceFactory} to recognise.
     *
     * @throws IllegalArgumentException for a file without an extension, naming {@code --format}
     */
    public static String formatOf(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            throw new IllegalArgumentException("cannot tell the format of " + file + " from its name: give it with --format ("
                    + String.join(", ", CORE_FORMATS) + ", or parquet with the " + DUCKDB_MODULE + " module)");
        }
        String extension = name.substring(dot + 1);
        return switch (extension) {
            case "tab" -> "tsv";
            case "ndjson", "json" -> "jsonl";
            default -> extension;
        };
    }

    /**
     * The rows of {@code file} read as {@code format}.
     *
     * @param header for CSV and TSV, whether the first line names the columns (else they are "1", "2", ...)
     * @throws DataFormatException if the file is missing or malformed, or no reader on the class path
     *     reads the format (the message names the module that does)
     */
    public static RowSource open(Path file, String format, boolean header) {
        String kind = format.toLowerCase(Locale.ROOT);
        switch (kind) {
            case "csv":
                return DelimitedRowSource.csv(file, header);
            case "tsv":
                return DelimitedRowSource.tsv(file, header);
            case "jsonl":
                return JsonLinesRowSource.open(file);
            default:
                for (RowSourceFactory factory : ServiceLoader.load(RowSourceFactory.class)) {
                    Optional<RowSource> rows = factory.open(file, kind);
                    if (rows.isPresent()) {
                        return rows.get();
                    }
                }
                throw new DataFormatException(file, "cannot read " + file + ": no reader for format \"" + kind
                        + "\" is installed; core reads " + String.join(", ", CORE_FORMATS)
                        + (kind.equals("parquet") ? "; Parquet needs the " + DUCKDB_MODULE
                                + " module on the class path (see the README, \"Your own data\")"
                                : "; give the format with --format if the extension misleads, or convert the file"));
        }
    }

    /**
     * {@code file} as whole columns when a {@link RowSourceFactory} on the class path reads its format so
     * (Parquet with the {@code embedrec-duckdb} module); empty for the formats core reads itself and for
     * any other a factory reads only as rows.
     */
    public static Optional<ColumnarSource> openColumnar(Path file, String format) {
        String kind = format.toLowerCase(Locale.ROOT);
        if (CORE_FORMATS.contains(kind)) {
            return Optional.empty();
        }
        for (RowSourceFactory factory : ServiceLoader.load(RowSourceFactory.class)) {
            Optional<ColumnarSource> columns = factory.openColumnar(file, kind);
            if (columns.isPresent()) {
                return columns;
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code file} is a regular file.
     *
     * @throws DataFormatException "file not found" or "not a file", naming it
     */
    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, (Files.isDirectory(file) ? "not a file: " : "file not found: ") + file);
        }
    }

    /** Whether {@code pattern} is a glob ({@code *}, {@code ?}, {@code [..]} or <code>{..}</code>) rather than one file. */
    public static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * The files {@code pattern} names, in sorted path order: the file itself, or for a glob the regular
     * files its folder part holds that match its last part (globs in folder names are not expanded).
     *
     * @throws DataFormatException if the file is missing or the glob matches no file
     */
    public static List<Path> files(String pattern) {
        if (!isGlob(pattern)) {
            Path file = Path.of(pattern);
            requireFile(file);
            return List.of(file);
        }
        Path glob = Path.of(pattern);
        Path folder = glob.getParent() == null ? Path.of(".") : glob.getParent();
        if (isGlob(folder.toString())) {
            throw new IllegalArgumentException("only the file name part of a glob may hold wildcards, got " + pattern);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(folder)) {
            listed.filter(path -> Files.isRegularFile(path) && matcher.matches(path.getFileName())).sorted().forEach(files::add);
        } catch (IOException e) {
            if (!Files.isDirectory(folder)) {
                throw new DataFormatException(folder, "folder not found: " + folder + " (of the glob " + pattern + ")");
            }
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new DataFormatException(glob, "no file matches " + pattern);
        }
        return List.copyOf(files);
    }
}
