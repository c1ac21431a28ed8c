package dev.caravan.connector.http;

/**
 * An HTTP exchange that failed. {@code permanent} failures (401, 403, 404, invalid JSON) are not
 * retried: the run fails and nothing moves.
 */
public class HttpException extends RuntimeException {
    private final boolean permanent;

    public HttpException(boolean permanent, String message) {
        super(message);
        this.permanent = permanent;
    }

    public HttpException(boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
