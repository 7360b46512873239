package org.embedrec.server.live;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The JDBC store on a real PostgreSQL server (embedded, started per test): the store contract, so
 * that several servers can share one store. Never skipped, like the duckdb module's ThreeSourcesTest.
 */
class PostgresInteractionStoreTest extends InteractionStoreContract {
    private EmbeddedPostgres postgres;

    @BeforeEach
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    @AfterEach
    void stop() throws IOException {
        postgres.close();
    }

    @Override
    InteractionStore open() throws IOException {
        return JdbcInteractionStore.open(postgres.getJdbcUrl("postgres", "postgres"));
    }
}
