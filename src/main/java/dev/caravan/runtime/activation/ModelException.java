package dev.caravan.runtime.activation;

/** The model cannot be diffed: its query failed, or its keys are null or repeated. The run fails and the snapshot stays. */
public final class ModelException extends RuntimeException {
    ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
