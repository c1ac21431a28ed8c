package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A PostgreSQL table ({@code schema.table} or {@code table}) that an API sync keeps in sync. */
public record TableDestination(String connection, String table, TableMode mode, DeleteStyle onDelete) implements DestinationSpec {

    public TableDestination {
        mode = mode == null ? TableMode.UPSERT : mode;
        onDelete = onDelete == null ? DeleteStyle.HARD : onDelete;
    }

    public enum TableMode {
        @JsonProperty("upsert") UPSERT,
        @JsonProperty("insert") INSERT,
        @JsonProperty("mirror") MIRROR
    }

    /** In mirror mode: remove deleted rows, or keep them with {@code _caravan_deleted_at} set. */
    public enum DeleteStyle {
        @JsonProperty("hard") HARD,
        @JsonProperty("soft") SOFT
    }
}
