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
        KnownSecrets.add(value);
        return new Secret(value);
    }

    /**
     * {@code text} with every secret value this process knows masked: a safety net for text that
     * comes from outside, such as an API's error body that echoes a token back.
     */
    public static String redact(String text) {
        return KnownSecrets.redact(text);
    }

    /** Registers a secret that does not come from the configuration files (the API token, the database password). */
    public static void remember(String value) {
        KnownSecrets.add(value);
    }

    public String reveal() {
        return value;
    }

    /** Equal values are equal secrets, so a reload sees an unchanged connection as unchanged. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }
}
