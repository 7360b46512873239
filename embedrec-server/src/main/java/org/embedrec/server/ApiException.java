package org.embedrec.server;

/**
 * A request the API refuses, with the HTTP status and what to tell the client: 400 for malformed
 * input (naming the field), 404 for an unknown user, item or model (naming it), 401 for a missing
 * or wrong API key, 409 for an idempotency key reused with another batch, 503 when the interaction
 * store cannot write. Never carries a stack trace to the client.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final String value;

    private ApiException(int status, String message, String field, String value) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.value = value;
    }

    /** 400: {@code field} of the request is malformed; {@code message} says how. */
    public static ApiException badField(String field, String message) {
        return new ApiException(400, message, field, null);
    }

    /** 404: no {@code kind} (user, item, model) with id {@code id}. */
    public static ApiException notFound(String kind, String id, String message) {
        return new ApiException(404, message, kind, id);
    }

    /** 409: {@code field} of the request conflicts with what was stored before; {@code message} says how. */
    public static ApiException conflict(String field, String message) {
        return new ApiException(409, message, field, null);
    }

    /** 503: a resource the request needs (the interaction store) failed; retrying may succeed. */
    public static ApiException unavailable(String field, String message) {
        return new ApiException(503, message, field, null);
    }

    /** 401: the API key is missing or wrong. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, message, null, null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The request field at fault (400), or the kind of thing not found (404); may be null. */
    public String field() {
        return field;
    }

    /** The id that was not found (404), else null. */
    public String value() {
        return value;
    }
}
