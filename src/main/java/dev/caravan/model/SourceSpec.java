package dev.caravan.model;

import java.util.List;

/** Where a sync reads: an HTTP API ({@link HttpSourceSpec}) or a SQL model ({@link SqlSourceSpec}). */
public sealed interface SourceSpec permits HttpSourceSpec, SqlSourceSpec {
    /** Id of the connection the source reads from. */
    String connection();

    /** Fields that identify a record; composite keys list several. */
    List<String> primaryKey();
}
