package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ConnectionType {
    @JsonProperty("http") HTTP,
    @JsonProperty("postgres") POSTGRES
}
