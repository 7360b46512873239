package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.embedrec.data.Dataset;
import org.embedrec.data.IdIndex;
import org.embedrec.data.RatingScale;
import org.embedrec.data.Ratings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Interaction files through {@link DataLoader}: mappings, policies and every bad-input message. */
class InteractionLoaderTest {
    @TempDir
    Path temp;

    private Path write(String name, String... lines) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static Dataset load(Map<String, ?> spec) {
        return DataLoader.load(DataSpec.fromMap(spec, Path.of(".")), MovieLens.CachePolicy.NEVER).dataset();
    }

    private static List<String> rows(Ratings ratings) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < ratings.size(); row++) {
            rows.add(ratings.users().id(ratings.user(row)) + " " + ratings.items().id(ratings.item(row)) + " "
                    + ratings.rating(row) + " " + ratings.timestamp(row));
        }
        return rows;
    }

    @Test
    void columnsAreMappedByHeaderNameWhateverTheirOrder() throws IOException {
        Path file = write("r.csv", "movieId,timestamp,userId,rating", "31,100,1,2.5", "1029,200,2,3.0");

        Dataset data = load(Map.of("source", file.toString(),
                "columns", Map.of("user", "userId", "item", "movieId", "time", "timestamp")));

        assertThat(rows(data.ratings())).containsExactly("1 31 2.5 100", "2 1029 3.0 200");
        assertThat(data.implicit()).isFalse();
        assertThat(data.catalog().title(0)).as("no titles: the id").isEqualTo("31");
    }

    @Test
    void aFileWithoutAHeaderIsRefusedNamingTheHeaderFoundUnlessNoHeaderIsSaid() throws IOException {
        Path file = write("r.csv", "1,31,2.5,1260759144", "1,1029,3.0,1260759179");

        assertThatThrownBy(() -> load(Map.of("source", file.toString())))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": no column \"user\" (the user column); the header found: 1,31,2.5,1260759144"
                        + " (this looks like data: if the file has no header line, pass --no-header)");
        Dataset data = load(Map.of("source", file.toString(), "header", false));
        assertThat(rows(data.ratings())).as("the first rating is kept").containsExactly("1 31 2.5 1260759144", "1 1029 3.0 1260759179");
    }

    @Test
    void positionalColumnsCanBeMappedByNumber() throws IOException {
        Path file = write("r.tsv", "x\t31\t1\t4", "y\t32\t2\t5");

        Dataset data = load(Map.of("source", file.toString(), "header", false,
                "columns", Map.of("user", "3", "item", "2", "rating", "4", "time", "none")));

        assertThat(rows(data.ratings())).containsExactly("1 31 4.0 0", "2 32 5.0 0");
    }

    @Test
    void anUnknownColumnListsTheHeader() throws IOException {
        Path file = write("r.csv", "customer,product,qty", "c1,p1,2");

        assertThatThrownBy(() -> load(Map.of("source", file.toString(), "columns", Map.of("user", "client", "item", "product"))))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ": no column \"client\" (the user column); the header found: customer,product,qty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'1,31,abc,5'|line 3, column \"rating\": value \"abc\" is not a number in row \"1,31,abc,5\"",
            "'1,31,NaN,5'|line 3, column \"rating\": value \"NaN\" is not a finite number in row \"1,31,NaN,5\"",
            "'1,31,Infinity,5'|line 3, column \"rating\": value \"Infinity\" is not a finite number in row \"1,31,Infinity,5\"",
            "'1,31,1e99,5'|line 3, column \"rating\": value \"1e99\" is outside the rating scale 1 to 5 in row \"1,31,1e99,5\"",
            "'1,31,7,5'|line 3, column \"rating\": value \"7\" is outside the rating scale 1 to 5 in row \"1,31,7,5\"",
            "'1,31,,5'|line 3, column \"rating\": value \"\" is missing (no rating) in row \"1,31,,5\"",
            "',31,4,5'|line 3, column \"user\": value \"\" is missing (no user id) in row \",31,4,5\"",
            "'1,,4,5'|line 3, column \"item\": value \"\" is missing (no item id) in row \"1,,4,5\"",
            "'1,31,4,yesterday'|line 3, column \"timestamp\": value \"yesterday\" is not a time"})
    void aBadValueNamesTheFileTheLineTheColumnAndTheValue(String badLine, String expected) throws IOException {
        Path file = write("r.csv", "user,item,rating,timestamp", "1,30,4,5", badLine, "2,31,3,5");
        Map<String, Object> spec = Map.of("source", file.toString(), "scale", "1-5");

        assertThatThrownBy(() -> load(spec)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ", " + expected);

        Map<String, Object> skipping = Map.of("source", file.toString(), "scale", "1-5", "on-bad-row", "skip");
        DataLoader.Loaded loaded = DataLoader.load(DataSpec.fromMap(skipping, Path.of(".")), MovieLens.CachePolicy.NEVER);
        assertThat(rows(loaded.dataset().ratings())).containsExactly("1 30 4.0 5", "2 31 3.0 5");
        assertThat(loaded.skipped()).isEqualTo(1);
        assertThat(loaded.firstSkipped()).startsWith(file + ", " + expected);
    }

    @Test
    void aStrayRatingOffTheScaleTheRestFollowsIsAnErrorUnlessTheScaleIsDeclared() throws IOException {
        List<String> lines = new ArrayList<>(List.of("user,item,rating"));
        for (int k = 0; k < 2000; k++) {
            lines.add("u" + k + ",i" + (k % 50) + "," + (0.5 + (k % 10) * 0.5));
        }
        lines.add(1000, "u9999,i3,100");
        Path file = write("r.csv", lines.toArray(String[]::new));

        assertThatThrownBy(() -> load(Map.of("source", file.toString()))).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ", line 1001, column \"rating\": value \"100\" is outside the rating scale"
                        + " 0.5 to 5 in steps of 0.5 that the other 2000 ratings follow (declare the scale, e.g. --scale 0.5-100,"
                        + " to accept it) in row \"u9999,i3,100\"");
        assertThat(load(Map.of("source", file.toString(), "scale", "0.5-100")).ratings().max()).isEqualTo(100f);
        assertThat(load(Map.of("source", file.toString(), "on-bad-row", "skip")).ratings().max()).isEqualTo(5f);
    }

    @Test
    void implicitEventsAreWeightedAndRepeatedPairsAggregatedByThePolicy() throws IOException {
        Path file = write("events.csv", "customer,product,type,ts", "c1,p1,view,1", "c1,p1,cart,2", "c1,p2,view,3",
                "c2,p1,purchase,2024-05-01T00:00:00Z", "c1,p1,purchase,5");
        Map<String, Object> base = Map.of("source", file.toString(),
                "columns", Map.of("user", "customer", "item", "product", "event", "type", "time", "ts"),
                "event-weights", Map.of("view", 1, "cart", 3, "purchase", 5));

        Dataset sum = load(base);
        assertThat(sum.implicit()).isTrue();
        assertThat(rows(sum.ratings())).containsExactly("c1 p2 1.0 3", "c2 p1 5.0 1714521600", "c1 p1 9.0 5");
        Map<String, Object> count = new java.util.HashMap<>(base);
        count.put("aggregate", "count");
        assertThat(rows(load(count).ratings())).containsExactly("c1 p2 1.0 3", "c2 p1 1.0 1714521600", "c1 p1 3.0 5");
        Map<String, Object> last = new java.util.HashMap<>(base);
        last.put("aggregate", "last");
        assertThat(rows(load(last).ratings())).containsExactly("c1 p2 1.0 3", "c2 p1 5.0 1714521600", "c1 p1 5.0 5");
    }

    @Test
    void aPlainEventLogTakesTheByteLevelPathAndLoadsAsTheRowByRowPathDoes() throws IOException {
        String[] lines = {"customer,product,type,ts", "c1,p1,view,1", "c1,p1,cart,2", "c1,p2,view,3", "c2,p1,purchase,4",
                "c1,p1,purchase,5", "7,p2,cart,6"};
        Path plain = write("plain.csv", lines);
        // A quoted field is not plain: this copy takes the row-by-row path, the reference.
        lines[3] = "\"c1\",p2,view,3";
        Path quoted = write("quoted.csv", lines);
        Map<String, Float> weights = Map.of("view", 1f, "cart", 3f, "purchase", 5f);
        var options = new DelimitedRatingsLoader.Options(",", true, 0, 1, DelimitedRatingsLoader.Options.ABSENT, 3,
                StandardCharsets.UTF_8, DelimitedRatingsLoader.DuplicatePolicy.ERROR, RatingScale.GENERIC);
        var events = AsciiRatingsParser.EventWeights.of(2, weights);
        assertThat(AsciiRatingsParser.parse(plain, options, IdIndex.builder(), IdIndex.builder(), false, events))
                .as("the plain file is read by the byte-level parser").isNotNull();
        assertThat(AsciiRatingsParser.parse(quoted, options, IdIndex.builder(), IdIndex.builder(), false, events)).isNull();

        for (String aggregate : List.of("sum", "count", "last")) {
            Map<String, Object> spec = new java.util.HashMap<>(Map.of("columns",
                    Map.of("user", "customer", "item", "product", "event", "type", "time", "ts"),
                    "event-weights", weights, "aggregate", aggregate));
            spec.put("source", plain.toString());
            List<String> fast = rows(load(spec).ratings());
            spec.put("source", quoted.toString());
            assertThat(fast).as(aggregate).isEqualTo(rows(load(spec).ratings())).hasSize(4);
        }
        Map<String, Object> spec = Map.of("source", plain.toString(), "columns",
                Map.of("user", "customer", "item", "product", "event", "type", "time", "ts"), "event-weights", weights);
        assertThat(rows(load(spec).ratings())).containsExactly("c1 p2 1.0 3", "c2 p1 5.0 4", "c1 p1 9.0 5", "7 p2 3.0 6");
    }

    @Test
    void anEventTypeWithoutAWeightIsABadRow() throws IOException {
        Path file = write("events.csv", "user,item,event", "c1,p1,view", "c1,p2,wishlist");

        assertThatThrownBy(() -> load(Map.of("source", file.toString(), "event-weights", Map.of("view", 1))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ", line 3, column \"event\": value \"wishlist\" is not an event type with a weight");
    }

    @Test
    void explicitDuplicatesFollowThePolicyAndTheErrorNamesBothLines() throws IOException {
        Path file = write("r.csv", "user,item,rating", "1,31,2", "1,32,3", "1,31,4");

        assertThatThrownBy(() -> load(Map.of("source", file.toString()))).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ", line 4: user \"1\" rates item \"31\" again (first at " + file + ", line 2: \"1,31,2\");"
                        + " choose the duplicate policy last or mean (--duplicates) to merge repeated ratings");
        assertThat(rows(load(Map.of("source", file.toString(), "duplicates", "mean")).ratings()))
                .containsExactly("1 32 3.0 0", "1 31 3.0 0");
        assertThat(rows(load(Map.of("source", file.toString(), "duplicates", "last")).ratings()))
                .containsExactly("1 32 3.0 0", "1 31 4.0 0");
    }

    @Test
    void aGlobIsOneDataSetReadInSortedPathOrder() throws IOException {
        write("logs/b.csv", "user,item", "u2,i1");
        write("logs/a.csv", "user,item", "u1,i1", "u1,i2");
        write("logs/c.txt", "not,matched");

        Dataset data = load(Map.of("source", temp.resolve("logs/*.csv").toString()));

        assertThat(rows(data.ratings())).containsExactly("u1 i1 1.0 0", "u1 i2 1.0 0", "u2 i1 1.0 0");
        assertThat(data.name()).isEqualTo("logs");
    }

    @Test
    void jsonLinesAreReadWithTheirLineNumbers() throws IOException {
        Path file = write("events.jsonl", "{\"user\": \"u1\", \"item\": 7, \"rating\": 4}", "", "{\"user\": \"u2\", \"item\": 8}");

        assertThat(rows(load(Map.of("source", file.toString(), "columns", Map.of("rating", "none"))).ratings()))
                .containsExactly("u1 7 1.0 0", "u2 8 1.0 0");
        assertThatThrownBy(() -> load(Map.of("source", file.toString()))).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ", line 3, column \"rating\": value (none) is missing (no rating)");
        Path broken = write("broken.jsonl", "{\"user\": \"u1\", \"item\": 7}", "{\"user\": \"u1\", ");
        assertThatThrownBy(() -> load(Map.of("source", broken.toString()))).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("broken.jsonl:2: not valid JSON");
    }

    @Test
    void aFieldCountOtherThanTheHeadersIsAnErrorNamingTheLine() throws IOException {
        Path file = write("r.csv", "user,item,rating", "1,31,2", "1,32,3,9");

        assertThatThrownBy(() -> load(Map.of("source", file.toString()))).isInstanceOf(DataFormatException.class)
                .hasMessage("r.csv:3: found 4 field(s) separated by \",\" but line 1 (the header) has 3 in line \"1,32,3,9\"");
    }

    @Test
    void parquetWithoutItsModuleIsAnErrorNamingTheModule() throws IOException {
        Path file = write("events.parquet", "PAR1");

        assertThatThrownBy(() -> load(Map.of("source", file.toString()))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("no reader for format \"parquet\" is installed")
                .hasMessageContaining("Parquet needs the embedrec-duckdb module");
    }

    @Test
    void itemMetadataGivesTitlesAndMultiValuedCategoriesAndKeepsItsOrder() throws IOException {
        Path events = write("events.csv", "user,item", "u1,p2", "u1,p9");
        Path products = write("products.csv", "item,name,category,tags", "p1,Lamp,home,light|desk", "p2,Chair,home,",
                "p3,\"Pen, blue\",office,desk");

        Dataset data = load(Map.of("source", events.toString(), "items", Map.of("source", products.toString(), "title", "name",
                "categories", List.of("category", "tags"))));

        assertThat(data.catalog().items().ids()).containsExactly("p1", "p2", "p3", "p9");
        assertThat(data.catalog().title(2)).isEqualTo("Pen, blue");
        assertThat(data.catalog().title(3)).as("not in the item file: its id").isEqualTo("p9");
        assertThat(data.catalog().genres(0)).containsExactly("category=home", "tags=light", "tags=desk");
        assertThat(data.catalog().genres(1)).containsExactly("category=home");
        assertThat(rows(data.ratings())).containsExactly("u1 p2 1.0 0", "u1 p9 1.0 0");
        Path repeated = write("dup.csv", "item,title", "p1,A", "p1,B");
        assertThatThrownBy(() -> load(Map.of("source", events.toString(), "items", Map.of("source", repeated.toString()))))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(repeated + ", line 3, column \"item\": value \"p1\" appears twice (each item needs one row) in row \"p1,B\"");
    }

    @Test
    void theRecordedSpecHasNoCredentialsAndReadsBack() throws IOException {
        Path file = write("r.csv", "user,item", "u1,i1");
        DataSpec spec = DataSpec.fromMap(Map.of("source", file.toString(), "columns", Map.of("user", "user"),
                "event-weights", Map.of("view", 1), "scale", "1-5/1", "aggregate", "count"), Path.of("."));

        assertThat(DataSpec.fromRecorded(spec.toRecorded())).isEqualTo(spec);
        DataSpec jdbc = DataSpec.fromMap(Map.of("source", "jdbc:postgresql://bob:secret@db:5432/shop?user=bob&password=secret&ssl=true",
                "query", "SELECT * FROM events"), Path.of("."));
        assertThat(jdbc.toRecorded()).doesNotContain("secret").doesNotContain("bob")
                .contains("jdbc:postgresql://db:5432/shop?ssl=true");
        assertThat(DataSpec.of(temp).toRecorded()).as("a MovieLens folder is recorded as before").isEqualTo(temp.toString());
    }

    @Test
    void aPredefinedSplitOfDataThatIsNotAnMl100kFolderIsRefused() throws IOException {
        Path file = write("r.csv", "user,item", "u1,i1");
        DataSpec spec = DataSpec.of(file);

        assertThatThrownBy(() -> DataLoader.split(spec, org.embedrec.data.SplitSpec.parse("ml100k:u1"), load(Map.of("source", file.toString())).ratings(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the predefined split u1 exists only in an ML-100K folder, not in " + file + "; use e.g. random:0.1 or user:0.2");
    }

    @Test
    void mappingOptionsForAMovieLensFolderAreRefusedPointingAtItsRatingsFile() throws IOException {
        Path dir = temp.resolve("ml");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,31,2.5,1\n");
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n31,Heat (1995),Drama\n");

        assertThat(load(Map.of("source", dir.toString())).ratings().size()).isEqualTo(1);
        assertThatThrownBy(() -> load(Map.of("source", dir.toString(), "on-bad-row", "skip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a MovieLens folder, read with its own columns and scale")
                .hasMessageContaining(dir.resolve("ratings.csv").toString());
    }

    @Test
    void aNumericColumnBecomesQuartileCategoriesAndANonNumberIsAnError() throws IOException {
        Path events = write("events.csv", "user,item", "u1,p1");
        List<String> lines = new ArrayList<>(List.of("item,price"));
        float[] prices = {5, 1, 8, 3, 2, 7, 4, 6};
        for (int p = 0; p < prices.length; p++) {
            lines.add("p" + (p + 1) + "," + prices[p]);
        }
        lines.add("p9,");
        Path products = write("priced.csv", lines.toArray(String[]::new));

        Dataset data = load(Map.of("source", events.toString(), "items", Map.of("source", products.toString(), "numeric", List.of("price"))));

        // Naive reference: rank the eight prices; ranks 1-2 are Q1, 3-4 Q2, 5-6 Q3, 7-8 Q4.
        float[] sorted = prices.clone();
        java.util.Arrays.sort(sorted);
        for (int p = 0; p < prices.length; p++) {
            int rank = java.util.Arrays.binarySearch(sorted, prices[p]) + 1;
            assertThat(data.catalog().genres(data.catalog().items().index("p" + (p + 1))))
                    .containsExactly("price=Q" + ((rank + 1) / 2));
        }
        assertThat(data.catalog().genres(data.catalog().items().index("p9"))).as("no price, no category").isEmpty();
        Path bad = write("bad-price.csv", "item,price", "p1,cheap");
        assertThatThrownBy(() -> load(Map.of("source", events.toString(), "items", Map.of("source", bad.toString(), "numeric", "price"))))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(bad + ", line 2, column \"price\": value \"cheap\" is not a number in row \"p1,cheap\"");
    }
}
