package org.embedrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.embedrec.data.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JDBC query as a data source (an in-memory H2 database): the same data set as the same rows in a file. */
class JdbcDataSourceTest {
    private static final String URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";

    @TempDir
    Path temp;

    private Connection keepAlive;

    @BeforeEach
    void createTable() throws Exception {
        keepAlive = DriverManager.getConnection(URL);
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS events");
            statement.execute("CREATE TABLE events (customer VARCHAR(10), product VARCHAR(10), type VARCHAR(10), ts BIGINT)");
            statement.execute("INSERT INTO events VALUES ('c1','p1','view',1), ('c1','p1','cart',2), ('c1','p2','view',3),"
                    + " ('c2','p1','purchase',4)");
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        keepAlive.close();
    }

    private static Map<String, Object> mapping(String source) {
        return Map.of("source", source, "columns", Map.of("user", "CUSTOMER", "item", "PRODUCT", "event", "TYPE", "time", "TS"),
                "event-weights", Map.of("view", 1, "cart", 3, "purchase", 5));
    }

    @Test
    void aQueryGivesTheDataSetTheSameRowsInAFileGive() throws Exception {
        Map<String, Object> query = new java.util.HashMap<>(mapping(URL));
        query.put("query", "SELECT customer, product, type, ts FROM events ORDER BY ts");
        Path file = temp.resolve("events.csv");
        Files.write(file, List.of("CUSTOMER,PRODUCT,TYPE,TS", "c1,p1,view,1", "c1,p1,cart,2", "c1,p2,view,3", "c2,p1,purchase,4"));

        Dataset fromQuery = DataLoader.load(DataSpec.fromMap(query, Path.of(".")), MovieLens.CachePolicy.NEVER).dataset();
        Dataset fromFile = DataLoader.load(DataSpec.fromMap(mapping(file.toString()), Path.of(".")), MovieLens.CachePolicy.NEVER).dataset();

        assertThat(fromQuery.ratings().fingerprint()).isEqualTo(fromFile.ratings().fingerprint());
        assertThat(fromQuery.ratings().size()).isEqualTo(3);
        assertThat(fromQuery.implicit()).isTrue();
        assertThat(fromQuery.name()).isEqualTo("query");
    }

    @Test
    void aBadValueNamesTheQueryTheRowTheColumnAndTheValue() throws Exception {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("INSERT INTO events VALUES ('c3','p2','wishlist',5)");
        }
        Map<String, Object> query = new java.util.HashMap<>(mapping(URL));
        query.put("query", "SELECT * FROM events ORDER BY ts");

        assertThatThrownBy(() -> DataLoader.load(DataSpec.fromMap(query, Path.of(".")), MovieLens.CachePolicy.NEVER))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1 [SELECT * FROM events ORDER BY ts], row 5,"
                        + " column \"TYPE\": value \"wishlist\" is not an event type with a weight");
    }
}
