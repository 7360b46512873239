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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.embedrec.server.live.InteractionStore.Appended;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogInteractionStoreTest {
    @TempDir
    Path dir;

    static Batch batch(String key, String user, int first, int count) {
        List<Interaction> interactions = new ArrayList<>();
        for (int k = first; k < first + count; k++) {
            interactions.add(new Interaction(user, "item" + k, k % 2 == 0 ? 4.5f : null, k % 2 == 0 ? null : 2f,
                    k % 3 == 0 ? "view" : null, 1_000_000L + k));
        }
        return new Batch(key, key.getBytes(StandardCharsets.UTF_8), interactions);
    }

    private Path log() {
        return dir.resolve(LogInteractionStore.FILE);
    }

    @Test
    void whatIsAppendedIsReadBackAfterReopeningWithEveryField() throws IOException {
        Batch first = batch("k1", "alice", 0, 3);
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.append(first)).isEqualTo(new Appended(3, false));
            store.append(batch("k2", "bob", 10, 2));
            store.append(batch("k3", "alice", 3, 1));
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.size()).isEqualTo(6);
            assertThat(store.users()).containsExactlyInAnyOrder("alice", "bob");
            List<Interaction> alice = store.interactions("alice");
            assertThat(alice).hasSize(4);
            assertThat(alice.subList(0, 3)).isEqualTo(first.interactions());
            assertThat(alice.get(0).rating()).isEqualTo(4.5f);
            assertThat(alice.get(1).weight()).isEqualTo(2f);
            assertThat(alice.get(0).event()).isEqualTo("view");
            assertThat(alice.get(3).item()).isEqualTo("item3");
            assertThat(store.interactions("nobody")).isEmpty();
        }
    }

    @Test
    void aRetriedKeyIsAnsweredAsTheFirstTimeAndStoredOnceEvenAfterARestart() throws IOException {
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            store.append(batch("same", "alice", 0, 4));
            assertThat(store.append(batch("same", "alice", 0, 4))).isEqualTo(new Appended(4, true));
            assertThat(store.size()).isEqualTo(4);
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.append(batch("same", "alice", 0, 4))).isEqualTo(new Appended(4, true));
            assertThat(store.interactions("alice")).hasSize(4);
            Batch other = new Batch("same", new byte[] {9}, batch("x", "alice", 0, 1).interactions());
            assertThatThrownBy(() -> store.append(other)).isInstanceOf(InteractionStore.KeyReusedException.class)
                    .hasMessageContaining("'same'");
            assertThat(store.size()).isEqualTo(4);
        }
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
    void forgettingAUserRemovesTheirBytesFromDiskAndKeepsOthersAndKeys() throws IOException {
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            store.append(batch("a", "alice", 0, 3));
            store.append(batch("b", "bob-the-user", 0, 2));
            store.append(batch("c", "alice", 3, 1));
            assertThat(store.forget("bob-the-user")).isEqualTo(2);
            assertThat(store.forget("nobody")).isZero();
            assertThat(store.interactions("bob-the-user")).isEmpty();
            assertThat(store.size()).isEqualTo(4);
            store.append(batch("d", "carol", 0, 1));
            assertThat(store.append(batch("b", "bob-the-user", 0, 2))).isEqualTo(new Appended(2, true));
        }
        assertThat(indexOf(Files.readAllBytes(log()), "bob-the-user".getBytes(StandardCharsets.UTF_8))).isNegative();
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.users()).containsExactlyInAnyOrder("alice", "carol");
            assertThat(store.interactions("alice")).hasSize(4);
            assertThat(store.append(batch("b", "bob-the-user", 0, 2)).replayed()).isTrue();
            assertThat(store.interactions("bob-the-user")).isEmpty();
        }
    }

    @Test
    void concurrentAppendsAreEachStoredOnceAcrossGroupCommits() throws Exception {
        int threads = 8;
        int perThread = 50;
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < perThread; k++) {
                        // Every batch twice: the retry must not be stored.
                        store.append(batch("t" + thread + "-" + k, "u" + thread, k * 2, 2));
                        store.append(batch("t" + thread + "-" + k, "u" + thread, k * 2, 2));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
        }
        try (LogInteractionStore store = LogInteractionStore.open(dir)) {
            assertThat(store.size()).isEqualTo(threads * perThread * 2L);
            for (int t = 0; t < threads; t++) {
                Set<String> items = new HashSet<>();
                store.interactions("u" + t).forEach(i -> items.add(i.item()));
                assertThat(items).hasSize(perThread * 2);
            }
        }
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
