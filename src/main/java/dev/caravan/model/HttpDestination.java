package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A REST API that an activation sends added, changed and removed rows to. */
public record HttpDestination(
        String connection,
        HttpWriteMode mode,
        HttpRequestSpec insert,
        HttpRequestSpec update,
        HttpRequestSpec delete,
        Integer concurrency,
        RemovalLimit maxRemove) implements DestinationSpec {

    public static final int DEFAULT_CONCURRENCY = 4;

    public HttpDestination {
        mode = mode == null ? HttpWriteMode.UPSERT : mode;
        concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
        maxRemove = maxRemove == null ? RemovalLimit.DEFAULT : maxRemove;
    }

    public enum HttpWriteMode {
        @JsonProperty("insert") INSERT,
        @JsonProperty("update") UPDATE,
        @JsonProperty("upsert") UPSERT,
        @JsonProperty("mirror") MIRROR
    }
}
