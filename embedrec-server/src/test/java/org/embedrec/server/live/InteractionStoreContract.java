package org.embedrec.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.embedrec.server.live.InteractionStore.Appended;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InteractionStore} must do; each implementation's test supplies {@link #open()},
 * which opens the same store again after a close (a restart).
 */
abstract class InteractionStoreContract {
    /** Opens the store under test; a second call after closing the first opens the same data. */
    abstract InteractionStore open() throws IOException;

    static Batch batch(String key, String user, int first, int count) {
        List<Interaction> interactions = new ArrayList<>();
        for (int k = first; k < first + count; k++) {
            interactions.add(new Interaction(user, "item" + k, k % 2 == 0 ? 4.5f : null, k % 2 == 0 ? null : 2f,
                    k % 3 == 0 ? "view" : null, 1_000_000L + k));
        }
        return new Batch(key, key.getBytes(StandardCharsets.UTF_8), interactions);
    }

    @Test
    void whatIsAppendedIsReadBackAfterReopeningWithEveryField() throws IOException {
        Batch first = batch("k1", "alice", 0, 3);
        try (InteractionStore store = open()) {
            assertThat(store.append(first)).isEqualTo(new Appended(3, false));
            store.append(batch("k2", "bob", 10, 2));
            store.append(batch("k3", "alice", 3, 1));
        }
        try (InteractionStore store = open()) {
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
    void anOpenStoreIsWritableAndAClosedOneSaysSoWithoutNamingWhereItIs() throws IOException {
        InteractionStore store = open();
        assertThat(store.unwritableReason()).isEmpty();
        store.append(batch("k1", "alice", 0, 1));
        assertThat(store.unwritableReason()).isEmpty();
        store.close();
        assertThat(store.unwritableReason()).hasValueSatisfying(reason -> assertThat(reason).contains("closed")
                .doesNotContain("/")); // no path or URL: readiness probes show it to anyone
    }

    @Test
    void aRetriedKeyIsAnsweredAsTheFirstTimeAndStoredOnceEvenAfterARestart() throws IOException {
        try (InteractionStore store = open()) {
            store.append(batch("same", "alice", 0, 4));
            assertThat(store.append(batch("same", "alice", 0, 4))).isEqualTo(new Appended(4, true));
            assertThat(store.size()).isEqualTo(4);
        }
        try (InteractionStore store = open()) {
            assertThat(store.append(batch("same", "alice", 0, 4))).isEqualTo(new Appended(4, true));
            assertThat(store.interactions("alice")).hasSize(4);
            Batch other = new Batch("same", new byte[] {9}, batch("x", "alice", 0, 1).interactions());
            assertThatThrownBy(() -> store.append(other)).isInstanceOf(InteractionStore.KeyReusedException.class)
                    .hasMessageContaining("'same'");
            assertThat(store.size()).isEqualTo(4);
        }
    }

    @Test
    void forgettingAUserDeletesTheirInteractionsAndKeepsOthersAndKeys() throws IOException {
        try (InteractionStore store = open()) {
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
        try (InteractionStore store = open()) {
            assertThat(store.users()).containsExactlyInAnyOrder("alice", "carol");
            assertThat(store.interactions("alice")).hasSize(4);
            assertThat(store.append(batch("b", "bob-the-user", 0, 2)).replayed()).isTrue();
            assertThat(store.interactions("bob-the-user")).isEmpty();
        }
    }

    @Test
    void concurrentAppendsAreEachStoredOnce() throws Exception {
        int threads = 8;
        int perThread = 25;
        try (InteractionStore store = open()) {
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
        try (InteractionStore store = open()) {
            assertThat(store.size()).isEqualTo(threads * perThread * 2L);
            for (int t = 0; t < threads; t++) {
                Set<String> items = new HashSet<>();
                store.interactions("u" + t).forEach(i -> items.add(i.item()));
                assertThat(items).hasSize(perThread * 2);
            }
        }
    }
}
