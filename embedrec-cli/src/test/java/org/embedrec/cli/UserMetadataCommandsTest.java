package org.embedrec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --user-metadata}: a generated store's users.csv, recorded with the model and shown by {@code recommend --user}. */
class UserMetadataCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void recommendShowsTheUsersAttributesFromTheRecordedUserMetadata() throws IOException {
        Path store = tmp.resolve("store");
        assertThat(CliRun.of("generate", "--kind", "events", "--out", store.toString(), "--users", "30", "--items", "60",
                "--events", "900", "--seed", "4").status()).isZero();
        Path model = tmp.resolve("bpr.safetensors");
        CliRun train = CliRun.of("train", "--data", store.resolve("events.csv").toString(), "--user-col", "user_id",
                "--item-col", "item_id", "--event-weights", "view=1,cart=3,purchase=5",
                "--user-metadata", store.resolve("users.csv").toString(), "--config", "bpr", "--epochs", "1",
                "--no-progress", "--out", model.toString());
        assertThat(train.status()).as(train.err()).isZero();
        List<String> users = Files.readAllLines(store.resolve("users.csv"));
        String[] first = users.get(1).split(",");

        CliRun recommend = CliRun.of("recommend", "--model", model.toString(), "--user", first[0], "--count", "3");
        CliRun badColumn = CliRun.of("explore", "--data", store.resolve("events.csv").toString(), "--user-col", "user_id",
                "--item-col", "item_id", "--event-weights", "view=1,cart=3,purchase=5",
                "--user-metadata", store.resolve("users.csv").toString(), "--user-id-col", "customer");

        assertThat(recommend.status()).as(recommend.err()).isZero();
        assertThat(recommend.out()).contains("user " + first[0] + ": favourite_category=" + first[1] + "\n");
        assertThat(badColumn.status()).isEqualTo(1);
        assertThat(badColumn.err()).contains("users.csv: no column \"customer\"; the header found: user_id,favourite_category");
    }
}
