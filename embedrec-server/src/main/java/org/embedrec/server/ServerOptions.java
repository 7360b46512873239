package org.embedrec.server;

/**
 * How the server listens and what it accepts.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port, 0 for any free port
 * @param apiKey the bearer key every route but {@code /health} and the static page requires, or
 *     null for an open server
 * @param maxResults the largest {@code n} a listing may ask for
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param maxBatch the most (user, item) pairs or profile ratings one request may carry
 */
public record ServerOptions(String host, int port, String apiKey, int maxResults, long maxBodyBytes, int maxBatch) {
    /** Default {@link #maxResults}. */
    public static final int DEFAULT_MAX_RESULTS = 100;
    /** Default {@link #maxBodyBytes}: 64 KiB, ample for 1,000 pairs. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Default {@link #maxBatch}. */
    public static final int DEFAULT_MAX_BATCH = 1000;

    /** Validates every value; messages name the offending one. */
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key must not be blank");
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be >= 1, got " + maxResults);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1024, got " + maxBodyBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
    }

    /** Loopback on {@code port}, no key, default limits. */
    public static ServerOptions defaults(int port) {
        return new ServerOptions("127.0.0.1", port, null, DEFAULT_MAX_RESULTS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH);
    }

    /** These options with {@code key} required (null for none). */
    public ServerOptions withApiKey(String key) {
        return new ServerOptions(host, port, key, maxResults, maxBodyBytes, maxBatch);
    }

    /** These options listening on {@code newHost}. */
    public ServerOptions withHost(String newHost) {
        return new ServerOptions(newHost, port, apiKey, maxResults, maxBodyBytes, maxBatch);
    }
}
