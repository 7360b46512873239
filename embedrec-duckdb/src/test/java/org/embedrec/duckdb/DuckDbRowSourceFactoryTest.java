package org.embedrec.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.rows.RowSource;
import org.embedrec.io.rows.RowSourceFactory;
import org.embedrec.synth.SyntheticStoreEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbRowSourceFactoryTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        new SyntheticStoreEvents(new SyntheticStoreEvents.Options(60, 200, 3_000, 5, 12, 0.7, 3)).generate(dir);
    }

    private static RowSourceFactory duckDb() {
        return ServiceLoader.load(RowSourceFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("DuckDB")).findFirst().orElseThrow();
    }

    /** Every record of a CSV file after its header, parsed by FastCSV; an empty field is null, as DuckDB reads it. */
    private static List<List<String>> csvRecords(Path file) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord r : csv) {
                records.add(r.getFields().stream().map(v -> v.isEmpty() ? null : v).toList());
            }
        }
        return records;
    }

    private static List<List<String>> rows(RowSource source) {
        List<List<String>> rows = new ArrayList<>();
        try (source) {
            rows.add(source.columns());
            while (source.next()) {
                assertThat(source.position()).isEqualTo("row " + rows.size());
                List<String> row = new ArrayList<>();
                for (int c = 0; c < source.columns().size(); c++) {
                    row.add(source.value(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Prices become DOUBLE in Parquet, which prints 14.40 as 14.4: compare them as numbers. */
    private static List<List<String>> withNumericPrices(List<List<String>> rows) {
        int price = rows.get(0).indexOf("price");
        if (price < 0) {
            return rows;
        }
        List<List<String>> normalised = new ArrayList<>(rows.size());
        normalised.add(rows.get(0));
        for (List<String> row : rows.subList(1, rows.size())) {
            List<String> copy = new ArrayList<>(row);
            copy.set(price, Double.toString(Double.parseDouble(row.get(price))));
            normalised.add(copy);
        }
        return normalised;
    }

    @Test
    void parquetWrittenFromCsvReadsBackAsTheSameRowsInOrder() throws IOException {
        for (String file : List.of(SyntheticStoreEvents.EVENTS_FILE, SyntheticStoreEvents.ITEMS_FILE)) {
            Path csv = dir.resolve(file);
            Path parquet = dir.resolve(file.replace(".csv", ".parquet"));
            List<List<String>> expected = withNumericPrices(csvRecords(csv));

            assertThat(DuckDb.csvToParquet(csv, parquet)).isEqualTo(expected.size() - 1);
            // Titles with commas and quotes, tags with '|' and empty tags all survive the trip.
            assertThat(withNumericPrices(rows(duckDb().open(parquet, "parquet").orElseThrow()))).as(file)
                    .isEqualTo(expected);
        }
    }

    @Test
    void parquetKeepsIntegerColumnsAsIntegers() {
        Path parquet = dir.resolve("typed.parquet");
        DuckDb.csvToParquet(dir.resolve(SyntheticStoreEvents.EVENTS_FILE), parquet);
        List<List<String>> schema = rows(DuckDb.read(parquet, "parquet_schema"));
        int name = schema.get(0).indexOf("name");
        int type = schema.get(0).indexOf("type");
        assertThat(schema.subList(1, schema.size()).stream().map(r -> r.get(name) + ":" + r.get(type)))
                .contains("user_id:INT64", "item_id:INT64", "event:BYTE_ARRAY", "timestamp:INT64");
    }

    @Test
    void otherFormatsAreLeftToCore() {
        assertThat(duckDb().open(dir.resolve(SyntheticStoreEvents.EVENTS_FILE), "csv")).isEmpty();
        assertThat(duckDb().open(dir.resolve(SyntheticStoreEvents.EVENTS_FILE), "jsonl")).isEmpty();
    }

    @Test
    void missingOrCorruptFilesAreErrorsNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.parquet");
        assertThatThrownBy(() -> duckDb().open(missing, "parquet")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(missing.toString() + ": ");
        Path corrupt = Files.writeString(dir.resolve("corrupt.parquet"), "user_id,item_id\n1,2\n");
        assertThatThrownBy(() -> duckDb().open(corrupt, "parquet")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(corrupt.toString() + ": ")
                .satisfies(e -> assertThat(((DataFormatException) e).file()).isEqualTo(corrupt));
    }

    @Test
    void readerNamesAreCheckedBeforeTheyReachSql() {
        assertThatThrownBy(() -> DuckDb.read(dir.resolve("x"), "read_csv(); DROP TABLE t; --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a DuckDB reader");
        assertThat(DuckDb.literal("it's")).isEqualTo("'it''s'");
    }
}
