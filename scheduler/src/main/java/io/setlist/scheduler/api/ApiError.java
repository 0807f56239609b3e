package io.setlist.scheduler.api;

/**
 * An error answered as JSON {@code {"error": code, "message": ..., "parameter": ...}} with an HTTP status. Thrown
 * by the checks at the top of an endpoint or by {@link ApiAuth}; anything else becomes a 500 with no detail.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String parameter;

    private ApiError(int status, String code, String message, String parameter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
    }

    public static ApiError badParameter(String parameter, String message) {
        return new ApiError(400, "bad_request", message, parameter);
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

    /** A cursor from a run that is no longer current: paging must start again, never mix two runs. */
    public static ApiError cursorExpired(String message) {
        return new ApiError(410, "cursor_expired", message, "cursor");
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "payload_too_large", message, null);
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
        return new Body(code, getMessage(), parameter);
    }

    public record Body(String error, String message, String parameter) {
    }
}
