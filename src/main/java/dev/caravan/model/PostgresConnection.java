package dev.caravan.model;

/**
 * A PostgreSQL database. {@code url: embedded} means the runtime's own database (embedded or
 * the external one selected by {@code CARAVAN_DB_URL}).
 */
public record PostgresConnection(
        Kind kind,
        String id,
        ConnectionType type,
        String description,
        String url,
        String user,
        Secret password) implements ConnectionDefinition {

    public static final String EMBEDDED = "embedded";

    public boolean isRuntimeDatabase() {
        return EMBEDDED.equals(url);
    }
}
