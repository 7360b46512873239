package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.embedrec.data.Dataset;
import org.embedrec.data.Ratings;
import org.embedrec.io.DelimitedRatingsLoader.DuplicatePolicy;
import org.embedrec.io.DelimitedRatingsLoader.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DelimitedRatingsLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Dataset load(Options options, Path file) {
        return new DelimitedRatingsLoader(options).load(file);
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

    @Test
    void loadsHeaderlessTsvWithStringIdsInFirstSeenOrder() throws IOException {
        Path file = write("clicks.tsv", "alice\tbook-7\t4.5\t1000\nbob\tbook-3\t2\t1001\nalice\tbook-3\t0.5\t999\n");

        Dataset data = load(Options.tsv(), file);

        assertThat(data.name()).isEqualTo("clicks");
        assertThat(rows(data.ratings())).containsExactly(
                "alice book-7 4.5 1000", "bob book-3 2.0 1001", "alice book-3 0.5 999");
        assertThat(data.ratings().users().ids()).containsExactly("alice", "bob");
        assertThat(data.ratings().items().ids()).containsExactly("book-7", "book-3");
        assertThat(data.catalog().items()).isEqualTo(data.ratings().items());
        assertThat(data.catalog().title(0)).isEqualTo("book-7");
    }

    @Test
    void readsConfiguredColumnsAndIgnoresTheOthers() throws IOException {
        Path file = write("r.csv", "item,extra,timestamp,user,rating\n"
                + "i1,x,50,u1,3.5\n"
                + "i2,y,60,u1,1\n");

        Ratings ratings = load(Options.csv().withColumns(3, 0, 4, 2), file).ratings();

        assertThat(rows(ratings)).containsExactly("u1 i1 3.5 50", "u1 i2 1.0 60");
    }

    @Test
    void implicitDataWithoutTimestampsHasRatingsOfOneAndTimestampsOfZero() throws IOException {
        Path file = write("plays.csv", "u1,i1\nu2,i1\nu2,i2\n");

        Ratings ratings = load(Options.csv().withHeader(false).withColumns(0, 1, Options.ABSENT, Options.ABSENT), file).ratings();

        assertThat(rows(ratings)).containsExactly("u1 i1 1.0 0", "u2 i1 1.0 0", "u2 i2 1.0 0");
        assertThat(ratings.hasTimestamps()).isFalse();
    }

    @Test
    void multiCharacterSeparatorLeavesSingleColonsInIds() throws IOException {
        Path file = write("ratings.dat", "a:b::m:1::3::5\nc::m:2::4::6\n");

        Ratings ratings = load(Options.tsv().withSeparator("::"), file).ratings();

        assertThat(rows(ratings)).containsExactly("a:b m:1 3.0 5", "c m:2 4.0 6");
    }

    @Test
    void skipsBlankLinesStripsByteOrderMarkAndCarriageReturnsAndTrimsFields() throws IOException {
        Path file = write("r.csv", "\uFEFFu1, i1 ,4,10\r\n\r\n   \r\nu2,i1, 2.5 ,11\r\n\n");

        Ratings ratings = load(Options.csv().withHeader(false), file).ratings();

        assertThat(rows(ratings)).containsExactly("u1 i1 4.0 10", "u2 i1 2.5 11");
    }

    @Test
    void headerIsTheFirstNonBlankLine() throws IOException {
        Path file = write("r.csv", "\n\nuser,item,rating,ts\nu1,i1,4,10\n");

        assertThat(rows(load(Options.csv(), file).ratings())).containsExactly("u1 i1 4.0 10");
    }

    @Test
    void readsLatin1WhenTold() throws IOException {
        Path file = Files.write(dir.resolve("r.tsv"), "Café\tm1\t4\t1\n".getBytes(StandardCharsets.ISO_8859_1));

        Ratings ratings = load(Options.tsv().withCharset(StandardCharsets.ISO_8859_1), file).ratings();

        assertThat(ratings.users().ids()).containsExactly("Café");
    }

    // ---- malformed input: every error names the file, the line and its text ----

    private DataFormatException loadFailure(Options options, String name, String text) throws IOException {
        Path file = write(name, text);
        return catchThrowableOfType(DataFormatException.class, () -> load(options, file));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
        "1,31,abc,1260759144;rating \"abc\" is not a number",
        "1,31,,1260759144;rating \"\" is not a number",
        "1,31,NaN,1260759144;rating \"NaN\" in column 3 is not a finite number",
        "1,31,Infinity,1260759144;rating \"Infinity\" in column 3 is not a finite number",
        "1,31,1e39,1260759144;rating \"1e39\" in column 3 is outside the rating scale -1000000 to 1000000",
        "1,31,1e308,1260759144;rating \"1e308\" in column 3 is outside the rating scale -1000000 to 1000000",
        "1,31,-2e6,1260759144;rating \"-2e6\" in column 3 is outside the rating scale -1000000 to 1000000",
        "1,31,4.0,12:30;timestamp \"12:30\" is not an integer",
        "1,31,4.0,1.5e9;timestamp \"1.5e9\" is not an integer",
        "1,31,4.0;found 3 field(s) separated by \",\" but line 1 has 4",
        "1,31,4.0,5,6;found 5 field(s) separated by \",\" but line 1 has 4",
        " ,31,4.0,1260759144;empty user id",
        "1,,4.0,1260759144;empty item id",
    })
    void badLineIsReportedWithFileLineNumberAndText(String badLine, String problem) throws IOException {
        DataFormatException e = loadFailure(Options.csv(), "ratings.csv",
                "userId,movieId,rating,timestamp\n1,29,3.5,1260759100\n\n" + badLine + "\n2,31,4,1260759200\n");

        assertThat(e.getMessage()).isEqualTo("ratings.csv:4: " + problem + " in line \"" + badLine + "\"");
        assertThat(e.file()).isEqualTo(dir.resolve("ratings.csv"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.text()).isEqualTo(badLine);
    }

    @Test
    void firstLineWithTooFewFieldsForTheColumnsIsReported() throws IOException {
        DataFormatException e = loadFailure(Options.tsv(), "u.data", "196 242 3 881250949\n");

        assertThat(e.getMessage()).startsWith("u.data:1: found 1 field(s) separated by \"\t\" but the columns")
                .contains("need 4").endsWith("in line \"196 242 3 881250949\"");
    }

    @Test
    void missingFileIsReported() {
        Path missing = dir.resolve("nope.csv");

        assertThatThrownBy(() -> load(Options.csv(), missing))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("file not found: " + missing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n  \n"})
    void emptyFileIsReported(String text) throws IOException {
        DataFormatException e = loadFailure(Options.tsv(), "empty.tsv", text);

        assertThat(e.getMessage()).isEqualTo(dir.resolve("empty.tsv") + " holds no ratings");
        assertThat(e.line()).isZero();
    }

    @Test
    void headerOnlyFileIsReported() throws IOException {
        DataFormatException e = loadFailure(Options.csv(), "ratings.csv", "userId,movieId,rating,timestamp\n");

        assertThat(e.getMessage()).endsWith("ratings.csv holds no ratings below its header line");
    }

    @Test
    void undecodableBytesAreReportedAtTheirLineWithAHint() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("u").append(i).append("\tm1\t4\t1\n");
        }
        byte[] before = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "Caf\u00e9\tm1\t4\t1\nu9\tm2\t3\t2\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[before.length + bad.length];
        System.arraycopy(before, 0, bytes, 0, before.length);
        System.arraycopy(bad, 0, bytes, before.length, bad.length);
        Path file = Files.write(dir.resolve("u.data"), bytes);

        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> load(Options.tsv(), file));

        assertThat(e.line()).isEqualTo(5001);
        assertThat(e.getMessage()).startsWith("u.data:5001: bytes are not valid UTF-8")
                .contains("ISO-8859-1").contains("in line \"Caf\uFFFD\tm1\t4\t1\"");
    }

    @Test
    void longOffendingLineIsTruncated() throws IOException {
        String longId = "x".repeat(1000);
        DataFormatException e = loadFailure(Options.tsv(), "r.tsv", longId + "\tm\tbad\t1\n");

        assertThat(e.text()).hasSize(DataFormatException.MAX_TEXT_LENGTH + 3).endsWith("...");
        assertThat(e.getMessage()).hasSizeLessThan(400);
    }

    // ---- duplicates ----

    private static final String WITH_DUPLICATES = "u,i,r,t\n"
            + "1,10,4,100\n"
            + "1,20,3,101\n"
            + "\n"
            + "2,10,5,102\n"
            + "1,10,2,103\n"
            + "1,10,5,104\n";

    @Test
    void duplicatesAreAnErrorNamingBothLinesByDefault() throws IOException {
        DataFormatException e = loadFailure(Options.csv(), "dup.csv", WITH_DUPLICATES);

        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).startsWith("dup.csv:6: user \"1\" rates item \"10\" again (first at line 2: \"1,10,4,100\"")
                .contains("KEEP_LAST or MEAN").endsWith("in line \"1,10,2,103\"");
    }

    @Test
    void keepLastKeepsTheLastRatingAtItsPosition() throws IOException {
        Ratings ratings = load(Options.csv().withDuplicates(DuplicatePolicy.KEEP_LAST), write("dup.csv", WITH_DUPLICATES)).ratings();

        assertThat(rows(ratings)).containsExactly("1 20 3.0 101", "2 10 5.0 102", "1 10 5.0 104");
    }

    @Test
    void meanKeepsTheMeanRatingAtTheLastPositionAndTimestamp() throws IOException {
        Ratings ratings = load(Options.csv().withDuplicates(DuplicatePolicy.MEAN), write("dup.csv", WITH_DUPLICATES)).ratings();

        assertThat(rows(ratings)).containsExactly("1 20 3.0 101", "2 10 5.0 102", "1 10 " + (11f / 3) + " 104");
    }

    /** Property test: every policy agrees with a naive map-based reference on random data full of repeats. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void duplicatePoliciesAgreeWithANaiveReference(long seed) throws IOException {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(300);
        List<String> lines = new ArrayList<>();
        List<long[]> data = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        long lineNumber = 0;
        for (int row = 0; row < n; row++) {
            while (random.nextInt(5) == 0) {
                text.append('\n');
                lineNumber++;
            }
            long[] r = {random.nextInt(8), random.nextInt(6), 1 + random.nextInt(10), row};
            String line = "u" + r[0] + "\ti" + r[1] + "\t" + (r[2] / 2.0) + "\t" + r[3];
            text.append(line).append('\n');
            lineNumber++;
            lines.add(lineNumber + ":" + line);
            data.add(r);
        }
        Path file = write("random.tsv", text.toString());

        // Reference for ERROR: the first row whose (user, item) appeared before.
        Map<String, Integer> firstRow = new HashMap<>();
        int[] expectedPair = null;
        for (int row = 0; row < n && expectedPair == null; row++) {
            Integer earlier = firstRow.putIfAbsent(data.get(row)[0] + "/" + data.get(row)[1], row);
            if (earlier != null) {
                expectedPair = new int[] {earlier, row};
            }
        }
        if (expectedPair == null) {
            assertThat(load(Options.tsv(), file).ratings().size()).isEqualTo(n);
        } else {
            DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> load(Options.tsv(), file));
            String first = lines.get(expectedPair[0]);
            String second = lines.get(expectedPair[1]);
            assertThat(e.line() + ":" + e.text()).isEqualTo(second);
            assertThat(e.getMessage()).contains("first at line " + first.substring(0, first.indexOf(':')) + ":");
        }

        // Reference for KEEP_LAST and MEAN: group by pair, then order by the pair's last row.
        Map<String, List<long[]>> groups = new LinkedHashMap<>();
        for (long[] r : data) {
            groups.computeIfAbsent("u" + r[0] + " i" + r[1], key -> new ArrayList<>()).add(r);
        }
        List<Map.Entry<String, List<long[]>>> byLastRow = new ArrayList<>(groups.entrySet());
        byLastRow.sort((a, b) -> Long.compare(last(a.getValue())[3], last(b.getValue())[3]));
        List<String> expectedLast = new ArrayList<>();
        List<String> expectedMean = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> group : byLastRow) {
            long[] last = last(group.getValue());
            double sum = 0;
            for (long[] r : group.getValue()) {
                sum += r[2] / 2.0;
            }
            expectedLast.add(group.getKey() + " " + (float) (last[2] / 2.0) + " " + last[3]);
            expectedMean.add(group.getKey() + " " + (float) (sum / group.getValue().size()) + " " + last[3]);
        }
        assertThat(rows(load(Options.tsv().withDuplicates(DuplicatePolicy.KEEP_LAST), file).ratings()))
                .containsExactlyElementsOf(expectedLast);
        assertThat(rows(load(Options.tsv().withDuplicates(DuplicatePolicy.MEAN), file).ratings()))
                .containsExactlyElementsOf(expectedMean);
    }

    private static long[] last(List<long[]> rows) {
        return rows.get(rows.size() - 1);
    }

    // ---- options ----

    @Test
    void defaultsDescribeCsvAndTsv() {
        assertThat(Options.csv()).isEqualTo(new Options(",", true, 0, 1, 2, 3, StandardCharsets.UTF_8, DuplicatePolicy.ERROR));
        assertThat(Options.tsv()).isEqualTo(new Options("\t", false, 0, 1, 2, 3, StandardCharsets.UTF_8, DuplicatePolicy.ERROR));
    }

    @Test
    void invalidOptionsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> Options.csv().withSeparator("")).hasMessageContaining("separator").hasMessageContaining("\"\"");
        assertThatThrownBy(() -> Options.csv().withSeparator(",\n")).hasMessageContaining("\",\\n\"");
        assertThatThrownBy(() -> Options.csv().withColumns(-1, 1, 2, 3)).hasMessageContaining("user column -1");
        assertThatThrownBy(() -> Options.csv().withColumns(0, 1, -2, 3)).hasMessageContaining("rating column -2");
        assertThatThrownBy(() -> Options.csv().withColumns(0, 1, 2, 1)).hasMessageContaining("columns must differ")
                .hasMessageContaining("item 1").hasMessageContaining("timestamp 1");
        assertThat(Options.csv().withColumns(0, 1, Options.ABSENT, Options.ABSENT).fieldsNeeded()).isEqualTo(2);
        assertThat(Options.csv().withColumns(5, 1, 2, Options.ABSENT).fieldsNeeded()).isEqualTo(6);
    }
}
