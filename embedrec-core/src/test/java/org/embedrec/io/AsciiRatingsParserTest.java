package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.embedrec.data.IdIndex;
import org.embedrec.data.Ratings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiRatingsParserTest {
    private static final DelimitedRatingsLoader.Options CSV = DelimitedRatingsLoader.Options.csv();

    @TempDir
    Path dir;

    /** Ids that stress the numeric table: small, huge, leading zeros (distinct from the unpadded id), text. */
    private static String randomId(SplittableRandom random, String prefix) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> String.valueOf(random.nextInt(300));
            case 3 -> String.valueOf(100_000_000_000L + random.nextInt(5));
            case 4 -> "0" + random.nextInt(20);
            default -> prefix + random.nextInt(10);
        };
    }

    private static String randomRating(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> String.valueOf(random.nextInt(6));
            case 1 -> random.nextInt(5) + ".5";
            case 2 -> "0." + random.nextInt(1000);
            case 3 -> "-" + random.nextInt(3) + "." + random.nextInt(100);
            default -> random.nextInt(10_000) + "." + random.nextInt(100);
        };
    }

    /** A plain CSV file of distinct (user, item) pairs; returns the lines without the header. */
    private List<String[]> writePlain(Path file, long seed, int lines, String newline) throws IOException {
        return writePlain(file, seed, lines, newline, ",", true);
    }

    private List<String[]> writePlain(Path file, long seed, int lines, String newline, String separator, boolean header)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(header ? "userId" + separator + "movieId" + separator + "rating"
                + separator + "timestamp" + newline : "");
        List<String[]> fields = new ArrayList<>();
        java.util.Set<String> pairs = new java.util.HashSet<>();
        while (fields.size() < lines) {
            String[] line = {randomId(random, "u"), randomId(random, "m"), randomRating(random),
                String.valueOf(random.nextLong(-5, 2_000_000_000L))};
            if (pairs.add(line[0] + "," + line[1])) {
                fields.add(line);
                text.append(String.join(separator, line)).append(newline);
                if (random.nextInt(50) == 0) {
                    text.append(newline); // blank lines are skipped
                }
            }
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return fields;
    }

    /** The naive reference: ids in first-seen order, Float.parseFloat and Long.parseLong. */
    private static List<String> reference(List<String[]> lines) {
        Map<String, Integer> users = new LinkedHashMap<>();
        Map<String, Integer> items = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        for (String[] line : lines) {
            int user = users.computeIfAbsent(line[0], id -> users.size());
            int item = items.computeIfAbsent(line[1], id -> items.size());
            rows.add(user + ":" + line[0] + " " + item + ":" + line[1] + " "
                    + Float.floatToIntBits(Float.parseFloat(line[2])) + " " + Long.parseLong(line[3]));
        }
        return rows;
    }

    private static List<String> rows(Ratings ratings) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < ratings.size(); row++) {
            rows.add(ratings.user(row) + ":" + ratings.users().id(ratings.user(row)) + " " + ratings.item(row) + ":"
                    + ratings.items().id(ratings.item(row)) + " " + Float.floatToIntBits(ratings.rating(row)) + " "
                    + ratings.timestamp(row));
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void plainFilesParseBitForBitAsTheReference(long seed) throws IOException {
        Path file = dir.resolve("ratings.csv");
        List<String[]> lines = writePlain(file, seed, 2000, seed % 2 == 0 ? "\r\n" : "\n");

        Ratings.Builder fast = AsciiRatingsParser.parse(file, CSV, IdIndex.builder(), IdIndex.builder(), false);
        assertThat(fast).as("the fast path accepts a plain file").isNotNull();
        assertThat(rows(new DelimitedRatingsLoader(CSV).load(file).ratings())).isEqualTo(reference(lines));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "\t", ";", "|:"})
    void otherSeparatorsParseBitForBitAsTheReference(String separator) throws IOException {
        Path file = dir.resolve("ratings.dat");
        List<String[]> lines = writePlain(file, separator.length(), 1500, "\n", separator, false);
        DelimitedRatingsLoader.Options options = DelimitedRatingsLoader.Options.tsv().withSeparator(separator);
        assertThat(AsciiRatingsParser.parse(file, options, IdIndex.builder(), IdIndex.builder(), false)).isNotNull();
        assertThat(rows(new DelimitedRatingsLoader(options).load(file).ratings())).isEqualTo(reference(lines));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:::2::3::4", "1::2:3::4", "1::2::3::4::", "1::2::3:"})
    void aStrayPartOfAMultiCharacterSeparatorIsLeftToTheLineReader(String oddLine) throws IOException {
        Path file = dir.resolve("ratings.dat");
        Files.writeString(file, "5::6::3::7\n" + oddLine + "\n");
        DelimitedRatingsLoader.Options options = DelimitedRatingsLoader.Options.tsv().withSeparator("::");
        assertThat(AsciiRatingsParser.parse(file, options, IdIndex.builder(), IdIndex.builder(), false)).isNull();
    }

    @Test
    void aFileWithoutFinalNewlineOrWithAByteOrderMarkIsStillPlain() throws IOException {
        Path file = dir.resolve("ratings.csv");
        Files.write(file, ("\uFEFFuserId,movieId,rating,timestamp\n7,8,4.5,9\n7,9,1,10").getBytes(StandardCharsets.UTF_8));
        Ratings.Builder fast = AsciiRatingsParser.parse(file, CSV, IdIndex.builder(), IdIndex.builder(), false);
        assertThat(fast).isNotNull();
        assertThat(fast.size()).isEqualTo(2);
        assertThat(rows(new DelimitedRatingsLoader(CSV).load(file).ratings()))
                .containsExactly("0:7 0:8 " + Float.floatToIntBits(4.5f) + " 9", "0:7 1:9 " + Float.floatToIntBits(1f) + " 10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1, 2,3,4", "1,2,3", "1,2,x,4", "1,2,3,4.5", "1,2,1e1,4", "1,,3,4", "\"1\",2,3,4",
        "1,2,3,4,5", "1,2,3.14159265,4", "1\r2,3,4,5", "1,2,3,4\t"})
    void anythingButAPlainLineIsLeftToTheLineReader(String oddLine) throws IOException {
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, "userId,movieId,rating,timestamp\n5,6,3,7\n" + oddLine + "\n");
        assertThat(AsciiRatingsParser.parse(file, CSV, IdIndex.builder(), IdIndex.builder(), false)).isNull();
    }

    @Test
    void aClosedIdSetGivesUpOnUnknownIdsSoTheLineReaderNamesThem() throws IOException {
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, "userId,movieId,rating,timestamp\n5,6,3,7\n5,99,3,7\n");
        IdIndex.Builder users = IdIndex.builder().addAll(IdIndex.of(List.of("5")));
        IdIndex.Builder items = IdIndex.builder().addAll(IdIndex.of(List.of("6")));
        assertThat(AsciiRatingsParser.parse(file, CSV, users, items, true)).isNull();
        DataFormatException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> new DelimitedRatingsLoader(CSV).read(file, IdIndex.builder().addAll(IdIndex.of(List.of("5"))),
                        IdIndex.builder().addAll(IdIndex.of(List.of("6"))), true), DataFormatException.class);
        assertThat(error.getMessage()).contains("ratings.csv:3:").contains("item \"99\"").contains("\"5,99,3,7\"");
    }

    @Test
    void seededIdsKeepTheirIndicesAndPaddedIdsStayDistinct() throws IOException {
        Path file = dir.resolve("ratings.csv");
        Files.writeString(file, "userId,movieId,rating,timestamp\n1,7,3,0\n1,007,4,0\n2,42,5,0\n");
        Ratings ratings = new DelimitedRatingsLoader(CSV).read(file, IdIndex.builder(),
                IdIndex.builder().addAll(IdIndex.of(List.of("42", "7"))), false);
        assertThat(ratings.items().ids()).containsExactly("42", "7", "007");
        assertThat(new int[] {ratings.item(0), ratings.item(1), ratings.item(2)}).containsExactly(1, 2, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "3.5", "-0.25", "+2", "0.1", "9999999", "1234.567", "-0", "5.", ".5"})
    void decimalsMatchTheLineReadersParser(String number) {
        byte[] bytes = ("x" + number + "y").getBytes(StandardCharsets.US_ASCII);
        float fast = AsciiRatingsParser.decimal(bytes, 1, bytes.length - 1);
        assertThat(Float.floatToIntBits(fast)).isEqualTo(Float.floatToIntBits(Decimals.parseFloat(number, 0, number.length())));
    }
}
