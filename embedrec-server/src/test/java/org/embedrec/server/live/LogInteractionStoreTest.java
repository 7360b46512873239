package org.embedrec.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.embedrec.server.live.InteractionStore.Appended;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log: the store contract, and what a crash or a bad file leaves behind. */
class LogInteractionStoreTest extends InteractionStoreContract {
    @TempDir
    Path dir;

    @Override
    InteractionStore open() throws IOException {
        return LogInteractionStore.open(dir);
    }

    private Path log() {
        return dir.resolve(LogInteractionStore.FILE);
    }

    @Test
    void aRecordCutShortByACrashIsDroppedKeptAsideAndTheLogStaysWritable() throws IOException {
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            store.append(batch("a", "alice", 0, 2));
            store.append(batch("b", "alice", 2, 2));
        }
        long good = Files.size(log());
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            store.append(batch("c", "alice", 4, 2));
        }
        long full = Files.size(log());
        try (FileChannel channel = FileChannel.open(log(), StandardOpenOption.WRITE)) {
            channel.truncate(full - 5);
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.interactions("alice")).extracting(Interaction::item)
                    .containsExactly("item0", "item1", "item2", "item3");
            assertThat(Files.size(log())).isEqualTo(good);
            assertThat(dir.resolve(LogInteractionStore.FILE + ".torn-" + good)).hasSize(full - 5 - good);
            // The key of the lost batch was never acknowledged: it can be stored now, once.
            assertThat(store.append(batch("c", "alice", 4, 2))).isEqualTo(new Appended(2, false));
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.size()).isEqualTo(6);
        }
    }

    @Test
    void aRecordFailingItsCrcIsNeverReadAsGood() throws IOException {
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            store.append(batch("a", "alice", 0, 2));
            store.append(batch("b", "bob", 0, 2));
        }
        byte[] bytes = Files.readAllBytes(log());
        int last = indexOf(bytes, "bob".getBytes(StandardCharsets.UTF_8));
        bytes[last] = 'X'; // "Xob": same length, so only the CRC can tell
        Files.write(log(), bytes);
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.users()).containsExactly("alice");
            assertThat(store.interactions("Xob")).isEmpty();
        }
    }

    @Test
    void forgettingAUserRemovesTheirBytesFromTheDisk() throws IOException {
        try (InteractionStore store = open()) {
            store.append(batch("a", "alice", 0, 3));
            store.append(batch("b", "bob-the-user", 0, 2));
            assertThat(indexOf(Files.readAllBytes(log()), "bob-the-user".getBytes(StandardCharsets.UTF_8))).isNotNegative();
            store.forget("bob-the-user");
        }
        assertThat(indexOf(Files.readAllBytes(log()), "bob-the-user".getBytes(StandardCharsets.UTF_8))).isNegative();
        assertThat(indexOf(Files.readAllBytes(log()), "alice".getBytes(StandardCharsets.UTF_8))).isNotNegative();
    }

    @Test
    void aFileThatIsNotALogOrOfAnotherVersionIsRefusedByName() throws IOException {
        Files.writeString(log(), "userId,movieId\n1,2\n");
        assertThatThrownBy(() -> LogInteractionStore.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(log().toString()).hasMessageContaining("not an embedrec interaction log");
        byte[] header = "EMBEDREC-INTERACTIONS\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(log(), ByteBuffer.allocate(header.length + 4).put(header).putInt(7).array());
        assertThatThrownBy(() -> LogInteractionStore.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 7");
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstCloses() throws IOException {
        try (InteractionStore first = open()) {
            first.append(batch("a", "alice", 0, 1));
            assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("in use by another server");
            first.append(batch("b", "alice", 1, 1));
        }
        try (InteractionStore again = open()) {
            assertThat(again.size()).isEqualTo(2);
        }
    }

    @Test
    void aHeaderCutShortAtCreationIsWrittenAgain() throws IOException {
        Files.write(log(), "EMBEDREC-INT".getBytes(StandardCharsets.US_ASCII));
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            store.append(batch("a", "alice", 0, 1));
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.size()).isEqualTo(1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
