package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.Ratings;
import org.embedrec.io.MovieLens.CachePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class RatingsCacheTest {
    @TempDir
    Path dir;

    /** Writes a small ml-latest-style release with random ratings and returns the expected rows. */
    private List<String> writeRelease(long seed, int ratings) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,One (1990),Drama\n2,Two (1991),Comedy\n"
                + "3,Three (1992),Action\n");
        StringBuilder text = new StringBuilder("userId,movieId,rating,timestamp\n");
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < ratings; row++) {
            // Distinct (user, item) pairs: user = row / 40, item = row % 40 + 1, so ids go beyond movies.csv.
            String user = String.valueOf(row / 40 + 1);
            String item = String.valueOf(row % 40 + 1);
            float rating = random.nextInt(1, 11) / 2f;
            long time = 1_000_000_000L + random.nextInt(1_000_000);
            text.append(user).append(',').append(item).append(',').append(rating).append(',').append(time).append('\n');
            rows.add(user + " " + item + " " + rating + " " + time);
        }
        Files.writeString(dir.resolve("ratings.csv"), text);
        return rows;
    }

    private static List<String> rows(Ratings ratings) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < ratings.size(); row++) {
            rows.add(ratings.users().id(ratings.user(row)) + " " + ratings.items().id(ratings.item(row)) + " "
                    + ratings.rating(row) + " " + ratings.timestamp(row));
        }
        return rows;
    }

    private Path cache() {
        return dir.resolve("ratings.csv" + RatingsCache.SUFFIX);
    }

    private Ratings load() {
        return MovieLens.load(dir, CachePolicy.ALWAYS).ratings();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aCachedLoadEqualsTheParsedOneIncludingIdIndices(long seed) throws IOException {
        List<String> expected = writeRelease(seed, 1000);
        Ratings parsed = MovieLens.load(dir, CachePolicy.NEVER).ratings();
        assertThat(Files.exists(cache())).isFalse();

        Ratings first = load();
        assertThat(Files.exists(cache())).isTrue();
        Ratings cached = load();

        assertThat(rows(cached)).isEqualTo(expected).isEqualTo(rows(first));
        assertThat(cached.users()).isEqualTo(parsed.users());
        // The movies file's ids come first, in file order, then the rated ids it lacks.
        assertThat(cached.items()).isEqualTo(parsed.items());
        assertThat(cached.items().ids().subList(0, 3)).containsExactly("1", "2", "3");
        assertThat(cached.fingerprint()).isEqualTo(parsed.fingerprint());
    }

    @Test
    void theCacheIsReadInsteadOfTheSourceWhenItMatches() throws IOException {
        writeRelease(4, 500);
        load();
        Ratings cached = RatingsCache.read(cache(), keyOfCurrentSource());
        assertThat(cached).isNotNull();
        assertThat(rows(cached)).isEqualTo(rows(MovieLens.load(dir, CachePolicy.NEVER).ratings()));
    }

    private RatingsCache.Key keyOfCurrentSource() throws IOException {
        // The same context MovieLens uses: the loader options and the movie ids.
        String context = MovieLens.cacheContext(MovieLens.Layout.CSV.ratingsOptions(), IdIndex.of(List.of("1", "2", "3")));
        return RatingsCache.Key.of(dir.resolve("ratings.csv"), context);
    }

    @Test
    void anEditThatKeepsSizeAndModificationTimeIsCaughtByTheContentFingerprint() throws IOException {
        writeRelease(5, 800);
        Path source = dir.resolve("ratings.csv");
        FileTime time = Files.getLastModifiedTime(source);
        load();
        // Same length: swap the rating of the first data line for another one-character value.
        String text = Files.readString(source);
        int at = text.indexOf('\n') + 1;
        int ratingStart = text.indexOf(',', text.indexOf(',', at) + 1) + 1;
        char old = text.charAt(ratingStart);
        String edited = text.substring(0, ratingStart) + (old == '1' ? '2' : '1') + text.substring(ratingStart + 1);
        Files.writeString(source, edited);
        Files.setLastModifiedTime(source, time);
        assertThat(Files.size(source)).isEqualTo(text.length());

        Ratings reloaded = load();
        assertThat(reloaded.rating(0)).isEqualTo(MovieLens.load(dir, CachePolicy.NEVER).ratings().rating(0));
        assertThat(reloaded.rating(0)).isNotEqualTo(Float.parseFloat(text.substring(ratingStart, text.indexOf(',', ratingStart))));
    }

    @Test
    void aNewerSourceReplacesTheCache() throws IOException {
        writeRelease(6, 300);
        load();
        List<String> expected = writeRelease(7, 450);
        Files.setLastModifiedTime(dir.resolve("ratings.csv"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(rows(load())).isEqualTo(expected);
        assertThat(rows(RatingsCache.read(cache(), keyOfCurrentSource()))).isEqualTo(expected);
    }

    @Test
    void changedMovieIdsInvalidateTheCache() throws IOException {
        writeRelease(8, 200);
        load();
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n3,Three (1992),Action\n1,One (1990),Drama\n");
        Ratings reloaded = load();
        assertThat(reloaded.items().ids().subList(0, 2)).containsExactly("3", "1");
        assertThat(rows(reloaded)).isEqualTo(rows(MovieLens.load(dir, CachePolicy.NEVER).ratings()));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void aCorruptCacheIsIgnoredAndRebuilt(long seed) throws IOException {
        List<String> expected = writeRelease(seed, 600);
        load();
        byte[] bytes = Files.readAllBytes(cache());
        SplittableRandom random = new SplittableRandom(seed);
        int at = random.nextInt(bytes.length);
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        Files.write(cache(), bytes);
        assertThat(RatingsCache.read(cache(), keyOfCurrentSource())).as("flipped a bit at byte %d", at).isNull();

        assertThat(rows(load())).isEqualTo(expected);
        assertThat(rows(RatingsCache.read(cache(), keyOfCurrentSource()))).as("rebuilt").isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 100, 1000, -4, -1})
    void aTruncatedOrExtendedCacheIsIgnored(int newLength) throws IOException {
        List<String> expected = writeRelease(21, 400);
        load();
        byte[] bytes = Files.readAllBytes(cache());
        byte[] changed = java.util.Arrays.copyOf(bytes, newLength >= 0 ? newLength : bytes.length - newLength);
        Files.write(cache(), changed);
        assertThat(RatingsCache.read(cache(), keyOfCurrentSource())).isNull();
        assertThat(rows(load())).isEqualTo(expected);
    }

    @Test
    void autoCachesOnlyLargeFilesAndNeverLeavesTemporaryFiles() throws IOException {
        writeRelease(31, 100);
        MovieLens.load(dir);
        assertThat(Files.exists(cache())).isFalse();
        load();
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()).sorted().toList())
                    .containsExactly("movies.csv", "ratings.csv", "ratings.csv" + RatingsCache.SUFFIX);
        }
    }

    @Test
    void aFolderThatCannotHoldTheCacheStillLoads() throws IOException {
        List<String> expected = writeRelease(41, 100);
        // A folder where the cache name is taken by a directory: writing fails, loading must not.
        Files.createDirectory(cache());
        Files.writeString(cache().resolve("keep"), "a non-empty folder cannot be replaced by a file");
        assertThat(rows(load())).isEqualTo(expected);
        assertThat(Files.isDirectory(cache())).isTrue();
    }

    @Test
    void theCacheIsWrittenThroughAtomicFilesWhichClearsAKilledWritersLeftover() throws IOException {
        // Failed on main: the cache had its own temporary files (ratings.csv.embedrec-cache.HEX.tmp),
        // and one left by a killed run stayed forever.
        List<String> expected = writeRelease(21, 300);
        Path leftover = dir.resolve("." + cache().getFileName() + ".5eed.tmp");
        Files.writeString(leftover, "half a cache");
        Files.setLastModifiedTime(leftover, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        assertThat(rows(load())).isEqualTo(expected);

        assertThat(Files.exists(leftover)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactly("movies.csv", "ratings.csv", "ratings.csv" + RatingsCache.SUFFIX);
        }
        assertThat(rows(RatingsCache.read(cache(), keyOfCurrentSource()))).isEqualTo(expected);
    }
}
