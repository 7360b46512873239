package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.embedrec.data.Dataset;
import org.embedrec.data.ItemCatalog;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.embedrec.data.Split;
import org.embedrec.data.SplitSpec;
import org.embedrec.data.Splits;
import org.embedrec.data.UserProfiles;
import org.embedrec.io.MovieLens.Layout;
import org.embedrec.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensTest {
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;
    private static final Charset UTF_8 = StandardCharsets.UTF_8;

    @TempDir
    Path temp;

    private static void write(Path dir, String name, Charset charset, String... lines) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), (String.join("\n", lines) + "\n").getBytes(charset));
    }

    /** The ratings as "user item rating timestamp" strings with external ids, in row order. */
    private static List<String> rows(Ratings ratings) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < ratings.size(); row++) {
            rows.add(ratings.users().id(ratings.user(row)) + " " + ratings.items().id(ratings.item(row)) + " "
                    + ratings.rating(row) + " " + ratings.timestamp(row));
        }
        return rows;
    }

    /** "title | year | genres" of the item with external id {@code id}; genres come in genre-index order. */
    private static String describe(ItemCatalog catalog, String id) {
        int item = catalog.items().index(id);
        return catalog.title(item) + " | " + catalog.year(item) + " | " + catalog.genres(item);
    }

    // ---- ML-100K ----

    private static final String FLAGS_ANIMATION_CHILDRENS_COMEDY = "0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    private static final String FLAGS_COMEDY_DRAMA_ROMANCE = "0|0|0|0|0|1|0|0|1|0|0|0|0|0|1|0|0|0|0";
    private static final String FLAGS_UNKNOWN = "1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0";

    private Path write100k(Path dir) throws IOException {
        write(dir, "u.genre", LATIN_1, "unknown|0", "Action|1", "Adventure|2", "Animation|3", "Children's|4",
                "Comedy|5", "Crime|6", "Documentary|7", "Drama|8", "Fantasy|9", "Film-Noir|10", "Horror|11",
                "Musical|12", "Mystery|13", "Romance|14", "Sci-Fi|15", "Thriller|16", "War|17", "Western|18", "");
        write(dir, "u.item", LATIN_1,
                "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|"
                        + FLAGS_ANIMATION_CHILDRENS_COMEDY,
                "2|Café au lait (1993)|01-Jan-1993||http://us.imdb.com/M/title-exact?Metisse%20(1993)|"
                        + FLAGS_COMEDY_DRAMA_ROMANCE,
                "3|Nameless Movie|12-Mar-1997||http://example.org|" + FLAGS_UNKNOWN,
                "4|unknown||||" + FLAGS_UNKNOWN);
        write(dir, "u.data", LATIN_1,
                "196\t1\t3\t881250949",
                "186\t2\t5\t891717742",
                "196\t3\t1\t878887116",
                "22\t1\t4\t878887117",
                "244\t5\t2\t880606923",
                "22\t2\t4\t878887118");
        write(dir, "u.user", LATIN_1,
                "196|49|M|writer|55105", "186|39|F|executive|00000", "22|25|M|writer|40206", "999|30|F|other|12345");
        write(dir, "u1.base", LATIN_1, "196\t1\t3\t881250949", "186\t2\t5\t891717742", "22\t1\t4\t878887117", "244\t5\t2\t880606923");
        write(dir, "u1.test", LATIN_1, "196\t3\t1\t878887116", "22\t2\t4\t878887118");
        write(dir, "ua.base", LATIN_1, "196\t3\t1\t878887116", "22\t2\t4\t878887118");
        write(dir, "ua.test", LATIN_1, "244\t5\t2\t880606923");
        return dir;
    }

    @Test
    void loadsMl100kWithItemFileOrderLatin1TitlesYearsAndGenres() throws IOException {
        Path dir = write100k(temp.resolve("ml-100k"));

        Dataset data = MovieLens.load(dir);

        assertThat(MovieLens.layout(dir)).isEqualTo(Layout.ML_100K);
        assertThat(data.name()).isEqualTo("ml-100k");
        assertThat(rows(data.ratings())).containsExactly("196 1 3.0 881250949", "186 2 5.0 891717742",
                "196 3 1.0 878887116", "22 1 4.0 878887117", "244 5 2.0 880606923", "22 2 4.0 878887118");
        assertThat(data.ratings().users().ids()).containsExactly("196", "186", "22", "244");
        assertThat(data.ratings().items().ids()).containsExactly("1", "2", "3", "4", "5");
        ItemCatalog catalog = data.catalog();
        assertThat(catalog.items()).isEqualTo(data.ratings().items());
        assertThat(catalog.genreNames()).hasSize(19).startsWith("unknown", "Action").endsWith("Western");
        assertThat(describe(catalog, "1")).isEqualTo("Toy Story (1995) | 1995 | [Animation, Children's, Comedy]");
        assertThat(describe(catalog, "2")).isEqualTo("Café au lait (1993) | 1993 | [Comedy, Drama, Romance]");
        assertThat(describe(catalog, "3")).isEqualTo("Nameless Movie | 1997 | [unknown]");
        assertThat(describe(catalog, "4")).isEqualTo("unknown | 0 | [unknown]");
        assertThat(describe(catalog, "5")).isEqualTo("5 | 0 | []");
    }

    @Test
    void predefinedSplitsShareTheFullDataSetsIndices() throws IOException {
        Path dir = write100k(temp.resolve("ml-100k"));
        Ratings all = MovieLens.load(dir).ratings();

        Split u1 = MovieLens.predefinedSplit(dir, "u1");
        Split ua = MovieLens.predefinedSplit(dir, "ua");

        assertThat(u1.train().users()).isEqualTo(all.users());
        assertThat(u1.train().items()).isEqualTo(all.items());
        assertThat(rows(u1.train())).containsExactly("196 1 3.0 881250949", "186 2 5.0 891717742",
                "22 1 4.0 878887117", "244 5 2.0 880606923");
        assertThat(rows(u1.test())).containsExactly("196 3 1.0 878887116", "22 2 4.0 878887118");
        assertThat(u1.test().user(0)).isEqualTo(all.user(2));
        assertThat(u1.test().item(1)).isEqualTo(all.item(5));
        assertThat(rows(ua.test())).containsExactly("244 5 2.0 880606923");
        assertThat(ua.test().items()).isEqualTo(all.items());
    }

    @Test
    void splitReadsPredefinedSplitsFromTheFolderAndComputesTheOthers() throws IOException {
        Path dir = write100k(temp.resolve("ml-100k"));
        Ratings all = MovieLens.load(dir).ratings();

        Split u1 = MovieLens.split(dir, SplitSpec.parse("ml100k:u1"), all, 7);
        Split random = MovieLens.split(dir, SplitSpec.parse("random:0.5"), all, 7);

        assertThat(rows(u1.test())).isEqualTo(rows(MovieLens.predefinedSplit(dir, "u1").test()));
        assertThat(rows(random.test())).isEqualTo(rows(Splits.randomHoldout(all, 0.5, 7).test())).hasSize(3);
    }

    @Test
    void loadCatalogReadsTheCatalogFilesAloneAsLoadDoes() throws IOException {
        Path full100k = write100k(temp.resolve("ml-100k"));
        Path full1m = temp.resolve("ml-1m");
        write(full1m, "ratings.dat", UTF_8, "1::661::3::978302109");
        write(full1m, "movies.dat", LATIN_1, "1193::One Flew Over the Cuckoo's Nest (1975)::Drama",
                "661::James and the Giant Peach (1996)::Animation|Children's|Musical");
        Path fullCsv = writeCsvRelease(temp.resolve("ml-latest-small"));

        for (Path full : List.of(full100k, full1m, fullCsv)) {
            Layout layout = MovieLens.layout(full);
            Path catalogOnly = Files.createDirectories(temp.resolve("catalog-only").resolve(layout.name()));
            for (String file : layout.catalogFiles()) {
                Files.copy(full.resolve(file), catalogOnly.resolve(file));
            }

            ItemCatalog catalog = MovieLens.loadCatalog(catalogOnly, layout);

            ItemCatalog loaded = MovieLens.load(full).catalog();
            assertThat(catalog.genreNames()).as(layout.name()).isEqualTo(loaded.genreNames());
            for (String id : catalog.items().ids()) {
                assertThat(describe(catalog, id)).isEqualTo(describe(loaded, id));
            }
            // load also lists rated movies that the movies file lacks, after the file's movies.
            assertThat(loaded.items().ids()).startsWith(catalog.items().ids().toArray(String[]::new));
        }
        assertThat(Layout.ML_100K.catalogFiles()).containsExactly("u.item", "u.genre");
        assertThat(Layout.CSV.catalogFiles()).containsExactly("movies.csv");
        assertThatThrownBy(() -> MovieLens.loadCatalog(temp.resolve("catalog-only/CSV"), Layout.DAT))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("file not found");
    }

    @Test
    void eachLayoutsRatingsOptionsAreTheLoaders() {
        assertThat(Layout.ML_100K.ratingsOptions()).isEqualTo(DelimitedRatingsLoader.Options.tsv().withScale(RatingScale.STARS));
        assertThat(Layout.DAT.ratingsOptions())
                .isEqualTo(DelimitedRatingsLoader.Options.tsv().withSeparator("::").withScale(RatingScale.HALF_STARS));
        assertThat(Layout.CSV.ratingsOptions()).isEqualTo(DelimitedRatingsLoader.Options.csv().withScale(RatingScale.HALF_STARS));
    }

    @Test
    void predefinedSplitRejectsUnknownNamesIdsAndOtherLayouts() throws IOException {
        Path dir = write100k(temp.resolve("ml-100k"));
        write(dir, "u2.base", LATIN_1, "196\t1\t3\t881250949", "943\t1\t3\t881250949");
        write(dir, "u2.test", LATIN_1, "196\t3\t1\t878887116");

        assertThatThrownBy(() -> MovieLens.predefinedSplit(dir, "u6"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'u6'").hasMessageContaining("ua");
        assertThatThrownBy(() -> MovieLens.predefinedSplit(dir, "u2"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("u2.base:2: user \"943\" does not occur in the full data set in line \"943\t1\t3\t881250949\"");
        assertThatThrownBy(() -> MovieLens.predefinedSplit(dir, "u3"))
                .isInstanceOf(DataFormatException.class).hasMessage("file not found: " + dir.resolve("u3.base"));
        Path csv = writeCsvRelease(temp.resolve("ml-latest-small"));
        assertThatThrownBy(() -> MovieLens.predefinedSplit(csv, "u1"))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("only in ML-100K").hasMessageContaining("CSV");
    }

    @Test
    void userProfilesAreAlignedWithTheUserIndex() throws IOException {
        Path dir = write100k(temp.resolve("ml-100k"));
        Dataset data = MovieLens.load(dir);

        UserProfiles profiles = MovieLens.loadUserProfiles(dir, data.ratings().users());

        assertThat(profiles.users()).isEqualTo(data.ratings().users());
        int u186 = data.ratings().users().index("186");
        assertThat(List.of(profiles.age(u186), profiles.gender(u186), profiles.occupation(u186), profiles.zipCode(u186)))
                .containsExactly(39, "F", "executive", "00000");
        int u22 = data.ratings().users().index("22");
        assertThat(profiles.age(u22)).isEqualTo(25);
        assertThat(profiles.occupation(u22)).isEqualTo("writer");
        int u244 = data.ratings().users().index("244");
        assertThat(profiles.age(u244)).isEqualTo(UserProfiles.UNKNOWN_AGE);
        assertThat(profiles.gender(u244)).isEmpty();
    }

    @Test
    void malformedItemFilesAreReportedWithLineAndText() throws IOException {
        Path dir = write100k(temp.resolve("bad-flag"));
        String badFlag = "1|Toy Story (1995)|01-Jan-1995||url|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|yes";
        write(dir, "u.item", LATIN_1, badFlag);
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage("u.item:1: flag \"yes\" of genre Western is neither 0 nor 1 in line \"" + badFlag + "\"");

        String shortLine = "2|Jumanji (1995)|01-Jan-1995||url|0|1";
        write(dir, "u.item", LATIN_1, "1|Toy Story (1995)|01-Jan-1995||url|" + FLAGS_UNKNOWN, "", shortLine);
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage("u.item:3: found 7 field(s) separated by \"|\" but expected 24 in line \"" + shortLine + "\"");
    }

    // ---- ML-1M and ML-10M ----

    @Test
    void loadsMl1mWithLatin1Titles() throws IOException {
        Path dir = temp.resolve("ml-1m");
        write(dir, "ratings.dat", UTF_8, "1::1193::5::978300760", "1::661::3::978302109", "2::1193::4::978298413");
        write(dir, "movies.dat", LATIN_1, "1193::One Flew Over the Cuckoo's Nest (1975)::Drama",
                "661::James and the Giant Peach (1996)::Animation|Children's|Musical",
                "73::Misérables, Les (1995)::Drama|Musical");

        Dataset data = MovieLens.load(dir);

        assertThat(MovieLens.layout(dir)).isEqualTo(Layout.DAT);
        assertThat(data.name()).isEqualTo("ml-1m");
        assertThat(rows(data.ratings())).containsExactly("1 1193 5.0 978300760", "1 661 3.0 978302109", "2 1193 4.0 978298413");
        assertThat(data.ratings().items().ids()).containsExactly("1193", "661", "73");
        assertThat(describe(data.catalog(), "73")).isEqualTo("Misérables, Les (1995) | 1995 | [Drama, Musical]");
        assertThat(describe(data.catalog(), "661"))
                .isEqualTo("James and the Giant Peach (1996) | 1996 | [Animation, Children's, Musical]");
        assertThat(data.catalog().genreNames()).containsExactly("Drama", "Animation", "Children's", "Musical");
    }

    @Test
    void loadsMl10mWithUtf8TitlesColonsAndNoGenres() throws IOException {
        Path dir = temp.resolve("ml-10M100K");
        write(dir, "ratings.dat", UTF_8, "1::122::5::838985046", "1::4973::4.5::838983525", "2::8606::3.5::1234567890");
        write(dir, "movies.dat", UTF_8, "122::Boomerang (1992)::Comedy|Romance",
                "4973::Fabuleux destin d'Amélie Poulain, Le (Amelie) (2001)::Comedy|Romance",
                "8606::Pull My Daisy (1958)::(no genres listed)",
                "1::Transformers: The Movie (1986)::Animation");

        Dataset data = MovieLens.load(dir);

        assertThat(rows(data.ratings())).containsExactly("1 122 5.0 838985046", "1 4973 4.5 838983525", "2 8606 3.5 1234567890");
        assertThat(describe(data.catalog(), "4973"))
                .isEqualTo("Fabuleux destin d'Amélie Poulain, Le (Amelie) (2001) | 2001 | [Comedy, Romance]");
        assertThat(describe(data.catalog(), "8606")).isEqualTo("Pull My Daisy (1958) | 1958 | []");
        assertThat(describe(data.catalog(), "1")).isEqualTo("Transformers: The Movie (1986) | 1986 | [Animation]");
        assertThat(data.catalog().genreNames()).doesNotContain("(no genres listed)");
    }

    @Test
    void repeatedMovieIdIsReported() throws IOException {
        Path dir = temp.resolve("ml-1m");
        write(dir, "ratings.dat", UTF_8, "1::1::5::978300760");
        write(dir, "movies.dat", UTF_8, "1::Toy Story (1995)::Animation", "1::Toy Story again (1995)::Animation");

        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage("movies.dat:2: movie id \"1\" appears twice in line \"1::Toy Story again (1995)::Animation\"");
    }

    // ---- CSV releases ----

    private Path writeCsvRelease(Path dir) throws IOException {
        write(dir, "ratings.csv", UTF_8, "userId,movieId,rating,timestamp",
                "1,31,2.5,1260759144", "1,1029,3.0,1260759179", "2,31,4.0,835355493", "2,999999,0.5,835355494");
        write(dir, "movies.csv", UTF_8, "movieId,title,genres",
                "31,Dangerous Minds (1995),Drama",
                "1029,Dumbo (1941),Animation|Children|Drama|Musical",
                "11,\"American President, The (1995)\",Comedy|Drama|Romance",
                "",
                "149532,Marco Polo: One Hundred Eyes (2015),(no genres listed)",
                "96518,\"Babylon 5 (1994-1998) \",Sci-Fi",
                "6,\"Say \"\"Cheese\"\" (2001)\",Comedy",
                "140956,Ready Player One,Action|Sci-Fi",
                "4973,\"Fabuleux destin d'Amélie Poulain, Le (2001)\",Comedy|Romance");
        return dir;
    }

    @Test
    void loadsCsvReleaseWithQuotedTitlesAndAppendsRatedMoviesMissingFromMoviesCsv() throws IOException {
        Path dir = writeCsvRelease(temp.resolve("ml-latest-small"));

        Dataset data = MovieLens.load(dir);

        assertThat(MovieLens.layout(dir)).isEqualTo(Layout.CSV);
        assertThat(rows(data.ratings())).containsExactly("1 31 2.5 1260759144", "1 1029 3.0 1260759179",
                "2 31 4.0 835355493", "2 999999 0.5 835355494");
        assertThat(data.ratings().items().ids())
                .containsExactly("31", "1029", "11", "149532", "96518", "6", "140956", "4973", "999999");
        ItemCatalog catalog = data.catalog();
        assertThat(describe(catalog, "11")).isEqualTo("American President, The (1995) | 1995 | [Comedy, Drama, Romance]");
        assertThat(describe(catalog, "149532")).isEqualTo("Marco Polo: One Hundred Eyes (2015) | 2015 | []");
        assertThat(describe(catalog, "96518")).isEqualTo("Babylon 5 (1994-1998) | 1994 | [Sci-Fi]");
        assertThat(describe(catalog, "6")).isEqualTo("Say \"Cheese\" (2001) | 2001 | [Comedy]");
        assertThat(describe(catalog, "140956")).isEqualTo("Ready Player One | 0 | [Action, Sci-Fi]");
        assertThat(describe(catalog, "4973")).isEqualTo("Fabuleux destin d'Amélie Poulain, Le (2001) | 2001 | [Comedy, Romance]");
        assertThat(describe(catalog, "999999")).isEqualTo("999999 | 0 | []");
    }

    @Test
    void badRatingInRatingsCsvIsReportedLikeAnyDelimitedFile() throws IOException {
        Path dir = writeCsvRelease(temp.resolve("ml-latest-small"));
        write(dir, "ratings.csv", UTF_8, "userId,movieId,rating,timestamp", "1,31,abc,1260759144");

        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage("ratings.csv:2: rating \"abc\" is not a number in line \"1,31,abc,1260759144\"");
    }

    @Test
    void malformedMoviesCsvIsReportedWithLineAndText() throws IOException {
        Path dir = writeCsvRelease(temp.resolve("ml-latest-small"));

        write(dir, "movies.csv", UTF_8, "id,name,genres", "31,Dangerous Minds (1995),Drama");
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage("movies.csv:1: expected the header \"movieId,title,genres\" in line \"id,name,genres\"");

        write(dir, "movies.csv", UTF_8, "movieId,title,genres", "31,Dangerous Minds (1995),Drama",
                "11,American President, The (1995),Comedy");
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("movies.csv:3: found 4 comma-separated field(s) but expected 3")
                .hasMessageEndingWith("in line \"11,American President, The (1995),Comedy\"");

        write(dir, "movies.csv", UTF_8, "movieId,title,genres", "31,Dangerous Minds (1995),Drama",
                "11,\"American President, The (1995),Comedy", "1029,Dumbo (1941),Animation");
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage("movies.csv:3: a double quote is opened and never closed"
                        + " in line \"11,\"American President, The (1995),Comedy\"");

        write(dir, "movies.csv", UTF_8, "movieId,title,genres", "31,\"Dangerous\" Minds (1995),Drama");
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("movies.csv:2: malformed quoting")
                .hasMessageEndingWith("in line \"31,\"Dangerous\" Minds (1995),Drama\"");

        Files.write(dir.resolve("movies.csv"), "movieId,title,genres\n31,Caf\u00e9 (1995),Drama\n".getBytes(LATIN_1));
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("movies.csv:2: bytes are not valid UTF-8");

        write(dir, "movies.csv", UTF_8, "movieId,title,genres");
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage(dir.resolve("movies.csv") + " holds no movies");

        Files.delete(dir.resolve("movies.csv"));
        assertThatThrownBy(() -> MovieLens.load(dir)).isInstanceOf(DataFormatException.class)
                .hasMessage("file not found: " + dir.resolve("movies.csv"));
    }

    // ---- layout detection ----

    @Test
    void findsTheReleaseInTheSingleSubfolderOfAReleaseFolder() throws IOException {
        Path outer = temp.resolve("download");
        write100k(outer.resolve("ml-100k"));
        Files.createDirectories(outer.resolve("__MACOSX"));
        write(outer, "README.txt", UTF_8, "unpacked");

        assertThat(MovieLens.layout(outer)).isEqualTo(Layout.ML_100K);
        assertThat(MovieLens.load(outer).name()).isEqualTo("ml-100k");
        assertThat(MovieLens.predefinedSplit(outer, "u1").test().size()).isEqualTo(2);
    }

    @Test
    void unknownOrAmbiguousOrMissingFoldersAreReported() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        write(empty, "notes.txt", UTF_8, "nothing here");
        assertThatThrownBy(() -> MovieLens.load(empty)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("no MovieLens data in " + empty)
                .hasMessageContaining("u.data").hasMessageContaining("ratings.dat").hasMessageContaining("ratings.csv");

        Path two = temp.resolve("two");
        write100k(two.resolve("ml-100k"));
        writeCsvRelease(two.resolve("ml-latest-small"));
        assertThatThrownBy(() -> MovieLens.layout(two)).isInstanceOf(DataFormatException.class)
                .hasMessage("several MovieLens releases in " + two + ": [ml-100k, ml-latest-small]; pass one of them");

        Path missing = temp.resolve("missing");
        assertThatThrownBy(() -> MovieLens.load(missing)).isInstanceOf(DataFormatException.class)
                .hasMessage("folder not found: " + missing);
        Path file = Files.writeString(temp.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        assertThatThrownBy(() -> MovieLens.load(file)).isInstanceOf(DataFormatException.class)
                .hasMessage("not a folder: " + file);
    }

    // ---- the real data ----

    @Test
    void loadsTheRealMlLatestSmall() {
        Dataset data = MovieLens.load(SharedData.mlLatestSmall());

        assertThat(data.name()).isEqualTo("ml-latest-small");
        assertThat(data.ratings().size()).isEqualTo(100_004);
        assertThat(data.ratings().userCount()).isEqualTo(671);
        assertThat(data.catalog().size()).isEqualTo(9_125);
        assertThat(data.ratings().itemCount()).isEqualTo(9_125);
        assertThat(Arrays.stream(data.ratings().itemCounts()).filter(count -> count > 0).count()).isEqualTo(9_066);
        assertThat(describe(data.catalog(), "1"))
                .isEqualTo("Toy Story (1995) | 1995 | [Adventure, Animation, Children, Comedy, Fantasy]");
        assertThat(data.ratings().min()).isEqualTo(0.5f);
        assertThat(data.ratings().max()).isEqualTo(5f);
        assertThat(rows(data.ratings().subset(new int[] {0}))).containsExactly("1 31 2.5 1260759144");
    }
}
