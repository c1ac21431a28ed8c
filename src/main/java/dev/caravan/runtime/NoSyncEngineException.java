package dev.caravan.runtime;

/** No engine in this build runs syncs of this shape. */
public class NoSyncEngineException extends RuntimeException {
    public NoSyncEngineException(String message) {
        super(message);
    }
}
