package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/webhooks/syncs/<id>} starts an incremental poll of the sync at once. The request
 * is verified with {@code secret}: its {@code header} holds the hex HMAC-SHA256 of the body
 * (optionally prefixed {@code sha256=}), or, with {@code verify: token}, the secret itself. The
 * body is never read as data. Requests within {@code debounce} of the first make one poll.
 */
public record WebhookSpec(Secret secret, Verification verify, String header, DurationSpec debounce) {
    public static final String DEFAULT_HEADER = "X-Caravan-Signature";

    public WebhookSpec {
        verify = verify == null ? Verification.HMAC_SHA256 : verify;
        header = header == null ? DEFAULT_HEADER : header;
        debounce = debounce == null ? DurationSpec.parse("250ms") : debounce;
    }

    public enum Verification {
        @JsonProperty("hmac-sha256") HMAC_SHA256,
        @JsonProperty("token") TOKEN
    }
}
