package io.setlist.sql.load;

/**
 * A file that cannot be imported because of what it is, not because of where it is imported to: a header that is
 * not the expected one, a name that tells no kind. Nothing of it is loaded. Retrying the same bytes fails the same
 * way, so the inbox moves such a file aside instead of failing every daily run on it; a lost connection or a full
 * disk is not this exception, and the file stays for the next run.
 */
public final class RejectedFileException extends IllegalArgumentException {
    public RejectedFileException(String message) {
        super(message);
    }
}
