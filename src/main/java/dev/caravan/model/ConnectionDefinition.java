package dev.caravan.model;

/** A named external system (an HTTP API or a PostgreSQL database) that syncs refer to by id. */
public sealed interface ConnectionDefinition permits HttpConnection, PostgresConnection {
    String id();

    ConnectionType type();

    String description();
}
