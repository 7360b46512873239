package org.embedrec.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.embedrec.io.DataFormatException;
import org.embedrec.io.rows.JdbcRowSource;
import org.embedrec.io.rows.RowSource;
import org.embedrec.synth.SyntheticStoreEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "one dataset, three sources": a generated store log read from its CSV file, from its
 * Parquet copy (DuckDB) and from a real PostgreSQL server (JDBC) gives the same rows in the same
 * order. Never skipped: CI starts the server like any machine does.
 */
class ThreeSourcesTest {
    @TempDir
    static Path dir;

    private static GeneratedEventSources sources;

    @BeforeAll
    static void start() throws IOException, SQLException {
        sources = GeneratedEventSources.create(dir, new SyntheticStoreEvents.Options(300, 400, 20_000, 5, 12, 0.7, 11));
    }

    @AfterAll
    static void stop() throws IOException {
        if (sources != null) {
            sources.close();
        }
    }

    /** The header and records of a CSV file by FastCSV, empty fields as null (as SQL and Parquet give them). */
    private static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord r : csv) {
                records.add(r.getFields().stream().map(v -> v.isEmpty() ? null : v).toList());
            }
        }
        return records;
    }

    /** The columns, then every row's values, checking positions count rows from 1. */
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
                assertThat(source.text()).isEqualTo(String.join(",", row.stream().map(String::valueOf).toList()));
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void eventsAreTheSameRowsFromCsvParquetAndPostgres() throws IOException {
        List<List<String>> fromCsv = csv(sources.eventsCsv());
        assertThat(fromCsv).hasSize(20_001);

        assertThat(rows(sources.parquetEventRows())).isEqualTo(fromCsv);
        assertThat(rows(sources.postgresEventRows())).isEqualTo(fromCsv);
    }

    @Test
    void itemsAreTheSameRowsFromCsvParquetAndPostgres() throws IOException {
        List<List<String>> fromCsv = csv(sources.itemsCsv());
        assertThat(fromCsv).hasSize(401);
        // NUMERIC(10, 2) prints prices as the CSV writes them; empty tags are NULL in both databases.
        assertThat(rows(sources.postgresItemRows())).isEqualTo(fromCsv);
        assertThat(rows(sources.parquetItemRows())).hasSameSizeAs(fromCsv);
    }

    @Test
    void credentialsNeverAppearInNamesOrErrors() {
        try (RowSource rows = sources.postgresEventRows()) {
            assertThat(rows.name()).startsWith(sources.jdbcUrl() + " [SELECT user_id")
                    .doesNotContain(GeneratedEventSources.PASSWORD);
        }
        String urlWithPassword = sources.jdbcUrl() + "?password=" + GeneratedEventSources.PASSWORD;
        assertThatThrownBy(() -> JdbcRowSource.open(urlWithPassword, "SELECT nope FROM events", sources.environment()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(sources.jdbcUrl() + " [SELECT nope FROM events]")
                .hasMessageContaining("nope")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GeneratedEventSources.PASSWORD));
    }

    @Test
    void theLoadScriptNamesEveryTableAndFile() throws IOException {
        String script = java.nio.file.Files.readString(SyntheticStoreEvents.writePostgresScript(dir));
        for (List<String> tableFile : SyntheticStoreEvents.POSTGRES_TABLE_FILES) {
            assertThat(script).contains("\\copy " + tableFile.get(0) + " FROM '" + tableFile.get(1) + "'");
        }
        assertThat(script).contains(SyntheticStoreEvents.POSTGRES_TABLES.get(2));
    }
}
