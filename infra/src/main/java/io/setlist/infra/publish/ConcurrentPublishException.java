package io.setlist.infra.publish;

/** The run pointer was not where this publish expected it: nothing was made current. */
public final class ConcurrentPublishException extends RuntimeException {
    public ConcurrentPublishException(String message) {
        super(message);
    }

    public ConcurrentPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
