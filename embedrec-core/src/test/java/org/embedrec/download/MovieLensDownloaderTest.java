package org.embedrec.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MovieLensDownloaderTest {
    private static final String RATINGS = "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n2,10,4.0,835355493\n";
    private static final String MOVIES = "movieId,title,genres\n10,GoldenEye (1995),Action|Adventure|Thriller\n"
            + "31,Dangerous Minds (1995),Drama\n";

    @TempDir
    Path tmp;
    private Path cache;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    /** What the server answers per request path; anything else is a 404. */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    /** A canned response; {@code declaredLength} may exceed the body to simulate a cut connection. */
    record Answer(byte[] body, long declaredLength) {
        Answer(byte[] body) {
            this(body, body.length);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        cache = tmp.resolve("datasets");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Answer answer = answers.get(exchange.getRequestURI().getPath());
        try (exchange) {
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, answer.declaredLength());
            OutputStream body = exchange.getResponseBody();
            body.write(answer.body());
            body.flush();
        } catch (IOException expectedWhenTheBodyIsShort) {
            // The server refuses to close a fixed-length body early; the client sees a cut connection.
        }
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/movielens/");
    }

    private MovieLensDownloader downloader() {
        return new MovieLensDownloader(cache, base(), Duration.ofSeconds(2));
    }

    private void publish(MovieLensRelease release, byte[] archive, String checksumFile) {
        answers.put("/datasets/movielens/" + release.archiveName(), new Answer(archive));
        answers.put("/datasets/movielens/" + release.archiveName() + ".md5",
                new Answer(checksumFile.getBytes(StandardCharsets.US_ASCII)));
    }

    private void publish(MovieLensRelease release, byte[] archive) {
        publish(release, archive, "MD5 (" + release.archiveName() + ") = " + md5(archive) + "\n");
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] releaseZip(String folder) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(folder + "/", "");
        entries.put(folder + "/ratings.csv", RATINGS);
        entries.put(folder + "/movies.csv", MOVIES);
        entries.put(folder + "/README.txt", "tiny fixture\n");
        return zip(entries);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> cacheContents() throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Stream<Arguments> releasesAndChecksumFormats() {
        return Stream.of(
                Arguments.of(MovieLensRelease.ML_LATEST_SMALL, "bsd"),
                Arguments.of(MovieLensRelease.ML_LATEST_SMALL, "md5sum"),
                Arguments.of(MovieLensRelease.ML_25M, "md5sum"));
    }

    @ParameterizedTest
    @MethodSource("releasesAndChecksumFormats")
    void downloadsVerifiesAndUnpacksTheRelease(MovieLensRelease release, String format) throws IOException {
        byte[] archive = releaseZip(release.folderName());
        String checksum = format.equals("bsd") ? "MD5 (" + release.archiveName() + ") = " + md5(archive) + "\n"
                : md5(archive).toUpperCase() + "  " + release.archiveName() + "\n";
        publish(release, archive, checksum);
        List<long[]> progress = new ArrayList<>();

        Path folder = downloader().fetch(release, (done, total) -> progress.add(new long[] {done, total}));

        assertThat(folder).isEqualTo(cache.resolve(release.folderName()));
        assertThat(Files.readString(folder.resolve("ratings.csv"))).isEqualTo(RATINGS);
        assertThat(Files.readString(folder.resolve("movies.csv"))).isEqualTo(MOVIES);
        assertThat(cacheContents()).as("no temporary files left").containsExactly(release.folderName());
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(archive.length, archive.length);
        assertThat(progress).extracting(p -> p[0]).isSorted();
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void theTenMillionReleaseUnpacksToItsOddFolderName() throws IOException {
        publish(MovieLensRelease.ML_10M, zip(Map.of("ml-10M100K/ratings.dat", "1::122::5::838985046\n")));
        Path folder = downloader().fetch(MovieLensRelease.ML_10M);
        assertThat(folder).isEqualTo(cache.resolve("ml-10M100K"));
        assertThat(Files.readString(folder.resolve("ratings.dat"))).isEqualTo("1::122::5::838985046\n");
    }

    @Test
    void aCachedReleaseIsReturnedWithoutAnyRequest() throws IOException {
        publish(MovieLensRelease.ML_LATEST_SMALL, releaseZip("ml-latest-small"));
        Path first = downloader().fetch(MovieLensRelease.ML_LATEST_SMALL);
        int afterFirst = requests.get();

        Path second = downloader().fetch(MovieLensRelease.ML_LATEST_SMALL);
        server.stop(0); // not even a server is needed now
        Path offline = new MovieLensDownloader(cache, URI.create("http://127.0.0.1:9/"), Duration.ofMillis(200))
                .fetch(MovieLensRelease.ML_LATEST_SMALL);

        assertThat(afterFirst).isEqualTo(2);
        assertThat(requests.get()).isEqualTo(afterFirst);
        assertThat(second).isEqualTo(first);
        assertThat(offline).isEqualTo(first);
    }

    @Test
    void aStrayFolderOfTheSameNameIsNeitherUsedNorOverwritten() throws IOException {
        publish(MovieLensRelease.ML_LATEST_SMALL, releaseZip("ml-latest-small"));
        Path stray = Files.createDirectories(cache.resolve("ml-latest-small"));
        Files.writeString(stray.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> downloader().fetch(MovieLensRelease.ML_LATEST_SMALL))
                .isInstanceOf(IOException.class)
                .hasMessage(stray + " exists but has no ratings.csv; move it away and fetch again");
        assertThat(requests.get()).isZero();
        assertThat(Files.readString(stray.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aChecksumMismatchIsReportedAndNothingIsKept() throws IOException {
        byte[] archive = releaseZip("ml-latest-small");
        String wrong = md5("something else".getBytes(StandardCharsets.UTF_8));
        publish(MovieLensRelease.ML_LATEST_SMALL, archive, wrong + "  ml-latest-small.zip\n");

        assertThatThrownBy(() -> downloader().fetch(MovieLensRelease.ML_LATEST_SMALL))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining(wrong)
                .hasMessageContaining(md5(archive))
                .hasMessageContaining("ml-latest-small.zip.md5");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void aDownloadShorterThanItsContentLengthIsReportedAndNothingIsKept() throws IOException {
        byte[] archive = releaseZip("ml-latest-small");
        publish(MovieLensRelease.ML_LATEST_SMALL, archive);
        long announced = archive.length + 1000L;
        answers.put("/datasets/movielens/ml-latest-small.zip", new Answer(archive, announced));

        assertThatThrownBy(() -> downloader().fetch(MovieLensRelease.ML_LATEST_SMALL))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ml-latest-small.zip")
                .hasMessageContaining("of " + announced + " bytes");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void aMissingArchiveIsReportedWithItsStatus() throws IOException {
        byte[] archive = releaseZip("ml-latest-small");
        publish(MovieLensRelease.ML_LATEST_SMALL, archive);
        answers.remove("/datasets/movielens/ml-latest-small.zip");

        assertThatThrownBy(() -> downloader().fetch(MovieLensRelease.ML_LATEST_SMALL))
                .isInstanceOf(IOException.class)
                .hasMessage("GET " + base() + "ml-latest-small.zip failed with HTTP 404");
        assertThatThrownBy(() -> downloader().fetch(MovieLensRelease.ML_1M))
                .hasMessage("GET " + base() + "ml-1m.zip.md5 failed with HTTP 404");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void unknownReleaseNamesListTheKnownOnes() {
        assertThatThrownBy(() -> MovieLensRelease.named("ml-50m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown MovieLens release 'ml-50m'; known releases: "
                        + "ml-latest-small, ml-latest, ml-100k, ml-1m, ml-10m, ml-20m, ml-25m");
        assertThat(MovieLensRelease.named(" ML-25M ")).isEqualTo(MovieLensRelease.ML_25M);
        assertThat(MovieLensRelease.named("ml-10m").folderName()).isEqualTo("ml-10M100K");
    }

    static Stream<String> escapingEntries() {
        return Stream.of("../evil.txt", "ml-latest-small/../../evil.txt", "/tmp-evil.txt");
    }

    @ParameterizedTest
    @MethodSource("escapingEntries")
    void zipSlipEntriesAreRejectedBeforeAnythingLeavesTheStagingFolder(String entry) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("ml-latest-small/ratings.csv", RATINGS);
        entries.put(entry, "gotcha");
        publish(MovieLensRelease.ML_LATEST_SMALL, zip(entries));

        assertThatThrownBy(() -> downloader().fetch(MovieLensRelease.ML_LATEST_SMALL))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unsafe entry '" + entry + "'");
        assertThat(cacheContents()).isEmpty();
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(p -> p.getFileName().toString().contains("evil"))).isEmpty();
        }
    }

    @Test
    void anArchiveWithoutTheExpectedFolderIsRejected() throws IOException {
        publish(MovieLensRelease.ML_LATEST_SMALL, zip(Map.of("other/ratings.csv", RATINGS)));

        assertThatThrownBy(() -> downloader().fetch(MovieLensRelease.ML_LATEST_SMALL))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not contain ml-latest-small/ratings.csv")
                .hasMessageContaining("[other/]");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void anUnreachableServerFailsWithAnActionableMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MovieLensDownloader offline = new MovieLensDownloader(cache,
                URI.create("http://127.0.0.1:" + closedPort + "/datasets/movielens"), Duration.ofSeconds(2));

        assertThatThrownBy(() -> offline.fetch(MovieLensRelease.ML_LATEST_SMALL))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("could not reach 127.0.0.1:" + closedPort + ": ")
                .hasMessageEndingWith("; use --data DIR or generate synthetic data");
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void parsesBothChecksumFileFormats() throws IOException {
        URI source = URI.create("https://example.org/x.zip.md5");
        String hex = "6b51fb2759a8657d3bfcbfc42b592ada";
        assertThat(MovieLensDownloader.parseMd5("MD5 (ml-25m.zip) = " + hex + "\n", source)).isEqualTo(hex);
        assertThat(MovieLensDownloader.parseMd5(hex.toUpperCase() + "  ml-25m.zip\n", source)).isEqualTo(hex);
        assertThatThrownBy(() -> MovieLensDownloader.parseMd5("<html>not found</html>", source))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no MD5 checksum").hasMessageContaining(source.toString())
                .hasMessageContaining("<html>not found</html>");
        // 33 hex digits is not an MD5.
        assertThatThrownBy(() -> MovieLensDownloader.parseMd5(hex + "a", source)).isInstanceOf(IOException.class);
    }

    @Test
    void resolvesArchivesBelowTheBaseWithOrWithoutATrailingSlash() {
        URI withSlash = new MovieLensDownloader(cache).archiveUri(MovieLensRelease.ML_LATEST_SMALL);
        URI withoutSlash = new MovieLensDownloader(cache, URI.create("http://mirror.example/movielens"),
                Duration.ofSeconds(1)).archiveUri(MovieLensRelease.ML_1M);
        assertThat(withSlash).hasToString("https://files.grouplens.org/datasets/movielens/ml-latest-small.zip");
        assertThat(withoutSlash).hasToString("http://mirror.example/movielens/ml-1m.zip");
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertThatThrownBy(() -> new MovieLensDownloader(cache, URI.create("ftp://x/"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://x/");
        assertThatThrownBy(() -> new MovieLensDownloader(cache, base(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }
}
