package org.embedrec.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Downloads MovieLens releases from GroupLens into a cache folder and unpacks them once.
 *
 * <p>Policy of {@link #fetch(MovieLensRelease, DownloadProgress)}:
 * <ol>
 *   <li>If {@code <cache>/<folder>/<ratings file>} exists, it is returned at once, without any
 *       network access.
 *   <li>The expected MD5 is read from the {@code <archive>.md5} file GroupLens publishes next to
 *       each archive (both {@code md5sum} and BSD {@code MD5 (x) = ...} formats are understood).
 *   <li>The archive is streamed to a hidden temporary file in the cache folder; the byte count must
 *       equal the announced Content-Length and the MD5 must match, or the file is deleted and an
 *       {@link IOException} says what differed.
 *   <li>It is unpacked into a hidden staging folder, rejecting any entry whose path would leave that
 *       folder ("zip slip"), and the release folder is moved into place with one atomic rename, so a
 *       half-unpacked release is never visible. Temporary files are removed whatever happens.
 * </ol>
 * A machine without network fails within the connect timeout with a message that says so and
 * suggests the offline alternatives.
 */
public final class MovieLensDownloader {
    /** Where GroupLens publishes the archives. */
    public static final URI GROUPLENS_BASE_URI = URI.create("https://files.grouplens.org/datasets/movielens/");
    /** How long to wait for a connection before declaring the server unreachable. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long to wait for the response headers once connected. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern MD5_HEX = Pattern.compile("(?<![0-9a-fA-F])[0-9a-fA-F]{32}(?![0-9a-fA-F])");
    private static final int CHUNK_BYTES = 1 << 16;

    private final Path cacheDirectory;
    private final URI baseUri;
    private final HttpClient client;

    /** A downloader from GroupLens into {@code cacheDirectory} with the default connect timeout. */
    public MovieLensDownloader(Path cacheDirectory) {
        this(cacheDirectory, GROUPLENS_BASE_URI, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * A downloader from {@code baseUri} (an http or https folder holding {@code <name>.zip} and
     * {@code <name>.zip.md5}) into {@code cacheDirectory}.
     */
    public MovieLensDownloader(Path cacheDirectory, URI baseUri, Duration connectTimeout) {
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        String scheme = Objects.requireNonNull(baseUri, "baseUri").getScheme();
        if (scheme == null || !List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("base URI must be http or https, got " + baseUri);
        }
        this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
        client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The cache folder releases are unpacked into. */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** Where the archive of {@code release} is downloaded from. */
    public URI archiveUri(MovieLensRelease release) {
        return baseUri.resolve(release.archiveName());
    }

    /** The folder {@code release} is (or would be) unpacked to. */
    public Path folder(MovieLensRelease release) {
        return cacheDirectory.resolve(release.folderName());
    }

    /** Whether {@code release} is already unpacked in the cache. */
    public boolean isCached(MovieLensRelease release) {
        return Files.isRegularFile(folder(release).resolve(release.ratingsFile()));
    }

    /** {@link #fetch(MovieLensRelease, DownloadProgress)} without progress reports. */
    public Path fetch(MovieLensRelease release) throws IOException {
        return fetch(release, DownloadProgress.NONE);
    }

    /**
     * Returns the folder holding the data files of {@code release}, downloading, verifying and
     * unpacking it first if it is not in the cache yet.
     *
     * @throws IOException if the server cannot be reached, answers with an error, the download is
     *     incomplete or corrupt, or the archive is unsafe or not laid out as expected; nothing is
     *     left behind in the cache in any of these cases
     */
    public Path fetch(MovieLensRelease release, DownloadProgress progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        if (isCached(release)) {
            return folder(release);
        }
        requireNoStrayFolder(release);
        URI archive = archiveUri(release);
        URI checksumFile = URI.create(archive + ".md5");
        String expectedMd5 = parseMd5(fetchText(checksumFile), checksumFile);

        Files.createDirectories(cacheDirectory);
        Path download = Files.createTempFile(cacheDirectory, "." + release.releaseName() + "-", ".zip.part");
        Path staging = null;
        try {
            String actualMd5 = downloadTo(archive, download, progress);
            if (!actualMd5.equals(expectedMd5)) {
                throw new IOException("checksum mismatch for " + archive + ": expected MD5 " + expectedMd5
                        + " (from " + checksumFile + ") but the download has " + actualMd5
                        + "; the download was discarded, try again");
            }
            staging = Files.createTempDirectory(cacheDirectory, "." + release.releaseName() + "-unpack-");
            unzip(download, staging, archive);
            Path unpacked = staging.resolve(release.folderName());
            if (!Files.isRegularFile(unpacked.resolve(release.ratingsFile()))) {
                throw new IOException(archive + " does not contain " + release.folderName() + "/"
                        + release.ratingsFile() + "; top level of the archive: " + listing(staging));
            }
            publish(unpacked, release);
            return folder(release);
        } finally {
            Files.deleteIfExists(download);
            if (staging != null) {
                deleteRecursively(staging);
            }
        }
    }

    /** The single atomic step: a concurrent fetch that got there first wins, and its copy is used. */
    private void publish(Path unpacked, MovieLensRelease release) throws IOException {
        try {
            Files.move(unpacked, folder(release), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            requireNoStrayFolder(release);
        }
    }

    /** A folder of the release's name without its ratings file is not ours to overwrite. */
    private void requireNoStrayFolder(MovieLensRelease release) throws IOException {
        if (Files.exists(folder(release)) && !isCached(release)) {
            throw new IOException(folder(release) + " exists but has no " + release.ratingsFile()
                    + "; move it away and fetch again");
        }
    }

    private String fetchText(URI uri) throws IOException {
        HttpResponse<String> response = send(uri, HttpResponse.BodyHandlers.ofString());
        requireOk(response, uri);
        return response.body();
    }

    /** Streams {@code uri} to {@code file} and returns the MD5 (lower-case hex) of what was received. */
    private String downloadTo(URI uri, Path file, DownloadProgress progress) throws IOException {
        HttpResponse<InputStream> response = send(uri, HttpResponse.BodyHandlers.ofInputStream());
        requireOk(response, uri);
        MessageDigest md5 = md5();
        long expectedBytes = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long received = 0;
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[CHUNK_BYTES];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                out.write(chunk, 0, n);
                md5.update(chunk, 0, n);
                received += n;
                progress.update(received, expectedBytes);
            }
        } catch (IOException e) {
            throw new IOException("download of " + uri + " broke off after " + received + " of "
                    + (expectedBytes < 0 ? "?" : expectedBytes) + " bytes: " + describe(e), e);
        }
        if (expectedBytes >= 0 && received != expectedBytes) {
            throw new IOException("incomplete download of " + uri + ": received " + received + " of "
                    + expectedBytes + " bytes announced by Content-Length");
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "embedrec").GET().build();
        try {
            return client.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while requesting " + uri);
        } catch (IOException e) {
            throw new IOException("could not reach " + uri.getAuthority() + ": " + describe(e)
                    + "; use --data DIR or generate synthetic data", e);
        }
    }

    private static void requireOk(HttpResponse<?> response, URI uri) throws IOException {
        if (response.statusCode() != 200) {
            if (response.body() instanceof InputStream body) {
                body.close(); // frees the connection
            }
            throw new IOException("GET " + uri + " failed with HTTP " + response.statusCode());
        }
    }

    /**
     * The MD5 in a checksum file: the first run of exactly 32 hex digits, which covers both
     * {@code "<hex>  name.zip"} (md5sum) and {@code "MD5 (name.zip) = <hex>"} (BSD md5).
     */
    static String parseMd5(String text, URI source) throws IOException {
        Matcher matcher = MD5_HEX.matcher(text);
        if (!matcher.find()) {
            String start = text.length() > 100 ? text.substring(0, 100) + "..." : text;
            throw new IOException("no MD5 checksum (32 hex digits) in " + source + ": '" + start.strip() + "'");
        }
        return matcher.group().toLowerCase(Locale.ROOT);
    }

    /** Unpacks {@code zip} below {@code target}, refusing entries that would land outside it. */
    static void unzip(Path zip, Path target, URI source) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root) || destination.equals(root)) {
                    throw new IOException("unsafe entry '" + entry.getName() + "' in " + source
                            + ": it would be written outside " + root);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
        }
    }

    private static String listing(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList().toString();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder()); // children before their parents
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    /** An exception as "Type: message", taking the message from a cause when it has none itself. */
    private static String describe(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return e.getClass().getSimpleName() + ": " + t.getMessage();
            }
            root = t;
        }
        return e.getClass().getSimpleName() + (root == e ? "" : " (" + root.getClass().getSimpleName() + ")");
    }
}
