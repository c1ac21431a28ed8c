package dev.caravan.connector.destination.postgres;

/** Records that cannot be written as they are (no primary key, colliding field names): permanent. */
public class DestinationException extends RuntimeException {
    public DestinationException(String message) {
        super(message);
    }

    public DestinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
