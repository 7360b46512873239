package org.embedrec.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.embedrec.data.Ratings;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.DataLoader;
import org.embedrec.io.DataSpec;
import org.embedrec.io.MovieLens;
import org.embedrec.io.rows.ColumnarSource;
import org.embedrec.io.rows.EncodedColumns;
import org.embedrec.io.rows.RowSource;
import org.embedrec.synth.SyntheticStoreEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parquet loaded as whole columns ({@link DuckDbColumnarSource}) gives the data set the CSV path gives
 * for the same rows, and a bad value is still named by its row, column and value (the row reader takes
 * over).
 */
class ColumnarParquetLoadTest {
    @TempDir
    static Path dir;

    private static final Map<String, Object> EVENT_COLUMNS = Map.of("user", "user_id", "item", "item_id", "event", "event",
            "time", "timestamp");
    private static final Map<String, Object> WEIGHTS = Map.of("view", 1, "cart", 3, "purchase", 5);

    @BeforeAll
    static void generate() throws IOException {
        new SyntheticStoreEvents(new SyntheticStoreEvents.Options(80, 150, 6_000, 5, 12, 0.7, 17)).generate(dir);
        DuckDb.csvToParquet(dir.resolve("events.csv"), dir.resolve("events.parquet"));
        DuckDb.copyToParquet("SELECT 'u' || user_id AS user_id, 'i' || item_id AS item_id, event, timestamp FROM read_parquet("
                + DuckDb.literal(dir.resolve("events.parquet").toString()) + ")", dir.resolve("text-ids.parquet"));
    }

    private static Ratings load(Path file, Map<String, Object> columns, Map<String, Object> more) {
        Map<String, Object> spec = new HashMap<>(more);
        spec.put("source", file.toString());
        spec.put("columns", columns);
        return DataLoader.load(DataSpec.fromMap(spec, dir), MovieLens.CachePolicy.NEVER).dataset().ratings();
    }

    private static Ratings loadEvents(Path file) {
        return load(file, EVENT_COLUMNS, Map.of("event-weights", WEIGHTS));
    }

