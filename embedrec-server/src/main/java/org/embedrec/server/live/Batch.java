package org.embedrec.server.live;

import java.util.List;
import java.util.Objects;

/**
 * A batch of interactions sent in one request, stored all or nothing, at most once per
 * {@code key}. {@code fingerprint} identifies the batch's content as the client sent it (a hash):
 * a retry with the same key and fingerprint gets the first answer, the same key with another
 * fingerprint is refused.
 */
public record Batch(String key, byte[] fingerprint, List<Interaction> interactions) {
    /** The longest idempotency key accepted, in characters. */
    public static final int MAX_KEY_CHARS = 128;

    /** Checks the key and copies the list. */
    public Batch {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("the idempotency key must be 1 to " + MAX_KEY_CHARS
                    + " characters, not blank, got " + key.length() + " characters");
        }
        fingerprint = fingerprint.clone();
        interactions = List.copyOf(interactions);
        if (interactions.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one interaction");
        }
    }

    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }
}
