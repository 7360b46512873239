package org.embedrec.server.live;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A durable, append-only store of interactions, written in batches at most once per idempotency
 * key. Implementations are thread-safe; an append returns only once the batch is durable (on disk,
 * or committed by the database), so what was acknowledged survives a crash of the process.
 */
public interface InteractionStore extends AutoCloseable {
    /**
     * The answer to an append.
     *
     * @param stored how many interactions the batch stored (its size)
     * @param replayed true when the key had been stored before and nothing was written now
     */
    record Appended(long stored, boolean replayed) {
    }

    /**
     * Stores {@code batch} durably, or, if its key was stored before with the same fingerprint, stores
     * nothing and answers as the first time ({@code replayed} set).
     *
     * @throws KeyReusedException if the key was stored before with another fingerprint
     * @throws IOException if the batch could not be made durable; then none of it is stored
     */
    Appended append(Batch batch) throws IOException;

    /** The interactions of {@code user} in the order they were stored; empty for an unknown user. */
    List<Interaction> interactions(String user) throws IOException;

    /**
     * Deletes every interaction of {@code user} durably.
     *
     * @return how many were deleted
     */
    long forget(String user) throws IOException;

    /** Every user with at least one stored interaction. */
    List<String> users() throws IOException;

    /** The number of interactions stored. */
    long size() throws IOException;

    /**
     * Why an append would fail now, found without writing anything: the store is closed, a failed
     * write left it refusing writes, its file is gone or read-only, its database does not answer.
     * Empty when appends can be tried. Cheap enough for a readiness probe every few seconds; the
     * reason names no path or URL, because the probe shows it to anyone who can reach the server.
     */
    Optional<String> unwritableReason();

    /** What the store is, for the log: its kind and location (never a password). */
    String describe();

    @Override
    void close() throws IOException;

    /** An idempotency key stored before with another batch. */
    final class KeyReusedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** For {@code key}. */
        public KeyReusedException(String key) {
            super("idempotency key '" + (key.length() <= 80 ? key : key.substring(0, 77) + "...")
                    + "' was used before for a different batch");
        }
    }
}
