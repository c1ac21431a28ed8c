package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A SQL model on a PostgreSQL connection, diffed against its previous run by primary key. */
public record SqlSourceSpec(
        String connection,
        String query,
        List<String> primaryKey,
        InitialRun initial) implements SourceSpec {

    public SqlSourceSpec {
        primaryKey = List.copyOf(primaryKey);
        initial = initial == null ? InitialRun.SEND_ALL : initial;
    }

    /** What the first run does: send every row, or record a baseline and send nothing. */
    public enum InitialRun {
        @JsonProperty("all") SEND_ALL,
        @JsonProperty("baseline") BASELINE
    }
}
