package dev.caravan.state.jdbc;

/** The state database could not be read or written; the message says which operation. */
public class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
