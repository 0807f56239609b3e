package io.setlist.scheduler.api;

/**
 * An error answered as JSON {@code {"error": code, "message": ..., "parameter": ...}} with an HTTP status. Thrown
 * by the checks at the top of an endpoint; anything else becomes a 500 with no detail.
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

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "unavailable", message, null);
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
