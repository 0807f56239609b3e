package io.setlist.scheduler.api;

/**
 * An error answered as JSON {@code {"error": code, "message": ..., "parameter": ..., "index": ...}} with an HTTP
 * status ({@code index} only for an item of a batch body). Thrown by the checks at the top of an endpoint or by
 * {@link ApiAuth}; anything else becomes a 500 with no detail.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String parameter;
    private final Integer index;

    private ApiError(int status, String code, String message, String parameter) {
        this(status, code, message, parameter, null);
    }

    private ApiError(int status, String code, String message, String parameter, Integer index) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
        this.index = index;
    }

    public static ApiError badParameter(String parameter, String message) {
        return new ApiError(400, "bad_request", message, parameter);
    }

    /** A bad field of item {@code index} of a batch body: 400 naming both. */
    public static ApiError badItem(int index, String field, String message) {
        return new ApiError(400, "bad_request", message, field, index);
    }

    public static ApiError payloadTooLarge(String parameter, String message) {
        return new ApiError(413, "payload_too_large", message, parameter);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, null);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null);
    }

    /** The request collides with work in progress (a run of the same job and date holds its lease). */
    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message, null);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "unavailable", message, null);
    }

    /** A cursor from a run that is no longer current: paging must start again, never mix two runs. */
    public static ApiError cursorExpired(String message) {
        return new ApiError(410, "cursor_expired", message, "cursor");
    }

    public static ApiError tooLarge(String message) {
        return payloadTooLarge(null, message);
    }

    public static ApiError tooManyRequests(String message) {
        return new ApiError(429, "too_many_requests", message, null);
    }

    public static ApiError notReady() {
        return new ApiError(503, "not_ready", "no run has been published yet", null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String parameter() {
        return parameter;
    }

    /** The response body. */
    public Body body() {
        return new Body(code, getMessage(), parameter, index);
    }

    /** {@code index}: the item of a batch body the error is about (absent otherwise). */
    public record Body(String error, String message, String parameter, Integer index) {
        public Body(String error, String message, String parameter) {
            this(error, message, parameter, null);
        }
    }
}
