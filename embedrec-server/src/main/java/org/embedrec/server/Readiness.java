package org.embedrec.server;

import java.util.Optional;
import org.embedrec.server.live.InteractionStore;

/**
 * The body of {@code GET /health/ready}: whether this server should get traffic.
 *
 * <p>Ready means a model is loaded and, with an interaction store, the store can take appends
 * ({@link InteractionStore#unwritableReason()}: open, not failed, its file or database reachable);
 * otherwise the answer is a 503 whose {@code reason} says what is wrong. Models are loaded before
 * the server listens, so a server that answers has one; the store is what can go wrong while it
 * runs. Liveness ({@code GET /health/live}) is separate: a server that is not ready is still alive,
 * and restarting it would not reopen a full disk.
 *
 * @param status {@code ready} or {@code not ready}
 * @param models the number of models served
 * @param store {@code none} (no store: read-only), {@code writable} or {@code unwritable}
 * @param reason why the server is not ready, or null
 */
public record Readiness(String status, int models, String store, String reason) {
    /** Checks {@code service} now. */
    static Readiness of(RecommendationService service) {
        int models = service.models().size();
        InteractionStore store = service.store();
        if (store == null) {
            return new Readiness("ready", models, "none", null);
        }
        Optional<String> unwritable = store.unwritableReason();
        return unwritable.map(reason -> new Readiness("not ready", models, "unwritable", reason))
                .orElseGet(() -> new Readiness("ready", models, "writable", null));
    }

    /** Whether the server should get traffic. */
    boolean ready() {
        return reason == null;
    }
}
