package org.embedrec.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store on an embedded SQLite file: the store contract, and a URL's password never shown. */
class JdbcInteractionStoreTest extends InteractionStoreContract {
    @TempDir
    Path dir;

    @Override
    InteractionStore open() throws IOException {
        return JdbcInteractionStore.open("jdbc:sqlite:" + dir.resolve("interactions.db"));
    }

    @Test
    void aUrlIsShownWithoutItsPassword() {
        assertThat(JdbcInteractionStore.withoutSecrets("jdbc:postgresql://db:5432/recs?user=app&password=hunter2"))
                .isEqualTo("jdbc:postgresql://db:5432/recs");
        assertThat(JdbcInteractionStore.withoutSecrets("jdbc:postgresql://app:hunter2@db/recs")).isEqualTo("jdbc:postgresql://db/recs");
        assertThatThrownBy(() -> JdbcInteractionStore.open("jdbc:postgresql://127.0.0.1:1/none?password=hunter2"))
                .isInstanceOf(IOException.class).hasMessageContaining("jdbc:postgresql://127.0.0.1:1/none")
                .hasMessageNotContaining("hunter2");
    }
}
