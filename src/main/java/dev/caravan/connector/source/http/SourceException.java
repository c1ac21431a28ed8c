package dev.caravan.connector.source.http;

import dev.caravan.connector.http.HttpException;

/** A source request that did not produce a page (a record without its key is permanent too). */
public class SourceException extends HttpException {
    public SourceException(boolean permanent, String message) {
        super(permanent, message);
    }

    public SourceException(boolean permanent, String message, Throwable cause) {
        super(permanent, message, cause);
    }
}
