package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How requests to an HTTP connection authenticate. Which fields apply depends on {@link #type()};
 * the schema enforces the required ones per type.
 */
public record AuthSpec(
        AuthType type,
        Secret token,
        String username,
        Secret password,
        String header,
        Secret value,
        String tokenUrl,
        String clientId,
        Secret clientSecret,
        String scope) {

    public static final AuthSpec NONE = new AuthSpec(AuthType.NONE, null, null, null, null, null, null, null, null, null);

    public enum AuthType {
        @JsonProperty("none") NONE,
        @JsonProperty("bearer") BEARER,
        @JsonProperty("basic") BASIC,
        @JsonProperty("header") HEADER,
        @JsonProperty("oauth2") OAUTH2
    }
}
