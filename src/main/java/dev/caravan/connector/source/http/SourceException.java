package dev.caravan.connector.source.http;

/**
 * A source request that did not produce a page. {@code permanent} failures (401, 403, 404,
 * invalid JSON, a record without its key) are not retried: the run fails and nothing moves.
 */
public class SourceException extends RuntimeException {
    private final boolean permanent;

    public SourceException(boolean permanent, String message) {
        super(message);
        this.permanent = permanent;
    }

    public SourceException(boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
