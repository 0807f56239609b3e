package io.setlist.scheduler.api;

/**
 * An error answered as JSON {@code {"error": code, "message": ..., "parameter": ..., "index": ...,
 * "correlationId": ...}} with an HTTP status: the one error shape of the whole API, Jetty's own refusals included
 * ({@link JsonErrorPages}). {@code error} is a stable code from a closed set (see {@link #codeFor}), {@code message}
 * a short sentence for a human (at most {@value #MAX_MESSAGE} characters; echoed input is truncated), {@code index}
 * only for an item of a batch body, {@code correlationId} the id the answer's {@code X-Correlation-Id} header
 * carries and the log line names. Thrown by the checks at the top of an endpoint or by {@link ApiAuth}; anything
 * else becomes a 500 {@code internal} with no detail, logged with its stack trace under the correlation id.
 */
public final class ApiError extends RuntimeException {
    static final int MAX_MESSAGE = 300;
    private final int status;
    private final String code;
    private final String parameter;
    private final Integer index;

    private ApiError(int status, String code, String message, String parameter) {
        this(status, code, message, parameter, null);
    }

    private ApiError(int status, String code, String message, String parameter, Integer index) {
        super(message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…", null, false,
                false);
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

    /** The API's share of the warehouse is busy: retry shortly (the answer carries {@code Retry-After}). */
    public static ApiError busy() {
        return new ApiError(503, "busy", "the service is busy; retry shortly", null);
    }

    /** Well-formed, but more work than one request may cause: item {@code index} of the batch goes over a limit. */
    public static ApiError tooMuchWork(int index, String field, String message) {
        return new ApiError(422, "too_much_work", message, field, index);
    }

    /** A method no route serves on this path; the answer's {@code Allow} lists those that are. */
    public static ApiError methodNotAllowed(String method, String allowed) {
        return new ApiError(405, "method_not_allowed", "method " + Limit.truncate(method)
                + " is not allowed here" + (allowed.isEmpty() ? "" : "; allowed: " + allowed), null);
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

    /** The response body, carrying the request's correlation id. */
    public Body body(String correlationId) {
        return new Body(code, getMessage(), parameter, index, correlationId);
    }

    /** The error code of a status no endpoint chose (Jetty's refusals, Javalin's own 404/405/413...). */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    /** A short, fixed message for {@link #codeFor}: no echo of the request, which may be anything. */
    static String messageFor(int status) {
        return switch (status) {
            case 404 -> "no such route";
            case 405 -> "method not allowed";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request body is too large";
            case 414 -> "the request line is too long";
            case 415 -> "unsupported content type or encoding";
            case 431 -> "the request headers are too large";
            case 501, 505 -> "not supported";
            default -> status >= 500 ? "internal error" : "malformed request";
        };
    }

    /**
     * {@code index}: the item of a batch body the error is about (absent otherwise); {@code correlationId}: the
     * request's id, as in the {@code X-Correlation-Id} header.
     */
    public record Body(String error, String message, String parameter, Integer index, String correlationId) {
    }
}
