package io.setlist.infra.publish;

/** A publish that could not write every item; the run pointer was not moved. */
public final class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message) {
        super(message);
    }

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
