package dev.caravan.model;

/** Where a sync writes: a PostgreSQL table ({@link TableDestination}) or an HTTP API ({@link HttpDestination}). */
public sealed interface DestinationSpec permits TableDestination, HttpDestination {
    /** Id of the connection the destination writes to. */
    String connection();
}