    /** The same ids, values and times row by row (not only the same fingerprint). */
    private static void assertSameRatings(Ratings actual, Ratings expected) {
        assertThat(actual.fingerprint()).isEqualTo(expected.fingerprint());
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.users().ids()).isEqualTo(expected.users().ids());
        assertThat(actual.items().ids()).isEqualTo(expected.items().ids());
        for (int row = 0; row < expected.size(); row++) {
            assertThat(actual.user(row)).isEqualTo(expected.user(row));
            assertThat(actual.item(row)).isEqualTo(expected.item(row));
            assertThat(actual.rating(row)).isEqualTo(expected.rating(row));
            assertThat(actual.timestamp(row)).isEqualTo(expected.timestamp(row));
        }
    }

    /** Writes {@code lines} as a CSV file and its Parquet copy (DuckDB's inferred types); returns the Parquet file. */
    private static Path parquet(String name, String... lines) throws IOException {
        Path csv = dir.resolve(name + ".csv");
        Files.write(csv, List.of(lines));
        Path parquet = dir.resolve(name + ".parquet");
        DuckDb.csvToParquet(csv, parquet);
        return parquet;
    }

    /**
     * Integer ids (coded by value) and text ids (80 users and 150 items: dictionaries joined in SQL), each
     * with rows as DuckDB gives them (in file order, or placed by the row number packed beside the codes)
     * and with rows sorted by DuckDB.
     */
    @ParameterizedTest
    @CsvSource({"events.parquet, false", "events.parquet, true", "text-ids.parquet, false", "text-ids.parquet, true"})
    void columnsDecodeToTheRowReadersValuesInFileOrder(String name, boolean sortRows) {
        Path file = dir.resolve(name);
        List<List<String>> decoded = new ArrayList<>();
        try (ColumnarSource columns = DuckDbColumnarSource.open(file, "read_parquet", sortRows)) {
            assertThat(columns.columns()).containsExactly("user_id", "item_id", "event", "timestamp");
            EncodedColumns read = columns.read(List.of("user_id", "item_id", "event"), "timestamp").orElseThrow();
            assertThat(read.dictionaries().get(2)).containsExactlyInAnyOrder("view", "cart", "purchase");
            for (int row = 0; row < read.rows(); row++) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    values.add(read.dictionaries().get(c).get(read.codes().get(c)[row]));
                }
                values.add(Long.toString(read.integers()[row]));
                decoded.add(values);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        try (RowSource source = DuckDb.read(file, "read_parquet")) {
            while (source.next()) {
                rows.add(List.of(source.value(0), source.value(1), source.value(2), source.value(3)));
            }
        }
        assertThat(decoded).hasSize(6_000).isEqualTo(rows);
    }

    @Test
    void dictionariesListValuesInOrderOfFirstAppearance() throws IOException {
        Path file = parquet("order", "user,item,rating,timestamp", "30,7,4,100", "10,7,5,101", "30,2,3,102", "20,9,4,103");
        try (ColumnarSource columns = new DuckDbRowSourceFactory().openColumnar(file, "parquet").orElseThrow()) {
            EncodedColumns read = columns.read(List.of("user", "item"), null).orElseThrow();
            assertThat(read.dictionaries().get(0)).containsExactly("30", "10", "20");
            assertThat(read.dictionaries().get(1)).containsExactly("7", "2", "9");
            assertThat(read.codes().get(0)).containsExactly(0, 1, 0, 2);
            assertThat(read.codes().get(1)).containsExactly(0, 0, 1, 2);
            assertThat(read.integers()).isNull();
        }
    }

    @Test
    void parquetEventLogLoadsAsItsCsv() {
        Ratings csv = loadEvents(dir.resolve("events.csv"));
        assertThat(csv.size()).isLessThan(6_000); // repeated pairs were summed
        assertSameRatings(loadEvents(dir.resolve("events.parquet")), csv);
        Ratings textIds = loadEvents(dir.resolve("text-ids.parquet"));
        assertThat(textIds.users().id(0)).isEqualTo("u" + csv.users().id(0));
        assertThat(textIds.items().id(0)).isEqualTo("i" + csv.items().id(0));
        assertThat(textIds.fingerprint()).isNotEqualTo(csv.fingerprint()); // the ids differ, the values do not
        for (int row = 0; row < csv.size(); row++) {
            assertThat(textIds.user(row)).isEqualTo(csv.user(row));
            assertThat(textIds.item(row)).isEqualTo(csv.item(row));
            assertThat(textIds.rating(row)).isEqualTo(csv.rating(row));
            assertThat(textIds.timestamp(row)).isEqualTo(csv.timestamp(row));
        }
    }

    @Test
    void explicitRatingsLoadAsTheirCsvWithTheInferredScale() throws IOException {
        Path file = parquet("explicit", "user,item,rating,timestamp", "u1,i1,4.5,100", "u2,i1,3,101", "u1,i2,0.5,102",
                "u3,i3,5,103", "u2,i2,4.5,104");
        Ratings csv = load(dir.resolve("explicit.csv"), Map.of(), Map.of());
        assertThat(csv.min()).isEqualTo(0.5f);
        assertSameRatings(load(file, Map.of(), Map.of()), csv);
    }

    @Test
    void implicitPairsWithoutEventsLoadAsTheirCsv() throws IOException {
        Path file = parquet("pairs", "user,item,timestamp", "u1,i1,100", "u2,i1,101", "u1,i2,102", "u1,i1,103", "u3,i3,104");
        Ratings csv = load(dir.resolve("pairs.csv"), Map.of(), Map.of());
        assertThat(csv.size()).isEqualTo(4);
        assertThat(csv.rating(csv.size() - 2)).isEqualTo(2f); // u1 and i1 twice: counted
        assertSameRatings(load(file, Map.of(), Map.of()), csv);
    }

    @Test
    void aTimeColumnOfTextIsReadRowByRowWithTheSameResult() throws IOException {
        Path file = parquet("isotime", "user,item,rating,time", "1,1,4,2024-05-01T12:30:00Z", "2,1,3,2024-05-02T12:30:00Z");
        try (ColumnarSource columns = new DuckDbRowSourceFactory().openColumnar(file, "parquet").orElseThrow()) {
            assertThat(columns.read(List.of("user", "item", "rating"), "time")).isEmpty();
        }
        assertSameRatings(load(file, Map.of(), Map.of()), load(dir.resolve("isotime.csv"), Map.of(), Map.of()));
    }

    @Test
    void anUnknownEventTypeIsNamedWithItsRow() throws IOException {
        Path file = parquet("badevent", "user_id,item_id,event,timestamp", "1,1,view,100", "1,2,cart,101", "2,1,wishlist,102",
                "2,3,view,103");
        assertThatThrownBy(() -> loadEvents(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(file + ", row 3, column \"event\": value \"wishlist\" is not an event type with a weight");
    }

    @Test
    void aMissingUserIsNamedWithItsRowAndSkippingCountsIt() throws IOException {
        Path file = parquet("nouser", "user_id,item_id,event,timestamp", "1,1,view,100", "1,2,cart,101", ",1,view,102",
                "2,3,view,103");
        assertThatThrownBy(() -> loadEvents(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(file + ", row 3, column \"user_id\": value (none) is missing (no user id)");
        DataLoader.Loaded skipped = DataLoader.load(DataSpec.fromMap(Map.of("source", file.toString(), "columns", EVENT_COLUMNS,
                "event-weights", WEIGHTS, "on-bad-row", "skip"), dir), MovieLens.CachePolicy.NEVER);
        assertThat(skipped.skipped()).isEqualTo(1);
        assertThat(skipped.dataset().ratings().size()).isEqualTo(3);
    }

    @Test
    void aRatingOffTheDeclaredScaleIsNamedWithItsRow() throws IOException {
        Path file = parquet("offscale", "user,item,rating,timestamp", "1,1,4,100", "2,1,100,101", "2,2,3,102");
        assertThatThrownBy(() -> load(file, Map.of(), Map.of("scale", "1-5")))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(file + ", row 2, column \"rating\": value \"100\"");
    }
}
