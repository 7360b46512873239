package org.embedrec.server.live;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store on an embedded DuckDB file: the store contract. */
class DuckDbInteractionStoreTest extends InteractionStoreContract {
    @TempDir
    Path dir;

    @Override
    InteractionStore open() throws IOException {
        return JdbcInteractionStore.open("jdbc:duckdb:" + dir.resolve("interactions.duckdb"));
    }
}
