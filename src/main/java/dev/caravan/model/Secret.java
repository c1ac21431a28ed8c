package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A configuration value that must never be printed. Every rendering (toString, JSON) is masked;
 * only {@link #reveal()} gives the value, for the one place that sends it.
 */
public final class Secret {
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    @JsonCreator
    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }
}
